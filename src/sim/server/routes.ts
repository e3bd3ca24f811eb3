// Turns a request path into what it names: a discovery document, a health probe, or a
// resource (collection or object, optionally a subresource) of a kind the store holds.
import type { Kind } from '../../kube/types.js';
import { CATALOG, kindAtPath, reviewAtPath, SERVED_GROUPS, type ReviewEntry } from '../../kube/catalog/index.js';
import { METRICS_GROUP } from '../../kube/catalog/metrics.js';
import { metricsRoute, type MetricsRoute } from './metricsRoute.js';

export type Route =
  | { type: 'health'; check: 'healthz' | 'readyz' | 'livez' }
  | { type: 'version' }
  | { type: 'coreVersions' }
  | { type: 'groups' }
  | { type: 'groupVersions'; group: string }
  | { type: 'resourceList'; group: string; version: string }
  | { type: 'openapi'; path: string }
  | ResourceRoute
  | { type: 'review'; review: ReviewEntry }
  | MetricsRoute
  | { type: 'notFound' };

export interface ResourceRoute {
  type: 'resource';
  kind: Kind;
  /** Undefined for cluster-scoped kinds and for the cluster-wide collection of a namespaced kind. */
  namespace?: string;
  name?: string;
  subresource?: string;
  /** The deprecated `/watch/` path prefix was used. */
  watchPrefix: boolean;
}

export { SERVED_GROUPS };

/** Subresources served over an upgraded connection (streams/upgrade.ts), never as plain requests. */
export const STREAM_SUBRESOURCE_NAMES: ReadonlySet<string> = new Set(['exec', 'attach', 'portforward']);

export function parseRoute(pathname: string): Route {
  const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  switch (trimmed) {
    case '/healthz':
    case '/readyz':
    case '/livez':
      return { type: 'health', check: trimmed.slice(1) as 'healthz' | 'readyz' | 'livez' };
    case '/version':
      return { type: 'version' };
    case '/api':
      return { type: 'coreVersions' };
    case '/apis':
      return { type: 'groups' };
  }
  if (trimmed === '/openapi/v3' || trimmed.startsWith('/openapi/v3/')) return { type: 'openapi', path: trimmed.slice('/openapi/v3/'.length) };
  let segments: string[];
  try {
    segments = trimmed.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return { type: 'notFound' };
  }
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api') {
    group = '';
    version = segments[1] ?? '';
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 2) {
    group = segments[1]!;
    if (!SERVED_GROUPS.has(group)) return { type: 'notFound' };
    if (segments.length === 2) return { type: 'groupVersions', group };
    version = segments[2]!;
    rest = segments.slice(3);
  } else {
    return { type: 'notFound' };
  }
  if (group === METRICS_GROUP) {
    if (rest.length === 0) return version === 'v1beta1' ? { type: 'resourceList', group, version } : { type: 'notFound' };
    return metricsRoute(version, rest) ?? { type: 'notFound' };
  }
  if (version !== 'v1') return { type: 'notFound' };
  if (rest.length === 0) return { type: 'resourceList', group, version };
  let watchPrefix = false;
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  // namespaces/{ns}/{resource}…, but namespaces/{name}[/status|/finalize] is the Namespace itself.
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(group === '' && rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length === 0 || rest.length > 3 || rest.some((s) => s === '')) return { type: 'notFound' };
  const kind = kindAtPath(group, version, rest[0]!);
  if (!kind) {
    const review = rest.length === 1 && namespace === undefined && !watchPrefix ? reviewAtPath(group, version, rest[0]!) : undefined;
    return review ? { type: 'review', review } : { type: 'notFound' };
  }
  if (namespace !== undefined && !CATALOG[kind].namespaced) return { type: 'notFound' };
  const route: ResourceRoute = { type: 'resource', kind, watchPrefix };
  if (namespace !== undefined) route.namespace = namespace;
  if (rest[1] !== undefined) {
    if (namespace === undefined && CATALOG[kind].namespaced) return { type: 'notFound' };
    route.name = rest[1];
  }
  if (rest[2] !== undefined) {
    const sub = CATALOG[kind].subresources;
    const served = (rest[2] === 'status' && sub.status) || (rest[2] === 'scale' && sub.scale) || (rest[2] === 'log' && sub.log) || (rest[2] === 'eviction' && sub.eviction) || (STREAM_SUBRESOURCE_NAMES.has(rest[2]) && sub.streams);
    if (!served) return { type: 'notFound' };
    route.subresource = rest[2];
  }
  return route;
}
