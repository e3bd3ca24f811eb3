// The pod table's own work for the binary bench's sort and filter keys at 100k pods, in one
// process without Ink or a server: a table shaped like the bench cluster (team-0..9, web-N
// Deployments of 1,000, crash-95..99 crash-looping), the filter typed as the bench types it
// ("crash-1" letter by letter, the prompt open), then S S R N, with MODIFIED deltas of the
// crash-looping pods before each key and a few ms of idle work after it. Prints each key's
// median and max wall ms over the rounds (a loaded machine inflates the max: compare runs
// made back to back). `--root=DIR`: another checkout's build, for a "before".
//
// node dist/test/bench/tableKeys.js [--rounds=8] [--idle-ms=40] [--root=DIR]
import { resolve } from 'node:path';
import type { Pod } from '../../src/kube/types.js';
import type { PodTable as PodTableType } from '../../src/state/podTable.js';
import type { DeltaBatch } from '../../src/source/types.js';

const N = 100_000;

function pod(i: number, restarts: number, version: number): Pod {
  const dep = Math.floor(i / 1000);
  const crash = dep >= 95;
  const name = `${crash ? 'crash' : 'web'}-${dep}-5d8f7c${(dep % 16).toString(16)}9b-${((i * 7919) % 60466176).toString(36).padStart(5, 'a')}`;
  return {
    metadata: { name, namespace: `team-${dep % 10}`, uid: `uid-${i}`, creationTimestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), resourceVersion: String(version), labels: { app: `${crash ? 'crash' : 'web'}-${dep}` } },
    spec: { containers: [{ name: 'app', image: 'nginx' }], nodeName: `bench-node-${String(1 + (i % 100)).padStart(3, '0')}` },
    status: {
      phase: 'Running',
      podIPs: [{ ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }],
      containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: !crash, restartCount: restarts, state: crash ? (restarts % 2 ? { waiting: { reason: 'CrashLoopBackOff' } } : { terminated: { reason: 'Error', exitCode: 1 } }) : { running: {} } }],
    },
  };
}

async function main(): Promise<void> {
  const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const root = resolve(arg('root') ?? resolve(import.meta.dirname, '../../..'));
  const rounds = Number(arg('rounds') ?? 8);
  const idleMs = Number(arg('idle-ms') ?? 40);
  const { PodTable } = (await import(`${root}/dist/src/state/podTable.js`)) as { PodTable: typeof PodTableType };
  const t = new PodTable({});
  t.apply(Array.from({ length: N }, (_, i) => ({ type: 'ADDED' as const, object: pod(i, 0, i + 1) })));
  for (const e of t.everyRow()) void e.searchText;
  while (!t.idleWork(performance.now() + 1e9));
  let version = N + 1;
  let restarts = 1;
  const deltas = (k: number): void => {
    const batch: DeltaBatch<Pod> = Array.from({ length: k }, () => ({ type: 'MODIFIED' as const, object: pod(95_000 + Math.floor(Math.random() * 5_000), restarts++ % 50, version++) }));
    t.apply(batch);
  };
  const idle = (): void => {
    const until = performance.now() + idleMs;
    while (performance.now() < until && !t.idleWork(until));
  };
  const times = new Map<string, number[]>();
  const key = (name: string, run: () => void): void => {
    const from = performance.now();
    run();
    t.window(45);
    const ms = performance.now() - from;
    times.set(name, [...(times.get(name) ?? []), ms]);
  };
  // A build without the text index has no setTyping.
  const typing = (on: boolean): void => (t as { setTyping?: (on: boolean) => void }).setTyping?.(on);
  for (let round = 0; round < rounds; round++) {
    typing(true);
    let query = '';
    for (const ch of 'crash-1') {
      query += ch;
      deltas(20);
      key(`filter ${query}`, () => t.setFilter(query));
      idle();
    }
    typing(false);
    deltas(200);
    key('filter cleared', () => t.setFilter(''));
    idle();
    for (const s of ['status', 'status', 'restarts', 'name'] as const) {
      deltas(200);
      key(`sort ${s}`, () => t.toggleSort(s));
      idle();
    }
  }
  const out: Record<string, { medianMs: number; maxMs: number }> = {};
  for (const [name, v] of times) {
    v.sort((a, b) => a - b);
    out[name] = { medianMs: Math.round(v[v.length >> 1]! * 100) / 100, maxMs: Math.round(v[v.length - 1]! * 100) / 100 };
  }
  process.stdout.write(`${JSON.stringify({ root, rounds, idleMs, keys: out }, null, 1)}\n`);
}

await main();
