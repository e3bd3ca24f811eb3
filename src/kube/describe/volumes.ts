// describeVolumes (kubectl 1.33) for the volume sources pods commonly use. Rare legacy
// sources (iSCSI, RBD, Cinder, …) print kubectl's "<unknown>" line instead of their details.
import type { Pod } from '../types.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './prefixWriter.js';
import { canonicalQuantity, tryParseQuantity } from '../quantity.js';

export type Volume = NonNullable<NonNullable<Pod['spec']>['volumes']>[number];

const MAX_ATTRIBUTE_LEN = 140;

/** Lines after the first at LEVEL_2 carry their own 4-space indent, as kubectl's format strings do. */
function fields(w: PrefixWriter, type: string, pairs: [string, unknown][]): void {
  let text = `Type:\t${type}\n`;
  for (const [k, v] of pairs) text += `    ${k}:\t${goValue(v)}\n`;
  w.write(LEVEL_2, text);
}

/** fmt's %v for the scalars these sources hold. */
function goValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  return String(v);
}

/** A CSI source's VolumeAttributes, sorted, each cut at 140 characters (pod volumes and PersistentVolumes alike). */
export function writeCsiAttributes(w: PrefixWriter, attributes: { [k: string]: string } | undefined): void {
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  const keys = Object.keys(attributes ?? {}).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_2, '\t');
    const line = `${key}=${attributes![key]}`;
    w.write(LEVEL_2, line.length > MAX_ATTRIBUTE_LEN ? `${line.slice(0, MAX_ATTRIBUTE_LEN)}...\n` : `${line}\n`);
  });
}

/** One volume source's lines (describeVolumes' switch), also used for the PersistentVolume sources whose printer is the pod volume's. */
export function writeVolume(w: PrefixWriter, v: Volume): void {
  if (v.hostPath) {
    fields(w, 'HostPath (bare host directory volume)', [
      ['Path', v.hostPath.path],
      ['HostPathType', v.hostPath.type ?? '<none>'],
    ]);
  } else if (v.emptyDir) {
    const limit = v.emptyDir.sizeLimit;
    const q = limit !== undefined ? tryParseQuantity(limit) : undefined;
    fields(w, "EmptyDir (a temporary directory that shares a pod's lifetime)", [
      ['Medium', v.emptyDir.medium ?? ''],
      ['SizeLimit', q && q.nanos > 0n ? canonicalQuantity(limit!) : '<unset>'],
    ]);
  } else if (v.gcePersistentDisk) {
    const g = v.gcePersistentDisk;
    fields(w, 'GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)', [
      ['PDName', g.pdName],
      ['FSType', g.fsType ?? ''],
      ['Partition', g.partition ?? 0],
      ['ReadOnly', g.readOnly ?? false],
    ]);
  } else if (v.awsElasticBlockStore) {
    const a = v.awsElasticBlockStore;
    fields(w, 'AWSElasticBlockStore (a Persistent Disk resource in AWS)', [
      ['VolumeID', a.volumeID],
      ['FSType', a.fsType ?? ''],
      ['Partition', a.partition ?? 0],
      ['ReadOnly', a.readOnly ?? false],
    ]);
  } else if (v.gitRepo) {
    fields(w, 'GitRepo (a volume that is pulled from git when the pod is created)', [
      ['Repository', v.gitRepo.repository],
      ['Revision', v.gitRepo.revision ?? ''],
    ]);
  } else if (v.secret) {
    fields(w, 'Secret (a volume populated by a Secret)', [
      ['SecretName', v.secret.secretName ?? ''],
      ['Optional', v.secret.optional === true],
    ]);
  } else if (v.configMap) {
    fields(w, 'ConfigMap (a volume populated by a ConfigMap)', [
      ['Name', v.configMap.name ?? ''],
      ['Optional', v.configMap.optional === true],
    ]);
  } else if (v.nfs) {
    fields(w, 'NFS (an NFS mount that lasts the lifetime of a pod)', [
      ['Server', v.nfs.server],
      ['Path', v.nfs.path],
      ['ReadOnly', v.nfs.readOnly ?? false],
    ]);
  } else if (v.persistentVolumeClaim) {
    fields(w, 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', [
      ['ClaimName', v.persistentVolumeClaim.claimName],
      ['ReadOnly', v.persistentVolumeClaim.readOnly ?? false],
    ]);
  } else if (v.ephemeral) {
    // The claim template's details (printPersistentVolumeClaim) are not rendered.
    w.write(
      LEVEL_2,
      'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n',
    );
  } else if (v.downwardAPI) {
    w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else if (v.projected) {
    w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const s of v.projected.sources ?? []) {
      if (s.secret) {
        w.write(LEVEL_2, `SecretName:\t${s.secret.name ?? ''}\n    Optional:\t${s.secret.optional === true}\n`);
      } else if (s.downwardAPI) {
        w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
      } else if (s.configMap) {
        w.write(LEVEL_2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    Optional:\t${s.configMap.optional === true}\n`);
      } else if (s.serviceAccountToken) {
        w.write(LEVEL_2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 0}\n`);
      }
    }
  } else if (v.csi) {
    fields(w, 'CSI (a Container Storage Interface (CSI) volume source)', [
      ['Driver', v.csi.driver],
      ['FSType', v.csi.fsType ?? ''],
      ['ReadOnly', v.csi.readOnly === true],
    ]);
    writeCsiAttributes(w, v.csi.volumeAttributes);
  } else if (v.image) {
    fields(w, 'Image (a container image or OCI artifact)', [
      ['Reference', v.image.reference ?? ''],
      ['PullPolicy', v.image.pullPolicy ?? ''],
    ]);
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

/** `space`: "  " under a pod template (describeVolumes' space; names one space further in). */
export function writeVolumes(w: PrefixWriter, volumes: readonly Volume[] | undefined, space = ''): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${v.name}:\n`);
    writeVolume(w, v);
  }
}
