// `t`: the pod's timeline view on the crash-loop fixture, on the manual clock: restarts with
// their back-off gaps, events interleaved, follow at the end (↑ pauses, G follows again),
// kept after the pod is deleted; the pod view's pane shows the newest entries; the help lists it.
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
  mounted = undefined;
});

async function open(rows = 30): Promise<{ m: Mounted; sim: ReturnType<typeof createTestSimulator> }> {
  const sim = createTestSimulator(await loadScenario(resolveScenarioPath('crashloop')));
  stopSim = () => sim.stop();
  const app = new AppState({ source: new SimSource(sim), namespace: 'default', frameMs: 0, realNow: () => 0 });
  mounted = await mount(app, { columns: 140, rows });
  return { m: mounted, sim };
}

async function advance(m: Mounted, sim: ReturnType<typeof createTestSimulator>, ms: number, step = 500): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    sim.clock.advance(Math.min(step, ms - t));
    await m.idle();
  }
}

describe('timeline view', () => {
  it('t on a crash-looping pod: restarts with the gap since each exit, BackOff events between, following the newest', async () => {
    const { m, sim } = await open();
    await advance(m, sim, 60_000);
    await m.press('timeline');
    expect(m.app.view).toBe('timeline');
    const f = m.frame();
    expect(f).toContain('Timeline default/crashloop follow');
    expect(f).toMatch(/from 2026-01-01 UTC/);
    // Following: the newest entries are in view.
    // (a waiting state has no timestamp: it is placed when the watch brought it, 50.975 s here)
    expect(f).toMatch(/00:00:51 \+51s\s+app: Terminated Error \(exit 1\) → Waiting CrashLoopBackOff \(back-off 40s\)/);
    expect(f).toMatch(/00:00:38 \+38s\s+app: Waiting CrashLoopBackOff \(back-off 20s\) → Running \(restart 3, 20s after the exit\)/);
    expect(f).toMatch(/app: BackOff \(×\d\) Back-off restarting failed container app/);
    // New entries arrive while it follows.
    await advance(m, sim, 25_000);
    expect(m.frame()).toMatch(/app: Waiting CrashLoopBackOff \(back-off 40s\) → Running \(restart 4, 40s after the exit\)/);
    // The top of the timeline: creation and scheduling; ↑ pauses follow, G follows again.
    await m.press('top');
    expect(m.frame()).toContain('Timeline default/crashloop paused');
    expect(m.frame()).toMatch(/00:00:00 \+0s\s+Created/);
    expect(m.frame()).toMatch(/Scheduled to sim-node-1/);
    await m.press('follow');
    expect(m.frame()).toContain('follow');
    expect(m.frame()).not.toMatch(/\+0s\s+Created/);
  });

  it('the pod view has a pane with the newest entries, and t there opens the whole timeline; it stays when the pod is deleted', async () => {
    const { m, sim } = await open(40);
    await advance(m, sim, 20_000);
    await m.press('open');
    expect(m.frame()).toContain('Timeline (last 6; t: all)');
    // Unfocused, it keeps a few rows at the bottom with the newest entries.
    expect(m.frame()).toMatch(/00:00:18 \+18s\s+app: BackOff \(×2\)/);
    // Focused (Tab), it has room for all six.
    // phase → containers → events → volumes/Services/node → timeline
    for (let i = 0; i < 4; i++) await m.press('nextPane');
    expect(m.app.podPane).toBe('timeline');
    expect(m.frame()).toMatch(/▸ Timeline \(last 6; t: all\)/);
    expect(m.frame()).toMatch(/▸ Timeline \(last 6; t: all\)\n00:00:16 \+16s\s+app: Pulled \(×2\)/);
    await m.press('timeline');
    expect(m.frame()).toMatch(/app: Terminated Error \(exit 1\) → Running \(restart 2, 10s after the exit\)/);
    expect(m.app.view).toBe('timeline');
    await m.app.source.deletePod('default', 'crashloop', 0);
    await advance(m, sim, 1_000);
    expect(m.frame()).toContain('Timeline default/crashloop (deleted)');
    expect(m.frame()).toMatch(/Gone: the pod left the API/);
    expect(m.frame()).toMatch(/\+0s\s+Created|restart 2/);
  });

  it('the help of the pod list and the pod view lists t', async () => {
    const { m } = await open();
    await m.press('help');
    expect(m.frame()).toMatch(/t\s+the pod's timeline: what changed, when, with its events/);
  });
});
