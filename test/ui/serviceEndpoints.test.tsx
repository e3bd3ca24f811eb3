// Enter on a Service lists the pods it selects with an ENDPOINT column from its
// EndpointSlices: ready while readiness passes, not-ready once it fails (the services
// fixture flaps), and back.
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario, resolveScenarioPath } from '../../src/sim/scenario/index.js';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { mount, type Mounted } from './helpers.js';
import { createTestSimulator } from './testSimulator.js';

let mounted: Mounted | undefined;
let stopSim: (() => void) | undefined;
afterEach(() => {
  mounted?.unmount();
  stopSim?.();
});

const endpointCells = (frame: string): string[] =>
  frame
    .split('\n')
    .filter((l) => /^[> ][* ]web-/.test(l))
    .map((l) => l.trim().split(/\s+/).pop()!);

describe('a Service → its pods', () => {
  it('shows each pod in or out of the endpoints, following the EndpointSlices', async () => {
    const sim = createTestSimulator(await loadScenario(resolveScenarioPath('services')));
    stopSim = () => sim.stop();
    sim.clock.advance(20_000);
    const app = new AppState({ source: new SimSource(sim), namespace: 'default', frameMs: 0, realNow: () => 0 });
    const m = (mounted = await mount(app, { columns: 200, rows: 40 }));
    await m.press('command');
    await m.type('svc');
    await m.press('submit');
    await m.press('filter');
    await m.type('^web$');
    await m.press('submit');
    await m.key('enter');
    await m.idle();
    expect(m.frame()).toMatch(/NAME.*ENDPOINT/);
    expect(endpointCells(m.frame())).toEqual(['ready', 'ready']);
    // Readiness fails from 30 s; three failed probes later the slice says not ready.
    for (let i = 0; i < 40 && !endpointCells(m.frame()).every((c) => c === 'not-ready'); i++) {
      sim.clock.advance(1_000);
      await m.idle();
    }
    expect(endpointCells(m.frame())).toEqual(['not-ready', 'not-ready']);
    for (let i = 0; i < 40 && !endpointCells(m.frame()).every((c) => c === 'ready'); i++) {
      sim.clock.advance(1_000);
      await m.idle();
    }
    expect(endpointCells(m.frame())).toEqual(['ready', 'ready']);
  });

  it('a workload\'s pods have no ENDPOINT column', async () => {
    const sim = createTestSimulator(await loadScenario(resolveScenarioPath('deployment')));
    stopSim = () => sim.stop();
    sim.clock.advance(20_000);
    const app = new AppState({ source: new SimSource(sim), namespace: 'default', frameMs: 0, realNow: () => 0 });
    const m = (mounted = await mount(app, { columns: 200, rows: 40 }));
    await m.press('command');
    await m.type('deploy');
    await m.press('submit');
    await m.key('enter');
    await m.idle();
    expect(m.frame()).toContain('pods of deployment');
    expect(m.frame()).not.toContain('ENDPOINT');
  });
});
