// GET on metrics.k8s.io/v1beta1 (nodes, pods; one or a list, namespaced or across all), as
// metrics-server serves it: JSON objects computed at the request's instant (src/sim/metrics).
// Everything else on the group is 405, as on a read-only registry.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from '../../kube/apiError.js';
import { METRICS_GROUP_VERSION } from '../../kube/catalog/metrics.js';
import type { MetricsRoute } from './metricsRoute.js';
import { SelectorError } from '../../kube/selectorError.js';
import { SimMetrics } from '../metrics/index.js';
import { negotiate } from './negotiate.js';
import { methodNotAllowed, writeJson } from './respond.js';
import type { Clock } from '../clock.js';
import type { Store } from '../store.js';

function selectors(url: URL): [string | undefined, string | undefined] {
  return [url.searchParams.get('labelSelector') ?? undefined, url.searchParams.get('fieldSelector') ?? undefined];
}

/** Answers one metrics request; throws ApiError for the caller to write. */
export function handleMetrics(req: IncomingMessage, res: ServerResponse, url: URL, route: MetricsRoute, cluster: { store: Store; clock: Clock }): void {
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
