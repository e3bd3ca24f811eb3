// The live source's list+watch loop against a small but real HTTP API server written here
// (node:http on 127.0.0.1, port 0): paging, watch replay, 410, dropped streams, a restart
// with a fresh history, and the answers to delete. client-node is used for real, not mocked.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/kube/types.js';
import { Backoff } from '../../../src/source/kube/backoff.js';
import { createKubeClient, type KubeClient } from '../../../src/source/kube/client.js';
import { Informer, type WatchListSupport } from '../../../src/source/kube/informer.js';
import { loadKubeconfig, resolveContext } from '../../../src/source/kube/kubeconfig.js';
import { KubeSource } from '../../../src/source/kube/kubeSource.js';
import { resolveStartup, StartupError } from '../../../src/source/kube/startup.js';
import type { DeltaBatch, SourceStatus, WatchCounters, WatchEnd } from '../../../src/source/types.js';
import { writeFakeKubeconfig } from '../../helpers/fakeKubeconfig.js';

const TOKEN = 'test-token';

interface Change {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  pod: Pod;
}

/** Pods in namespace "default", a bounded change history, list pages and watches. */
class FakeApi {
  rv = 0;
  readonly pods = new Map<string, Pod>();
  readonly history: Change[] = [];
  /** Changes at or below this version fell out of the history: watching from them gets 410. */
  compactedRv = 0;
  historyLimit = Number.POSITIVE_INFINITY;
  private readonly watches = new Set<ServerResponse>();
  readonly requests: string[] = [];
  /** When set, the second and later list pages wait for it. */
  pageGate: Promise<void> | undefined;
  forbidList = false;
  /** Lists get no answer at all (for --request-timeout). */
  hangLists = false;
  deleteAnswer: { code: number; body: unknown } | undefined;
  /** Serves watch-list streaming (sendInitialEvents); off, the request gets the 422 of a server without WatchList. */
  watchList = false;
  /** Watch-lists end cleanly after this many initial events (a slow reader cut off), this many times. */
  cutWatchLists: { after: number; times: number; drop?: boolean; then?: () => void } | undefined;
  /** The next this many watch-list requests get 429 Too Many Requests. */
  throttleWatchLists = 0;

  constructor(private readonly uidPrefix = 'uid') {}

