// Watch-list streaming (sendInitialEvents=true, KEP-3157) and the slow-reader rule of
// `sim serve`: the initial events go out as the reader takes them, end with a BOOKMARK
// annotated k8s.io/initial-events-end, and never count against the reader; live events
// queue behind them in a bounded channel whose overflow ends the stream cleanly.
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import type { Pod, Status } from '../../src/kube/types.js';
import { Harness, TOKEN, tls, waitFor } from './helpers/serverHarness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function open(x: Harness, path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(new URL(path, x.server.url), { headers: { authorization: `Bearer ${TOKEN}` }, ca: tls().caPem }, resolve);
    req.on('error', reject);
    req.end();
  });
}

interface Line {
  type: string;
  object: { kind?: string; metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> }; code?: number; message?: string; reason?: string };
}

function reader(res: IncomingMessage): { lines: Line[]; ended: boolean } {
  const state = { lines: [] as Line[], ended: false };
  let partial = '';
  res.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop()!;
    for (const p of parts) state.lines.push(JSON.parse(p) as Line);
  });
  res.on('close', () => (state.ended = true));
  return state;
}

async function body(res: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of res) text += (chunk as Buffer).toString();
  return text;
}

const padding = 'x'.repeat(4_000);
function addPods(x: Harness, prefix: string, n: number): void {
  for (let i = 0; i < n; i++) {
    x.sim.api.create('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `${prefix}-${i}`, namespace: 'default', annotations: { padding } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } as Pod);
  }
}

const WATCH_LIST = 'watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true';

describe('sim serve watch-list streaming', () => {
  it('sends the current state as ADDED, then the initial-events-end BOOKMARK, then changes', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    addPods(h, 'a', 20);
    const names = h.sim.store.list('Pod', { namespace: 'default' }).items.map((p) => p.metadata!.name!);
    const rv = h.sim.store.resourceVersion;
    const w = reader(await open(h, `/api/v1/namespaces/default/pods?${WATCH_LIST}`));
    await waitFor('the initial events', () => w.lines.some((l) => l.type === 'BOOKMARK'));
    const end = w.lines.findIndex((l) => l.type === 'BOOKMARK');
    expect(w.lines.slice(0, end).map((l) => `${l.type} ${l.object.metadata!.name}`).sort()).toEqual(names.map((n) => `ADDED ${n}`).sort());
    expect(w.lines[end]!.object).toEqual({ kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: rv, annotations: { 'k8s.io/initial-events-end': 'true' } } });
    addPods(h, 'b', 1);
    await waitFor('the live event', () => w.lines.length === end + 2);
    expect([w.lines[end + 1]!.type, w.lines[end + 1]!.object.metadata!.name]).toEqual(['ADDED', 'b-0']);
  });

  it('rejects sendInitialEvents without resourceVersionMatch=NotOlderThan, and on a list, as the apiserver does', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const cases: [string, string][] = [
      ['watch=1&sendInitialEvents=true', 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'],
      ['watch=1&resourceVersionMatch=NotOlderThan', 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'],
      ['sendInitialEvents=true', 'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list'],
    ];
    for (const [query, message] of cases) {
      const res = await open(h, `/api/v1/pods?${query}`);
      const status = JSON.parse(await body(res)) as Status;
      expect([res.statusCode, status.reason, status.message]).toEqual([422, 'Invalid', message]);
      expect(status.details).toMatchObject({ group: 'meta.k8s.io', kind: 'ListOptions' });
    }
  });

  it('streams a large initial state to a slow reader while writes go on, without cutting it off', async () => {
    h = await Harness.start({ scenario: 'nginx', server: { maxWatchBufferBytes: 64 * 1024 } });
    addPods(h, 'big', 3_000); // ~12 MB of initial events, far past what the socket holds
    const res = await open(h, `/api/v1/namespaces/default/pods?${WATCH_LIST}`);
    res.pause();
    await waitFor('the watch to open', () => h!.server.openWatches === 1);
    addPods(h, 'live', 300); // fewer than the channel holds
    const w = reader(res);
    res.resume();
    await waitFor('every event', () => w.lines.filter((l) => l.object.metadata?.name?.startsWith('live-')).length === 300, 20_000);
    const bookmark = w.lines.findIndex((l) => l.type === 'BOOKMARK');
    expect(bookmark).toBe(h.sim.store.count('Pod') - 300);
    expect(w.ended).toBe(false);
  });

  it('ends the stream cleanly once more live events queue than the watch channel holds', async () => {
    h = await Harness.start({ scenario: 'nginx', server: { maxWatchBufferBytes: 64 * 1024 } });
    const rv = h.sim.store.resourceVersion;
    const res = await open(h, `/api/v1/namespaces/default/pods?watch=1&resourceVersion=${rv}`);
    res.pause();
    await waitFor('the watch to open', () => h!.server.openWatches === 1);
    addPods(h, 'flood', 2_500);
    expect(h.server.openWatches).toBe(0);
    const w = reader(res);
    let errored = false;
    res.on('error', () => (errored = true));
    res.resume();
    await waitFor('the end of the stream', () => w.ended, 20_000);
    expect(errored).toBe(false);
    // What reached the socket before the cut-off arrives whole, in order, and stops short.
    const names = w.lines.map((l) => l.object.metadata!.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.length).toBeLessThan(2_500);
    expect(names).toEqual(names.map((_, i) => `flood-${i}`));
  });
});
