// The part of the kubelet's makeEnvironmentVariables (k/k pkg/kubelet/kubelet_pods.go) that
// can fail a container's start: envFrom (configMapRef, secretRef) first, then env's
// configMapKeyRef and secretKeyRef, in order; the first object or key that is missing and not
// `optional` is the container's CreateContainerConfigError. Returns the variables it read
// (literal values with their `$(VAR)` references expanded, those from ConfigMaps and Secrets,
// and, given the pod's downward source, fieldRef and resourceFieldRef), or the error.
import type { Container } from '../../kube/types.js';
import { configMapNotFound, secretNotFound, type ConfigSources } from './configSources.js';
import { expandEnvRefs, fieldRefValue, resourceFieldValue, type DownwardSource } from './downwardEnv.js';

export type EnvResult = { readonly env: ReadonlyMap<string, string>; readonly error?: undefined } | { readonly error: string };

/** `serviceEnv` (the service variables) fills in what envFrom and env do not set. */
export function containerEnv(
  namespace: string,
  c: Container,
  sources: ConfigSources,
  serviceEnv: readonly [string, string][] = [],
  downward?: DownwardSource,
): EnvResult {
  const env = new Map<string, string>();
  const services = new Map(serviceEnv);
  const lookup = (name: string): string | undefined => env.get(name) ?? services.get(name);
  for (const from of c.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const name = from.configMapRef.name ?? '';
      const cm = sources.configMap(namespace, name);
      if (!cm) {
        if (from.configMapRef.optional === true) continue;
        return { error: configMapNotFound(name) };
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) env.set(prefix + k, v);
    } else if (from.secretRef) {
      const name = from.secretRef.name ?? '';
      const secret = sources.secret(namespace, name);
      if (!secret) {
        if (from.secretRef.optional === true) continue;
        return { error: secretNotFound(name) };
      }
      for (const [k, v] of Object.entries(secret.data ?? {})) env.set(prefix + k, Buffer.from(v, 'base64').toString('utf8'));
    }
  }
  for (const e of c.env ?? []) {
    const ref = e.valueFrom;
    if (e.value || !ref) {
      env.set(e.name, expandEnvRefs(e.value ?? '', lookup));
      continue;
    }
    if (ref.configMapKeyRef) {
      const { name = '', key, optional } = ref.configMapKeyRef;
      const cm = sources.configMap(namespace, name);
      if (!cm) {
        if (optional === true) continue;
        return { error: configMapNotFound(name) };
      }
      const value = cm.data?.[key];
      if (value === undefined) {
        if (optional === true) continue;
        return { error: `couldn't find key ${key} in ConfigMap ${namespace}/${name}` };
      }
      env.set(e.name, value);
    } else if (ref.secretKeyRef) {
      const { name = '', key, optional } = ref.secretKeyRef;
      const secret = sources.secret(namespace, name);
      if (!secret) {
        if (optional === true) continue;
        return { error: secretNotFound(name) };
      }
      const value = secret.data?.[key];
      if (value === undefined) {
        if (optional === true) continue;
        return { error: `couldn't find key ${key} in Secret ${namespace}/${name}` };
      }
      env.set(e.name, Buffer.from(value, 'base64').toString('utf8'));
    } else if (ref.fieldRef && downward) {
      const value = fieldRefValue(downward, ref.fieldRef.fieldPath);
      if (value !== undefined) env.set(e.name, value);
    } else if (ref.resourceFieldRef && downward) {
      const value = resourceFieldValue(downward, c, ref.resourceFieldRef);
      if (value !== undefined) env.set(e.name, value);
    }
  }
  for (const [k, v] of serviceEnv) if (!env.has(k)) env.set(k, v);
  return { env };
}
