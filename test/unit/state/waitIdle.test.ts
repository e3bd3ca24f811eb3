// The shared wait-until-idle helper returns once nothing is pending and fails loudly,
// naming what is still pending, when something never settles.
import { describe, expect, it } from 'vitest';
import { SimSource } from '../../../src/source/sim.js';
import { AppState } from '../../../src/state/appState.js';
import { waitIdle } from '../../helpers/waitIdle.js';
import { harness, runningPod } from './simHarness.js';

describe('waitIdle', () => {
  it('returns once the app has applied the first list', async () => {
    const h = harness();
    h.api.create('Pod', runningPod('web-1'));
    const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0 });
    app.start();
    expect(app.pendingWork().length).toBeGreaterThan(0);
    await waitIdle(app);
    expect(app.pendingWork()).toEqual([]);
    expect(app.pods.size).toBe(1);
    app.stop();
  });

  it('throws with what is still pending when it never settles', async () => {
    const stuck = { pendingWork: () => ['1 API call(s) in flight'] };
    await expect(waitIdle(stuck, { timeoutMs: 50 })).rejects.toThrow(/^not idle after 50 ms \(\d+ event-loop turns\); still pending: 1 API call\(s\) in flight$/);
  });

  it('an API call that never answers is named', async () => {
    const h = harness();
    const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0 });
    app.start();
    await waitIdle(app);
    app.track(new Promise(() => undefined));
    await expect(waitIdle(app, { timeoutMs: 50 })).rejects.toThrow(/still pending: 1 API call\(s\) in flight/);
    app.stop();
  });
});
