// `sim serve --faults`: each fault observed by a client, the same seed giving the same
// faults, and health probes never faulted.
import { get as httpsGet } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../src/sim/server/faultSpec.js';
import { runSimServe } from '../../src/cli/serveCommand.js';
import { Harness, TOKEN, tls, waitFor } from './helpers/serverHarness.js';
import { httpsCall, statusOf } from './helpers/httpsCall.js';

let hs: Harness[] = [];
afterEach(async () => {
  for (const h of hs.splice(0)) await h.close();
});

async function start(spec: string): Promise<Harness> {
  const h = await Harness.start({ scenario: 'nginx', server: { faults: parseFaultSpec(spec) } });
  hs.push(h);
  return h;
}

const POD = '/api/v1/namespaces/default/pods';

/** The raw lines of a watch until `n` arrive or the stream ends. */
function watchLines(h: Harness, path: string): { lines: string[]; ended: boolean; errored: boolean } {
  const state = { lines: [] as string[], ended: false, errored: false };
  let partial = '';
  const req = httpsGet(new URL(path, h.server.url), { headers: { authorization: `Bearer ${TOKEN}` }, ca: tls().caPem }, (res) => {
    res.on('data', (d: Buffer) => {
      const parts = (partial + d.toString()).split('\n');
      partial = parts.pop()!;
      state.lines.push(...parts);
    });
    res.on('end', () => (state.ended = true));
    res.on('aborted', () => (state.errored = true));
    res.on('error', () => (state.errored = true));
    res.on('close', () => (state.ended = true));
  });
  req.on('error', () => (state.errored = true));
  return state;
}

describe('sim serve --faults', () => {
  it('answers a share of requests with 429 and Retry-After, and never faults /healthz', async () => {
    const h = await start('error=100%:429');
    const r = await httpsCall(h, POD);
    expect(r.code).toBe(429);
    expect(r.headers['retry-after']).toBe('1');
    expect(statusOf(r)).toMatchObject({ reason: 'TooManyRequests', message: 'Too many requests, please try again later.', details: { retryAfterSeconds: 1 } });
    for (const p of ['/healthz', '/livez', '/readyz']) expect((await httpsCall(h, p, { token: null })).code, p).toBe(200);
    expect(h.server.faults!.counts.error429).toBe(1);
  });

  it('injects the same faults for the same seed and request sequence', async () => {
    const codes = async (h: Harness): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < 40; i++) out.push((await httpsCall(h, POD)).code);
      return out;
    };
    const spec = 'seed=3,error=20%:500,error=10%:503';
    const a = await codes(await start(spec));
    const b = await codes(await start(spec));
    expect(a).toEqual(b);
    expect(a.filter((c) => c === 500).length).toBeGreaterThan(0);
    expect(a.filter((c) => c === 503).length).toBeGreaterThan(0);
    expect(a.filter((c) => c === 200).length).toBeGreaterThan(20);
    const other = await codes(await start('seed=4,error=20%:500,error=10%:503'));
    expect(other).not.toEqual(a);
  });

  it('cuts list bodies halfway but not single gets', async () => {
    const h = await start('cut-list=100%');
    await expect(httpsCall(h, POD)).rejects.toThrow();
    expect((await httpsCall(h, `${POD}/nginx`)).code).toBe(200);
    expect(h.server.faults!.counts.cutList).toBe(1);
  });

  it('adds latency', async () => {
    const h = await start('latency=150ms');
    const t0 = performance.now();
    expect((await httpsCall(h, POD)).code).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('drops, garbles, expires watches, and restarts with a fresh history', async () => {
    const h = await start('seed=1,drop-watch=1h');
    const faults = h.server.faults!;
    const rv = (JSON.parse((await httpsCall(h, POD)).body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;

    const garbled = watchLines(h, `${POD}?watch=true&resourceVersion=${rv}`);
    await waitFor('the watch', () => h.server.openWatches === 1);
    faults.malformWatches();
    await waitFor('the bad line', () => garbled.lines.length === 1);
    expect(() => JSON.parse(garbled.lines[0]!)).toThrow();

    faults.expireWatches();
    await waitFor('the 410', () => garbled.ended);
    const ev = JSON.parse(garbled.lines[1]!) as { type: string; object: { code: number; reason: string } };
    expect([ev.type, ev.object.code, ev.object.reason]).toEqual(['ERROR', 410, 'Expired']);

    const dropped = watchLines(h, `${POD}?watch=true`);
    await waitFor('the second watch', () => h.server.openWatches === 1);
    faults.dropWatches();
    await waitFor('the drop', () => dropped.ended || dropped.errored);

    // A client holding a version from before the restart (not the newest) must relist.
    const held = h.sim.store.resourceVersion;
    h.sim.api.create('Namespace', { metadata: { name: 'before-restart' } });
    faults.restart();
    const after = watchLines(h, `${POD}?watch=true&resourceVersion=${held}`);
    await waitFor('the 410 after the restart', () => after.lines.length === 1);
    expect((JSON.parse(after.lines[0]!) as { object: { code: number } }).object.code).toBe(410);
    expect(faults.counts).toMatchObject({ malformedWatch: 1, expireWatch: 1, dropWatch: 1, restart: 1 });
  });

  it('refuses a bad spec on the command line with the rule at fault', async () => {
    let err = '';
    const code = await runSimServe(['serve', '--faults', 'error=5%:404'], { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) } });
    expect(code).toBe(2);
    expect(err.split('\n')[0]).toBe('podscope sim: --faults: error: the code must be 500, 429 or 503, got "404"');
  });
});