  add(name: string): void {
    const rv = ++this.rv;
    const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `${this.uidPrefix}-${name}-${rv}`, resourceVersion: String(rv) } };
    this.pods.set(name, pod);
    this.record('ADDED', pod);
  }

  modify(name: string, label: string): void {
    const old = this.pods.get(name)!;
    const rv = ++this.rv;
    const pod: Pod = { ...old, metadata: { ...old.metadata, labels: { v: label }, resourceVersion: String(rv) } };
    this.pods.set(name, pod);
    this.record('MODIFIED', pod);
  }

  remove(name: string): void {
    const old = this.pods.get(name)!;
    const rv = ++this.rv;
    this.pods.delete(name);
    this.record('DELETED', { ...old, metadata: { ...old.metadata, resourceVersion: String(rv) } });
  }

  get openWatches(): number {
    return this.watches.size;
  }

  dropWatches(): void {
    for (const res of this.watches) res.destroy();
    this.watches.clear();
  }

  /** Ends every watch cleanly, as the server does when a watch's timeoutSeconds runs out. */
  endWatches(): void {
    for (const res of this.watches) res.end();
    this.watches.clear();
  }

  private record(type: Change['type'], pod: Pod): void {
    const change = { rv: this.rv, type, pod };
    this.history.push(change);
    while (this.history.length > this.historyLimit) this.compactedRv = this.history.shift()!.rv;
    for (const res of this.watches) res.write(`${JSON.stringify({ type, object: pod })}\n`);
  }

  handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    this.requests.push(`${req.method} ${url.pathname}${url.search}`);
    const send = (code: number, body: unknown) => {
      res.writeHead(code, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const status = (code: number, reason: string, message: string) =>
      send(code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return status(401, 'Unauthorized', 'Unauthorized');
    if (url.pathname === '/version') return send(200, { major: '1', minor: '33', gitVersion: 'v1.33.0' });
    if (url.pathname === '/api/v1/namespaces') return status(403, 'Forbidden', 'namespaces is forbidden: User "jane" cannot list resource "namespaces" in API group "" at the cluster scope');
    if (req.method === 'DELETE' && url.pathname.startsWith('/api/v1/namespaces/default/pods/')) {
      if (this.deleteAnswer) return send(this.deleteAnswer.code, this.deleteAnswer.body);
      const name = url.pathname.split('/').pop()!;
      const pod = this.pods.get(name);
      if (!pod) return status(404, 'NotFound', `pods "${name}" not found`);
      // DeleteOptions may come as query parameters or as a body, as the apiserver accepts both.
      const body = JSON.parse((await readAll(req)) || '{}') as { gracePeriodSeconds?: number };
      const fromQuery = url.searchParams.get('gracePeriodSeconds');
      const grace = fromQuery !== null ? Number(fromQuery) : (body.gracePeriodSeconds ?? 30);
      if (grace === 0) {
        this.remove(name);
        return send(200, pod);
      }
      return send(200, { ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: grace } });
    }
    if (url.pathname !== '/api/v1/namespaces/default/pods') return status(404, 'NotFound', 'the server could not find the requested resource');
    if (this.forbidList) {
      return status(403, 'Forbidden', 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
    }
    const q = url.searchParams;
    if (q.get('watch') === 'true' && q.has('sendInitialEvents')) {
      if (this.throttleWatchLists > 0) {
        this.throttleWatchLists--;
        return status(429, 'TooManyRequests', 'the server has received too many requests and has asked us to try again later');
      }
      if (!this.watchList) return status(422, 'Invalid', 'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled');
      return this.watchInitial(res);
    }
    if (q.get('watch') === 'true') return this.watch(Number(q.get('resourceVersion')), res);
    if (this.hangLists) return;
    const sorted = [...this.pods.values()].sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!));
    const limit = Number(q.get('limit') ?? 0) || sorted.length;
    const token = q.get('continue');
    let listRv = this.rv;
    let start = 0;
    if (token) {
      await this.pageGate;
      const [rv, after] = token.split(':');
      listRv = Number(rv);
      start = sorted.findIndex((p) => p.metadata!.name! > after!);
      if (start < 0) start = sorted.length;
    }
    const items = sorted.slice(start, start + limit);
    const metadata: Record<string, string> = { resourceVersion: String(listRv) };
    if (start + limit < sorted.length) metadata['continue'] = `${listRv}:${items[items.length - 1]!.metadata!.name}`;
    return send(200, { kind: 'PodList', apiVersion: 'v1', metadata, items });
  };

  /** The current state as ADDED, the bookmark ending it, then changes. */
  private watchInitial(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const cut = this.cutWatchLists;
    if (cut && cut.times > 0) {
      cut.times--;
      for (const pod of [...this.pods.values()].slice(0, cut.after)) res.write(`${JSON.stringify({ type: 'ADDED', object: pod })}\n`);
      cut.then?.();
      if (cut.drop) setTimeout(() => res.destroy(), 20);
      else res.end();
      return;
    }
    for (const pod of this.pods.values()) res.write(`${JSON.stringify({ type: 'ADDED', object: pod })}\n`);
    const end = { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: String(this.rv), annotations: { 'k8s.io/initial-events-end': 'true' } } };
    res.write(`${JSON.stringify({ type: 'BOOKMARK', object: end })}\n`);
    this.watches.add(res);
    res.on('close', () => this.watches.delete(res));
  }

  private watch(from: number, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.flushHeaders();
    if (from < this.compactedRv) {
      const gone = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${from} (${this.compactedRv + 1})`, reason: 'Expired', code: 410 };
      res.end(`${JSON.stringify({ type: 'ERROR', object: gone })}\n`);
      return;
    }
    for (const c of this.history) if (c.rv > from) res.write(`${JSON.stringify({ type: c.type, object: c.pod })}\n`);
    this.watches.add(res);
    res.on('close', () => this.watches.delete(res));
  }
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => resolve(text));
  });
}

async function listen(api: FakeApi, port = 0): Promise<Server> {
  const server = createServer((req, res) => void api.handle(req, res));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

async function shutdown(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The UI's view: objects by uid, with a tally of deltas that made no sense. */
class View {
  readonly pods = new Map<string, Pod>();
  anomalies: string[] = [];
  batches = 0;

  apply = (batch: DeltaBatch<Pod>): void => {
    this.batches++;
    for (const d of batch) {
      if (d.type === 'RESET') {
        this.pods.clear();
        for (const p of d.objects) this.pods.set(p.metadata!.uid!, p);
        continue;
      }
      const uid = d.object.metadata!.uid!;
      if (d.type === 'ADDED' && this.pods.has(uid)) this.anomalies.push(`duplicate ADDED ${uid}`);
      if (d.type === 'MODIFIED' && !this.pods.has(uid)) this.anomalies.push(`MODIFIED unknown ${uid}`);
      if (d.type === 'DELETED') {
        if (!this.pods.delete(uid)) this.anomalies.push(`DELETED unknown ${uid}`);
      } else this.pods.set(uid, d.object);
    }
  };

  /** name=label:rv, sorted: compared with the server's own state. */
  summary(): string[] {
    return [...this.pods.values()].map((p) => `${p.metadata!.name}=${p.metadata!.labels?.v ?? ''}@${p.metadata!.uid}`).sort();
  }
}

function serverSummary(api: FakeApi): string[] {
  return [...api.pods.values()].map((p) => `${p.metadata!.name}=${p.metadata!.labels?.v ?? ''}@${p.metadata!.uid}`).sort();
}

async function waitFor(what: string, cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

let dir: string;
let api: FakeApi;
let server: Server;
let port: number;
const stops: (() => void)[] = [];

function kubeconfigFor(p: number, token = TOKEN): string {
  return writeFakeKubeconfig(dir, p, { token, namespace: 'default', file: `config-${p}-${token}` });
}

async function client(): Promise<KubeClient> {
  return createKubeClient(resolveContext(loadKubeconfig([kubeconfigFor(port)])));
}

const fastBackoff = () => new Backoff({ initialMs: 5, maxMs: 40, random: () => 0.5 });

async function startInformer(view: View, statuses: SourceStatus[] = [], pageSize = 500): Promise<Informer<Pod>> {
  const informer = new Informer<Pod>({
    client: await client(),
    kind: 'Pod',
    scope: { namespace: 'default' },
    onBatch: view.apply,
    onStatus: (s) => statuses.push(s),
    pageSize,
    schedule: (fn) => setImmediate(fn),
    backoff: fastBackoff(),
    watchTimeoutSeconds: () => 300,
  });
  informer.start();
  stops.push(() => informer.stop());
  return informer;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-informer-'));
  api = new FakeApi();
  server = await listen(api);
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  await shutdown(server);
  rmSync(dir, { recursive: true, force: true });
});

describe('Informer', () => {
  it('shows the first page before the rest has arrived, then watches from the list version', async () => {
    for (const n of ['a', 'b', 'c', 'd', 'e']) api.add(n);
    let release!: () => void;
    api.pageGate = new Promise((r) => (release = r));
    const view = new View();
    await startInformer(view, [], 2);
    await waitFor('the first page', () => view.pods.size === 2);
    expect(view.summary()).toEqual(['a=@uid-a-1', 'b=@uid-b-2']);
    release();
    await waitFor('every page', () => view.pods.size === 5 && api.openWatches === 1);
    expect(api.requests.filter((r) => r.startsWith('GET /api/v1'))).toEqual([
      'GET /api/v1/namespaces/default/pods?limit=2',
      'GET /api/v1/namespaces/default/pods?continue=5%3Ab&limit=2',
      'GET /api/v1/namespaces/default/pods?continue=5%3Ad&limit=2',
      'GET /api/v1/namespaces/default/pods?watch=true&resourceVersion=5&allowWatchBookmarks=true&timeoutSeconds=300',
    ]);
    api.modify('c', 'x');
    api.remove('a');
    api.add('f');
    await waitFor('the watched changes', () => view.summary().join() === serverSummary(api).join());
    expect(view.summary()).toEqual(['b=@uid-b-2', 'c=x@uid-c-3', 'd=@uid-d-4', 'e=@uid-e-5', 'f=@uid-f-8']);
    expect(view.anomalies).toEqual([]);
  });

  it('turns changes made while the pages were read into updates, never duplicates or ghosts', async () => {
    for (const n of ['a', 'b', 'c', 'd']) api.add(n);
    let release!: () => void;
    api.pageGate = new Promise((r) => (release = r));
    const view = new View();
    await startInformer(view, [], 2);
    await waitFor('the first page', () => view.pods.size === 2);
    // After the list's version: d changes, c goes, e arrives; page two shows their new state,
    // and the watch from the list's version replays them.
    api.modify('d', 'y');
    api.remove('c');
    api.add('e');
    release();
    await waitFor('convergence', () => api.openWatches === 1 && view.summary().join() === serverSummary(api).join());
    expect(view.summary()).toEqual(['a=@uid-a-1', 'b=@uid-b-2', 'd=y@uid-d-4', 'e=@uid-e-7']);
    expect(view.anomalies).toEqual([]);
  });

  it('re-watches from the last resourceVersion after every drop, without relisting', async () => {
    api.add('a');
    const view = new View();
    const statuses: SourceStatus[] = [];
    const informer = await startInformer(view, statuses);
    await waitFor('the watch', () => api.openWatches === 1 && informer.status.phase === 'live');
    for (let round = 0; round < 3; round++) {
      api.dropWatches();
      api.add(`p${round}`);
      api.modify('a', `r${round}`);
      await waitFor('the re-watch', () => informer.status.phase === 'live' && view.summary().join() === serverSummary(api).join());
    }
    const lists = api.requests.filter((r) => r.includes('limit=500'));
    expect(lists).toEqual(['GET /api/v1/namespaces/default/pods?limit=500']);
    expect(api.requests.filter((r) => r.includes('watch=true'))).toEqual([
      'GET /api/v1/namespaces/default/pods?watch=true&resourceVersion=1&allowWatchBookmarks=true&timeoutSeconds=300',
      'GET /api/v1/namespaces/default/pods?watch=true&resourceVersion=1&allowWatchBookmarks=true&timeoutSeconds=300',
      'GET /api/v1/namespaces/default/pods?watch=true&resourceVersion=3&allowWatchBookmarks=true&timeoutSeconds=300',
      'GET /api/v1/namespaces/default/pods?watch=true&resourceVersion=5&allowWatchBookmarks=true&timeoutSeconds=300',
    ]);
    expect(statuses.map((s) => s.phase)).toEqual(['connecting', 'live', 'reconnecting', 'live', 'reconnecting', 'live', 'reconnecting', 'live']);
    expect(statuses[2]!.message).toMatch(/^pods watch dropped/);
    expect(view.anomalies).toEqual([]);
  });

  it('re-watches at once, staying live, when a long-open watch ends cleanly at its timeoutSeconds', async () => {
    api.add('a');
    const view = new View();
    const statuses: SourceStatus[] = [];
    let nowMs = 0;
    const informer = new Informer<Pod>({
      client: await client(),
      kind: 'Pod',
      scope: { namespace: 'default' },
      onBatch: view.apply,
      onStatus: (s) => statuses.push(s),
      schedule: (fn) => setImmediate(fn),
      // A back-off this long would time the test out: a routine re-watch must not wait for it.
      backoff: new Backoff({ initialMs: 60_000, maxMs: 60_000, random: () => 0.5 }),
      watchTimeoutSeconds: () => 300,
      now: () => nowMs,
    });
    informer.start();
    stops.push(() => informer.stop());
    await waitFor('the watch', () => api.openWatches === 1 && informer.status.phase === 'live');
    nowMs += 300_000;
    api.endWatches();
    api.add('b');
    await waitFor('the re-watch', () => api.openWatches === 1 && view.summary().join() === serverSummary(api).join());
    expect(statuses.map((s) => s.phase)).toEqual(['connecting', 'live']);
    expect(api.requests.filter((r) => r.includes('watch=true'))).toEqual([
      'GET /api/v1/namespaces/default/pods?watch=true&resourceVersion=1&allowWatchBookmarks=true&timeoutSeconds=300',
      'GET /api/v1/namespaces/default/pods?watch=true&resourceVersion=1&allowWatchBookmarks=true&timeoutSeconds=300',
    ]);
    expect(view.anomalies).toEqual([]);
  });

  it('relists and RESETs after a 410 from a history that moved on', async () => {
    api.historyLimit = 2;
    for (const n of ['a', 'b', 'c']) api.add(n);
    const view = new View();
    const statuses: SourceStatus[] = [];
    await startInformer(view, statuses);
    await waitFor('the watch', () => api.openWatches === 1);
    api.dropWatches();
    // Five changes while disconnected: the watch's version is no longer in the history.
    for (let i = 0; i < 5; i++) api.modify('b', `v${i}`);
    api.remove('a');
    await waitFor('convergence after 410', () => api.openWatches === 1 && view.summary().join() === serverSummary(api).join());
    expect(view.summary()).toEqual(['b=v4@uid-b-2', 'c=@uid-c-3']);
    expect(api.requests.filter((r) => r.includes('limit=500'))).toHaveLength(2);
    expect(statuses.some((s) => s.phase === 'syncing' && s.message === 'pods: the watch fell too far behind the server; relisting')).toBe(true);
    expect(view.anomalies).toEqual([]);
  });

  it('relists when the server comes back on the same port with a fresh history', async () => {
    for (const n of ['a', 'b', 'c', 'd']) api.add(n);
    const view = new View();
    await startInformer(view);
    await waitFor('the watch', () => api.openWatches === 1);
    await shutdown(server);
    // A new server whose history starts over: fewer versions, other uids, one old name.
    api = new FakeApi('new');
    api.add('b');
    api.add('z');
    server = await listen(api, port);
    await waitFor('convergence with the new server', () => api.openWatches === 1 && view.summary().join() === serverSummary(api).join());
    expect(view.summary()).toEqual(['b=@new-b-1', 'z=@new-z-2']);
    api.add('y');
    await waitFor('the new watch', () => view.pods.size === 3);
    expect(view.anomalies).toEqual([]);
  });

  it('keeps no cache record of what cacheWhen leaves out, and still passes its changes and deletions on as the server sent them', async () => {
    for (const n of ['keep', 'pass']) api.add(n);
    const view = new View();
    const informer = new Informer<Pod>({
      client: await client(),
      kind: 'Pod',
      scope: { namespace: 'default' },
      onBatch: view.apply,
      schedule: (fn) => setImmediate(fn),
      backoff: fastBackoff(),
      watchTimeoutSeconds: () => 300,
      cacheWhen: (pod) => pod.metadata?.name === 'keep',
    });
    informer.start();
    stops.push(() => informer.stop());
    await waitFor('the sync', () => api.openWatches === 1 && view.pods.size === 2);
    expect(informer.recordedKeys()).toEqual(['uid-keep-1']);
    api.modify('pass', 'x');
    api.add('late');
    await waitFor('the change', () => view.summary().join() === serverSummary(api).join());
    api.remove('pass');
    api.remove('late');
    await waitFor('the deletions', () => view.summary().join() === serverSummary(api).join());
    expect(view.summary()).toEqual(['keep=@uid-keep-1']);
    expect(view.anomalies).toEqual([]);
    expect(informer.recordedKeys()).toEqual(['uid-keep-1']);
  });

  it('reports a forbidden list in plain words and keeps trying', async () => {
    api.forbidList = true;
    const view = new View();
    const statuses: SourceStatus[] = [];
    await startInformer(view, statuses);
    await waitFor('the error status', () => statuses.some((s) => s.phase === 'error'));
    expect(statuses.find((s) => s.phase === 'error')!.message).toMatch(
      /^cannot sync pods: pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"; retrying in 0\.0s$/,
    );
    api.forbidList = false;
    api.add('a');
    await waitFor('recovery', () => view.pods.size === 1);
  });
});

describe('KubeSource against the fake server', () => {
  async function source(): Promise<KubeSource> {
    const s = await KubeSource.connect(resolveContext(loadKubeconfig([kubeconfigFor(port)])), {
      schedule: (fn) => setImmediate(fn),
      newBackoff: fastBackoff,
    });
    stops.push(() => s.close());
    return s;
  }

  it('deletes with the grace period and Background propagation, and reads the answer', async () => {
    api.add('web');
    api.add('db');
    const s = await source();
    expect(await s.deletePod('default', 'web', 5)).toEqual({ kind: 'deleting', graceSeconds: 5 });
    expect(api.requests.at(-1)).toBe('DELETE /api/v1/namespaces/default/pods/web?gracePeriodSeconds=5&propagationPolicy=Background');
    expect(await s.deletePod('default', 'db', undefined)).toEqual({ kind: 'deleting', graceSeconds: 30 });
    expect(api.requests.at(-1)).toBe('DELETE /api/v1/namespaces/default/pods/db?propagationPolicy=Background');
    expect(await s.deletePod('default', 'web', 0)).toEqual({ kind: 'deleted' });
    expect(await s.deletePod('default', 'web', 0)).toEqual({ kind: 'notFound', message: 'pods "web" not found' });
  });

  it('keeps the server words for 403, 409 and 5xx', async () => {
    const s = await source();
    const forbidden = 'pods "x" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "default"';
    api.deleteAnswer = { code: 403, body: { kind: 'Status', status: 'Failure', message: forbidden, reason: 'Forbidden', code: 403 } };
    expect(await s.deletePod('default', 'x', 5)).toEqual({ kind: 'forbidden', message: forbidden });
    const conflict = 'Operation cannot be fulfilled on pods "x": the object has been modified';
    api.deleteAnswer = { code: 409, body: { kind: 'Status', status: 'Failure', message: conflict, reason: 'Conflict', code: 409 } };
    expect(await s.deletePod('default', 'x', 5)).toEqual({ kind: 'error', message: conflict });
    api.deleteAnswer = { code: 503, body: { kind: 'Status', status: 'Failure', message: 'etcd is unavailable', reason: 'ServiceUnavailable', code: 503 } };
    expect(await s.deletePod('default', 'x', 5)).toEqual({ kind: 'error', message: `the API server at http://127.0.0.1:${port} failed: etcd is unavailable` });
  });

  it('falls back to the context namespace when namespaces cannot be listed, and says who it is', async () => {
    const s = await source();
    expect(await s.listNamespaces()).toEqual(['default']);
    expect(s.info()).toEqual({ context: 'fake', cluster: 'fake', user: 'jane', server: `http://127.0.0.1:${port}`, version: 'v1.33.0' });
    expect(s.contexts()).toEqual(['fake']);
    expect(s.defaultNamespace()).toBe('default');
  });
});

