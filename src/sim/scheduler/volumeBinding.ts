// The scheduler's VolumeBinding plugin (k/k pkg/scheduler/framework/plugins/volumebinding),
// the parts podscope shows. PreFilter: a claim that does not exist or is being deleted, or
// an unbound claim of an Immediate class, rejects the pod before any node is looked at.
// Filter: a bound claim's volume must be reachable from the node (its nodeAffinity); an
// unbound WaitForFirstConsumer claim needs either a matching Available volume on the node
// or a class that can provision. PreBind (in the scheduler): the chosen node is written to
// each waiting claim (volume.kubernetes.io/selected-node) and the pod is bound once the
// claims are. Not modelled: the bind timeout, storage capacity tracking, CSI node limits.
import { claimClass } from '../../kube/storage.js';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from '../../kube/types.js';
import { isClaimBound, isDelayBinding, NO_PROVISIONER, podClaimNames, storageClassOf, volumeMismatch } from '../controllers/volumeFacts.js';
import type { Store } from '../store.js';
import type { NodeStatus } from './filters.js';
import { nodeSelectorTermsMatch } from './nodeAffinity.js';

export const VOLUME_BINDING = 'VolumeBinding';
export const REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

export interface PodVolumes {
  /** PreFilter's rejection, when there is one. */
  preFilterMsg?: string;
  /** The volumes of the pod's bound claims. */
  bound: PersistentVolume[];
  /** Unbound claims that wait for this pod's node (WaitForFirstConsumer). */
  delayed: PersistentVolumeClaim[];
}

/** PreFilter: the pod's claims, sorted into bound and waiting, or why the pod cannot be placed at all. */
export function podVolumes(pod: Pod, store: Store): PodVolumes {
  const result: PodVolumes = { bound: [], delayed: [] };
  const ns = pod.metadata?.namespace;
  let unboundImmediate = false;
  for (const name of podClaimNames(pod)) {
    const pvc = store.get('PersistentVolumeClaim', ns, name);
    if (!pvc) return { ...result, preFilterMsg: `persistentvolumeclaim "${name}" not found` };
    if (pvc.metadata?.deletionTimestamp) return { ...result, preFilterMsg: `persistentvolumeclaim "${name}" is being deleted` };
    if (pvc.spec?.volumeName && isClaimBound(pvc)) {
      const pv = store.get('PersistentVolume', undefined, pvc.spec.volumeName);
      if (pv) result.bound.push(pv);
      else unboundImmediate = true;
    } else if (isDelayBinding(store, pvc) && !pvc.spec?.volumeName) {
      result.delayed.push(pvc);
    } else {
      unboundImmediate = true;
    }
  }
  if (unboundImmediate) return { ...result, preFilterMsg: UNBOUND_IMMEDIATE };
  return result;
}

/** Filter: undefined when the pod's volumes can be used on the node. */
export function filterVolumes(volumes: PodVolumes, node: Node, store: Store): NodeStatus | undefined {
  for (const pv of volumes.bound) {
    const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
    if (terms && !nodeSelectorTermsMatch(terms, node)) return { code: 'UnschedulableAndUnresolvable', reasons: [REASON_NODE_CONFLICT], plugin: VOLUME_BINDING };
  }
  for (const pvc of volumes.delayed) {
    const sc = storageClassOf(store, pvc);
    if (sc && sc.provisioner !== NO_PROVISIONER) continue;
    let available = false;
    for (const pv of store.all('PersistentVolume')) {
      if (pv.spec?.claimRef || pv.status?.phase !== 'Available' || volumeMismatch(pv, pvc) || claimClass(pvc) === '') continue;
      const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
      if (!terms || nodeSelectorTermsMatch(terms, node)) {
        available = true;
        break;
      }
    }
    if (!available) return { code: 'UnschedulableAndUnresolvable', reasons: [REASON_BIND_CONFLICT], plugin: VOLUME_BINDING };
  }
  return undefined;
}
