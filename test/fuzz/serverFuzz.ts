// Seeded malformed-but-parseable requests against `sim serve` (loopback only): real paths
// with odd names, subresources and query parameters, and bodies that parse as JSON but hold
// objects of the wrong shape. Every answer must be a 2xx/3xx/4xx with a Status body for
// errors — a 5xx is a server bug — and the server must still serve at the end.
import { Random } from '../../src/sim/random.js';
import { httpsCall, type Reply } from '../e2e/helpers/httpsCall.js';
import type { Harness } from '../e2e/helpers/serverHarness.js';

const ODD: readonly unknown[] = ['three', -1, 0, 1.5, 2 ** 40, true, null, [], {}, [1, 2], { a: 1 }, '', 'x'.repeat(300), '__proto__', 'constructor'];
const NAMES = ['nginx', 'missing', 'UPPER', 'a..b', '-x', 'x'.repeat(300), '%00', '..', 'web', 'hello'];
const COLLECTIONS = [
  '/api/v1/namespaces/default/pods',
  '/api/v1/namespaces/nope/pods',
  '/api/v1/pods',
  '/api/v1/nodes',
  '/api/v1/namespaces',
  '/api/v1/namespaces/default/events',
  '/apis/apps/v1/namespaces/default/deployments',
  '/apis/apps/v1/namespaces/default/replicasets',
  '/apis/apps/v1/namespaces/default/statefulsets',
  '/apis/apps/v1/namespaces/default/daemonsets',
  '/apis/batch/v1/namespaces/default/jobs',
  '/apis/batch/v1/namespaces/default/cronjobs',
];
const SUBRESOURCES = ['', '', '', '/status', '/scale', '/log', '/exec', '/bogus'];
const QUERIES = [
  'limit=-1',
  'limit=abc',
  'continue=garbage',
  'labelSelector=a%20in%20(',
  'labelSelector=%3D%3D',
  'fieldSelector=spec.bogus%3Dx',
  'fieldSelector=%3D',
  'resourceVersion=abc',
  'resourceVersion=-5',
  'resourceVersionMatch=Exact',
  'timeoutSeconds=x',
  'watch=maybe',
  'gracePeriodSeconds=abc',
  'propagationPolicy=Sometimes',
  'includeObject=Everything',
  'pretty=1',
];
const TYPES = ['application/json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/json-patch+json', 'application/apply-patch+yaml', 'text/plain'];
const KINDS: Record<string, string> = { pods: 'Pod', deployments: 'Deployment', replicasets: 'ReplicaSet', statefulsets: 'StatefulSet', daemonsets: 'DaemonSet', jobs: 'Job', cronjobs: 'CronJob', nodes: 'Node', namespaces: 'Namespace', events: 'Event' };

function pick<T>(rnd: Random, xs: readonly T[]): T {
  return xs[rnd.int(xs.length)]!;
}

/** A plausible object for the collection, then one field replaced by an odd value. */
function body(rnd: Random, collection: string, name: string): string {
  const resource = collection.split('/').pop()!;
  const kind = KINDS[resource] ?? 'Pod';
  const apiVersion = collection.startsWith('/apis/') ? collection.split('/').slice(2, 4).join('/') : 'v1';
  const template = { metadata: { labels: { a: 'b' } }, spec: { restartPolicy: kind === 'Job' || kind === 'CronJob' ? 'Never' : 'Always', containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } };
  const spec: Record<string, unknown> =
    kind === 'Pod'
      ? template.spec
      : kind === 'CronJob'
        ? { schedule: '* * * * *', jobTemplate: { spec: { template } } }
        : kind === 'Job'
          ? { template }
          : { replicas: 1, selector: { matchLabels: { a: 'b' } }, template };
  const obj: Record<string, unknown> = { apiVersion, kind, metadata: { name, labels: { a: 'b' }, annotations: { x: 'y' } }, spec, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } };
  const roll = rnd.int(10);
  if (roll === 0) return JSON.stringify(pick(rnd, ODD));
  if (roll === 1) return JSON.stringify([{ op: pick(rnd, ['add', 'remove', 'replace', 'move', 'copy', 'test', 'bogus']), path: pick(rnd, ['/metadata/labels/x', '/spec/containers/0', '/spec/containers/-', '/__proto__/x', '/nope/deeper', '', 'no-slash']), value: pick(rnd, ODD), from: '/metadata' }]);
  // Replace one value somewhere in the object by an odd one.
  const stack: Record<string, unknown>[] = [obj];
  const holders: Record<string, unknown>[] = [];
  while (stack.length > 0) {
    const o = stack.pop()!;
    holders.push(o);
    for (const v of Object.values(o)) if (v && typeof v === 'object') stack.push(v as Record<string, unknown>);
  }
  const holder = pick(rnd, holders);
  const keys = Object.keys(holder);
  if (keys.length > 0) holder[Array.isArray(holder) ? rnd.int(keys.length) : pick(rnd, keys)] = structuredClone(pick(rnd, ODD));
  return JSON.stringify(obj);
}

export interface ServerFuzzResult {
  requests: number;
  byCode: Record<string, number>;
  /** 5xx answers and non-Status error bodies: the first few. */
  failures: { method: string; path: string; type?: string; body?: string; code: number; answer: string }[];
}

function isStatus(r: Reply): boolean {
  try {
    const s = JSON.parse(r.body) as { kind?: string; code?: number };
    return s.kind === 'Status' && s.code === r.code;
  } catch {
    return false;
  }
}

export async function fuzzServer(h: Harness, seed: number, count: number): Promise<ServerFuzzResult> {
  const rnd = new Random(seed);
  const result: ServerFuzzResult = { requests: 0, byCode: {}, failures: [] };
  for (let i = 0; i < count; i++) {
    const collection = pick(rnd, COLLECTIONS);
    const named = rnd.int(4) !== 0;
    const name = pick(rnd, NAMES);
    let path = named ? `${collection}/${encodeURIComponent(name)}${pick(rnd, SUBRESOURCES)}` : collection;
    if (rnd.int(2) === 0) path += `?${pick(rnd, QUERIES)}&${pick(rnd, QUERIES)}`;
    if (path.includes('watch=') || path.includes('resourceVersion=')) path += `${path.includes('?') ? '&' : '?'}timeoutSeconds=1`;
    const method = pick(rnd, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'DELETE', 'OPTIONS']);
    const withBody = method !== 'GET' && method !== 'OPTIONS' && rnd.int(5) !== 0;
    const type = method === 'PATCH' ? pick(rnd, TYPES) : 'application/json';
    const text = withBody ? body(rnd, collection, named ? name : pick(rnd, NAMES)) : undefined;
    const r = await httpsCall(h, path, { method, body: text, contentType: type });
    result.requests++;
    result.byCode[r.code] = (result.byCode[r.code] ?? 0) + 1;
    const error = r.code >= 400;
    if ((r.code >= 500 || (error && !isStatus(r))) && result.failures.length < 10) {
      result.failures.push({ method, path, type, body: text?.slice(0, 300), code: r.code, answer: r.body.slice(0, 300) });
    }
    // Let simulated time act on whatever was written, so a bad object that got in would fail a timer.
    if (i % 20 === 19) h.clock.advance(5_000);
  }
  return result;
}