describe('switchContext', () => {
  it('tears down the watches and rebuilds them against the other context, starting with a RESET', async () => {
    const otherApi = new FakeApi('other');
    const otherServer = await listen(otherApi);
    stops.push(() => void shutdown(otherServer));
    const otherPort = (otherServer.address() as AddressInfo).port;
    api.add('here');
    otherApi.add('there');
    const file = join(dir, 'two-contexts');
    writeFileSync(
      file,
      [
        'clusters:',
        `- {name: one, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}`,
        `- {name: two, cluster: {server: "http://127.0.0.1:${otherPort}", insecure-skip-tls-verify: true}}`,
        'users:',
        `- {name: jane, user: {token: ${TOKEN}}}`,
        'contexts:',
        '- {name: first, context: {cluster: one, user: jane}}',
        '- {name: second, context: {cluster: two, user: jane, namespace: default}}',
        '- {name: broken, context: {cluster: two, user: jane}}',
        'current-context: first',
      ].join('\n'),
    );
    const s = await KubeSource.connect(resolveContext(loadKubeconfig([file])), { schedule: (fn) => setImmediate(fn), newBackoff: fastBackoff });
    stops.push(() => s.close());
    const view = new View();
    s.watchPods({ namespace: 'default' }, view.apply);
    await waitFor('the first context', () => s.live && view.summary().join() === serverSummary(api).join());
    expect(s.contexts()).toEqual(['first', 'second', 'broken']);

    await s.switchContext('second');
    expect(s.currentContext()).toBe('second');
    expect(s.info().server).toBe(`http://127.0.0.1:${otherPort}`);
    await waitFor('the second context', () => s.live && view.summary().join() === serverSummary(otherApi).join());
    expect(api.openWatches).toBe(0);
    expect(otherApi.openWatches).toBe(1);
    otherApi.add('more');
    await waitFor('watching the second context', () => view.pods.size === 2);
    expect(view.anomalies).toEqual([]);

    await expect(s.switchContext('nope')).rejects.toThrow('context "nope" (asked for with :ctx) does not exist (available contexts: first, second, broken)');
    await shutdown(otherServer);
    await expect(s.switchContext('broken')).rejects.toThrow(
      `cannot switch to context "broken": cannot reach the API server at http://127.0.0.1:${otherPort}: connection refused`,
    );
    expect(s.currentContext()).toBe('second');
  });
});

