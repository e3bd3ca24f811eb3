// A StatefulSet pod's claims (stateful_set_utils.go getPersistentVolumeClaims, updateStorage):
// one per volumeClaimTemplate, named `<template>-<sts>-<ordinal>`, in the set's namespace,
// labelled with the template's labels and the set's selector matchLabels; the pod's volume of
// the template's name points at it. With persistentVolumeClaimRetentionPolicy.whenDeleted:
// Delete the claim is owned by the set, so the garbage collector removes it with the set;
// the default (Retain) leaves it, which is how a replacement pod finds its volume again.
import type { OwnerReference, PersistentVolumeClaim, PodSpec, StatefulSet } from '../../kube/types.js';

export function claimName(templateName: string, setName: string, ordinal: number): string {
  return `${templateName}-${setName}-${ordinal}`;
}

export function claimsForPod(sts: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  const setName = sts.metadata?.name ?? '';
  const selectorLabels = sts.spec?.selector?.matchLabels ?? {};
  const owner: OwnerReference | undefined =
    sts.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete'
      ? { apiVersion: 'apps/v1', kind: 'StatefulSet', name: setName, uid: sts.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }
      : undefined;
  return (sts.spec?.volumeClaimTemplates ?? []).map((template) => {
    const meta = template.metadata ?? {};
    const name = claimName(meta.name ?? '', setName, ordinal);
    return {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name,
        namespace: sts.metadata?.namespace,
        labels: { ...(meta.labels ?? {}), ...selectorLabels },
        ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
        ...(owner ? { ownerReferences: [owner] } : {}),
      },
      spec: structuredClone(template.spec ?? {}),
    };
  });
}

/** updateStorage: the claims' volumes first (template order), then the template's other volumes. */
export function withClaimVolumes(sts: StatefulSet, ordinal: number, spec: PodSpec): PodSpec {
  const templates = sts.spec?.volumeClaimTemplates ?? [];
  if (templates.length === 0) return spec;
  const names = new Set(templates.map((t) => t.metadata?.name ?? ''));
  const setName = sts.metadata?.name ?? '';
  const claimVolumes = templates.map((t) => ({
    name: t.metadata?.name ?? '',
    persistentVolumeClaim: { claimName: claimName(t.metadata?.name ?? '', setName, ordinal) },
  }));
  return { ...spec, volumes: [...claimVolumes, ...(spec.volumes ?? []).filter((v) => !names.has(v.name))] };
}
