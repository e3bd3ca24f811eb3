// Deleting acts on what the user sees: marks the filter hides never take part, the dialog
// lists every target as namespace/name, and the grace field and vanishing pods behave.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { harness, runningPod, type Harness } from '../unit/state/simHarness.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

function cluster(): Harness {
  const h = harness(['default', 'shop']);
  for (const name of ['web-1', 'web-2', 'api-1', 'db-0']) h.api.create('Pod', runningPod(name, 'default', 30));
  h.api.create('Pod', runningPod('mysql-0', 'shop', 30));
  return h;
}

interface Started {
  m: Mounted;
  /** namespace/name of every delete the source was asked for, in order. */
  deleted: string[];
}

async function start(h: Harness, namespace: string | undefined = 'default', rows = 30): Promise<Started> {
  const source = new SimSource(h);
  const deleted: string[] = [];
  const real = source.deletePod.bind(source);
  vi.spyOn(source, 'deletePod').mockImplementation((ns, name, grace, uid) => {
    deleted.push(`${ns}/${name}`);
    return real(ns, name, grace, uid);
  });
  const app = new AppState({ source, namespace, frameMs: 0, realNow: () => 0 });
  mounted = await mount(app, { columns: 100, rows });
  return { m: mounted, deleted };
}

async function filter(m: Mounted, text: string): Promise<void> {
  await m.press('filter');
  await m.type(text);
  await m.press('submit');
}

async function confirm(m: Mounted): Promise<void> {
  await m.press('previousControl'); // Cancel → OK
  expect(m.frame()).toContain('[OK]');
  await m.press('activate');
}

const podNames = (h: Harness, ns = 'default'): string[] =>
  [...h.store.all('Pod', ns)]
    .filter((p) => !p.metadata?.deletionTimestamp)
    .map((p) => p.metadata!.name!)
    .sort();

describe('delete targets what the user sees', () => {
  it('a mark hidden by the filter does not take part: ctrl-d deletes the highlighted row only', async () => {
    const h = cluster();
    const { m, deleted } = await start(h);
    await filter(m, 'db');
    await m.press('mark');
    await m.press('clearFilter');
    await filter(m, 'web-2');
    expect(m.frame()).toContain('1 marked (1 hidden by the filter, not deleted)');
    await m.press('kill');
    expect(m.frame()).toContain('Delete pod default/web-2?');
    expect(m.frame()).not.toContain('db-0');
    expect(m.frame()).toContain('1 marked pod hidden by the filter is not included.');
    await confirm(m);
    expect(deleted).toEqual(['default/web-2']);
    expect(podNames(h)).toEqual(['api-1', 'db-0', 'web-1']);
  });

  it('one visible mark: the dialog says "1 marked" and lists namespace/name', async () => {
    const h = cluster();
    const { m, deleted } = await start(h);
    await m.press('mark'); // api-1 marked; the cursor moves on to db-0
    expect(m.frame()).toMatch(/^>.db-0/m);
    expect(m.frame()).toContain('Pods(default)[4] 1 marked');
    await m.press('kill');
    expect(m.frame()).toContain('Delete 1 marked pod?');
    expect(m.frame()).toContain('default/api-1');
    await confirm(m);
    expect(deleted).toEqual(['default/api-1']);
  });

  it('the dialog lists every marked pod and scrolls when they are many', async () => {
    const h = harness(['default']);
    for (let i = 0; i < 12; i++) h.api.create('Pod', runningPod(`p-${String(i).padStart(2, '0')}`, 'default', 30));
    const { m, deleted } = await start(h);
    for (let i = 0; i < 12; i++) await m.press('mark');
    await m.press('kill');
    expect(m.frame()).toContain('Delete 12 marked pods?');
    expect(m.frame()).toContain('default/p-00');
    expect(m.frame()).toContain('↓ 6 more');
    for (let i = 0; i < 6; i++) await m.press('listDown');
    expect(m.frame()).toContain('default/p-11');
    expect(m.frame()).toContain('↑ 6 more');
    await confirm(m);
    expect(deleted).toHaveLength(12);
  });

  it('ctrl-\\ clears every mark, hidden ones too', async () => {
    const h = cluster();
    const { m } = await start(h);
    await m.press('mark');
    await m.press('mark');
    await filter(m, 'web');
    expect(m.frame()).toContain('2 marked (2 hidden');
    await m.key('ctrl-\\');
    expect(m.frame()).not.toContain('marked');
    expect(m.app.pods.marks.size).toBe(0);
  });

  it('a namespace switch drops the marks: they never reach another scope', async () => {
    const h = cluster();
    const { m, deleted } = await start(h, undefined);
    await filter(m, 'mysql');
    await m.press('mark');
    await m.press('clearFilter');
    m.app.switchNamespace('default');
    await m.idle();
    m.app.switchNamespace(undefined);
    await m.idle();
    await filter(m, 'web-1');
    await m.press('kill');
    expect(m.frame()).toContain('Delete pod default/web-1?');
    await confirm(m);
    expect(deleted).toEqual(['default/web-1']);
    expect(podNames(h, 'shop')).toEqual(['mysql-0']);
  });

  it('the first digit typed replaces the prefilled grace', async () => {
    const { m } = await start(cluster());
    await m.press('delete');
    expect(m.frame()).toContain('Grace period:  30s');
    await m.type('5');
    expect(m.frame()).toContain('Grace period:  5s');
    await m.type('0');
    expect(m.frame()).toContain('Grace period:  50s');
  });

  it('grace 0 without Force is sent as 1 s, as kubectl does, and the dialog says so', async () => {
    const h = cluster();
    const { m } = await start(h);
    const spy = vi.mocked(m.app.source.deletePod);
    await m.press('delete');
    await m.type('0');
    expect(m.frame()).toContain('0s → 1s without Force');
    await confirm(m);
    expect(spy.mock.calls[0]?.slice(0, 3)).toEqual(['default', 'api-1', 1]);
    expect(m.frame()).toContain('pod "default/api-1" deleting (grace 1s)');
  });

  it('the dialog notices its pod vanishing and OK then deletes nothing', async () => {
    const h = cluster();
    const { m, deleted } = await start(h);
    await m.press('delete');
    h.api.delete('Pod', 'default', 'api-1', { gracePeriodSeconds: 0 });
    await m.idle();
    expect(m.frame()).toContain('default/api-1  (gone: deleted by someone else)');
    expect(m.frame()).toContain('The pod is gone: someone else deleted it. Nothing to delete.');
    await confirm(m);
    expect(deleted).toEqual([]);
    expect(m.frame()).toContain('pod "default/api-1" is already gone');
  });
});
