// Storage facts shared by printers, controllers and the TUI: the class a claim or volume
// names (k/k pkg/apis/core/helper GetPersistentVolumeClass/GetPersistentVolumeClaimClass,
// the beta annotation first), access modes as kubectl abbreviates them
// (GetAccessModesAsString), and which StorageClass is the default (storageutil.IsDefaultAnnotation).
import type { ObjectMeta, PersistentVolume, PersistentVolumeClaim } from './types.js';

export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

/** The class a PersistentVolume belongs to ("" for none). */
export function volumeClass(pv: PersistentVolume): string {
  const beta = pv.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  if (beta !== undefined) return beta;
  return pv.spec?.storageClassName ?? '';
}

/** The class a claim asks for ("" for none; an unset class is filled by the default-class admission). */
export function claimClass(pvc: PersistentVolumeClaim): string {
  const beta = pvc.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  if (beta !== undefined) return beta;
  return pvc.spec?.storageClassName ?? '';
}

const MODE_ABBREVIATIONS: readonly (readonly [string, string])[] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** `RWO,ROX,RWX,RWOP` in that fixed order, duplicates and unknown modes dropped. */
export function accessModesText(modes: readonly string[] | undefined): string {
  const have = new Set(modes ?? []);
  return MODE_ABBREVIATIONS.filter(([mode]) => have.has(mode))
    .map(([, short]) => short)
    .join(',');
}

/** Whether a StorageClass's metadata marks it the default (GA or beta annotation set to "true"). */
export function isDefaultClass(meta: ObjectMeta | undefined): boolean {
  const a = meta?.annotations ?? {};
  return a[DEFAULT_CLASS_ANNOTATION] === 'true' || a[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
}
