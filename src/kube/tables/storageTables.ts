// printPersistentVolume, printPersistentVolumeClaim and printStorageClass (k/k pkg/printers/
// internalversion/printers.go): the columns kubectl shows for pv, pvc and sc.
import { since } from '../duration.js';
import { canonicalQuantity, tryParseQuantity } from '../quantity.js';
import { accessModesText, claimClass, isDefaultClass, volumeClass } from '../storage.js';
import { column, type TableColumnDefinition } from '../table.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../types.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';

/** A storage quantity as resource.Quantity.String() prints it ("0" when unset). */
function storageText(q: string | number | undefined): string {
  if (q === undefined || tryParseQuantity(q) === undefined) return '0';
  return canonicalQuantity(q);
}

export const PERSISTENT_VOLUME_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Capacity', 'string', "capacity is the description of the persistent volume's resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity"),
  column('Access Modes', 'string', 'accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes'),
  column(
    'Reclaim Policy',
    'string',
    'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim. Valid options are Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle (deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming',
  ),
  column('Status', 'string', 'phase indicates if a volume is available, bound to a claim, or released by a claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase'),
  column(
    'Claim',
    'string',
    'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding',
  ),
  column('StorageClass', 'string', 'StorageClass of the pv'),
  column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
  column('Reason', 'string', 'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.'),
  AGE_COLUMN,
  column('VolumeMode', 'string', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec.', 1),
];

export function persistentVolumeCells(pv: PersistentVolume, nowMs: number): (string | number)[] {
  const ref = pv.spec?.claimRef;
  const phase = pv.metadata?.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? '');
  return [
    pv.metadata?.name ?? '',
    storageText(pv.spec?.capacity?.['storage']),
    accessModesText(pv.spec?.accessModes),
    pv.spec?.persistentVolumeReclaimPolicy ?? '',
    phase,
    ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
    volumeClass(pv),
    pv.spec?.volumeAttributesClassName ?? '<unset>',
    pv.status?.reason ?? '',
    since(pv.metadata?.creationTimestamp, nowMs),
    pv.spec?.volumeMode ?? '<unset>',
  ];
}

export const PERSISTENT_VOLUME_CLAIM_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'),
  column('Volume', 'string', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
  column('Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'),
  column('Access Modes', 'string', 'accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1'),
  column('StorageClass', 'string', 'StorageClass of the pvc'),
  column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
  AGE_COLUMN,
  column('VolumeMode', 'string', 'volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.', 1),
];

export function persistentVolumeClaimCells(pvc: PersistentVolumeClaim, nowMs: number): (string | number)[] {
  const bound = Boolean(pvc.spec?.volumeName);
  const phase = pvc.metadata?.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? '');
  return [
    pvc.metadata?.name ?? '',
    phase,
    pvc.spec?.volumeName ?? '',
    bound ? storageText(pvc.status?.capacity?.['storage']) : '',
    bound ? accessModesText(pvc.status?.accessModes) : '',
    claimClass(pvc),
    pvc.spec?.volumeAttributesClassName ?? '<unset>',
    since(pvc.metadata?.creationTimestamp, nowMs),
    pvc.spec?.volumeMode ?? '<unset>',
  ];
}

export const STORAGE_CLASS_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Provisioner', 'string', 'provisioner indicates the type of the provisioner.'),
  column('ReclaimPolicy', 'string', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.'),
  column(
    'VolumeBindingMode',
    'string',
    'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature.',
  ),
  column('AllowVolumeExpansion', 'string', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
  AGE_COLUMN,
];

export function storageClassCells(sc: StorageClass, nowMs: number): (string | number | boolean)[] {
  const name = sc.metadata?.name ?? '';
  return [
    isDefaultClass(sc.metadata) ? `${name} (default)` : name,
    sc.provisioner ?? '',
    sc.reclaimPolicy ?? 'Delete',
    sc.volumeBindingMode ?? 'Immediate',
    sc.allowVolumeExpansion ?? false,
    since(sc.metadata?.creationTimestamp, nowMs),
  ];
}
