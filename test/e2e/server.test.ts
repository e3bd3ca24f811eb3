// The REST protocol of `sim serve` seen by a plain HTTPS client: Status errors with the
// right code and reason, Tables, paging, watches (410, bookmarks, timeouts, slow readers),
// DELETE answers, shutdown, and the serve command itself.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Pod, Status } from '../../src/kube/types.js';
import { runSimServe } from '../../src/cli/serveCommand.js';
import { Harness, TOKEN, waitFor } from './helpers/serverHarness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface Reply {
  code: number;
  headers: IncomingMessage['headers'];
  body: string;
}

interface Call {
  method?: string;
  token?: string | null;
  body?: string;
  headers?: Record<string, string>;
}

function caOf(x: Harness): string {
  const kc = parseYaml(readFileSync(x.kubeconfig, 'utf8')) as { clusters: { cluster: { 'certificate-authority-data': string } }[] };
  return Buffer.from(kc.clusters[0]!.cluster['certificate-authority-data'], 'base64').toString();
}

function open(x: Harness, path: string, call: Call = {}): Promise<IncomingMessage> {
  const url = new URL(path, x.server.url);
  const headers: Record<string, string> = { ...call.headers };
  if (call.token !== null) headers.authorization = `Bearer ${call.token ?? TOKEN}`;
  if (call.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    // Node sends DELETE bodies unframed unless told their length.
    headers['content-length'] = String(Buffer.byteLength(call.body));
  }
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: call.method ?? 'GET', headers, ca: caOf(x) }, resolve);
    req.on('error', reject);
    req.end(call.body);
  });
}

async function call(x: Harness, path: string, c: Call = {}): Promise<Reply> {
  const res = await open(x, path, c);
  let body = '';
  for await (const chunk of res) body += (chunk as Buffer).toString();
  return { code: res.statusCode!, headers: res.headers, body };
}

/** Reads a watch response line by line into `lines`; `ended` once the server closes it. */
function lineReader(res: IncomingMessage): { lines: string[]; ended: boolean; errored: boolean } {
  const state = { lines: [] as string[], ended: false, errored: false };
  let partial = '';
  res.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop()!;
    state.lines.push(...parts);
  });
  res.on('end', () => (state.ended = true));
  res.on('error', () => (state.errored = true));
  res.on('aborted', () => (state.errored = true));
  res.on('close', () => (state.ended = true));
  return state;
}

const podBody = (name: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, ...extra }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });

