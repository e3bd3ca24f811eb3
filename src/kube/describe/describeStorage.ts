// kubectl 1.33's describePersistentVolumeClaim, describePersistentVolume and
// describeStorageClass, byte for byte. A volume's source prints as kubectl prints it for
// HostPath, Local, NFS, CSI, GCEPersistentDisk and AWSElasticBlockStore; the other legacy
// in-tree sources (iSCSI, RBD, Cinder, …) print kubectl's "<unknown>" line instead of their details.
import { since } from '../duration.js';
import { canonicalQuantity } from '../quantity.js';
import { accessModesText, claimClass, isDefaultClass, volumeClass } from '../storage.js';
import { formatLabels } from '../tables/format.js';
import type { Event, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../types.js';
import { writeEvents } from './events.js';
import { writeAnnotations, writeLabels } from './metadata.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter } from './prefixWriter.js';
import { formatTimestamp, localZone, type ZoneOffset } from './timeFormat.js';
import { writeCsiAttributes, writeVolume, type Volume } from './volumes.js';

/** fmt's %v of a []string: `[a b]`, `[]` when empty. */
function goStringSlice(values: readonly string[] | undefined): string {
  return `[${(values ?? []).join(' ')}]`;
}

/** resource.Quantity's String() of a ResourceList entry; an absent one is the zero Quantity. */
function storageQuantity(list: { [k: string]: string | number } | undefined): string {
  const q = list?.storage;
  return q === undefined ? '0' : canonicalQuantity(q);
}

/**
 * getPodsForPVC: the namespace's pods with a volume naming the claim (once per such volume),
 * then the pods that own the claim and are not listed yet; printPodsMultiline sorts them by name.
 */
export function podsUsingClaim(pvc: PersistentVolumeClaim, namespacePods: readonly Pod[]): Pod[] {
  const name = pvc.metadata?.name ?? '';
  const pods: Pod[] = [];
  for (const pod of namespacePods) {
    for (const v of pod.spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName === name) pods.push(pod);
  }
  for (const ref of pvc.metadata?.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = namespacePods.find((p) => p.metadata?.uid === ref.uid);
    if (!owner || pods.some((p) => p.metadata?.uid === owner.metadata?.uid)) continue;
    pods.push(owner);
  }
  return pods;
}

function writePodsMultiline(w: PrefixWriter, title: string, pods: readonly Pod[]): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (pods.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const names = pods.map((p) => p.metadata?.name ?? '').sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  names.forEach((name, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${name}\n`);
  });
}

/** `namespacePods`: every pod of the claim's namespace (kubectl lists them all to find the users). */
export function describePersistentVolumeClaim(pvc: PersistentVolumeClaim, events: Event[], nowMs: number, namespacePods: readonly Pod[], zone: ZoneOffset = localZone): string {
  const w = new PrefixWriter();
  const meta = pvc.metadata ?? {};
  const spec = pvc.spec ?? {};
  const status = pvc.status ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  w.write(LEVEL_0, `StorageClass:\t${claimClass(pvc)}\n`);
  if (meta.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, nowMs)})\n`);
  else w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ''}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, meta.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goStringSlice(meta.finalizers)}\n`);
  // The claim's request is not shown: capacity and modes are the bound volume's, once there is one.
  const bound = (spec.volumeName ?? '') !== '';
  w.write(LEVEL_0, `Capacity:\t${bound ? storageQuantity(status.capacity) : ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${bound ? accessModesText(status.accessModes) : ''}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (spec.dataSource.apiGroup !== undefined) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind ?? ''}\n`);
    w.write(LEVEL_1, `Name:\t${spec.dataSource.name ?? ''}\n`);
  }
  writePodsMultiline(w, 'Used By', podsUsingClaim(pvc, namespacePods));
  const conditions = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${formatTimestamp(c.lastProbeTime as string | undefined, zone)} \t${formatTimestamp(c.lastTransitionTime as string | undefined, zone)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  writeEvents(w, events, nowMs);
  return w.toString();
}

function writeNodeAffinity(w: PrefixWriter, affinity: NonNullable<PersistentVolume['spec']>['nodeAffinity']): void {
  w.write(LEVEL_0, 'Node Affinity:\t');
  if (!affinity?.required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(LEVEL_1, 'Required Terms:\t');
  const terms = affinity.required.nodeSelectorTerms ?? [];
  if (terms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((term, i) => {
    w.write(LEVEL_2, `Term ${i}:\t`);
    const reqs = term.matchExpressions ?? [];
    if (reqs.length === 0) {
      w.writeLine('<none>');
      return;
    }
    reqs.forEach((req, j) => {
      if (j !== 0) w.write(LEVEL_2, '\t');
      const values = req.values ?? [];
      const expr = `${req.key} ${req.operator.toLowerCase()}${values.length > 0 ? ` [${values.join(', ')}]` : ''}`;
      w.write(LEVEL_0, `${expr}\n`);
    });
  });
}

/** The volume's source, in describePersistentVolume's switch order. */
function writePersistentVolumeSource(w: PrefixWriter, spec: NonNullable<PersistentVolume['spec']>): void {
  // These share the pod volume's type and printer.
  const shared: Volume = { name: '' };
  if (spec.hostPath) shared.hostPath = spec.hostPath;
  else if (spec.gcePersistentDisk) shared.gcePersistentDisk = spec.gcePersistentDisk;
  else if (spec.awsElasticBlockStore) shared.awsElasticBlockStore = spec.awsElasticBlockStore;
  else if (spec.nfs) shared.nfs = spec.nfs;
  if (shared.hostPath || shared.gcePersistentDisk || shared.awsElasticBlockStore || shared.nfs) {
    writeVolume(w, shared);
  } else if (spec.local) {
    w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path}\n`);
  } else if (spec.csi) {
    const csi = spec.csi;
    w.write(
      LEVEL_2,
      'Type:\tCSI (a Container Storage Interface (CSI) volume source)\n' +
        `    Driver:\t${csi.driver}\n    FSType:\t${csi.fsType ?? ''}\n    VolumeHandle:\t${csi.volumeHandle}\n    ReadOnly:\t${csi.readOnly === true}\n`,
    );
    writeCsiAttributes(w, csi.volumeAttributes);
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

export function describePersistentVolume(pv: PersistentVolume, events: Event[], nowMs: number): string {
  const w = new PrefixWriter();
  const meta = pv.metadata ?? {};
  const spec = pv.spec ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, meta.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goStringSlice(meta.finalizers)}\n`);
  w.write(LEVEL_0, `StorageClass:\t${volumeClass(pv)}\n`);
  if (meta.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, nowMs)})\n`);
  else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
  w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
  w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModesText(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(LEVEL_0, `Capacity:\t${storageQuantity(spec.capacity)}\n`);
  writeNodeAffinity(w, spec.nodeAffinity);
  w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(LEVEL_0, 'Source:\n');
  writePersistentVolumeSource(w, spec);
  writeEvents(w, events, nowMs);
  return w.toString();
}

