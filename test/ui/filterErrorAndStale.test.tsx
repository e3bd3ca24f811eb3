// Issue 9: a bad `-l` selector's error stays on screen while the filter is applied (not
// "No pods."), and while the connection is down the rows are marked stale until the relist.
import { afterEach, describe, expect, it } from 'vitest';
import { SimSource } from '../../src/source/sim.js';
import type { SourceStatus, Subscription } from '../../src/source/types.js';
import { AppState } from '../../src/state/appState.js';
import { harness, runningPod } from '../unit/state/simHarness.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

/** The simulator source with a connection status the test drives. */
class FlakySource extends SimSource {
  private listener: ((s: SourceStatus) => void) | undefined;

  override onStatus(listener: (status: SourceStatus) => void): Subscription {
    this.listener = listener;
    listener({ phase: 'live' });
    return { stop: () => (this.listener = undefined) };
  }

  emit(status: SourceStatus): void {
    this.listener?.(status);
  }
}

async function start(): Promise<{ m: Mounted; source: FlakySource }> {
  const h = harness();
  h.api.create('Pod', runningPod('web-1'));
  const source = new FlakySource(h);
  const app = new AppState({ source, namespace: 'default', frameMs: 0, realNow: () => 0 });
  mounted = await mount(app);
  return { m: mounted, source };
}

describe('a bad -l selector', () => {
  it('keeps its error on screen after Enter', async () => {
    const { m } = await start();
    await m.press('filter');
    await m.type('-l app in (web');
    await m.press('submit');
    expect(m.frame()).not.toContain('No pods.');
    expect(m.frame()).toMatch(/label selector: .+/);
    await m.key('j');
    expect(m.frame()).toMatch(/label selector: .+/);
  });
});

describe('stale rows while reconnecting', () => {
  it('the title says stale until the source is live again', async () => {
    const { m, source } = await start();
    expect(m.frame()).not.toContain('stale');
    source.emit({ phase: 'reconnecting', message: 'pods watch dropped; reconnecting in 0.4s' });
    await m.idle();
    expect(m.frame()).toMatch(/Pods\(default\)\[1\] .*stale: last known state, reconnecting/);
    source.emit({ phase: 'syncing', message: 'resyncing pods' });
    await m.idle();
    expect(m.frame()).toContain('stale');
    source.emit({ phase: 'live' });
    await m.idle();
    expect(m.frame()).not.toContain('stale');
  });
});