describe('sim serve REST protocol', () => {
  it('answers errors as Status objects with the right code and reason', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const status = async (path: string, c: Call = {}): Promise<[number, Status]> => {
      const r = await call(h!, path, c);
      return [r.code, JSON.parse(r.body) as Status];
    };
    expect(await status('/api/v1/pods', { token: null })).toEqual([401, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }]);
    expect((await status('/api/v1/pods', { token: 'wrong' }))[0]).toBe(401);
    expect(await call(h, '/healthz', { token: null })).toMatchObject({ code: 200, body: 'ok' });
    expect(await status('/no/such/path')).toEqual([
      404,
      { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: { causes: [{ reason: 'UnexpectedServerResponse', message: '404 page not found' }] }, code: 404 },
    ]);
    expect(await status('/api/v1/namespaces/default/pods/ghost')).toEqual([
      404,
      { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "ghost" not found', reason: 'NotFound', details: { name: 'ghost', group: '', kind: 'pods' }, code: 404 },
    ]);
    const [badCode, bad] = await status('/api/v1/namespaces/default/pods', { method: 'POST', body: '{"kind": Pod' });
    expect([badCode, bad.reason]).toEqual([400, 'BadRequest']);
    expect(bad.message).toMatch(/^the object provided is unrecognized \(must be of type Pod\): couldn't get version\/kind; json parse error: /);
    expect(await status('/api/v1/namespaces/default/pods', { method: 'POST', body: podBody('x', { namespace: 'other' }) })).toEqual([
      400,
      { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the namespace of the provided object does not match the namespace sent on the request', reason: 'BadRequest', code: 400 },
    ]);
    expect((await status('/api/v1/namespaces/default/pods', { method: 'PUT', body: podBody('x') }))[1]).toMatchObject({ code: 405, reason: 'MethodNotAllowed' });
    expect((await status('/api/v1/pods', { method: 'DELETE' }))[1]).toMatchObject({ code: 405, reason: 'MethodNotAllowed' });
    expect((await status('/api/v1/pods', { headers: { accept: 'application/vnd.kubernetes.protobuf' } }))[1]).toMatchObject({ code: 406, reason: 'NotAcceptable' });
    expect((await status('/api/v1/namespaces/default/pods', { method: 'POST', body: podBody('nginx') }))[1]).toMatchObject({ code: 409, reason: 'AlreadyExists', message: 'pods "nginx" already exists' });
    const nginx = h.sim.store.get('Pod', 'default', 'nginx')!;
    const stale = JSON.stringify({ ...nginx, metadata: { ...nginx.metadata, resourceVersion: '1', labels: { x: 'y' } } });
    expect((await status('/api/v1/namespaces/default/pods/nginx', { method: 'PUT', body: stale }))[1]).toMatchObject({ code: 409, reason: 'Conflict' });
    const noContainers = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'empty' }, spec: { containers: [] } });
    expect((await status('/api/v1/namespaces/default/pods', { method: 'POST', body: noContainers }))[1]).toMatchObject({ code: 422, reason: 'Invalid' });
    expect((await status('/api/v1/pods?labelSelector=a%20in'))[1]).toMatchObject({ code: 400, message: "unable to parse requirement: found '' expected: '('" });
    expect((await status('/api/v1/namespaces/default/pods/nginx', { method: 'PATCH', body: '{}', headers: { 'content-type': 'text/plain' } }))[1]).toMatchObject({ code: 415, reason: 'UnsupportedMediaType' });
  });

  it('errors do not disturb an open watch or other clients', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const list = JSON.parse((await call(h, '/api/v1/namespaces/default/pods')).body) as { metadata: { resourceVersion: string } };
    const w = lineReader(await open(h, `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${list.metadata.resourceVersion}`));
    for (const c of [{ token: null }, { method: 'POST', body: 'not json' }] as Call[]) await call(h, '/api/v1/namespaces/default/pods', c);
    await call(h, '/nope');
    expect((await call(h, '/api/v1/namespaces/default/pods', { method: 'POST', body: podBody('after') })).code).toBe(201);
    await waitFor('the ADDED event', () => w.lines.length >= 1);
    expect(JSON.parse(w.lines[0]!)).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'after' } } });
    expect(w.ended).toBe(false);
    expect((await call(h, '/api/v1/namespaces/default/pods')).code).toBe(200);
  });

  it('serves Tables with kubectl columns, includeObject, and pages lists', async () => {
    h = await Harness.start({ scenario: 'deployment' });
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
    const r = await call(h, '/api/v1/namespaces/default/pods?limit=2', { headers: { accept } });
    expect(r.headers['content-type']).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    const table = JSON.parse(r.body) as { kind: string; columnDefinitions: { name: string; priority: number }[]; rows: { cells: string[]; object: { kind: string } }[]; metadata: { continue?: string; remainingItemCount?: number } };
    expect(table.kind).toBe('Table');
    expect(table.columnDefinitions.map((c) => `${c.name}:${c.priority}`)).toEqual(['Name:0', 'Ready:0', 'Status:0', 'Restarts:0', 'Age:0', 'IP:1', 'Node:1', 'Nominated Node:1', 'Readiness Gates:1']);
    expect(table.rows.map((row) => row.cells.slice(1, 4))).toEqual([['1/1', 'Running', '0'], ['1/1', 'Running', '0']]);
    expect(table.rows[0]!.object.kind).toBe('PartialObjectMetadata');
    expect(table.metadata.remainingItemCount).toBe(1);
    const next = JSON.parse((await call(h, `/api/v1/namespaces/default/pods?limit=2&continue=${table.metadata.continue}`)).body) as { kind: string; items: Pod[]; metadata: { continue?: string } };
    expect(next.kind).toBe('PodList');
    expect(next.items).toHaveLength(1);
    expect(next.metadata.continue).toBeUndefined();
    const full = JSON.parse((await call(h, '/api/v1/namespaces/default/pods?includeObject=Object', { headers: { accept } })).body) as { rows: { object: Pod }[] };
    expect(full.rows.map((row) => row.object.kind)).toEqual(['Pod', 'Pod', 'Pod']);
  });

  it('a too-old resourceVersion gets one 410 Expired ERROR event, then the stream closes', async () => {
    h = await Harness.start({ scenario: 'deployment', historySize: 5 });
    const res = await open(h, '/api/v1/namespaces/default/pods?watch=1&resourceVersion=1');
    expect(res.statusCode).toBe(200);
    const w = lineReader(res);
    await waitFor('the end of the stream', () => w.ended);
    expect(w.lines).toHaveLength(1);
    const ev = JSON.parse(w.lines[0]!) as { type: string; object: Status };
    expect(ev.type).toBe('ERROR');
    expect(ev.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    expect(ev.object.message).toMatch(/^too old resource version: 1 \(\d+\)$/);
  });

  it('sends bookmarks when allowed and ends at timeoutSeconds', async () => {
    h = await Harness.start({ scenario: 'nginx', server: { bookmarkIntervalMs: 20 } });
    const rv = h.sim.store.resourceVersion;
    const w = lineReader(await open(h, `/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${rv}&timeoutSeconds=1`));
    await waitFor('a bookmark', () => w.lines.length >= 1);
    expect(JSON.parse(w.lines[0]!)).toEqual({ type: 'BOOKMARK', object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: rv } } });
    await waitFor('the timeout', () => w.ended, 5_000);
    expect(h.server.openWatches).toBe(0);
  });

  it('cuts off a reader that falls too far behind while others keep up', async () => {
    h = await Harness.start({ scenario: 'nginx', server: { maxWatchBufferBytes: 256 * 1024 } });
    const rv = h.sim.store.resourceVersion;
    const slow = await open(h, `/api/v1/namespaces/default/pods?watch=1&resourceVersion=${rv}`);
    slow.pause();
    const fast = lineReader(await open(h, `/api/v1/namespaces/default/pods?watch=1&resourceVersion=${rv}`));
    await waitFor('both watches', () => h!.server.openWatches === 2);
    const padding = 'x'.repeat(8_000);
    const added = (): number => fast.lines.filter((l) => l.startsWith('{"type":"ADDED"')).length;
    // Batches small enough for a reader that keeps up; the paused one only accumulates.
    for (let batch = 0; batch < 200; batch++) {
      for (let i = 0; i < 10; i++) {
        h.sim.api.create('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${batch}-${i}`, namespace: 'default', annotations: { padding } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } as Pod);
      }
      await waitFor('the fast reader to catch up', () => added() === (batch + 1) * 10);
    }
    expect(h.server.openWatches).toBe(1);
    expect(fast.ended).toBe(false);
    slow.destroy();
  });

  it('DELETE takes DeleteOptions from the body or the query; pods answer with the Pod', async () => {
    h = await Harness.start({ scenario: 'deployment' });
    const [a, b] = h.sim.store.list('Pod', { namespace: 'default' }).items.map((p) => p.metadata!.name!);
    const byBody = await call(h, `/api/v1/namespaces/default/pods/${a}`, { method: 'DELETE', body: JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 7 }) });
    expect(byBody.code).toBe(200);
    const pod = JSON.parse(byBody.body) as Pod;
    expect([pod.kind, pod.metadata!.deletionGracePeriodSeconds, Date.parse(pod.metadata!.deletionTimestamp!) - h.clock.now()]).toEqual(['Pod', 7, 7_000]);
    const byQuery = JSON.parse((await call(h, `/api/v1/namespaces/default/pods/${b}?gracePeriodSeconds=0`, { method: 'DELETE' })).body) as Pod;
    expect(byQuery.kind).toBe('Pod');
    expect(h.sim.store.get('Pod', 'default', b!)).toBeUndefined();
    const deployment = h.sim.store.get('Deployment', 'default', 'web')!;
    const gone = await call(h, '/apis/apps/v1/namespaces/default/deployments/web?propagationPolicy=Background', { method: 'DELETE' });
    expect(JSON.parse(gone.body)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 'web', group: 'apps', kind: 'deployments', uid: deployment.metadata!.uid } });
  });

  it('DELETE with a gracePeriodSeconds that is not an integer is a 400 and deletes nothing', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const name = h.sim.store.list('Pod', { namespace: 'default' }).items[0]!.metadata!.name!;
    for (const grace of ['"x"', '1.5', 'true']) {
      const r = await call(h, `/api/v1/namespaces/default/pods/${name}`, { method: 'DELETE', body: `{"gracePeriodSeconds":${grace}}` });
      expect([r.code, (JSON.parse(r.body) as Status).reason]).toEqual([400, 'BadRequest']);
      expect((JSON.parse(r.body) as Status).message).toBe(`gracePeriodSeconds: Invalid value: ${grace}: must be an integer`);
    }
    expect(h.sim.store.get('Pod', 'default', name)!.metadata!.deletionTimestamp).toBeUndefined();
  });

  it('DELETE on a collection deletes what the selector picks', async () => {
    h = await Harness.start({ scenario: 'default' });
    const before = h.sim.store.list('Pod', { namespace: 'default' }).items.map((p) => p.metadata!.name!);
    const r = await call(h, '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb&gracePeriodSeconds=0', { method: 'DELETE' });
    expect(r.code).toBe(200);
    const list = JSON.parse(r.body) as { kind: string; items: Pod[] };
    expect(list.kind).toBe('PodList');
    expect(list.items.map((p) => p.metadata!.name).sort()).toEqual(before.filter((n) => n.startsWith('web-')).sort());
    expect(h.sim.store.list('Pod', { namespace: 'default' }).items.map((p) => p.metadata!.name)).toEqual(before.filter((n) => !n.startsWith('web-')));
  });

  it('close() ends open watches and frees the port', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const w = lineReader(await open(h, '/api/v1/pods?watch=1'));
    await waitFor('the initial event', () => w.lines.length === 1);
    const port = h.server.port;
    await h.server.close();
    await waitFor('the watch to end', () => w.ended);
    const probe = createServer();
    await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });
});

