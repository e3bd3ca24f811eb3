// Issue 9: k9s keys not built yet answer in the status line; footer hints are words; the
// header shows READ-ONLY and keeps context, namespace and badges at 80 columns.
import { afterEach, describe, expect, it } from 'vitest';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { activeKeymaps, hintText } from '../../src/ui/keymap.js';
import { harness, runningPod } from '../unit/state/simHarness.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

async function start(opts: { readonly?: boolean; columns?: number } = {}): Promise<Mounted> {
  const h = harness();
  h.api.create('Pod', runningPod('web-1'));
  const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0, realNow: () => 0, readonly: opts.readonly });
  mounted = await mount(app, { columns: opts.columns ?? 100 });
  return mounted;
}

describe('keys not built yet', () => {
  it.each([['ctrl-e', 'hide the header']])('%s answers in the status line', async (key, what) => {
    const m = await start();
    await m.key(key);
    expect(m.frame()).toContain(`${what}: not built yet in podscope`);
    expect(m.app.view).toBe('pods');
  });

  it('they answer in the pod view too, and the help lists them as not built', async () => {
    const m = await start();
    await m.press('open');
    await m.key('ctrl-e');
    expect(m.frame()).toContain('hide the header: not built yet in podscope');
    await m.key('?');
    // The help is longer than the screen: its last section is at the bottom.
    await m.key('G');
    expect(m.frame()).toContain('k9s keys not built yet:');
  });
});

describe('footer hints', () => {
  it('are words, never identifiers', async () => {
    const m = await start();
    const seen: string[] = [];
    const collect = (): void => {
      for (const km of activeKeymaps(m.app)) for (const b of km.bindings) if (hintText(b)) seen.push(hintText(b)!);
    };
    collect();
    await m.press('open');
    collect();
    await m.press('back');
    await m.press('delete');
    collect();
    expect(m.frame()).toContain('<Tab> next');
    expect(m.frame()).toContain('<f> force');
    expect(seen.filter((h) => /[a-z][A-Z]/.test(h))).toEqual([]);
  });
});

describe('header', () => {
  it('shows a READ-ONLY badge under --readonly', async () => {
    const m = await start({ readonly: true });
    expect(m.frame().split('\n')[0]).toMatch(/Context: podscope-simulator {2}Namespace: default .* READ-ONLY\s+SIMULATOR /);
  });

  it('keeps context, namespace and both badges at 80 columns', async () => {
    const m = await start({ readonly: true, columns: 80 });
    const line = m.frame().split('\n')[0]!;
    expect(line).toContain('Context: podscope-simulator  Namespace: default');
    expect(line).toContain('READ-ONLY');
    expect(line).toContain('SIMULATOR');
  });
});

describe('namespace favourites', () => {
  it('the header lists what 0–9 switch to, and a digit with nothing behind it says so', async () => {
    const m = await start();
    expect(m.frame().split('\n')[1]).toContain('<0> all <1> default');
    await m.key('5');
    expect(m.frame()).toContain('no namespace on 5 yet');
    expect(m.app.namespace).toBe('default');
  });
});
