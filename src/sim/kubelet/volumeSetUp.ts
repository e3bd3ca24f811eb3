// Whether a pod's volume can be set up now, and if not, the volume plugin's error
// (k/k pkg/volume/configmap, secret and projected SetUpAt with their MakePayload): a missing
// object that is not `optional`, or an item naming a key the object lacks. Volume kinds the
// simulator does not back with objects (emptyDir, hostPath, nfs, downwardAPI, the service
// account token) always set up. A persistentVolumeClaim volume is first processed by the
// desired-state populator (getPVCExtractPV): the claim must exist, not be deleting, be Bound.
import type { ConfigMap, Secret } from '../../kube/types.js';
import type { PodSpec } from '../../kube/types.js';
import { configMapNotFound, secretNotFound, type ConfigSources } from './configSources.js';

type Volume = NonNullable<PodSpec['volumes']>[number];
interface KeyToPath {
  key: string;
}

/** configmap.MakePayload's check: data and binaryData both count. */
function configMapItemsError(cm: ConfigMap | undefined, items: readonly KeyToPath[] | undefined, optional: boolean): string | undefined {
  for (const item of items ?? []) {
    const has = cm !== undefined && (Object.hasOwn(cm.data ?? {}, item.key) || Object.hasOwn(cm.binaryData ?? {}, item.key));
    if (!has && !optional) return `configmap references non-existent config key: ${item.key}`;
  }
  return undefined;
}

function secretItemsError(secret: Secret | undefined, items: readonly KeyToPath[] | undefined, optional: boolean): string | undefined {
  for (const item of items ?? []) {
    const has = secret !== undefined && Object.hasOwn(secret.data ?? {}, item.key);
    if (!has && !optional) return `references non-existent secret key: ${item.key}`;
  }
  return undefined;
}

function configMapError(namespace: string, name: string, items: readonly KeyToPath[] | undefined, optional: boolean, sources: ConfigSources): string | undefined {
  const cm = sources.configMap(namespace, name);
  if (!cm && !optional) return configMapNotFound(name);
  return configMapItemsError(cm, items, optional);
}

function secretError(namespace: string, name: string, items: readonly KeyToPath[] | undefined, optional: boolean, sources: ConfigSources): string | undefined {
  const secret = sources.secret(namespace, name);
  if (!secret && !optional) return secretNotFound(name);
  return secretItemsError(secret, items, optional);
}

/** The SetUp error of `volume` in `namespace`, or undefined when it mounts. */
export function volumeSetUpError(namespace: string, volume: Volume, sources: ConfigSources): string | undefined {
  if (volume.configMap) {
    const s = volume.configMap;
    return configMapError(namespace, s.name ?? '', s.items, s.optional === true, sources);
  }
  if (volume.secret) {
    const s = volume.secret;
    return secretError(namespace, s.secretName ?? '', s.items, s.optional === true, sources);
  }
  if (volume.projected) {
    // Every source is tried; the errors are aggregated (utilerrors.NewAggregate).
    const errs: string[] = [];
    for (const src of volume.projected.sources ?? []) {
      let err: string | undefined;
      if (src.configMap) err = configMapError(namespace, src.configMap.name ?? '', src.configMap.items, src.configMap.optional === true, sources);
      else if (src.secret) err = secretError(namespace, src.secret.name ?? '', src.secret.items, src.secret.optional === true, sources);
      if (err) errs.push(err);
    }
    if (errs.length === 0) return undefined;
    return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
  }
  return undefined;
}

/** The populator's error for a claim volume (`error processing PVC ns/x: …`), or undefined when the claim is usable. */
export function claimProcessingError(namespace: string, volume: Volume, sources: ConfigSources): string | undefined {
  const claimName = volume.persistentVolumeClaim?.claimName;
  if (claimName === undefined || !sources.claim) return undefined;
  const pvc = sources.claim(namespace, claimName);
  let err: string | undefined;
  if (!pvc) err = `failed to fetch PVC from API server: persistentvolumeclaims "${claimName}" not found`;
  else if (pvc.metadata?.deletionTimestamp) err = 'PVC is being deleted';
  else if (pvc.status?.phase !== 'Bound') err = 'PVC is not bound';
  return err === undefined ? undefined : `error processing PVC ${namespace}/${claimName}: ${err}`;
}
