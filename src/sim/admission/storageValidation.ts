// PersistentVolumeClaim, PersistentVolume and StorageClass: the scheme's defaulters, the
// DefaultStorageClass admission plugin, and the validation of k/k pkg/apis/core/validation
// (ValidatePersistentVolumeClaim[Update], ValidatePersistentVolume) and pkg/apis/storage/
// validation (ValidateStorageClass[Update]), with upstream's field paths and texts.
import { compareQuantities, canonicalQuantity, tryParseQuantity } from '../../kube/quantity.js';
import { BETA_STORAGE_CLASS_ANNOTATION, isDefaultClass } from '../../kube/storage.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../kube/types.js';
import type { Store } from '../store.js';
import { forbidden, invalidValue, notSupported, required, type FieldError } from './fieldErrors.js';
import { jsonEqual, specDiff } from './specDiff.js';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

function accessModeErrors(path: string, modes: readonly string[] | undefined): FieldError[] {
  if (!modes || modes.length === 0) return [required(path, 'at least 1 access mode is required')];
  const errs: FieldError[] = [];
  for (const mode of modes) if (!ACCESS_MODES.includes(mode)) errs.push(notSupported(path, mode, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) errs.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function storageQuantityErrors(path: string, q: string | number | undefined): FieldError[] {
  if (q === undefined) return [required(path, '')];
  const parsed = tryParseQuantity(q);
  if (!parsed) return [invalidValue(path, String(q), 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'')];
  if (compareQuantities(q, 0) <= 0) return [invalidValue(path, canonicalQuantity(q), 'must be greater than zero')];
  return [];
}

/** The newest default StorageClass (GetDefaultClass: latest creationTimestamp, then name). */
export function defaultStorageClass(store: Store): StorageClass | undefined {
  let best: StorageClass | undefined;
  for (const sc of store.list('StorageClass').items) {
    if (!isDefaultClass(sc.metadata)) continue;
    if (!best) {
      best = sc;
      continue;
    }
    const a = sc.metadata?.creationTimestamp ?? '';
    const b = best.metadata?.creationTimestamp ?? '';
    if (a > b || (a === b && (sc.metadata?.name ?? '') < (best.metadata?.name ?? ''))) best = sc;
  }
  return best;
}

/** The StorageObjectInUseProtection admission plugin's finalizer. */
function addFinalizer(obj: PersistentVolumeClaim | PersistentVolume, finalizer: string): void {
  const meta = (obj.metadata ??= {});
  if (!meta.finalizers?.includes(finalizer)) meta.finalizers = [...(meta.finalizers ?? []), finalizer];
}

function canonicalRequests(pvc: PersistentVolumeClaim): void {
  const requests = pvc.spec?.resources?.requests;
  if (!requests) return;
  for (const [k, v] of Object.entries(requests)) if (tryParseQuantity(v)) requests[k] = canonicalQuantity(v);
}

export function defaultAndValidateClaim(pvc: PersistentVolumeClaim, store: Store): FieldError[] {
  const spec = (pvc.spec ??= {});
  spec.volumeMode ??= 'Filesystem';
  // DefaultStorageClass admission: an unset class (nil, not "") gets the default class.
  if (spec.storageClassName === undefined && pvc.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] === undefined) {
    const def = defaultStorageClass(store);
    if (def?.metadata?.name) spec.storageClassName = def.metadata.name;
  }
  canonicalRequests(pvc);
  addFinalizer(pvc, 'kubernetes.io/pvc-protection');
  pvc.status = { phase: 'Pending' };
  const errs = accessModeErrors('spec.accessModes', spec.accessModes);
  errs.push(...storageQuantityErrors('spec.resources[storage]', spec.resources?.requests?.['storage']));
  if (spec.volumeMode && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
  return errs;
}

export function defaultClaimUpdate(pvc: PersistentVolumeClaim): void {
  if (pvc.spec) pvc.spec.volumeMode ??= 'Filesystem';
  canonicalRequests(pvc);
}

/**
 * ValidatePersistentVolumeClaimUpdate: the spec is immutable except volumeName (set once, by
 * the binder) and, for a bound claim, resources.requests, which may only grow.
 */
export function validateClaimUpdate(next: PersistentVolumeClaim, old: PersistentVolumeClaim): FieldError[] {
  const oldSpec = structuredClone(old.spec ?? {});
  const newSpec = structuredClone(next.spec ?? {});
  if (!oldSpec.volumeName) oldSpec.volumeName = newSpec.volumeName;
  if (oldSpec.volumeName === undefined) delete oldSpec.volumeName;
  const errs: FieldError[] = [];
  if (next.status?.phase === 'Bound' && newSpec.resources?.requests) {
    const oldStorage = old.spec?.resources?.requests?.['storage'];
    if (oldStorage === undefined) delete newSpec.resources.requests['storage'];
    else newSpec.resources.requests['storage'] = oldStorage;
  }
  if (!jsonEqual(oldSpec, newSpec)) {
    errs.push(forbidden('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${specDiff(oldSpec, newSpec, 'core.PersistentVolumeClaimSpec')}`));
  }
  const oldSize = old.spec?.resources?.requests?.['storage'];
  const newSize = next.spec?.resources?.requests?.['storage'];
  if (oldSize !== undefined && newSize !== undefined && tryParseQuantity(newSize) && compareQuantities(newSize, oldSize) < 0) {
    errs.push(forbidden('spec.resources.requests.storage', 'field can not be less than previous value'));
  }
  errs.push(...storageQuantityErrors('spec.resources[storage]', newSize));
  return errs;
}

const VOLUME_SOURCES = ['hostPath', 'local', 'nfs', 'csi', 'iscsi', 'fc', 'cephfs', 'rbd', 'azureFile', 'azureDisk', 'gcePersistentDisk', 'awsElasticBlockStore', 'cinder', 'flexVolume', 'glusterfs', 'portworxVolume', 'scaleIO', 'storageos', 'vsphereVolume', 'quobyte', 'flocker', 'photonPersistentDisk'] as const;

export function defaultAndValidateVolume(pv: PersistentVolume): FieldError[] {
  const spec = (pv.spec ??= {});
  spec.persistentVolumeReclaimPolicy ??= 'Retain';
  spec.volumeMode ??= 'Filesystem';
  // SetDefaults_HostPathVolumeSource: an unset type is HostPathUnset ("").
  if (spec.hostPath && spec.hostPath.type === undefined) spec.hostPath.type = '';
  addFinalizer(pv, 'kubernetes.io/pv-protection');
  pv.status = { phase: 'Pending' };
  const capacity = spec.capacity;
  if (capacity) for (const [k, v] of Object.entries(capacity)) if (tryParseQuantity(v)) capacity[k] = canonicalQuantity(v);
  const errs = accessModeErrors('spec.accessModes', spec.accessModes);
  if (!capacity || Object.keys(capacity).length === 0) errs.push(required('spec.capacity', ''));
  else errs.push(...storageQuantityErrors('spec.capacity[storage]', capacity['storage']));
  if (!RECLAIM_POLICIES.includes(spec.persistentVolumeReclaimPolicy)) errs.push(notSupported('spec.persistentVolumeReclaimPolicy', spec.persistentVolumeReclaimPolicy, RECLAIM_POLICIES));
  const sources = VOLUME_SOURCES.filter((s) => (spec as Record<string, unknown>)[s] !== undefined);
  if (sources.length === 0) errs.push(required('spec', 'must specify a volume type'));
  else if (sources.length > 1) errs.push(forbidden(`spec.${sources[1]}`, 'may not specify more than 1 volume type'));
  if (spec.volumeMode && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
  return errs;
}

/** ValidatePersistentVolumeUpdate: the volume source and volumeMode are immutable. */
export function validateVolumeUpdate(next: PersistentVolume, old: PersistentVolume): FieldError[] {
  const errs: FieldError[] = [];
  for (const s of VOLUME_SOURCES) {
    const a = JSON.stringify((old.spec as Record<string, unknown> | undefined)?.[s] ?? null);
    const b = JSON.stringify((next.spec as Record<string, unknown> | undefined)?.[s] ?? null);
    if (a !== b) errs.push(forbidden('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'));
  }
  if ((old.spec?.volumeMode ?? 'Filesystem') !== (next.spec?.volumeMode ?? 'Filesystem')) errs.push(invalidValue('spec.volumeMode', next.spec?.volumeMode ?? 'Filesystem', 'field is immutable'));
  return errs.filter((e, i) => errs.findIndex((o) => o.message === e.message) === i);
}

export function defaultAndValidateStorageClass(sc: StorageClass): FieldError[] {
  sc.reclaimPolicy ??= 'Delete';
  sc.volumeBindingMode ??= 'Immediate';
  const errs: FieldError[] = [];
  if (!sc.provisioner) errs.push(required('provisioner', ''));
  if (!['Delete', 'Retain'].includes(sc.reclaimPolicy)) errs.push(notSupported('reclaimPolicy', sc.reclaimPolicy, ['Delete', 'Retain']));
  if (!BINDING_MODES.includes(sc.volumeBindingMode)) errs.push(notSupported('volumeBindingMode', sc.volumeBindingMode, BINDING_MODES));
  return errs;
}

/** ValidateStorageClassUpdate: parameters, provisioner and reclaimPolicy never change; volumeBindingMode is immutable. */
export function validateStorageClassUpdate(next: StorageClass, old: StorageClass): FieldError[] {
  const errs: FieldError[] = [];
  if (!jsonEqual(old.parameters ?? {}, next.parameters ?? {})) errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
  if (old.provisioner !== next.provisioner) errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if ((old.reclaimPolicy ?? 'Delete') !== (next.reclaimPolicy ?? 'Delete')) errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  if ((old.volumeBindingMode ?? 'Immediate') !== (next.volumeBindingMode ?? 'Immediate')) errs.push(invalidValue('volumeBindingMode', next.volumeBindingMode ?? '', 'field is immutable'));
  return errs;
}