describe('resolveStartup against the fake server', () => {
  const base = () => ({ env: {}, homedir: dir });

  async function startupError(opts: Parameters<typeof resolveStartup>[0]): Promise<StartupError> {
    try {
      const choice = await resolveStartup(opts);
      if (choice.kind === 'kube') choice.source.close();
    } catch (err) {
      if (err instanceof StartupError) return err;
      throw err;
    }
    throw new Error('expected a StartupError');
  }

  it('chooses the simulator when there is no kubeconfig anywhere', async () => {
    expect(await resolveStartup(base())).toEqual({
      kind: 'simulator',
      reason: 'no kubeconfig found (no --kubeconfig, KUBECONFIG unset, no ~/.kube/config)',
    });
  });

  it('connects through a good kubeconfig', async () => {
    const choice = await resolveStartup({ ...base(), kubeconfig: kubeconfigFor(port) });
    expect(choice.kind).toBe('kube');
    if (choice.kind === 'kube') {
      expect(choice.source.info().version).toBe('v1.33.0');
      choice.source.close();
    }
  });

  it("reads kubectl's tokenFile relative to the kubeconfig", async () => {
    writeFileSync(join(dir, 'token'), TOKEN);
    const file = join(dir, 'token-file-config');
    writeFileSync(
      file,
      [
        'clusters:',
        `- {name: fake, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}`,
        'users:',
        '- {name: jane, user: {tokenFile: token}}',
        'contexts:',
        '- {name: fake, context: {cluster: fake, user: jane}}',
        'current-context: fake',
      ].join('\n'),
    );
    const choice = await resolveStartup({ ...base(), kubeconfig: file });
    expect(choice.kind).toBe('kube');
    if (choice.kind === 'kube') choice.source.close();
  });

  it('explains 401 and 403 on list', async () => {
    const bad = kubeconfigFor(port, 'wrong');
    const unauthorized = await startupError({ ...base(), kubeconfig: bad });
    expect(unauthorized.message).toBe(
      `podscope: cannot use kubeconfig ${bad}, context "fake" (server http://127.0.0.1:${port}): the API server at http://127.0.0.1:${port} rejected the credentials (401 Unauthorized). Check the user's token, token file, client certificate or exec plugin in the kubeconfig.`,
    );
    api.forbidList = true;
    const good = kubeconfigFor(port);
    const forbidden = await startupError({ ...base(), kubeconfig: good });
    expect(forbidden.message).toBe(
      `podscope: cannot use kubeconfig ${good}, context "fake" (server http://127.0.0.1:${port}): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default". Ask for list access to pods, or choose another namespace with -n.`,
    );
  });

  it('explains an unreachable server', async () => {
    await shutdown(server);
    server = await listen(new FakeApi());
    const file = kubeconfigFor(port);
    const err = await startupError({ ...base(), kubeconfig: file });
    expect(err.message).toBe(
      `podscope: cannot use kubeconfig ${file}, context "fake" (server http://127.0.0.1:${port}): cannot reach the API server at http://127.0.0.1:${port}: connection refused. Is the cluster running, and is the server address in the kubeconfig right?`,
    );
  });

  it('gives up on a silent server after --request-timeout', async () => {
    api.hangLists = true;
    const file = kubeconfigFor(port);
    const err = await startupError({ ...base(), kubeconfig: file, requestTimeoutMs: 100 });
    expect(err.message).toBe(
      `podscope: cannot use kubeconfig ${file}, context "fake" (server http://127.0.0.1:${port}): the API server at http://127.0.0.1:${port} did not answer in time. The server may be overloaded or behind a slow network; --request-timeout sets how long to wait.`,
    );
  });

  it('explains an empty file, malformed YAML and a missing current-context', async () => {
    const empty = join(dir, 'empty');
    writeFileSync(empty, '');
    expect((await startupError({ ...base(), kubeconfig: empty })).message).toBe(`podscope: cannot use kubeconfig ${empty}: the file is empty.`);
    const malformed = join(dir, 'malformed');
    writeFileSync(malformed, 'clusters:\n  - name: a\n   cluster: {}\n');
    expect((await startupError({ ...base(), kubeconfig: malformed })).message).toBe(
      `podscope: cannot use kubeconfig ${malformed}: malformed YAML at line 3, column 1: Sequence item without - indicator.`,
    );
    const noCurrent = join(dir, 'no-current');
    writeFileSync(noCurrent, 'contexts:\n- {name: a, context: {cluster: c}}\n');
    expect((await startupError({ ...base(), env: { KUBECONFIG: noCurrent } })).message).toBe(
      `podscope: cannot use kubeconfig ${noCurrent}: no current-context is set and no --context was given (available contexts: a).`,
    );
  });

  it('explains kubeconfig mistakes with the file and context', async () => {
    const missing = join(dir, 'missing');
    expect((await startupError({ ...base(), kubeconfig: missing })).message).toBe(
      `podscope: cannot use kubeconfig ${missing}: the file does not exist (given with --kubeconfig).`,
    );
    const file = kubeconfigFor(port);
    expect((await startupError({ ...base(), kubeconfig: file, context: 'other' })).message).toBe(
      `podscope: cannot use kubeconfig ${file}, context "other": context "other" (given with --context) does not exist (available contexts: fake).`,
    );
  });
});

