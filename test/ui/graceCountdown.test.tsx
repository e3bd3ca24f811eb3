// The Terminating countdown: deletionTimestamp has whole seconds (truncated), so counting
// to it alone reads one second short when the delete lands late in a second. A deletion the
// watch brings is counted from the moment it was seen; one already there at start-up is
// counted from deletionTimestamp alone.
import { afterEach, describe, expect, it } from 'vitest';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { graceSecondsLeft } from '../../src/state/graceCountdown.js';
import { harness, runningPod, type Harness } from '../unit/state/simHarness.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

async function start(h: Harness): Promise<Mounted> {
  const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0, realNow: () => 0 });
  mounted = await mount(app, { columns: 120, rows: 30 });
  return mounted;
}

function status(m: Mounted, name: string): string | undefined {
  return new RegExp(`^..${name}\\s+\\d+/\\d+\\s+(\\S+(?: \\(\\d+s\\))?)`, 'm').exec(m.frame())?.[1];
}

async function at(m: Mounted, h: Harness, advanceMs: number): Promise<void> {
  h.clock.advance(advanceMs);
  m.app.tick();
  await m.idle();
}

describe('Terminating countdown', () => {
  it('a deletion seen on the watch starts at the full grace, though deletionTimestamp was truncated', async () => {
    const h = harness();
    h.api.create('Pod', runningPod('web-1', 'default', 3));
    const m = await start(h);
    h.clock.advance(700); // the delete lands 0.7 s into a second: deletionTimestamp = +3 s, not +3.7 s
    h.api.delete('Pod', 'default', 'web-1', { gracePeriodSeconds: 3 });
    h.clock.advance(400); // the watch event arrives 0.4 s later
    await m.idle();
    expect(m.app.pods.get(m.app.pods.all()[0]!.uid)?.pod.metadata?.deletionTimestamp).toBe('2026-01-01T00:00:03Z');
    expect(status(m, 'web-1')).toBe('Terminating (3s)');
    await at(m, h, 1000);
    expect(status(m, 'web-1')).toBe('Terminating (2s)');
    await at(m, h, 1000);
    expect(status(m, 'web-1')).toBe('Terminating (1s)');
    await at(m, h, 1000);
    expect(status(m, 'web-1')).toBe('Terminating (0s)');
  });

  it('a pod already terminating at start-up counts down to deletionTimestamp alone', async () => {
    const h = harness();
    h.api.create('Pod', runningPod('web-1', 'default', 3));
    h.clock.advance(700);
    h.api.delete('Pod', 'default', 'web-1', { gracePeriodSeconds: 3 });
    h.clock.advance(400);
    const m = await start(h);
    expect(status(m, 'web-1')).toBe('Terminating (2s)');
    await at(m, h, 1000);
    expect(status(m, 'web-1')).toBe('Terminating (1s)');
  });

  it('counting from the moment seen never goes past the latest end deletionTimestamp allows', () => {
    const pod = { metadata: { deletionTimestamp: '2026-01-01T00:00:03Z', deletionGracePeriodSeconds: 3 } };
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    // Seen 2.5 s late (at 2.5 s): the grace alone would say 3 s, the timestamp allows < 1.5 s.
    expect(graceSecondsLeft(pod, t0 + 2500, t0 + 2500)).toBe(2);
    expect(graceSecondsLeft(pod, t0 + 1100, t0 + 1100)).toBe(3);
    expect(graceSecondsLeft(pod, t0 + 1100)).toBe(2);
    expect(graceSecondsLeft(pod, t0 + 9000, t0 + 1100)).toBe(0);
    expect(graceSecondsLeft({ metadata: {} }, t0)).toBeUndefined();
  });
});
