// The pod filter finds the window's rows at the keystroke and the rest after its frame: the
// title counts what it found so far with a `+` meanwhile, and the full count once all are
// found (the frame the idle work asks for).
import { afterEach, describe, expect, it } from 'vitest';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { VIEWS } from '../../src/ui/views/registry.js';
import { harness, runningPod } from '../unit/state/simHarness.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

const PODS = 400;

async function start(): Promise<Mounted> {
  const h = harness(['default']);
  for (let i = 0; i < PODS; i++) h.api.create('Pod', runningPod(`web-${i}`, 'default'));
  h.api.create('Pod', runningPod('api-0', 'default'));
  const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0, realNow: () => 0 });
  mounted = await mount(app);
  return mounted;
}

describe('the pod filter count', () => {
  it('says N+ while the filter is still finding rows, then the full count', async () => {
    const m = await start();
    expect(m.app.pods.size).toBe(PODS + 1);
    m.app.pods.setFilter('web');
    m.app.pods.window(20);
    const title = VIEWS.pods.title(m.app);
    expect(title).toMatch(new RegExp(`\\[\\d+\\+/${PODS + 1}\\]`));
    expect(m.app.pods.shownSoFar).toBeLessThan(PODS);
    m.app.changed();
    await m.idle();
    expect(m.app.pods.countComplete).toBe(true);
    expect(VIEWS.pods.title(m.app)).toContain(`[${PODS}/${PODS + 1}]`);
    expect(m.frame()).toContain(`[${PODS}/${PODS + 1}]`);
  });

  it('typed into the prompt: the frame ends with the full count', async () => {
    const m = await start();
    await m.press('filter');
    await m.type('web-1');
    await m.press('submit');
    // web-1, web-10..19, web-100..199
    expect(m.frame()).toContain(`[111/${PODS + 1}]`);
    expect(m.frame()).not.toMatch(/\d\+\//);
  });
});
