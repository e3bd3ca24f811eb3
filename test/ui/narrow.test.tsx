// Issue 9: at 80 columns NAME is the last column to give way (NODE, then IP, then the
// "(Xs ago)" of RESTARTS go first), and widths are recomputed on resize in both directions.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestSimulator } from './testSimulator.js';
import { loadScenario, resolveScenarioPath } from '../../src/sim/scenario/index.js';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
let stopSim: (() => void) | undefined;
afterEach(() => {
  mounted?.unmount();
  stopSim?.();
});

async function start(columns: number, rows: number): Promise<{ m: Mounted; names: string[] }> {
  const sim = createTestSimulator(await loadScenario(resolveScenarioPath('default')));
  stopSim = () => sim.stop();
  sim.clock.advance(120_000);
  const app = new AppState({ source: new SimSource(sim), namespace: undefined, frameMs: 0, realNow: () => 0 });
  mounted = await mount(app, { columns, rows });
  const names = app.pods.all().map((e) => e.name);
  return { m: mounted, names };
}

/** NAME cells of the rows on screen (NAMESPACE first: all namespaces). */
function nameCells(frame: string): string[] {
  return frame
    .split('\n')
    .map((l) => /^[> ][*+ ]\S+\s+(\S+)\s+\d+\/\d+/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined);
}

describe('narrow terminals', () => {
  it('at 80x24 every visible pod name is whole and unique; NODE and IP gave way', async () => {
    const { m, names } = await start(80, 24);
    const shown = nameCells(m.frame());
    expect(shown.length).toBeGreaterThan(5);
    for (const n of shown) expect(names).toContain(n);
    expect(new Set(shown).size).toBe(shown.length);
    const header = m.frame().split('\n').find((l) => /NAME/.test(l))!;
    expect(header).not.toContain('NODE');
    expect(header).not.toContain(' IP');
  });

  it('widths follow a resize down and back up', async () => {
    const { m } = await start(160, 30);
    const wide = m.frame().split('\n').find((l) => /NAME/.test(l))!;
    expect(wide).toContain('NODE');
    m.app.resize(80, 30);
    await m.idle();
    for (const l of m.frame().split('\n')) expect(l.length).toBeLessThanOrEqual(80);
    const names = nameCells(m.frame());
    expect(names.every((n) => !n.includes('…'))).toBe(true);
    m.app.resize(160, 30);
    await m.idle();
    expect(m.frame().split('\n').find((l) => /NAME/.test(l))!).toContain('NODE');
  });
});
