// CPU/MEM in the pod list and the nodes view (issue 16): the columns appear once a metrics
// poll answers, follow the simulator's model, sort with shift-C / shift-M, show the
// oomkilled fixture's leak climbing toward its limit, and stay hidden with a note when the
// cluster has no metrics API.
import { afterEach, describe, expect, it } from 'vitest';
import { podRequestsLimits, podUsageCells, podMetricsUsage } from '../../src/kube/metricsColumns.js';
import { quantityNanos } from '../../src/kube/quantity.js';
import { loadScenario, resolveScenarioPath } from '../../src/sim/scenario/index.js';
import { SimMetrics } from '../../src/sim/metrics/index.js';
import { SimSource } from '../../src/source/sim.js';
import type { ClusterSource } from '../../src/source/types.js';
import { AppState } from '../../src/state/appState.js';
import { mount, type Mounted } from './helpers.js';
import { createTestSimulator } from './testSimulator.js';

let mounted: Mounted | undefined;
let stopSim: (() => void) | undefined;
afterEach(() => {
  mounted?.unmount();
  stopSim?.();
});

async function open(fixture: string, settleMs: number, wrap?: (s: SimSource) => ClusterSource) {
  const sim = createTestSimulator(await loadScenario(resolveScenarioPath(fixture)));
  stopSim = () => sim.stop();
  sim.clock.advance(settleMs);
  const source = new SimSource(sim);
  const app = new AppState({ source: wrap ? wrap(source) : source, namespace: 'default', frameMs: 0, realNow: () => 0 });
  mounted = await mount(app, { columns: 200, rows: 40 });
  return { m: mounted, sim, app };
}

const header = (frame: string): string => frame.split('\n').find((l) => /NAME/.test(l) && /READY/.test(l)) ?? '';
const rowOf = (frame: string, name: string): string[] => frame.split('\n').find((l) => new RegExp(`^[> ][*+ ]${name}\\s`).test(l))!.slice(2).trim().split(/\s+/);

describe('usage columns', () => {
  it('appear after a poll and say what the model says', async () => {
    const { m, sim, app } = await open('deployment', 60_000);
    expect(header(m.frame())).not.toContain('CPU');
    app.pollMetrics();
    await m.idle();
    const h = header(m.frame()).trim().split(/\s+/);
    expect(h).toEqual(['NAME↑', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'CPU', 'MEM', '%CPU/R', '%CPU/L', '%MEM/R', '%MEM/L', 'IP', 'NODE']);
    const metrics = new SimMetrics(sim.store, sim.clock).listPods('default');
    expect(metrics.length).toBe(3);
    for (const pm of metrics) {
      const pod = sim.store.get('Pod', 'default', pm.metadata.name!)!;
      const want = podUsageCells(podMetricsUsage(pm), podRequestsLimits(pod));
      expect(rowOf(m.frame(), pm.metadata.name!).slice(5, 11)).toEqual([want.cpu, want.mem, want.cpuOfRequest, want.cpuOfLimit, want.memOfRequest, want.memOfLimit]);
    }
  });

  it('shift-C sorts by CPU, busiest first, and keeps the order with each poll', async () => {
    const { m, sim, app } = await open('deployment', 60_000);
    app.pollMetrics();
    await m.idle();
    await m.press('sortCpu');
    const cpus = () =>
      m
        .frame()
        .split('\n')
        .filter((l) => /^[> ][*+ ]web-/.test(l))
        .map((l) => Number(l.slice(2).trim().split(/\s+/)[5]));
    expect(header(m.frame())).toContain('CPU↑');
    const first = cpus();
    expect(first).toEqual([...first].sort((a, b) => b - a));
    // The next window's usage: the order follows the new poll.
    sim.clock.advance(15_000);
    app.pollMetrics();
    await m.idle();
    const second = cpus();
    expect(second).toEqual([...second].sort((a, b) => b - a));
    await m.press('sortCpu');
    expect(cpus()).toEqual([...second].reverse());
    await m.press('sortMem');
    expect(header(m.frame())).toContain('MEM↑');
  });

  it("the oomkilled fixture's leak climbs toward its limit before the kill", async () => {
    const { m, sim, app } = await open('oomkilled', 20_000);
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      app.pollMetrics();
      await m.idle();
      const cells = rowOf(m.frame(), 'memory-leak');
      expect(cells[2]).toBe('Running');
      seen.push(Number(cells[10]));
      sim.clock.advance(30_000);
    }
    // %MEM/L: 40Mi + 512Ki/s of a 128Mi limit, 15 s apart.
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]!);
    expect(seen[seen.length - 1]).toBeGreaterThan(80);
    expect(seen[seen.length - 1]).toBeLessThan(100);
  });

  it('stay hidden with a note when the cluster serves no metrics API', async () => {
    const absent = (s: SimSource): ClusterSource =>
      Object.assign(Object.create(s) as SimSource, {
        podMetrics: async () => ({ available: false as const, absent: true, message: 'the cluster serves no metrics API (metrics.k8s.io/v1beta1; is metrics-server installed?)' }),
      });
    const { m, app } = await open('deployment', 30_000, absent);
    app.pollMetrics();
    await m.idle();
    expect(header(m.frame())).not.toContain('CPU');
    expect(m.frame()).toContain('CPU/MEM columns hidden: the cluster serves no metrics API');
  });

  it('the nodes view shows CPU, MEM, %CPU and %MEM of allocatable', async () => {
    const { m, sim, app } = await open('deployment', 60_000);
    await m.press('command');
    await m.type('no');
    await m.press('submit');
    app.pollMetrics();
    await m.idle();
    const h = m.frame().split('\n').find((l) => /NAME/.test(l) && /STATUS/.test(l))!;
    expect(h.trim().split(/\s+/).slice(-4)).toEqual(['CPU', 'MEM', '%CPU', '%MEM']);
    const nm = new SimMetrics(sim.store, sim.clock).getNode('sim-node-1');
    const line = m.frame().split('\n').find((l) => /^[> ][* ]sim-node-1\s/.test(l))!;
    const cells = line.slice(2).trim().split(/\s+/);
    expect(cells[cells.length - 4]).toBe(String(Math.ceil(Number(quantityNanos(nm.usage.cpu!)) / 1e6)));
    expect(Number(cells[cells.length - 2])).toBeGreaterThan(0);
  });
});
