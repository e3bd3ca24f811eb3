// GET on metrics.k8s.io/v1beta1 (nodes, pods; one or a list, namespaced or across all), as
// metrics-server serves it: JSON objects computed at the request's instant (src/sim/metrics).
// Everything else on the group is 405, as on a read-only registry.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from '../../kube/apiError.js';
import { METRICS_GROUP_VERSION, metricsAtPath, type MetricsEntry } from '../../kube/catalog/metrics.js';
import { SelectorError } from '../../kube/selectorError.js';
import { SimMetrics } from '../metrics/index.js';
import { negotiate } from './negotiate.js';
import { methodNotAllowed, writeJson } from './respond.js';
import type { ServedCluster } from './resources.js';

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

function selectors(url: URL): [string | undefined, string | undefined] {
  return [url.searchParams.get('labelSelector') ?? undefined, url.searchParams.get('fieldSelector') ?? undefined];
}

/** Answers one metrics request; throws ApiError for the caller to write. */
export function handleMetrics(req: IncomingMessage, res: ServerResponse, url: URL, route: MetricsRoute, cluster: ServedCluster): void {
  if ((req.method ?? 'GET') !== 'GET') throw methodNotAllowed();
  negotiate(req.headers.accept, false);
  const metrics = new SimMetrics(cluster.store, cluster.clock);
  const { entry, namespace, name } = route;
  if (name !== undefined) {
    writeJson(res, 200, entry.resource === 'pods' ? metrics.getPod(namespace!, name) : metrics.getNode(name));
    return;
  }
  const [labels, fields] = selectors(url);
  let items;
  try {
    items = entry.resource === 'pods' ? metrics.listPods(namespace, labels, fields) : metrics.listNodes(labels, fields);
  } catch (err) {
    if (err instanceof SelectorError) throw badRequest(err.message);
    throw err;
  }
  writeJson(res, 200, { kind: entry.listKind, apiVersion: METRICS_GROUP_VERSION, metadata: {}, items });
}
