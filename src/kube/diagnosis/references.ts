// The objects a pod names in its namespace: ConfigMaps and Secrets (env, envFrom, volumes,
// projected sources, image pull secrets) and PersistentVolumeClaims. Diagnosis looks them up
// to say whether a missing one has appeared since.
import type { Pod } from '../types.js';

export interface PodReferences {
  ConfigMap: string[];
  Secret: string[];
  PersistentVolumeClaim: string[];
}

export function podReferences(pod: Pod): PodReferences {
  const cm = new Set<string>();
  const secret = new Set<string>();
  const pvc = new Set<string>();
  const spec = pod.spec ?? { containers: [] };
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef?.name) cm.add(e.valueFrom.configMapKeyRef.name);
      if (e.valueFrom?.secretKeyRef?.name) secret.add(e.valueFrom.secretKeyRef.name);
    }
    for (const f of c.envFrom ?? []) {
      if (f.configMapRef?.name) cm.add(f.configMapRef.name);
      if (f.secretRef?.name) secret.add(f.secretRef.name);
    }
  }
  for (const v of spec.volumes ?? []) {
    if (v.configMap?.name) cm.add(v.configMap.name);
    if (v.secret?.secretName) secret.add(v.secret.secretName);
    if (v.persistentVolumeClaim?.claimName) pvc.add(v.persistentVolumeClaim.claimName);
    for (const s of v.projected?.sources ?? []) {
      if (s.configMap?.name) cm.add(s.configMap.name);
      if (s.secret?.name) secret.add(s.secret.name);
    }
  }
  for (const s of spec.imagePullSecrets ?? []) if (s.name) secret.add(s.name);
  return { ConfigMap: [...cm], Secret: [...secret], PersistentVolumeClaim: [...pvc] };
}