/** Timers that fire only when the test advances them: the informer's back-off on a manual clock. */
class ManualTimers {
  nowMs = 0;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.pending.set(id, { at: this.nowMs + ms, fn });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };
  /** The delays still waiting, from now. */
  waiting(): number[] {
    return [...this.pending.values()].map((t) => t.at - this.nowMs);
  }
  advance(ms: number): void {
    this.nowMs += ms;
    for (const [id, t] of [...this.pending]) {
      if (t.at > this.nowMs) continue;
      this.pending.delete(id);
      t.fn();
    }
  }
}

describe('Informer on a manual clock', () => {
  it('waits out its back-off on the injected timers: no re-watch until the clock passes the delay', async () => {
    api.add('a');
    const view = new View();
    const timers = new ManualTimers();
    const informer = new Informer<Pod>({
      client: await client(),
      kind: 'Pod',
      scope: { namespace: 'default' },
      onBatch: view.apply,
      schedule: (fn) => setImmediate(fn),
      // random 0.5: a 1000 ms step waits 750 ms.
      backoff: new Backoff({ initialMs: 1000, maxMs: 8000, random: () => 0.5 }),
      watchTimeoutSeconds: () => 300,
      now: () => timers.nowMs,
      timers,
    });
    informer.start();
    stops.push(() => informer.stop());
    await waitFor('the watch', () => api.openWatches === 1 && informer.status.phase === 'live');
    api.dropWatches();
    api.add('b');
    await waitFor('the back-off to start', () => timers.waiting().length === 1);
    expect(timers.waiting()).toEqual([750]);
    expect(informer.status.phase).toBe('reconnecting');
    timers.advance(749);
    expect(api.openWatches).toBe(0);
    timers.advance(1);
    await waitFor('the re-watch', () => api.openWatches === 1 && view.summary().join() === serverSummary(api).join());
    expect(view.anomalies).toEqual([]);
  });
});

