// Issue 9: the pod view's panes take their height by content, say how much more there is,
// and scroll within their own height; long condition messages wrap instead of being cut.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestSimulator } from './testSimulator.js';
import { loadScenario, resolveScenarioPath } from '../../src/sim/scenario/index.js';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { podPaneHeights } from '../../src/ui/views/podLayout.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
let stopSim: (() => void) | undefined;
afterEach(() => {
  mounted?.unmount();
  stopSim?.();
});

async function openUnschedulable(columns: number, rows: number): Promise<Mounted> {
  const sim = createTestSimulator(await loadScenario(resolveScenarioPath('unschedulable')));
  stopSim = () => sim.stop();
  sim.clock.advance(30_000);
  const app = new AppState({ source: new SimSource(sim), namespace: 'default', frameMs: 0, realNow: () => 0 });
  mounted = await mount(app, { columns, rows });
  await mounted.press('open');
  return mounted;
}

describe('pod view layout', () => {
  it.each([
    ['everything fits: each pane its lines', { phase: 12, containers: 2, events: 2 }, 24, { phase: 13, containers: 3, events: 3 }],
    ['too long: the short panes keep theirs, the long one scrolls', { phase: 40, containers: 2, events: 2 }, 20, { phase: 14, containers: 3, events: 3 }],
    ['two long panes share', { phase: 40, containers: 2, events: 40 }, 21, { phase: 9, containers: 3, events: 9 }],
    ['an empty pane still shows its title and a line', { phase: 5, containers: 0, events: 0 }, 20, { phase: 6, containers: 2, events: 2 }],
  ])('%s', (_what, lengths, height, expected) => {
    expect(podPaneHeights(lengths, height)).toEqual(expected);
  });

  it('at 100x30, --sim unschedulable shows the PodScheduled condition and its whole message', async () => {
    const m = await openUnschedulable(100, 30);
    const f = m.frame();
    expect(f).toMatch(/^ {2}PodScheduled\s+False\s+\S+\s+Unschedulable\s+0\/\d+ nodes are available/m);
    // The message continues on indented lines instead of being cut at the edge.
    const at = f.split('\n').findIndex((l) => /^ {2}PodScheduled/.test(l));
    const rest = f.split('\n').slice(at, at + 4).join(' ');
    expect(rest).toMatch(/preemption/);
  });

  it('a pane that does not fit says how much more there is and scrolls to its last line', async () => {
    const m = await openUnschedulable(100, 15);
    expect(m.frame()).toMatch(/▸ Phase & conditions {2}↓ \d+ more/);
    await m.press('bottom');
    expect(m.frame()).toMatch(/▸ Phase & conditions {2}↑ \d+ more\n/);
    // The last line of the PodScheduled message, wrapped, is reachable.
    expect(m.frame()).toMatch(/^ +not helpful for scheduling\.$/m);
  });

  it('events run oldest first, as in the events view, and the pane opens on the newest with its header kept', async () => {
    const sim = createTestSimulator(await loadScenario(resolveScenarioPath('crashloop')));
    stopSim = () => sim.stop();
    sim.clock.advance(600_000);
    const app = new AppState({ source: new SimSource(sim), namespace: 'default', frameMs: 0, realNow: () => 0 });
    mounted = await mount(app, { columns: 120, rows: 24 });
    await mounted.press('open');
    const f = mounted.frame();
    const lines = f.split('\n');
    const title = lines.findIndex((l) => /Events {2}↑ \d+ more/.test(l));
    expect(title).toBeGreaterThan(0);
    expect(lines[title + 1]).toMatch(/^TYPE\s+REASON\s+AGE\s+FROM\s+MESSAGE$/);
    // Scrolling up shows older events above: the Scheduled event is the first of all.
    for (let i = 0; i < 2; i++) await mounted.press('nextPane');
    expect(mounted.app.podPane).toBe('events');
    await mounted.press('top');
    const top = mounted.frame().split('\n');
    const at = top.findIndex((l) => /Events {2}↓ \d+ more/.test(l));
    expect(top[at + 2]).toMatch(/^Normal\s+Scheduled\s/);
  });
});
