// Live heap per pod after a full GC (issue 15's memory goal): what the pod list keeps of each
// pod, and what the event table keeps of their Events. The pods and events are the binary bench's cluster (cluster.ts: Deployments, 5 % crash-looping),
// made by the simulator on a manual clock and written out as JSON the way `sim serve` sends
// them; a child process started with --expose-gc parses them and measures (heapChild.ts), so
// nothing of the simulator is in the heap it measures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../../src/sim/clock.js';
import { Simulator } from '../../src/sim/engine.js';
import { parseScenario } from '../../src/sim/scenario/index.js';
import { clusterScenario } from './cluster.js';

export interface HeapBenchOptions {
  pods?: number;
  /** Simulated seconds before the pods are taken (all started, crash loops under way). */
  settleSeconds?: number;
}

/** The pods, and the Events, as one JSON document per line. */
function clusterLines(pods: number, settleSeconds: number): { pods: string; events: string } {
  const clock = new ManualClock(Date.UTC(2026, 11, 6));
  const sim = new Simulator({ clock, seed: 15, scenario: parseScenario(clusterScenario({ pods }), 'heap-bench') });
  sim.start();
  clock.advance(settleSeconds * 1000);
  const lines = [...sim.store.all('Pod')].map((p) => JSON.stringify(p));
  const events = [...sim.store.all('Event')].map((e) => JSON.stringify(e));
  sim.stop();
  if (lines.length !== pods) throw new Error(`heap bench: the simulator made ${lines.length} pods, not ${pods}`);
  return { pods: `${lines.join('\n')}\n`, events: `${events.join('\n')}\n` };
}

export function benchHeap(options: HeapBenchOptions = {}): Record<string, number> {
  const pods = options.pods ?? 10_000;
  const dir = mkdtempSync(join(tmpdir(), 'podscope-heap-'));
  try {
    const file = join(dir, 'pods.jsonl');
    const eventFile = join(dir, 'events.jsonl');
    const lines = clusterLines(pods, options.settleSeconds ?? 30);
    writeFileSync(file, lines.pods);
    writeFileSync(eventFile, lines.events);
    const child = fileURLToPath(new URL('./heapChild.js', import.meta.url));
    const r = spawnSync(process.execPath, ['--expose-gc', child, file, eventFile], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`heap bench child failed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout) as Record<string, number>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
