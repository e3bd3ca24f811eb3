// The container log store at 10k pods: its memory with a chatty share (which, derived on
// demand, should not grow with their output), and the time to serve tailLines=100 and a
// whole 10 MiB log from a container that has written 1,000 lines a second for ten minutes.
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Pod } from '../../src/kube/types.js';
import { ManualClock } from '../../src/sim/clock.js';
import { Simulator } from '../../src/sim/engine.js';
import { containerLogsOf, detachContainerLogs, formatLogLines } from '../../src/sim/logs/index.js';
import { makeNode } from '../../src/sim/nodes.js';

export interface LogsBenchOptions {
  pods?: number;
  chattyShare?: number;
  simulatedSeconds?: number;
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function timeEach(runs: number, fn: () => void): { meanMs: number; p95Ms: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { meanMs: times.reduce((s, x) => s + x, 0) / runs, p95Ms: times[Math.floor(runs * 0.95)]! };
}

export function benchLogs(options: LogsBenchOptions = {}): Record<string, number> {
  const podCount = options.pods ?? 10_000;
  const chattyEvery = Math.round(1 / (options.chattyShare ?? 0.1));
  const simulatedSeconds = options.simulatedSeconds ?? 600;
  const clock = new ManualClock();
  const sim = new Simulator({ clock, seed: 42 });
  for (let i = 0; i < Math.ceil(podCount / 500); i++) {
    sim.api.create('Node', makeNode(`bench-node-${i + 1}`, i + 1, { cpu: '256', memory: '1024Gi', pods: 600 }));
  }
  sim.api.create('Namespace', { metadata: { name: 'bench' } });
  sim.start();
  for (let i = 0; i < podCount; i++) {
    const chatty = i % chattyEvery === 0;
    const crashing = i % chattyEvery === 1;
    const annotations: Record<string, string> = chatty
      ? { 'sim.podscope.dev/logs': 'rate 1000/s: {time} INFO request id={n} GET /api/v1/items/{n} 200 3ms' }
      : crashing
        ? { 'sim.podscope.dev/run': '3s', 'sim.podscope.dev/exit-code': '1' }
        : {};
    const pod: Pod = {
      metadata: { name: `pod-${String(i).padStart(5, '0')}`, namespace: 'bench', annotations },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
    };
    sim.api.create('Pod', pod);
  }
  clock.advance(simulatedSeconds * 1000);
  const reads = readFigures(sim, podCount, chattyEvery);
  const withStore = heapAfterGc();
  detachContainerLogs(sim.store);
  const withoutStore = heapAfterGc();
  const result = {
    'logs.pods': podCount,
    'logs.chattyPods': Math.ceil(podCount / chattyEvery),
    'logs.simulatedSeconds': simulatedSeconds,
    ...reads,
    'logs.storeHeapMB': Math.round(((withStore - withoutStore) / 1e6) * 10) / 10,
  };
  sim.stop();
  return result;
}

/** Reads in a scope of its own, so nothing here holds the store when its memory is measured. */
function readFigures(sim: Simulator, podCount: number, chattyEvery: number): Record<string, number> {
  const logs = containerLogsOf(sim);
  const instances = logs.instanceCount;
  const inst = logs.instances('bench', 'pod-00000', 'app').at(-1)!;
  const tail = timeEach(200, () => formatLogLines(logs.read(inst, { tailLines: 100 }), false));
  let wholeBytes = 0;
  const whole = timeEach(3, () => (wholeBytes = formatLogLines(logs.read(inst), false).length));
  // Every chatty container read once (tail 100), as a viewer opening each would.
  for (let i = 0; i < podCount; i += chattyEvery) {
    const name = `pod-${String(i).padStart(5, '0')}`;
    const latest = logs.instances('bench', name, 'app').at(-1);
    if (latest) logs.read(latest, { tailLines: 100 });
  }
  return {
    'logs.instancesKept': instances,
    'logs.tail100MeanMs': Math.round(tail.meanMs * 1000) / 1000,
    'logs.tail100P95Ms': Math.round(tail.p95Ms * 1000) / 1000,
    'logs.whole10MiBMeanMs': Math.round(whole.meanMs),
    'logs.whole10MiBBytes': wholeBytes,
  };
}
