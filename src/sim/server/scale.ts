// The scale subresource (autoscaling/v1 Scale) of the kinds the catalog marks scalable
// (Deployments, ReplicaSets, StatefulSets), which `kubectl scale` reads and patches.
import { CATALOG, KINDS } from '../../kube/catalog/index.js';
import { labelSelectorFromSpec } from '../../kube/labels/selector.js';
import type { Kind, KindMap } from '../../kube/types.js';
import type { SimApi, WriteOptions } from '../api.js';
import { badRequest } from '../../kube/apiError.js';

/** The kinds with a /scale subresource, from the catalog. */
export const SCALABLE: ReadonlySet<Kind> = new Set<Kind>(KINDS.filter((k) => CATALOG[k].subresources.scale));

type Scalable = KindMap['Deployment'] | KindMap['ReplicaSet'] | KindMap['StatefulSet'];

export interface Scale {
  kind: 'Scale';
  apiVersion: 'autoscaling/v1';
  metadata: { name?: string; namespace?: string; uid?: string; resourceVersion?: string; creationTimestamp?: string };
  spec: { replicas: number };
  status: { replicas: number; selector?: string };
}

export function scaleOf(obj: Scalable): Scale {
  const m = obj.metadata ?? {};
  const selector = labelSelectorFromSpec(obj.spec?.selector).toString();
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: obj.spec?.replicas ?? 1 },
    status: { replicas: obj.status?.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

/** Writes a Scale back as the object's spec.replicas (optimistic concurrency on its resourceVersion). */
export function applyScale(api: SimApi, kind: Kind, namespace: string | undefined, name: string, scale: Scale, write: WriteOptions = {}): Scale {
  const replicas = scale.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw badRequest(`Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${String(replicas)}: must be greater than or equal to 0`);
  }
  const current = api.get(kind, namespace, name) as Scalable;
  const next = {
    ...current,
    metadata: { ...current.metadata, resourceVersion: scale.metadata?.resourceVersion || current.metadata?.resourceVersion },
    spec: { ...current.spec, replicas },
  } as KindMap[typeof kind];
  return scaleOf(api.update(kind, next, write) as Scalable);
}