describe('podscope sim serve', () => {
  it('prints the URL and kubeconfig, serves with its token, and stops cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podscope-serve-'));
    const kubeconfig = join(dir, 'kc');
    let out = '';
    let err = '';
    const stop = new AbortController();
    let ready: { url: string } | undefined;
    const done = runSimServe(['serve', '--scenario', 'nginx', '--port', '0', '--speed', '50', '--kubeconfig-out', kubeconfig], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } }, { signal: stop.signal, onReady: (info) => (ready = info) });
    await waitFor('the server', () => ready !== undefined);
    const kc = parseYaml(readFileSync(kubeconfig, 'utf8')) as { 'current-context': string; contexts: { context: { namespace: string } }[]; users: { user: { token: string } }[]; clusters: { cluster: { server: string } }[] };
    expect(kc['current-context']).toBe('podscope-sim');
    expect(kc.contexts[0]!.context.namespace).toBe('default');
    expect(kc.clusters[0]!.cluster.server).toBe(ready!.url);
    expect(kc.users[0]!.user.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(out).toBe(`podscope sim: serving scenario "nginx" at ${ready!.url} (speed 50x)\nkubeconfig: ${kubeconfig}\n  export KUBECONFIG=${kubeconfig}\n  kubectl get pods -A\nPress Ctrl-C to stop.\n`);
    stop.abort();
    expect(await done).toBe(0);
    expect(out.endsWith('podscope sim: stopped (stop requested)\n')).toBe(true);
    expect(err).toBe('');
    rmSync(dir, { recursive: true, force: true });
  });

  it('SIGTERM ends open watches, frees the port and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podscope-serve-'));
    let out = '';
    let ready: { url: string; server: { openWatches: number } } | undefined;
    const done = runSimServe(['serve', '--scenario=nginx', `--kubeconfig-out=${join(dir, 'kc')}`], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => undefined } }, { onReady: (info) => (ready = info) });
    await waitFor('the server', () => ready !== undefined);
    const port = Number(new URL(ready!.url).port);
    const token = (parseYaml(readFileSync(join(dir, 'kc'), 'utf8')) as { users: { user: { token: string } }[] }).users[0]!.user.token;
    const ca = Buffer.from((parseYaml(readFileSync(join(dir, 'kc'), 'utf8')) as { clusters: { cluster: { 'certificate-authority-data': string } }[] }).clusters[0]!.cluster['certificate-authority-data'], 'base64').toString();
    const res = await new Promise<IncomingMessage>((resolve, reject) => httpsRequest(`${ready!.url}/api/v1/pods?watch=1`, { headers: { authorization: `Bearer ${token}` }, ca }, resolve).on('error', reject).end());
    const w = lineReader(res);
    await waitFor('the watch', () => w.lines.length === 1);
    process.emit('SIGTERM');
    expect(await done).toBe(0);
    await waitFor('the watch to end', () => w.ended);
    expect(out.endsWith('podscope sim: stopped (SIGTERM)\n')).toBe(true);
    expect(process.listenerCount('SIGTERM')).toBe(0);
    const probe = createServer();
    await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects bad flags with the usage on stderr and exit code 2', async () => {
    let err = '';
    const code = await runSimServe(['serve', '--port', 'abc'], { stdout: { write: () => undefined }, stderr: { write: (s: string) => (err += s) } });
    expect(code).toBe(2);
    expect(err.startsWith('podscope sim: --port must be an integer from 0 to 65535, got "abc"\n\nUsage: podscope sim serve [flags]\n')).toBe(true);
  });
});