describe('Informer with watch-list streaming', () => {
  async function startStreaming(view: View, support: WatchListSupport, statuses: SourceStatus[] = []): Promise<Informer<Pod>> {
    const informer = new Informer<Pod>({
      client: await client(),
      kind: 'Pod',
      scope: { namespace: 'default' },
      onBatch: view.apply,
      onStatus: (s) => statuses.push(s),
      schedule: (fn) => setImmediate(fn),
      backoff: fastBackoff(),
      watchTimeoutSeconds: () => 300,
      watchList: support,
    });
    informer.start();
    stops.push(() => informer.stop());
    return informer;
  }

  it('syncs from the initial events with no LIST, goes live at the bookmark, and resumes from its version after a drop', async () => {
    api.watchList = true;
    for (const n of ['a', 'b', 'c']) api.add(n);
    const view = new View();
    const statuses: SourceStatus[] = [];
    const informer = await startStreaming(view, { refused: false }, statuses);
    await waitFor('the sync', () => informer.hasSynced && informer.status.phase === 'live');
    expect(view.summary()).toEqual(serverSummary(api));
    api.modify('b', 'x');
    api.dropWatches();
    api.add('d');
    api.remove('a');
    await waitFor('the resumed watch', () => api.openWatches === 1 && view.summary().join() === serverSummary(api).join());
    expect(api.requests.filter((r) => r.startsWith('GET /api/v1/namespaces/default/pods'))).toEqual([
      'GET /api/v1/namespaces/default/pods?watch=true&resourceVersion=&allowWatchBookmarks=true&timeoutSeconds=300&sendInitialEvents=true&resourceVersionMatch=NotOlderThan',
      // After the drop (before b's change was read): a one-item probe that the server kept its
      // history, then the watch from the initial-events-end bookmark's version.
      'GET /api/v1/namespaces/default/pods?limit=1',
      'GET /api/v1/namespaces/default/pods?watch=true&resourceVersion=3&allowWatchBookmarks=true&timeoutSeconds=300',
    ]);
    expect(view.anomalies).toEqual([]);
  });

  it('falls back to paged LIST when the server refuses, and every informer sharing the answer skips the attempt', async () => {
    for (const n of ['a', 'b']) api.add(n);
    const support = { refused: false };
    const first = new View();
    const one = await startStreaming(first, support);
    await waitFor('the first sync', () => one.hasSynced && api.openWatches === 1);
    expect(support.refused).toBe(true);
    const second = new View();
    const two = await startStreaming(second, support);
    await waitFor('the second sync', () => two.hasSynced && api.openWatches === 2);
    expect(api.requests.filter((r) => r.includes('sendInitialEvents'))).toHaveLength(1);
    expect(api.requests.filter((r) => r.includes('limit=500'))).toHaveLength(2);
    expect([first.summary(), second.summary()]).toEqual([serverSummary(api), serverSummary(api)]);
  });

  it('a watch-list the server ends before its initial events did is followed by a paged LIST, at once and without a reconnect alarm', async () => {
    api.watchList = true;
    api.cutWatchLists = { after: 2, times: 1 };
    for (const n of ['a', 'b', 'c', 'd']) api.add(n);
    const view = new View();
    const statuses: SourceStatus[] = [];
    const informer = await startStreaming(view, { refused: false }, statuses);
    await waitFor('the sync', () => informer.hasSynced && api.openWatches === 1);
    expect(view.summary()).toEqual(serverSummary(api));
    expect(api.requests.filter((r) => r.startsWith('GET /api/v1/namespaces/default/pods'))).toEqual([
      'GET /api/v1/namespaces/default/pods?watch=true&resourceVersion=&allowWatchBookmarks=true&timeoutSeconds=300&sendInitialEvents=true&resourceVersionMatch=NotOlderThan',
      'GET /api/v1/namespaces/default/pods?limit=500',
      'GET /api/v1/namespaces/default/pods?watch=true&resourceVersion=4&allowWatchBookmarks=true&timeoutSeconds=300',
    ]);
    expect(statuses.map((s) => s.phase)).not.toContain('reconnecting');
    expect(view.anomalies).toEqual([]);
    // The next sync streams again: the cut was about that attempt, not about the server.
    api.historyLimit = 1;
    api.dropWatches();
    for (let i = 0; i < 3; i++) api.modify('b', `w${i}`);
    await waitFor('the resync', () => api.openWatches === 1 && view.summary().join() === serverSummary(api).join());
    expect(api.requests.filter((r) => r.includes('sendInitialEvents'))).toHaveLength(2);
  });

  /** A streamed sync (through any cut and the paged LIST after it) with every batch it delivered; the view equals the server. */
  async function streamedSyncRecorded(): Promise<{ batches: DeltaBatch<Pod>[]; view: View; informer: Informer<Pod> }> {
    const batches: DeltaBatch<Pod>[] = [];
    const view = new View();
    const apply = view.apply;
    view.apply = (batch) => (batches.push(batch), apply(batch));
    const informer = await startStreaming(view, { refused: false });
    await waitFor('the sync', () => informer.hasSynced && api.openWatches === 1);
    expect(view.summary()).toEqual(serverSummary(api));
    return { batches, view, informer };
  }

  it('the paged LIST after a cut-short watch-list keeps what the stream delivered: unchanged pods are no news, changed ones are updates', async () => {
    api.watchList = true;
    for (const n of ['a', 'b', 'c', 'd']) api.add(n);
    // Written after the stream was cut, before the list: b changes, e arrives.
    api.cutWatchLists = { after: 2, times: 1, then: () => (api.modify('b', 'x'), api.add('e')) };
    const { batches, view } = await streamedSyncRecorded();
    const deltas = batches.flat();
    // One RESET (the stream's start); a, unchanged, is not delivered again; b's change is an update.
    expect(deltas.filter((d) => d.type === 'RESET')).toHaveLength(1);
    const names = deltas.flatMap((d) => (d.type === 'RESET' ? d.objects : [d.object])).map((p) => p.metadata!.name);
    expect(names.sort()).toEqual(['a', 'b', 'b', 'c', 'd', 'e']);
    expect(deltas.filter((d) => d.type === 'MODIFIED').map((d) => d.type !== 'RESET' && d.object.metadata!.name)).toEqual(['b']);
    expect(view.anomalies).toEqual([]);
  });

  it('the paged LIST after a cut-short watch-list replaces the view at its end when a streamed pod is gone from it', async () => {
    api.watchList = true;
    for (const n of ['a', 'b', 'c']) api.add(n);
    api.cutWatchLists = { after: 2, times: 1, then: () => api.remove('a') };
    const { batches, view } = await streamedSyncRecorded();
    expect(batches.flat().filter((d) => d.type === 'RESET').map((d) => d.type === 'RESET' && d.objects.map((p) => p.metadata!.name).join(','))).toEqual(['a,b', 'b,c']);
    api.add('f');
    await waitFor('the watch after it', () => view.summary().join() === serverSummary(api).join());
    expect(view.anomalies).toEqual([]);
  });

  it('a watch-list whose connection drops before its initial events ended is followed by a paged LIST (after the back-off)', async () => {
    api.watchList = true;
    api.cutWatchLists = { after: 2, times: 1, drop: true };
    for (const n of ['a', 'b', 'c', 'd']) api.add(n);
    const view = new View();
    const informer = await startStreaming(view, { refused: false });
    await waitFor('the sync', () => informer.hasSynced && api.openWatches === 1);
    expect(view.summary()).toEqual(serverSummary(api));
    expect(api.requests.filter((r) => r.startsWith('GET /api/v1/namespaces/default/pods')).map((r) => r.replace(/\?.*sendInitialEvents.*/, '?<watch-list>'))).toEqual([
      'GET /api/v1/namespaces/default/pods?<watch-list>',
      'GET /api/v1/namespaces/default/pods?limit=500',
      'GET /api/v1/namespaces/default/pods?watch=true&resourceVersion=4&allowWatchBookmarks=true&timeoutSeconds=300',
    ]);
    expect(view.anomalies).toEqual([]);
  });

  it('a 429 to the watch-list is "later", not "never": the retry streams', async () => {
    api.watchList = true;
    api.throttleWatchLists = 1;
    for (const n of ['a', 'b']) api.add(n);
    const support = { refused: false };
    const view = new View();
    const informer = await startStreaming(view, support);
    await waitFor('the sync', () => informer.hasSynced && api.openWatches === 1);
    expect(support.refused).toBe(false);
    expect(api.requests.filter((r) => r.includes('sendInitialEvents'))).toHaveLength(2);
    expect(api.requests.filter((r) => r.includes('limit=500'))).toHaveLength(0);
    expect(view.summary()).toEqual(serverSummary(api));
  });

  it('a resync by watch-list replaces the view at once with one RESET', async () => {
    api.watchList = true;
    api.historyLimit = 2;
    for (const n of ['a', 'b', 'c']) api.add(n);
    const view = new View();
    const informer = await startStreaming(view, { refused: false });
    await waitFor('the sync', () => informer.hasSynced && api.openWatches === 1);
    api.dropWatches();
    for (let i = 0; i < 5; i++) api.modify('b', `v${i}`);
    api.remove('a');
    await waitFor('the resync', () => api.openWatches === 1 && view.summary().join() === serverSummary(api).join());
    expect(api.requests.filter((r) => r.includes('sendInitialEvents'))).toHaveLength(2);
    expect(view.anomalies).toEqual([]);
  });
});

