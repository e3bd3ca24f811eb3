// `?` on a small terminal: the help is longer than the screen, so it scrolls like the other
// text views instead of cutting off the bindings below the fold.
import { afterEach, describe, expect, it } from 'vitest';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { harness, runningPod } from '../unit/state/simHarness.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

describe('help', () => {
  it('scrolls to its last binding on a 60x15 terminal, and back to the top', async () => {
    const h = harness();
    h.api.create('Pod', runningPod('web-1'));
    const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0, realNow: () => 0 });
    const m = (mounted = await mount(app, { columns: 60, rows: 15 }));
    await m.press('help');
    expect(m.frame()).toContain('  ↑ k                      previous pod');
    expect(m.frame()).not.toContain('ctrl-c');
    await m.press('bottom');
    expect(m.frame()).toContain('  ctrl-c                   quit');
    expect(m.frame()).not.toContain('previous pod');
    await m.press('top');
    expect(m.frame()).toContain('  ↑ k                      previous pod');
    await m.press('back');
    expect(m.frame()).toContain('Pods(default)[1]');
  });
});
