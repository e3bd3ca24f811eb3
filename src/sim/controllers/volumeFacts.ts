// What the PV controller, the provisioner, the protection controllers and the scheduler
// share about claims and volumes: upstream's annotation and finalizer names
// (pkg/controller/volume/persistentvolume/util, component-helpers storage/volume), the
// binding-mode and provisioner facts of a claim's class, and checkVolumeSatisfyClaim.
import { labelSelectorFromSpec } from '../../kube/labels/selector.js';
import { compareQuantities, tryParseQuantity } from '../../kube/quantity.js';
import { claimClass, volumeClass } from '../../kube/storage.js';
import type { PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../../kube/types.js';
import type { Store } from '../store.js';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';
/** The provisioner name of classes whose volumes are only ever created by hand (local volumes). */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
export const PV_CONTROLLER = 'persistentvolume-controller';

export function storageClassOf(store: Store, pvc: PersistentVolumeClaim): StorageClass | undefined {
  const name = claimClass(pvc);
  return name ? store.get('StorageClass', undefined, name) : undefined;
}

/** IsDelayBindingMode: the claim's class exists and binds WaitForFirstConsumer. */
export function isDelayBinding(store: Store, pvc: PersistentVolumeClaim): boolean {
  return storageClassOf(store, pvc)?.volumeBindingMode === 'WaitForFirstConsumer';
}

export function isClaimBound(pvc: PersistentVolumeClaim): boolean {
  return Boolean(pvc.spec?.volumeName) && pvc.status?.phase === 'Bound';
}

/** The claim names a pod's volumes refer to, in spec order. */
export function podClaimNames(pod: Pod): string[] {
  const names: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const claim = v.persistentVolumeClaim?.claimName;
    if (claim && !names.includes(claim)) names.push(claim);
  }
  return names;
}

/** Whether the PV's claimRef names this claim (by uid when the ref carries one). */
export function refersToClaim(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref || ref.name !== pvc.metadata?.name || (ref.namespace ?? '') !== (pvc.metadata?.namespace ?? '')) return false;
  return !ref.uid || ref.uid === pvc.metadata?.uid;
}

/**
 * checkVolumeSatisfyClaim: capacity at least the request, the same class and volume mode,
 * every requested access mode offered; plus the claim's selector on the volume's labels.
 * Undefined when it fits, else upstream's reason.
 */
export function volumeMismatch(pv: PersistentVolume, pvc: PersistentVolumeClaim): string | undefined {
  const request = pvc.spec?.resources?.requests?.['storage'];
  const capacity = pv.spec?.capacity?.['storage'];
  if (request !== undefined && tryParseQuantity(request)) {
    if (capacity === undefined || !tryParseQuantity(capacity) || compareQuantities(capacity, request) < 0) return 'requested PV is too small';
  }
  if (volumeClass(pv) !== claimClass(pvc)) return 'storageClassName does not match';
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) return 'incompatible volumeMode';
  const offered = new Set(pv.spec?.accessModes ?? []);
  if (!(pvc.spec?.accessModes ?? []).every((m) => offered.has(m))) return 'incompatible accessMode';
  if (pvc.spec?.selector) {
    try {
      if (!labelSelectorFromSpec(pvc.spec.selector).matches(pv.metadata?.labels ?? {})) return 'selector does not match';
    } catch {
      return 'selector does not match';
    }
  }
  return undefined;
}