describe('Informer watch counters (what the bench reads through PODSCOPE_DELTA_LOG)', () => {
  async function counted(options: { watchList?: WatchListSupport; now?: () => number; onEnd?: (end: WatchEnd) => void } = {}): Promise<{ informer: Informer<Pod>; view: View; counters: WatchCounters }> {
    const counters: WatchCounters = { syncs: 0, relists: 0, watches: 0, drops: 0 };
    const view = new View();
    const informer = new Informer<Pod>({
      client: await client(),
      kind: 'Pod',
      scope: { namespace: 'default' },
      onBatch: view.apply,
      schedule: (fn) => setImmediate(fn),
      backoff: fastBackoff(),
      watchTimeoutSeconds: () => 300,
      counters,
      ...options,
    });
    informer.start();
    stops.push(() => informer.stop());
    return { informer, view, counters };
  }

  it('a drop is one drop and one more watch, never a relist; a 410 is a relist', async () => {
    api.historyLimit = 3;
    api.add('a');
    const { informer, view, counters } = await counted();
    await waitFor('the watch', () => api.openWatches === 1 && informer.status.phase === 'live');
    expect(counters).toEqual({ syncs: 1, relists: 0, watches: 1, drops: 0 });
    api.dropWatches();
    api.add('b');
    await waitFor('the resumed watch', () => api.openWatches === 1 && view.summary().join() === serverSummary(api).join());
    expect(counters).toEqual({ syncs: 1, relists: 0, watches: 2, drops: 1 });
    api.dropWatches();
    for (let i = 0; i < 5; i++) api.modify('a', `v${i}`);
    await waitFor('the relist', () => api.openWatches === 1 && view.summary().join() === serverSummary(api).join());
    // The resume from a compacted version gets its 410 (a drop), then one relist and its watch.
    expect(counters).toEqual({ syncs: 2, relists: 1, watches: 4, drops: 3 });
  });

  it('a watch that ends cleanly at its timeoutSeconds is a routine re-watch, not a drop; one ended early is a cut-off', async () => {
    api.add('a');
    let nowMs = 0;
    const { informer, counters } = await counted({ now: () => nowMs });
    await waitFor('the watch', () => api.openWatches === 1 && informer.status.phase === 'live');
    nowMs += 300_000;
    api.endWatches();
    await waitFor('the routine re-watch', () => counters.watches === 2 && api.openWatches === 1);
    expect(counters).toEqual({ syncs: 1, relists: 0, watches: 2, drops: 0 });
    nowMs += 1_000;
    api.endWatches(); // a slow reader's cut-off: the stream ends cleanly long before its timeout
    await waitFor('the re-watch after the cut-off', () => counters.watches === 3 && api.openWatches === 1);
    expect(counters).toEqual({ syncs: 1, relists: 0, watches: 3, drops: 1 });
  });

  it('tells how each watch ended: its timeout (routine), a cut before it, a 410', async () => {
    api.historyLimit = 3;
    api.add('a');
    let nowMs = 0;
    const ends: WatchEnd[] = [];
    const { informer, view } = await counted({ now: () => nowMs, onEnd: (e) => ends.push(e) });
    await waitFor('the watch', () => api.openWatches === 1 && informer.status.phase === 'live');
    nowMs += 300_000;
    api.endWatches();
    await waitFor('the routine re-watch', () => ends.length === 1 && api.openWatches === 1);
    nowMs += 1_000;
    api.endWatches();
    await waitFor('the re-watch after the cut-off', () => ends.length === 2 && api.openWatches === 1);
    api.dropWatches();
    for (let i = 0; i < 5; i++) api.modify('a', `v${i}`);
    await waitFor('the relist', () => ends.length >= 4 && api.openWatches === 1 && view.summary().join() === serverSummary(api).join());
    expect(ends.map(({ how, openMs, askedMs }) => ({ how, openMs, askedMs }))).toEqual([
      { how: 'timeout', openMs: 300_000, askedMs: 300_000 },
      { how: 'cut', openMs: 1_000, askedMs: 300_000 },
      { how: 'error', openMs: 0, askedMs: 300_000 },
      { how: 'expired', openMs: 0, askedMs: 300_000 },
    ]);
    expect(ends[2]!.message).toMatch(/closed early|cannot reach the API server/);
  });

  it('a watch-list the server refuses is no sync: the paged LIST after it is the one', async () => {
    api.add('a');
    const { informer, counters } = await counted({ watchList: { refused: false } });
    await waitFor('the sync', () => informer.hasSynced && api.openWatches === 1);
    expect(counters).toEqual({ syncs: 1, relists: 0, watches: 2, drops: 0 });
  });

  it('a streamed sync counts as one sync, its watch as one watch', async () => {
    api.watchList = true;
    api.add('a');
    const { informer, counters } = await counted({ watchList: { refused: false } });
    await waitFor('the sync', () => informer.hasSynced && informer.status.phase === 'live');
    expect(counters).toEqual({ syncs: 1, relists: 0, watches: 1, drops: 0 });
  });
});

