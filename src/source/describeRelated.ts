// What kubectl fetches beside an object before it describes it, through any source: the
// catalog entry names the needs (describeNeeds), this fetches them, and the object's events
// (searchEvents: by involvedObject name, namespace, kind and uid).
import { entryOf, type DescribeRelated } from '../kube/catalog/index.js';
import { formatLabelSelector } from '../kube/describe/metadata.js';
import type { Event, Kind, KubeObject } from '../kube/types.js';
import type { ClusterSource } from './types.js';

const NODE_LEASE_NAMESPACE = 'kube-node-lease';

type WithSelector = { spec?: { selector?: Parameters<typeof formatLabelSelector>[0] } };

export async function describeRelated(source: ClusterSource, kind: Kind, obj: KubeObject): Promise<DescribeRelated> {
  const out: DescribeRelated = {};
  const namespace = obj.metadata?.namespace;
  const name = obj.metadata?.name ?? '';
  for (const need of entryOf(kind).describeNeeds ?? []) {
    switch (need) {
      case 'replicaSets':
        out.replicaSets = await source.list('ReplicaSet', { namespace });
        break;
      case 'pods':
        if (kind === 'PersistentVolumeClaim') {
          // kubectl's getPodsForPVC lists the whole namespace and looks for the claim in each pod's volumes.
          out.pods = await source.list('Pod', { namespace });
        } else if (kind === 'Node') {
          out.pods = await source.list('Pod', { namespace: undefined, fieldSelector: `spec.nodeName=${name},status.phase!=Failed,status.phase!=Succeeded` });
        } else {
          const selector = (obj as WithSelector).spec?.selector;
          out.pods = selector ? await source.list('Pod', { namespace, labelSelector: formatLabelSelector(selector) }) : [];
        }
        break;
      case 'endpointSlices':
        out.endpointSlices = await source.list('EndpointSlice', { namespace, labelSelector: `kubernetes.io/service-name=${name}` });
        break;
      case 'secrets':
        out.secrets = await source.list('Secret', { namespace });
        break;
      case 'lease':
        out.lease = await source.get('Lease', NODE_LEASE_NAMESPACE, name);
        break;
    }
  }
  return out;
}

/** The events about the object, as kubectl's searchEvents finds them. */
export async function describeEvents(source: ClusterSource, kind: Kind, obj: KubeObject): Promise<Event[]> {
  const meta = obj.metadata ?? {};
  const namespace = entryOf(kind).namespaced ? meta.namespace : undefined;
  const events = await source.listEvents({ namespace, fieldSelector: `involvedObject.name=${meta.name ?? ''}` });
  return events.filter((e) => {
    const ref = e.involvedObject ?? {};
    if (ref.kind !== kind) return false;
    if (namespace !== undefined && ref.namespace !== namespace) return false;
    // kubectl asks twice for a Node's: with its uid (the controllers') and its name as uid (the kubelet's).
    if (kind === 'Node') return (ref.uid === meta.uid || ref.uid === meta.name) && (ref.namespace ?? '') === '';
    return ref.uid === meta.uid;
  });
}
