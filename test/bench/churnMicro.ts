// What one MODIFIED costs the TUI's pod list without a server or a frame: the bench's
// generated pods (test/bench/cluster.ts, as the simulator stores them a minute into their
// story) as watch lines, each parsed with JSON.parse as the live client parses a line, projected
// by the pod table's projector (against the version it holds) and applied to a PodTable of N
// pods in batches of 160 (a frame's worth at 5k deltas a second). CPU per delta.
//
// node dist/test/bench/churnMicro.js [--pods=10000] [--deltas=30000]
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pod } from '../../src/kube/types.js';
import { ManualClock } from '../../src/sim/clock.js';
import { Simulator } from '../../src/sim/engine.js';
import { loadScenario } from '../../src/sim/scenario/index.js';
import type { Delta } from '../../src/source/types.js';
import { PodTable } from '../../src/state/podTable.js';
import { clusterScenario } from './cluster.js';

const BATCH = 160;
const SAMPLE = 2_000;

export async function churnMicro(pods: number, deltas: number): Promise<{ pods: number; deltas: number; cpuMicrosPerDelta: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'podscope-churn-micro-'));
  let sample: Pod[];
  try {
    writeFileSync(join(dir, 'cluster.yaml'), clusterScenario({ pods: SAMPLE }));
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const sim = new Simulator({ clock, seed: 1, scenario: await loadScenario(join(dir, 'cluster.yaml')) });
    sim.start();
    for (let i = 0; i < 60; i++) clock.advance(1000);
    sample = sim.store.list('Pod', {}).items;
    sim.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const all: Pod[] = [];
  for (let i = 0; i < pods; i++) {
    const p = structuredClone(sample[i % sample.length]!);
    p.metadata!.name += `-${i}`;
    p.metadata!.uid += `-${i}`;
    all.push(p);
  }
  let rv = 1_000_000;
  const lines: string[] = [];
  for (let i = 0; i < deltas; i++) {
    const p = all[(i * 7) % pods]!;
    p.metadata!.resourceVersion = String(++rv);
    p.metadata!.annotations = { ...p.metadata!.annotations, 'bench.podscope.dev/seq': String(i) };
    lines.push(JSON.stringify({ type: 'MODIFIED', object: p }));
  }
  const table = new PodTable({});
  table.apply([{ type: 'RESET', objects: all.map((p) => table.projector.project(p)) }]);
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < deltas; i += BATCH) {
    const batch: Delta<Pod>[] = [];
    for (let j = i; j < Math.min(deltas, i + BATCH); j++) batch.push({ type: 'MODIFIED', object: table.projector.project((JSON.parse(lines[j]!) as { object: Pod }).object) });
    table.apply(batch);
  }
  const cpu = process.cpuUsage(cpu0);
  return { pods, deltas, cpuMicrosPerDelta: Math.round(((cpu.user + cpu.system) / deltas) * 10) / 10 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const pods = Number(arg('pods') ?? 10_000);
  const deltas = Number(arg('deltas') ?? 30_000);
  if (!Number.isInteger(pods) || pods <= 0 || !Number.isInteger(deltas) || deltas <= 0) {
    process.stderr.write('usage: node dist/test/bench/churnMicro.js [--pods=10000] [--deltas=30000]\n');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify({ load: (await import('node:os')).loadavg(), ...(await churnMicro(pods, deltas)) })}\n`);
}
