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

  it("a tick that moves only the simulator's clock draws no frame: the clock's listeners hear of each second once", async () => {
    const h = harness();
    app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0, realNow: () => 0 });
    app.setTickTextProbe(() => 'a');
    let heard = 0;
    const off = app.onClockTick(() => heard++);
    await turns();
    app.tick(); // the first reading: a frame (nothing to compare with)
    await turns();
    const steps: { advanceMs: number; heard: number }[] = [
      { advanceMs: 1_000, heard: 1 },
      { advanceMs: 400, heard: 1 }, // the same second
      { advanceMs: 600, heard: 2 },
      { advanceMs: 5_000, heard: 3 }, // seconds skipped: one notice
    ];
    for (const [i, step] of steps.entries()) {
      h.clock.advance(step.advanceMs);
      const version = app.version;
      app.tick();
      expect(app.pendingWork().includes('a frame is scheduled'), `step ${i}`).toBe(false);
      expect(app.version, `step ${i}`).toBe(version);
      expect(heard, `step ${i}`).toBe(step.heard);
      expect(app.clockTicks, `step ${i}`).toBe(step.heard);
    }
    off();
    h.clock.advance(1_000);
    app.tick();
    expect(heard).toBe(3);
  });

  it('without a probe (headless use, tests) every tick draws, as before', () => {
    app = new AppState({ source: new SimSource(harness()), namespace: 'default', frameMs: 0 });
    app.tick();
    expect(app.pendingWork()).toContain('a frame is scheduled');
  });
});
