// The paths of metrics.k8s.io/v1beta1 (nodes, pods; namespaced pods; one or a list), parsed
// apart from the handler so the router needs nothing of it.
import { metricsAtPath, type MetricsEntry } from '../../kube/catalog/metrics.js';

export interface MetricsRoute {
  type: 'metrics';
  entry: MetricsEntry;
  namespace?: string;
  name?: string;
}

/** The route under /apis/metrics.k8s.io/{version}/… (`rest`: the segments after the version), or undefined. */
export function metricsRoute(version: string, rest: readonly string[]): MetricsRoute | undefined {
  let namespace: string | undefined;
  let tail = rest;
  if (tail[0] === 'namespaces' && tail.length >= 3) {
    namespace = tail[1];
    tail = tail.slice(2);
  }
  if (tail.length === 0 || tail.length > 2 || tail.some((s) => s === '')) return undefined;
  const entry = metricsAtPath('metrics.k8s.io', version, tail[0]!);
  if (!entry || (namespace !== undefined && !entry.namespaced)) return undefined;
  if (tail[1] !== undefined && entry.namespaced && namespace === undefined) return undefined;
  const route: MetricsRoute = { type: 'metrics', entry };
  if (namespace !== undefined) route.namespace = namespace;
  if (tail[1] !== undefined) route.name = tail[1];
  return route;
}

