// metrics.k8s.io/v1beta1 as metrics-server registers it (pkg/api/install.go: "nodes" and
// "pods", get and list only). Served beside the catalog, not in it: the objects are
// computed on each request from pods and nodes, never stored or watched. Discovery, the
// routes, the simulator's handler and the live client all read these facts.
export interface MetricsEntry {
  readonly kind: 'PodMetrics' | 'NodeMetrics';
  readonly listKind: 'PodMetricsList' | 'NodeMetricsList';
  readonly group: 'metrics.k8s.io';
  readonly version: 'v1beta1';
  readonly resource: 'pods' | 'nodes';
  readonly namespaced: boolean;
  /** The GroupResource in NotFound messages (metrics.Resource("podmetrics")). */
  readonly notFoundResource: string;
  readonly verbs: readonly ['get', 'list'];
}

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';
export const METRICS_GROUP_VERSION = `${METRICS_GROUP}/${METRICS_VERSION}`;

export const METRICS: readonly MetricsEntry[] = [
  {
    kind: 'NodeMetrics',
    listKind: 'NodeMetricsList',
    group: METRICS_GROUP,
    version: METRICS_VERSION,
    resource: 'nodes',
    namespaced: false,
    notFoundResource: 'nodemetrics',
    verbs: ['get', 'list'],
  },
  {
    kind: 'PodMetrics',
    listKind: 'PodMetricsList',
    group: METRICS_GROUP,
    version: METRICS_VERSION,
    resource: 'pods',
    namespaced: true,
    notFoundResource: 'podmetrics',
    verbs: ['get', 'list'],
  },
];

export function metricsAtPath(group: string, version: string, resource: string): MetricsEntry | undefined {
  return METRICS.find((m) => m.group === group && m.version === version && m.resource === resource);
}

/** The collection path of a metrics resource, in a namespace or across all. */
export function metricsPath(resource: MetricsEntry['resource'], namespace?: string): string {
  const base = `/apis/${METRICS_GROUP_VERSION}`;
  return namespace === undefined ? `${base}/${resource}` : `${base}/namespaces/${encodeURIComponent(namespace)}/${resource}`;
}
