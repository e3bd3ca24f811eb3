// Special keys in a prompt: arrows, Tab and ctrl-keys are not text, so they must never be
// typed into the filter or the command line as their key names; ctrl-c quits from anywhere.
import { afterEach, describe, expect, it } from 'vitest';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { harness, runningPod } from '../unit/state/simHarness.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

async function start(): Promise<Mounted> {
  const h = harness();
  h.api.create('Pod', runningPod('web-1'));
  const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0, realNow: () => 0 });
  mounted = await mount(app, { columns: 120, rows: 30 });
  return mounted;
}

describe('keys in a prompt', () => {
  it('arrows, Tab and ctrl-keys type nothing into the filter', async () => {
    const m = await start();
    await m.press('filter');
    await m.type('web');
    for (const name of ['up', 'down', 'left', 'right', 'tab', 'pgdn', 'ctrl-d']) await m.key(name);
    expect(m.app.prompt?.text).toBe('web');
    expect(m.frame()).toContain('/web█');
  });

  it('arrows type nothing into the command line', async () => {
    const m = await start();
    await m.press('command');
    await m.type('po');
    await m.key('up');
    await m.type('ds');
    expect(m.app.prompt?.text).toBe('pods');
  });

  it('ctrl-c quits from the filter, the command line, the delete dialog and the picker', async () => {
    for (const open of ['filter', 'command', 'delete', 'picker'] as const) {
      const m = await start();
      if (open === 'picker') {
        await m.press('command');
        await m.type('ns');
        await m.press('submit');
        expect(m.app.picker?.kind).toBe('ns');
      } else await m.press(open);
      expect(m.app.quitRequested).toBe(false);
      await m.key('ctrl-c');
      expect(m.app.quitRequested).toBe(true);
      m.unmount();
      mounted = undefined;
    }
  });
});
