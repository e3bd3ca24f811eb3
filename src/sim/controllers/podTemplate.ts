// controller.GetPodFromTemplate: a new pod's metadata and spec from a workload's template.
import type { ObjectMeta, OwnerReference, Pod, PodTemplateSpec } from '../../kube/types.js';

export interface PodNaming {
  name?: string;
  generateName?: string;
}

export function podFromTemplate(
  template: PodTemplateSpec | undefined,
  namespace: string,
  ref: OwnerReference,
  naming: PodNaming,
  extra: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] } = {},
): Pod {
  const t = structuredClone(template ?? {});
  const labels = { ...(t.metadata?.labels ?? {}), ...(extra.labels ?? {}) };
  const annotations = { ...(t.metadata?.annotations ?? {}), ...(extra.annotations ?? {}) };
  const finalizers = [...(t.metadata?.finalizers ?? []), ...(extra.finalizers ?? [])];
  const metadata: ObjectMeta = {
    ...naming,
    namespace,
    labels,
    ownerReferences: [ref],
  };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  if (finalizers.length) metadata.finalizers = finalizers;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: t.spec ?? { containers: [] } };
}
