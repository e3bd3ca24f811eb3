// Discovery documents as plain (unaggregated) JSON: kubectl's discovery client sees a
// non-aggregated Content-Type and walks /api, /apis and each group version itself.
import { CATALOG, KINDS, REVIEWS } from '../../kube/catalog/index.js';
import { METRICS, METRICS_GROUP, METRICS_VERSION } from '../../kube/catalog/metrics.js';
import { SIM_SERVER_GIT_VERSION } from '../../kube/version.js';

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
  const version = group === METRICS_GROUP ? METRICS_VERSION : 'v1';
  const gv = { groupVersion: `${group}/${version}`, version };
  return { name: group, versions: [gv], preferredVersion: gv };
}

export function groupList(groups: Iterable<string>): unknown {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [...groups].sort().map(groupEntry) };
}

export function apiGroup(group: string): unknown {
  return { kind: 'APIGroup', apiVersion: 'v1', ...(groupEntry(group) as object) };
}

/** The streaming subresources of pods and the options kind each takes, as the apiserver lists them. */
const STREAM_SUBRESOURCES = [
  ['attach', 'PodAttachOptions'],
  ['exec', 'PodExecOptions'],
  ['portforward', 'PodPortForwardOptions'],
] as const;

/** The APIResourceList of one group version, or undefined when nothing is served there. */
export function resourceList(group: string, version: string): unknown {
  const resources: unknown[] = [];
  for (const kind of KINDS) {
    const e = CATALOG[kind];
    if (e.group !== group || e.version !== version) continue;
    resources.push({
      name: e.resource,
      singularName: e.singular,
      namespaced: e.namespaced,
      kind,
      verbs: e.verbs,
      ...(e.shortNames.length ? { shortNames: e.shortNames } : {}),
      ...(e.categories.length ? { categories: e.categories } : {}),
    });
    if (e.subresources.scale) {
      resources.push({ name: `${e.resource}/scale`, singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    }
    if (e.subresources.status) {
      resources.push({ name: `${e.resource}/status`, singularName: '', namespaced: e.namespaced, kind, verbs: ['get', 'patch', 'update'] });
    }
    if (e.subresources.log) {
      resources.push({ name: `${e.resource}/log`, singularName: '', namespaced: e.namespaced, kind, verbs: ['get'] });
    }
    if (e.subresources.eviction) {
      // kubectl drain looks for exactly this entry (CheckEvictionSupport) before it evicts.
      resources.push({ name: `${e.resource}/eviction`, singularName: '', namespaced: e.namespaced, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
    }
    if (e.subresources.streams) {
      for (const [sub, options] of STREAM_SUBRESOURCES) resources.push({ name: `${e.resource}/${sub}`, singularName: '', namespaced: e.namespaced, kind: options, verbs: ['create', 'get'] });
    }
  }
  for (const r of REVIEWS) {
    if (r.group !== group || r.version !== version) continue;
    resources.push({ name: r.resource, singularName: r.kind.toLowerCase(), namespaced: false, kind: r.kind, verbs: ['create'] });
  }
  for (const m of METRICS) {
    if (m.group !== group || m.version !== version) continue;
    // metrics-server registers its storage with no singular name.
    resources.push({ name: m.resource, singularName: '', namespaced: m.namespaced, kind: m.kind, verbs: m.verbs });
  }
  if (resources.length === 0) return undefined;
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}