/** printBoolPtr: True, False, or <unset>. */
function boolPtr(value: boolean | undefined): string {
  if (value === undefined || value === null) return '<unset>';
  return value ? 'True' : 'False';
}

export function describeStorageClass(sc: StorageClass, events: Event[], nowMs: number): string {
  const w = new PrefixWriter();
  const meta = sc.metadata ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultClass(meta) ? 'Yes' : 'No'}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(meta.annotations)}\n`);
  w.write(LEVEL_0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
  w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  w.write(LEVEL_0, `AllowVolumeExpansion:\t${boolPtr(sc.allowVolumeExpansion)}\n`);
  const options = sc.mountOptions ?? [];
  if (options.length === 0) {
    w.write(LEVEL_0, 'MountOptions:\t<none>\n');
  } else {
    w.write(LEVEL_0, 'MountOptions:\n');
    for (const option of options) w.write(LEVEL_1, `${option}\n`);
  }
  if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  if (sc.allowedTopologies) {
    w.write(LEVEL_0, 'AllowedTopologies:\t');
    if (sc.allowedTopologies.length === 0) {
      w.writeLine('<none>');
    } else {
      w.writeLine('');
      sc.allowedTopologies.forEach((term, i) => {
        w.write(LEVEL_1, `Term ${i}:\t`);
        const reqs = term.matchLabelExpressions ?? [];
        if (reqs.length === 0) {
          w.writeLine('<none>');
          return;
        }
        reqs.forEach((req, j) => {
          if (j !== 0) w.write(LEVEL_1, '\t');
          const values = req.values ?? [];
          w.write(LEVEL_0, `${req.key} in${values.length > 0 ? ` [${values.join(', ')}]` : ''}\n`);
        });
      });
    }
  }
  writeEvents(w, events, nowMs);
  return w.toString();
}