describe('Informer with a transform (what is kept of each pod, applied as it is parsed)', () => {
  /** Keeps name, namespace, uid, resourceVersion and labels; remembers what it made and what it was given. */
  class Keeper {
    readonly made = new WeakSet<Pod>();
    readonly given: string[] = [];
    keep = (pod: Pod): Pod => {
      const m = pod.metadata!;
      this.given.push(`${m.name}@${m.resourceVersion}`);
      const kept: Pod = { metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, labels: m.labels } };
      this.made.add(kept);
      return kept;
    };
  }

  async function startKept(view: View, keeper: Keeper, support: WatchListSupport | undefined, pageSize = 500): Promise<Informer<Pod>> {
    const informer = new Informer<Pod>({
      client: await client(),
      kind: 'Pod',
      scope: { namespace: 'default' },
      onBatch: view.apply,
      pageSize,
      schedule: (fn) => setImmediate(fn),
      backoff: fastBackoff(),
      watchTimeoutSeconds: () => 300,
      watchList: support,
      transform: keeper.keep,
    });
    informer.start();
    stops.push(() => informer.stop());
    return informer;
  }

  /** Every object the view was handed came out of the transform. */
  function allKept(view: View, keeper: Keeper): boolean {
    return [...view.pods.values()].every((p) => keeper.made.has(p));
  }

  it('a streamed sync: every ADDED, MODIFIED and DELETED object goes through it, the bookmark does not (the sync still ends there)', async () => {
    api.watchList = true;
    for (const n of ['a', 'b', 'c']) api.add(n);
    const view = new View();
    const keeper = new Keeper();
    const informer = await startKept(view, keeper, { refused: false });
    await waitFor('the sync', () => informer.hasSynced && informer.status.phase === 'live');
    expect(keeper.given).toEqual(['a@1', 'b@2', 'c@3']);
    api.modify('b', 'x');
    api.remove('a');
    api.add('d');
    await waitFor('the watched changes', () => view.summary().join() === serverSummary(api).join());
    // a@5: the DELETED event's object went through it too.
    expect(keeper.given).toEqual(['a@1', 'b@2', 'c@3', 'b@4', 'a@5', 'd@6']);
    expect(allKept(view, keeper)).toBe(true);
    expect(view.anomalies).toEqual([]);
  });

  it('a paged LIST: every item of every page goes through it, and the view ends equal to the server under writes', async () => {
    for (const n of ['a', 'b', 'c', 'd', 'e']) api.add(n);
    let release!: () => void;
    api.pageGate = new Promise((r) => (release = r));
    const view = new View();
    const keeper = new Keeper();
    await startKept(view, keeper, undefined, 2);
    await waitFor('the first page', () => view.pods.size === 2);
    api.modify('d', 'y');
    api.remove('c');
    api.add('f');
    release();
    await waitFor('every page and the watch', () => api.openWatches === 1 && view.summary().join() === serverSummary(api).join());
    api.modify('a', 'z');
    await waitFor('the watched change', () => view.summary().join() === serverSummary(api).join());
    expect(allKept(view, keeper)).toBe(true);
    expect(view.anomalies).toEqual([]);
  });
});

describe('The first pods sync goes first', () => {
  async function source(): Promise<KubeSource> {
    const s = await KubeSource.connect(resolveContext(loadKubeconfig([kubeconfigFor(port)])), { schedule: (fn) => setImmediate(fn), newBackoff: fastBackoff });
    stops.push(() => s.close());
    return s;
  }
  const background = (): string[] => api.requests.filter((r) => r.includes('/events') || r.includes('metrics.k8s.io'));

  it('starts the Events watch and the metrics polls once the pods watch has listed every pod', async () => {
    for (let i = 0; i < 501; i++) api.add(`p${String(i).padStart(3, '0')}`);
    let release!: () => void;
    api.pageGate = new Promise((r) => (release = r));
    const s = await source();
    const statuses: SourceStatus[] = [];
    s.onStatus((st) => statuses.push(st));
    const pods = new View();
    s.watchPods({ namespace: 'default' }, pods.apply);
    s.watchEvents({ namespace: 'default' }, () => undefined);
    const metrics = s.podMetrics('default', () => undefined);
    await waitFor('the first page', () => pods.pods.size === 500);
    // The second page is held: nothing else has been asked of the server meanwhile.
    await new Promise((r) => setTimeout(r, 50));
    expect(background()).toEqual([]);
    expect(statuses.at(-1)?.phase).toBe('syncing'); // the waiting Events watch does not show as connecting
    release();
    await waitFor('the Events watch', () => background().some((r) => r.includes('/events')));
    expect((await metrics).available).toBe(false);
    expect(pods.pods.size).toBe(501);
    const firstBackground = api.requests.indexOf(background()[0]!);
    const podsWatch = api.requests.findIndex((r) => r.startsWith('GET /api/v1/namespaces/default/pods?watch=true'));
    expect(podsWatch).toBeGreaterThanOrEqual(0);
    expect(firstBackground).toBeGreaterThan(podsWatch);
  });

  it('keeps holding them while a pods watch-list that broke off on a connection error goes on in pages', async () => {
    api.watchList = true;
    for (let i = 0; i < 501; i++) api.add(`p${String(i).padStart(3, '0')}`);
    // The watch-list's connection breaks after two pods (an error, not a clean cut): the pods
    // watch reconnects, and its paged LIST's second page is held.
    api.cutWatchLists = { after: 2, times: 1, drop: true };
    let release!: () => void;
    api.pageGate = new Promise((r) => (release = r));
    const s = await source();
    const pods = new View();
    s.watchPods({ namespace: 'default' }, pods.apply);
    s.watchEvents({ namespace: 'default' }, () => undefined);
    const metrics = s.podMetrics('default', () => undefined);
    await waitFor('the paged list after the broken watch-list', () => pods.pods.size === 500 && api.requests.some((r) => r.includes('/pods?') && r.includes('continue=')));
    await new Promise((r) => setTimeout(r, 50));
    expect(background()).toEqual([]);
    release();
    await waitFor('the Events watch', () => background().some((r) => r.includes('/events')));
    expect((await metrics).available).toBe(false);
    expect(pods.pods.size).toBe(501);
  });

  it('does not hold them back behind a pods watch that fails', async () => {
    api.forbidList = true;
    const s = await source();
    s.watchPods({ namespace: 'default' }, () => undefined);
    s.watchEvents({ namespace: 'default' }, () => undefined);
    await waitFor('the Events watch', () => background().some((r) => r.includes('/events')));
    expect((await s.podMetrics('default', () => undefined)).available).toBe(false);
  });

  it('asks for the next list page before digesting the one it has', async () => {
    const log: string[] = [];
    const pod = (name: string): Pod => ({ metadata: { name, namespace: 'default', uid: name, resourceVersion: '5' } });
    const stub = {
      context: { server: 'http://stub' },
      list: (_kind: string, request: { continue?: string }) => {
        log.push(`list ${request.continue ?? '-'}`);
        return Promise.resolve(request.continue ? { items: [pod('c')], resourceVersion: '5' } : { items: [pod('a'), pod('b')], resourceVersion: '5', continue: 't1' });
      },
      watch: () => Promise.resolve({ abort: () => undefined }),
      simClock: () => undefined,
    } as unknown as KubeClient;
    const informer = new Informer<Pod>({
      client: stub,
      kind: 'Pod',
      scope: { namespace: 'default' },
      onBatch: () => undefined,
      transform: (p) => {
        log.push(`digest ${p.metadata!.name}`);
        return p;
      },
      pageSize: 2,
      schedule: (fn) => setImmediate(fn),
      watchTimeoutSeconds: () => 300,
    });
    informer.start();
    stops.push(() => informer.stop());
    await waitFor('the list', () => informer.hasSynced);
    expect(log).toEqual(['list -', 'list t1', 'digest a', 'digest b', 'digest c']);
  });
});
