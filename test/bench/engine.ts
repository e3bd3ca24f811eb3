// Engine throughput: 10k pods, 10 % of them crash-looping, for one simulated hour.
import type { Pod } from '../../src/kube/types.js';
import { ManualClock } from '../../src/sim/clock.js';
import { Simulator } from '../../src/sim/engine.js';
import { makeNode } from '../../src/sim/nodes.js';

export interface EngineBenchOptions {
  pods?: number;
  crashLoopingShare?: number;
  simulatedSeconds?: number;
}

export function benchEngine(options: EngineBenchOptions = {}): Record<string, number> {
  const podCount = options.pods ?? 10_000;
  const crashShare = options.crashLoopingShare ?? 0.1;
  const simulatedSeconds = options.simulatedSeconds ?? 3_600;
  const clock = new ManualClock();
  const sim = new Simulator({ clock, seed: 42 });
  const nodeCount = Math.ceil(podCount / 500);
  for (let i = 0; i < nodeCount; i++) {
    sim.api.create('Node', makeNode(`bench-node-${i + 1}`, i + 1, { cpu: '256', memory: '1024Gi', pods: 600 }));
  }
  sim.api.create('Namespace', { metadata: { name: 'bench' } });
  sim.start();

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < podCount; i++) {
    const crashing = i % Math.round(1 / crashShare) === 0;
    const pod: Pod = {
      metadata: {
        name: `pod-${String(i).padStart(5, '0')}`,
        namespace: 'bench',
        labels: { app: crashing ? 'crasher' : 'server' },
        annotations: crashing ? { 'sim.podscope.dev/run': '3s', 'sim.podscope.dev/exit-code': '1' } : {},
      },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
    };
    sim.api.create('Pod', pod);
  }
  const createdMs = performance.now() - t0;
  const createCpu = process.cpuUsage(cpu0);
  const rvBefore = Number(sim.store.resourceVersion);
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  clock.advance(simulatedSeconds * 1000);
  const simulateMs = performance.now() - t1;
  const simulateCpu = process.cpuUsage(cpu1);

  let running = 0;
  let restarts = 0;
  for (const pod of sim.store.all('Pod')) {
    if (pod.status?.phase === 'Running') running++;
    for (const cs of pod.status?.containerStatuses ?? []) restarts += cs.restartCount;
  }
  const writes = Number(sim.store.resourceVersion) - rvBefore;
  const result = {
    'engine.pods': podCount,
    'engine.simulatedSeconds': simulatedSeconds,
    'engine.createMs': round(createdMs),
    'engine.simulateMs': round(simulateMs),
    'engine.totalMs': round(createdMs + simulateMs),
    // CPU time (user + system, all threads incl. GC) is steadier than wall on a shared machine.
    'engine.createCpuMs': round(cpuMs(createCpu)),
    'engine.simulateCpuMs': round(cpuMs(simulateCpu)),
    'engine.totalCpuMs': round(cpuMs(createCpu) + cpuMs(simulateCpu)),
    'engine.storeWrites': writes,
    'engine.writesPerSecondWall': round(writes / ((simulateMs || 1) / 1000)),
    'engine.podsRunningAtEnd': running,
    'engine.containerRestarts': restarts,
    'engine.events': sim.store.count('Event'),
    'engine.heapMB': round(process.memoryUsage().heapUsed / 1e6),
  };
  sim.stop();
  return result;
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
