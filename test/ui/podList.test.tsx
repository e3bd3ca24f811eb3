// User stories on the pod list, driven by keymap action names against a hand-made cluster.
import { afterEach, describe, expect, it } from 'vitest';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { harness, runningPod, type Harness } from '../unit/state/simHarness.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

function cluster(): Harness {
  const h = harness();
  for (const name of ['web-1', 'web-2', 'api-1', 'db-0']) h.api.create('Pod', runningPod(name, 'default', 30));
  return h;
}

async function start(h: Harness, readonly = false): Promise<Mounted> {
  const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0, readonly, realNow: () => 0 });
  mounted = await mount(app);
  return mounted;
}

function names(frame: string): string[] {
  return frame
    .split('\n')
    .map((l) => /^[> ][*+ ] {0,}(\S+)\s+\d+\/\d+/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined);
}

describe('pod list', () => {
  it('filter narrows as you type and Esc restores every pod', async () => {
    const m = await start(cluster());
    expect(names(m.frame())).toEqual(['api-1', 'db-0', 'web-1', 'web-2']);
    await m.press('filter');
    await m.type('web');
    expect(names(m.frame())).toEqual(['web-1', 'web-2']);
    expect(m.frame()).toContain('/web█');
    await m.press('submit');
    expect(m.frame()).toContain('Pods(default)[2/4] </web>');
    await m.press('clearFilter');
    expect(names(m.frame())).toEqual(['api-1', 'db-0', 'web-1', 'web-2']);
    expect(m.frame()).toContain('Pods(default)[4]');
  });

  it('sort by name again reverses, and the header shows the direction', async () => {
    const m = await start(cluster());
    expect(m.frame()).toContain('NAME↑');
    await m.press('sortName');
    expect(m.frame()).toContain('NAME↓');
    expect(names(m.frame())).toEqual(['web-2', 'web-1', 'db-0', 'api-1']);
  });

  it('the selection stays on its pod when a new pod sorts in above it', async () => {
    const h = cluster();
    const m = await start(h);
    await m.press('down');
    await m.press('down');
    expect(m.frame()).toMatch(/^> web-1 /m);
    h.api.create('Pod', runningPod('aaa-1'));
    await m.idle();
    expect(m.frame()).toMatch(/^> web-1 /m);
    expect(m.frame()).toMatch(/^ \+aaa-1 /m);
  });

  it('the delete dialog starts on Cancel with the grace prefilled; Esc cancels', async () => {
    const m = await start(cluster());
    await m.press('delete');
    expect(m.frame()).toContain('Delete pod default/api-1?');
    expect(m.frame()).toContain('Grace period:  30s');
    expect(m.frame()).toContain('[Cancel]');
    await m.press('cancel');
    expect(m.frame()).not.toContain('Delete pod');
    expect(names(m.frame())).toEqual(['api-1', 'db-0', 'web-1', 'web-2']);
  });

  it('OK deletes with the typed grace; the row shows Terminating counting down, then goes', async () => {
    const h = cluster();
    const m = await start(h);
    await m.press('delete');
    await m.press('eraseGrace');
    await m.press('eraseGrace');
    await m.type('3');
    expect(m.frame()).toContain('Grace period:  3s');
    await m.press('previousControl'); // Cancel → OK
    expect(m.frame()).toContain('[OK]');
    await m.press('activate');
    expect(m.frame()).toContain('pod "default/api-1" deleting (grace 3s)');
    expect(m.frame()).toMatch(/api-1\s+1\/1\s+Terminating \(3s\)/);
    h.clock.advance(2000);
    m.app.tick();
    await m.idle();
    expect(m.frame()).toMatch(/api-1\s+1\/1\s+Terminating \(1s\)/);
    // No kubelet in this harness: finish the deletion as the kubelet would.
    h.api.delete('Pod', 'default', 'api-1', { gracePeriodSeconds: 0 });
    await m.idle();
    expect(names(m.frame())).toEqual(['db-0', 'web-1', 'web-2']);
  });

  it('marks with space and deletes every marked pod', async () => {
    const h = cluster();
    const m = await start(h);
    await m.press('mark');
    await m.press('mark');
    expect(m.frame()).toMatch(/^ \*api-1/m);
    await m.press('kill');
    expect(m.frame()).toContain('Delete 2 marked pods?');
    expect(m.frame()).toContain('[x] Force');
    await m.press('previousControl');
    await m.press('activate');
    expect(names(m.frame())).toEqual(['web-1', 'web-2']);
    expect(m.frame()).toContain('2 pods deleting (grace 0s)');
  });

  it('--readonly offers no delete, and the help says why', async () => {
    const m = await start(cluster(), true);
    await m.press('delete');
    expect(m.frame()).not.toContain('Delete pod');
    expect(m.frame()).toContain('read-only mode (--readonly)');
    expect(m.frame()).not.toContain('<ctrl-d> delete');
    await m.press('help');
    expect(m.frame()).toContain('  ctrl-d                   delete the pod (or the marked pods) with a grace period  (disabled:\n');
    expect(m.frame()).toContain('\n                           read-only mode (--readonly): podscope never changes the cluster)\n');
  });

  it('shows a notice instead of a broken layout when the terminal is too small', async () => {
    const m = await start(cluster());
    m.app.resize(50, 12);
    await m.idle();
    expect(m.frame().trimEnd()).toBe('Terminal too small: 50x12, need 60x15. q quits.');
    m.app.resize(100, 30);
    await m.idle();
    expect(names(m.frame())).toEqual(['api-1', 'db-0', 'web-1', 'web-2']);
  });
});
