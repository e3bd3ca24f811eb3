// Discovery documents as plain (unaggregated) JSON: kubectl's discovery client sees a
// non-aggregated Content-Type and walks /api, /apis and each group version itself.
import type { Kind } from '../../kube/types.js';
import { CLUSTER_SCOPED, RESOURCES } from '../store.js';
import { SCALABLE } from './scale.js';
import { SIM_SERVER_GIT_VERSION } from '../../kube/version.js';

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

interface ResourceExtras {
  shortNames?: string[];
  categories?: string[];
}

const EXTRAS: Record<Kind, ResourceExtras> = {
  Namespace: { shortNames: ['ns'] },
  Node: { shortNames: ['no'] },
  Pod: { shortNames: ['po'], categories: ['all'] },
  Event: { shortNames: ['ev'] },
  Deployment: { shortNames: ['deploy'], categories: ['all'] },
  ReplicaSet: { shortNames: ['rs'], categories: ['all'] },
  StatefulSet: { shortNames: ['sts'], categories: ['all'] },
  DaemonSet: { shortNames: ['ds'], categories: ['all'] },
  Job: { categories: ['all'] },
  CronJob: { shortNames: ['cj'], categories: ['all'] },
};

/** Kinds with a status subresource (every kind the simulator models except Event). */
const HAS_STATUS = (kind: Kind): boolean => kind !== 'Event';

export const SERVER_VERSION = {
  major: '1',
  minor: '33',
  gitVersion: SIM_SERVER_GIT_VERSION,
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.24.2',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function coreVersions(serverAddress: string): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(group: string): unknown {
  const gv = { groupVersion: `${group}/v1`, version: 'v1' };
  return { name: group, versions: [gv], preferredVersion: gv };
}

export function groupList(groups: Iterable<string>): unknown {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [...groups].sort().map(groupEntry) };
}

export function apiGroup(group: string): unknown {
  return { kind: 'APIGroup', apiVersion: 'v1', ...(groupEntry(group) as object) };
}

/** The APIResourceList of one group version, or undefined when nothing is served there. */
export function resourceList(group: string, version: string): unknown {
  const resources: unknown[] = [];
  for (const kind of Object.keys(RESOURCES) as Kind[]) {
    const r = RESOURCES[kind];
    if (r.group !== group || r.version !== version) continue;
    const extras = EXTRAS[kind];
    resources.push({
      name: r.resource,
      singularName: kind.toLowerCase(),
      namespaced: !CLUSTER_SCOPED.has(kind),
      kind,
      verbs: VERBS,
      ...(extras.shortNames ? { shortNames: extras.shortNames } : {}),
      ...(extras.categories ? { categories: extras.categories } : {}),
    });
    if (SCALABLE.has(kind)) {
      resources.push({ name: `${r.resource}/scale`, singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    }
    if (kind === 'Pod') resources.push({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
    if (HAS_STATUS(kind)) {
      resources.push({ name: `${r.resource}/status`, singularName: '', namespaced: !CLUSTER_SCOPED.has(kind), kind, verbs: ['get', 'patch', 'update'] });
    }
  }
  if (resources.length === 0) return undefined;
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

