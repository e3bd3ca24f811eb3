// The status line: info messages leave after a few seconds of real time (the injected
// clock, moved by the app's tick); errors stay until the next key or a newer message.
import { afterEach, describe, expect, it } from 'vitest';
import { SimSource } from '../../src/source/sim.js';
import { AppState, STATUS_INFO_MS } from '../../src/state/appState.js';
import { harness, runningPod } from '../unit/state/simHarness.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

let realMs = 0;

async function start(pods: string[]): Promise<Mounted> {
  realMs = 1000;
  const h = harness(['default', 'shop']);
  for (const name of pods) h.api.create('Pod', runningPod(name));
  const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0, realNow: () => realMs });
  mounted = await mount(app, { columns: 120, rows: 30 });
  return mounted;
}

/** The status line: the line above the key hints (which start with `<key>`). */
function statusLine(m: Mounted): string {
  const lines = m.frame().split('\n');
  const hints = lines.findLastIndex((l) => l.startsWith('<'));
  return lines[hints - 1]!;
}

async function tickAt(m: Mounted, ms: number): Promise<void> {
  realMs = ms;
  m.app.tick();
  await m.idle();
}

describe('status line', () => {
  it('an info message clears after a few seconds of real time, not before', async () => {
    const m = await start(['web-1']);
    await m.press('command');
    await m.type('ns shop');
    await m.press('submit');
    expect(statusLine(m)).toBe('namespace shop');
    await tickAt(m, 1000 + STATUS_INFO_MS - 1);
    expect(statusLine(m)).toBe('namespace shop');
    await tickAt(m, 1000 + STATUS_INFO_MS);
    expect(statusLine(m)).toBe('');
    expect(m.app.status).toBeUndefined();
  });

  it('an error stays however long, and goes with the next key (not to a later view)', async () => {
    const m = await start([]);
    await m.press('describe');
    expect(statusLine(m)).toBe('describe (kubectl describe pod): no pod selected');
    await tickAt(m, 1000 + 60 * STATUS_INFO_MS);
    expect(statusLine(m)).toBe('describe (kubectl describe pod): no pod selected');
    await m.press('events');
    expect(m.frame()).toContain('Events(default)[0] follow');
    expect(statusLine(m)).toBe('');
  });

  it('a newer message replaces an error at once', async () => {
    const m = await start([]);
    await m.press('yaml');
    expect(statusLine(m)).toBe('the pod as YAML: no pod selected');
    m.app.setStatus('all namespaces');
    await m.idle();
    expect(statusLine(m)).toBe('all namespaces');
  });
});
