// AppState.tick: which ticks ask for a frame. Table-driven over what the UI's probe reads of
// the screen's time-dependent text (undefined: not known) and whether an info message expires.
import { afterEach, describe, expect, it } from 'vitest';
import { SimSource } from '../../../src/source/sim.js';
import { AppState, STATUS_INFO_MS } from '../../../src/state/appState.js';
import { harness, turns } from './simHarness.js';

let app: AppState | undefined;
afterEach(() => {
  app?.stop();
  app = undefined;
});

interface Tick {
  /** What the probe reads at this tick. */
  reads: string | undefined;
  /** Real ms at this tick (the status line expires by it). */
  atMs?: number;
  draws: boolean;
}

const cases: { name: string; status?: boolean; ticks: Tick[] }[] = [
  { name: 'unchanged text draws once (nothing to compare with), then never', ticks: [{ reads: 'a', draws: true }, { reads: 'a', draws: false }, { reads: 'a', draws: false }] },
  { name: 'each change of the text draws', ticks: [{ reads: 'a', draws: true }, { reads: 'b', draws: true }, { reads: 'b', draws: false }, { reads: 'a', draws: true }] },
  { name: 'a screen the probe cannot read draws on every tick', ticks: [{ reads: undefined, draws: true }, { reads: undefined, draws: true }] },
  { name: 'from unreadable to readable: the first reading draws', ticks: [{ reads: undefined, draws: true }, { reads: 'a', draws: true }, { reads: 'a', draws: false }] },
  {
    name: 'an info message expiring draws though the text is the same',
    status: true,
    ticks: [
      { reads: 'a', atMs: 0, draws: true },
      { reads: 'a', atMs: STATUS_INFO_MS - 1, draws: false },
      { reads: 'a', atMs: STATUS_INFO_MS, draws: true },
      { reads: 'a', atMs: STATUS_INFO_MS + 1000, draws: false },
    ],
  },
];

describe('AppState.tick', () => {
  for (const c of cases) {
    it(c.name, async () => {
      let realMs = 0;
      let reading: string | undefined;
      app = new AppState({ source: new SimSource(harness()), namespace: 'default', frameMs: 0, realNow: () => realMs });
      app.setTickTextProbe(() => reading);
      if (c.status) app.setStatus('namespace default');
      await turns();
      for (const [i, t] of c.ticks.entries()) {
        realMs = t.atMs ?? realMs;
        reading = t.reads;
        app.tick();
        expect(app.pendingWork().includes('a frame is scheduled'), `tick ${i}`).toBe(t.draws);
        await turns();
      }
    });
  }

  it('without a probe (headless use, tests) every tick draws, as before', () => {
    app = new AppState({ source: new SimSource(harness()), namespace: 'default', frameMs: 0 });
    app.tick();
    expect(app.pendingWork()).toContain('a frame is scheduled');
  });
});
