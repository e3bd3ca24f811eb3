// Issue 9 regressions: `^web` matches pod names in any scope, and `q` in a sub-view means
// back (it quits only from the top view).
import { afterEach, describe, expect, it } from 'vitest';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { harness, runningPod, type Harness } from '../unit/state/simHarness.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

function cluster(): Harness {
  const h = harness(['default', 'shop']);
  for (const name of ['web-1', 'web-2', 'api-1', 'db-0']) h.api.create('Pod', runningPod(name, 'default'));
  h.api.create('Pod', runningPod('web-9', 'shop'));
  h.api.create('Pod', runningPod('cart-web', 'shop'));
  return h;
}

async function start(namespace: string | undefined): Promise<Mounted> {
  const app = new AppState({ source: new SimSource(cluster()), namespace, frameMs: 0, realNow: () => 0 });
  mounted = await mount(app);
  return mounted;
}

function names(frame: string, allNamespaces: boolean): string[] {
  const row = allNamespaces ? /^[> ][*+ ]\S+\s+(\S+)\s+\d+\/\d+/ : /^[> ][*+ ](\S+)\s+\d+\/\d+/;
  return frame
    .split('\n')
    .map((l) => row.exec(l)?.[1])
    .filter((n): n is string => n !== undefined);
}

describe('regex filter anchors', () => {
  it('`^web` finds the web pods in one namespace', async () => {
    const m = await start('default');
    await m.press('filter');
    await m.type('^web');
    await m.press('submit');
    expect(names(m.frame(), false)).toEqual(['web-1', 'web-2']);
  });

  it('`^web` finds the web pods in all namespaces, not cart-web', async () => {
    const m = await start(undefined);
    await m.press('filter');
    await m.type('^web');
    await m.press('submit');
    expect(names(m.frame(), true).sort()).toEqual(['web-1', 'web-2', 'web-9']);
  });
});

describe('q in sub-views', () => {
  it('q in the events view opened from the list goes back; q on the list quits', async () => {
    const m = await start('default');
    await m.press('events');
    expect(m.frame()).toContain('Events(default)');
    await m.type('q');
    expect(m.app.quitRequested).toBe(false);
    expect(m.frame()).toContain('Pods(default)[4]');
    await m.type('q');
    expect(m.app.quitRequested).toBe(true);
  });

  it('q in describe goes back', async () => {
    const m = await start('default');
    await m.press('describe');
    await m.type('q');
    expect(m.app.quitRequested).toBe(false);
    expect(m.frame()).toContain('Pods(default)[4]');
  });
});
