// The REST server under load: LIST of 10k realistic pods as JSON and as a Table (time and
// bytes, first and repeated), and watch fan-out to 10 watchers at 5k events/s (events
// delivered per second, worst lag from the store write to a watcher reading the line).
import { request, type IncomingMessage } from 'node:http';
import type { Pod } from '../../src/kube/types.js';
import { ManualClock } from '../../src/sim/clock.js';
import { Simulator } from '../../src/sim/engine.js';
import { makeNode } from '../../src/sim/nodes.js';
import { startSimServer, type SimServer } from '../../src/sim/server/server.js';

const TOKEN = 'bench-token';
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

export interface ServerBenchOptions {
  pods?: number;
  watchers?: number;
  eventsPerSecond?: number;
  seconds?: number;
}

function get(server: SimServer, path: string, accept?: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
    if (accept) headers.accept = accept;
    request(new URL(path, server.url), { headers }, resolve).on('error', reject).end();
  });
}

async function timedList(server: SimServer, accept?: string): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const res = await get(server, '/api/v1/pods', accept);
  let bytes = 0;
  for await (const chunk of res) bytes += (chunk as Buffer).length;
  return { ms: performance.now() - t0, bytes };
}

function populate(podCount: number): Simulator {
  const clock = new ManualClock();
  const sim = new Simulator({ clock, seed: 7 });
  for (let i = 0; i < Math.ceil(podCount / 500); i++) {
    sim.api.create('Node', makeNode(`bench-node-${i + 1}`, i + 1, { cpu: '256', memory: '1024Gi', pods: 600 }));
  }
  sim.api.create('Namespace', { metadata: { name: 'bench' } });
  sim.start();
  for (let i = 0; i < podCount; i++) {
    const pod: Pod = {
      metadata: { name: `pod-${String(i).padStart(5, '0')}`, namespace: 'bench', labels: { app: `app-${i % 20}` } },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
    };
    sim.api.create('Pod', pod);
  }
  clock.advance(120_000);
  // The engine stops so the fan-out measures the server alone; the store stays served.
  sim.stop();
  return sim;
}

async function fanOut(sim: Simulator, server: SimServer, watchers: number, perSecond: number, seconds: number): Promise<{ deliveredPerSecond: number; worstLagMs: number; delivered: number }> {
  const writtenAt = new Map<string, number>();
  let delivered = 0;
  let worstLag = 0;
  const rv = sim.store.resourceVersion;
  const streams: IncomingMessage[] = [];
  for (let i = 0; i < watchers; i++) {
    const res = await get(server, `/api/v1/namespaces/bench/pods?watch=1&resourceVersion=${rv}`);
    let partial = '';
    res.on('data', (d: Buffer) => {
      const now = performance.now();
      const parts = (partial + d.toString()).split('\n');
      partial = parts.pop()!;
      for (const line of parts) {
        const m = /"resourceVersion":"(\d+)"/.exec(line);
        const at = m ? writtenAt.get(m[1]!) : undefined;
        if (at === undefined) continue;
        delivered++;
        worstLag = Math.max(worstLag, now - at);
      }
    });
    streams.push(res);
  }
  const pods = sim.store.list('Pod', { namespace: 'bench' }).items.map((p) => p.metadata!.name!);
  const total = perSecond * seconds;
  const tickMs = 10;
  const perTick = Math.round((perSecond * tickMs) / 1000);
  let written = 0;
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.round(((performance.now() - t0) / 1000) * perSecond), written + perTick * 4);
      for (; written < due; written++) {
        const name = pods[written % pods.length]!;
        const current = sim.store.get('Pod', 'bench', name)!;
        const updated = sim.store.update('Pod', { ...current, metadata: { ...current.metadata, resourceVersion: undefined, annotations: { beat: String(written) } } });
        writtenAt.set(updated.metadata!.resourceVersion!, performance.now());
      }
      if (written >= total) {
        clearInterval(timer);
        resolve();
      }
    }, tickMs);
  });
  const deadline = performance.now() + 10_000;
  while (delivered < total * watchers && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const elapsed = (performance.now() - t0) / 1000;
  for (const s of streams) s.destroy();
  return { deliveredPerSecond: delivered / elapsed, worstLagMs: worstLag, delivered };
}

export async function benchServer(options: ServerBenchOptions = {}): Promise<Record<string, number>> {
  const podCount = options.pods ?? 10_000;
  const sim = populate(podCount);
  const server = await startSimServer({ sim, token: TOKEN });
  try {
    // The first LIST also serialises every pod (later ones reuse the cached texts) and warms the JIT.
    const jsonFirst = await timedList(server);
    const jsonAgain = await bestOf(3, () => timedList(server));
    const tableFirst = await timedList(server, TABLE);
    const tableAgain = await bestOf(3, () => timedList(server, TABLE));
    const fan = await fanOut(sim, server, options.watchers ?? 10, options.eventsPerSecond ?? 5_000, options.seconds ?? 3);
    return {
      'server.pods': podCount,
      'server.listJsonMs': round(jsonFirst.ms),
      'server.listJsonWarmMs': round(jsonAgain.ms),
      'server.listJsonBytes': jsonFirst.bytes,
      'server.listTableMs': round(tableFirst.ms),
      'server.listTableWarmMs': round(tableAgain.ms),
      'server.listTableBytes': tableFirst.bytes,
      'server.watchers': options.watchers ?? 10,
      'server.watchEventsPerSecondOffered': options.eventsPerSecond ?? 5_000,
      'server.watchEventsDeliveredPerSecond': round(fan.deliveredPerSecond),
      'server.watchEventsDelivered': fan.delivered,
      'server.watchWorstLagMs': round(fan.worstLagMs),
    };
  } finally {
    await server.close();
  }
}

async function bestOf(n: number, run: () => Promise<{ ms: number; bytes: number }>): Promise<{ ms: number; bytes: number }> {
  let best = await run();
  for (let i = 1; i < n; i++) {
    const r = await run();
    if (r.ms < best.ms) best = r;
  }
  return best;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
