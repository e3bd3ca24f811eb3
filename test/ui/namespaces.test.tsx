// Namespaces: the `:ns` picker, `0` for all namespaces and `1`–`9` for the most recent
// ones, driven by keymap action names against a cluster with three namespaces.
import { afterEach, describe, expect, it } from 'vitest';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { POD_LIST_KEYMAP } from '../../src/ui/keymap.js';
import { harness, runningPod } from '../unit/state/simHarness.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

/** `-A` starts with no namespace (all); otherwise in default. */
async function start(allNamespaces = false): Promise<Mounted> {
  const namespace = allNamespaces ? undefined : 'default';
  const h = harness(['default', 'shop', 'batch']);
  h.api.create('Pod', runningPod('web-1'));
  h.api.create('Pod', runningPod('cart-1', 'shop'));
  h.api.create('Pod', runningPod('mysql-0', 'shop'));
  h.api.create('Pod', runningPod('report-1', 'batch'));
  const app = new AppState({ source: new SimSource(h), namespace, frameMs: 0, realNow: () => 0 });
  mounted = await mount(app, { columns: 120, rows: 30 });
  return mounted;
}

/** Pod rows as `namespace/name` (all namespaces) or `name`. */
function rows(frame: string): string[] {
  return frame
    .split('\n')
    .map((l) => /^[> ][*+ ](\S+)(?: {2,}(\S+))?\s+\d+\/\d+\s/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => (/^\d+\/\d+$/.test(m[2] ?? '') || m[2] === undefined ? m[1]! : `${m[1]}/${m[2]}`));
}

async function openPicker(m: Mounted): Promise<void> {
  await m.press('command');
  await m.type('ns');
  await m.press('submit');
}

/** Presses the n-th key of the recent-namespace binding (`1`–`9`). */
async function recent(m: Mounted, n: number): Promise<void> {
  const binding = POD_LIST_KEYMAP.bindings.find((b) => b.action === 'recentNamespace')!;
  expect(binding.keys[n - 1]).toBe(String(n));
  await m.type(binding.keys[n - 1]!);
}

describe('namespaces', () => {
  it(':ns opens a picker of every namespace with "all" first, on the current one', async () => {
    const m = await start();
    await openPicker(m);
    const f = m.frame();
    expect(f).toContain('Switch namespace');
    const items = f.split('\n').filter((l) => /^[> ] \S+$/.test(l));
    expect(items).toEqual(['  all', '  batch', '> default', '  shop']);
  });

  it('the picker moves and Enter switches; the header, title and rows follow', async () => {
    const m = await start();
    await openPicker(m);
    await m.press('down');
    expect(m.frame()).toMatch(/^> shop$/m);
    await m.press('choose');
    const f = m.frame();
    expect(f).not.toContain('Switch namespace');
    expect(f).toContain('Namespace: shop ');
    expect(f).toContain('Pods(shop)[2]');
    expect(rows(f)).toEqual(['cart-1', 'mysql-0']);
    expect(f).toContain('namespace shop');
  });

  it('Esc closes the picker without switching', async () => {
    const m = await start();
    await openPicker(m);
    await m.press('up');
    await m.press('cancel');
    expect(m.frame()).not.toContain('Switch namespace');
    expect(m.frame()).toContain('Pods(default)[1]');
    expect(rows(m.frame())).toEqual(['web-1']);
  });

  it('choosing "all" in the picker is all namespaces', async () => {
    const m = await start();
    await openPicker(m);
    await m.press('up');
    await m.press('up');
    await m.press('choose');
    expect(m.frame()).toContain('Pods(all)[4]');
    expect(rows(m.frame())).toEqual(['batch/report-1', 'default/web-1', 'shop/cart-1', 'shop/mysql-0']);
  });

  it('0 shows all namespaces, sorted by namespace then name, with a NAMESPACE column', async () => {
    const m = await start();
    await m.press('allNamespaces');
    const f = m.frame();
    expect(f).toContain('Namespace: all ');
    expect(f).toContain('Pods(all)[4]');
    expect(f).toMatch(/^ {2}NAMESPACE\s+NAME↑\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE$/m);
    expect(rows(f)).toEqual(['batch/report-1', 'default/web-1', 'shop/cart-1', 'shop/mysql-0']);
    expect(f).toContain('all namespaces');
  });

  it('1–9 switch to favourite namespaces, most recently named first, and a digit does not reorder them', async () => {
    const m = await start();
    await m.press('command');
    await m.type('ns shop');
    await m.press('submit');
    await m.press('command');
    await m.type('ns batch');
    await m.press('submit');
    expect(m.app.recentNamespaces).toEqual(['batch', 'shop', 'default']);
    expect(m.frame()).toContain('<1> batch <2> shop <3> default');
    await m.press('allNamespaces');
    expect(m.frame()).toContain('Pods(all)[4]');
    await recent(m, 3);
    expect(m.frame()).toContain('Pods(default)[1]');
    expect(rows(m.frame())).toEqual(['web-1']);
    // Stable: 3 is still default, 2 still shop, 1 still batch.
    expect(m.app.recentNamespaces).toEqual(['batch', 'shop', 'default']);
    await recent(m, 2);
    expect(m.frame()).toContain('Pods(shop)[2]');
    expect(rows(m.frame())).toEqual(['cart-1', 'mysql-0']);
    await recent(m, 3);
    expect(m.frame()).toContain('Pods(default)[1]');
    await recent(m, 1);
    expect(m.frame()).toContain('Pods(batch)[1]');
    expect(m.frame()).toContain('<1> batch <2> shop <3> default');
  });

  it('-n with a namespace that does not exist says so and keeps watching it: its pods appear once it is created', async () => {
    const h = harness(['default', 'shop']);
    const app = new AppState({ source: new SimSource(h), namespace: 'nosuch', frameMs: 0, realNow: () => 0 });
    mounted = await mount(app, { columns: 120, rows: 30 });
    await mounted.idle();
    expect(mounted.frame()).toContain('namespace "nosuch" not found: watching it anyway, its pods appear if it is created');
    h.api.create('Namespace', { metadata: { name: 'nosuch' } });
    h.api.create('Pod', runningPod('late-1', 'nosuch'));
    await mounted.idle();
    expect(rows(mounted.frame())).toEqual(['late-1']);
  });

  it('-n with a namespace that exists says nothing about it', async () => {
    const m = await start();
    await m.idle();
    expect(m.frame()).not.toContain('not found');
  });

  it('a number with no recent namespace behind it changes nothing', async () => {
    const m = await start();
    await recent(m, 5);
    expect(m.frame()).toContain('Pods(default)[1]');
    expect(m.app.namespace).toBe('default');
  });

  it('started with -A, the first namespace chosen becomes recent 1', async () => {
    const m = await start(true);
    expect(m.frame()).toContain('Pods(all)[4]');
    expect(m.app.recentNamespaces).toEqual([]);
    await m.press('command');
    await m.type('ns batch');
    await m.press('submit');
    await m.press('allNamespaces');
    await recent(m, 1);
    expect(m.frame()).toContain('Pods(batch)[1]');
    expect(rows(m.frame())).toEqual(['report-1']);
  });
});
