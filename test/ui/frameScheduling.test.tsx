// When frames are drawn: a key's frame at once whatever the data throttle (frameMs), and a
// tick that changes nothing visible draws nothing (an idle screen costs next to nothing).
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { App } from '../../src/ui/App.js';
import { keySequence } from '../../src/ui/keys.js';
import { VIEWS } from '../../src/ui/views/registry.js';
import { harness, runningPod, type Harness } from '../unit/state/simHarness.js';
import { mount, waitIdle, type Mounted } from './helpers.js';

const ANSI = /\u001b\[[0-9;]*m/g;

async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

describe('a key is drawn at once', () => {
  it('its frame comes within a few turns while the data throttle holds frames for a minute', async () => {
    const h = harness(['default']);
    for (const name of ['web-1', 'web-2', 'web-3']) h.api.create('Pod', runningPod(name));
    // A minute between data frames: after the first frame, watch data waits for the next one.
    const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 60_000, realNow: () => 0 });
    app.resize(100, 20);
    app.start();
    const r = render(<App app={app} />);
    cleanup = () => {
      r.unmount();
      app.stop();
    };
    const frame = (): string => (r.lastFrame() ?? '').replace(ANSI, '');
    for (let i = 0; i < 100 && !app.pendingWork().includes('watch batches wait for the next frame'); i++) await turns(1);
    expect(app.pendingWork()).toContain('watch batches wait for the next frame');
    expect(frame()).not.toContain('web-1');
    // The key's frame takes what waits with it.
    r.stdin.write('j');
    await turns(3);
    expect(frame()).toMatch(/^> +web-1/m);
    r.stdin.write(keySequence('down'));
    await turns(3);
    expect(frame()).toMatch(/^> +web-2/m);
  });
});

/** The simulator seen as a kubeconfig cluster: no SIMULATOR badge and clock in the header. */
function withoutBadge(source: SimSource): SimSource {
  const info = source.info.bind(source);
  source.info = () => ({ ...info(), simulator: undefined });
  return source;
}

describe('ticks', () => {
  let h: Harness;

  async function start(namespace: string, pods: string[], options: { badge?: boolean } = {}): Promise<Mounted> {
    h = harness(['default', 'empty']);
    for (const name of pods) h.api.create('Pod', runningPod(name));
    const source = options.badge ? new SimSource(h) : withoutBadge(new SimSource(h));
    const m = await mount(new AppState({ source, namespace, frameMs: 0, realNow: () => 0 }), { columns: 120, rows: 20 });
    cleanup = () => m.unmount();
    return m;
  }

  async function framesAfterTick(m: { app: AppState; frames: () => number }, advanceMs: number): Promise<number> {
    const before = m.frames();
    h.clock.advance(advanceMs);
    m.app.tick();
    await waitIdle(m.app);
    return m.frames() - before;
  }

  it('an empty namespace: ticks draw no frame, hour after hour', async () => {
    const m = await start('empty', []);
    expect(m.frame()).toContain('No pods.');
    const text = m.frame();
    // The first tick has nothing to compare with (a tick compares with what the last one read).
    await framesAfterTick(m, 0);
    for (let i = 0; i < 5; i++) expect(await framesAfterTick(m, 3_600_000)).toBe(0);
    expect(m.frame()).toBe(text);
  });

  it('pods whose ages show minutes: a tick draws only when a minute turns', async () => {
    const m = await start('default', ['web-1']);
    // Past kubectl's "XmYs" (under 10 minutes) ages show whole minutes.
    expect(await framesAfterTick(m, 20 * 60_000)).toBe(1);
    expect(m.frame()).toMatch(/web-1 .* 20m /);
    expect(await framesAfterTick(m, 1_000)).toBe(0);
    expect(await framesAfterTick(m, 58_000)).toBe(0);
    expect(await framesAfterTick(m, 1_000)).toBe(1);
    expect(m.frame()).toMatch(/web-1 .* 21m /);
  });

  it('young pods whose ages show seconds: every tick draws', async () => {
    const m = await start('default', ['web-1']);
    expect(await framesAfterTick(m, 5_000)).toBe(1);
    const age = /web-1 .* (\d+s) /.exec(m.frame())?.[1];
    expect(await framesAfterTick(m, 1_000)).toBe(1);
    expect(/web-1 .* (\d+s) /.exec(m.frame())?.[1]).not.toBe(age);
  });

  it("the simulator's clock in the header: every simulated second draws", async () => {
    const m = await start('empty', [], { badge: true });
    expect(await framesAfterTick(m, 1_000)).toBe(1);
    expect(await framesAfterTick(m, 0)).toBe(0);
  });

  it("a tick that moves only the simulator's clock re-renders the badge alone: the root and the pod list do not render", async () => {
    let listRenders = 0;
    const list = VIEWS.pods.component;
    VIEWS.pods.component = (props) => {
      listRenders++;
      return list(props);
    };
    try {
      const m = await start('default', ['web-1'], { badge: true });
      // Past ten minutes the age shows whole minutes, so the seconds below move the clock only.
      await framesAfterTick(m, 20 * 60_000);
      const clockOf = (): string | undefined => /SIMULATOR (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) x1/.exec(m.frame())?.[1];
      const before = clockOf();
      const versionBefore = m.app.version;
      const rendersBefore = listRenders;
      expect(await framesAfterTick(m, 1_000)).toBe(1);
      expect(clockOf()).not.toBe(before);
      expect(Date.parse(`${clockOf()}Z`) - Date.parse(`${before}Z`)).toBe(1_000);
      expect(m.frame()).toMatch(/web-1 .* 20m /);
      expect(listRenders - rendersBefore).toBe(0);
      expect(m.app.version).toBe(versionBefore);
      // A tick that changes the table too renders it (with the clock).
      expect(await framesAfterTick(m, 59_000)).toBe(1);
      expect(m.frame()).toMatch(/web-1 .* 21m /);
      expect(listRenders - rendersBefore).toBe(1);
    } finally {
      VIEWS.pods.component = list;
    }
  });

  it('another view than the list draws on every tick, as before (its time-dependent text is not read)', async () => {
    const m = await start('default', ['web-1']);
    m.app.push('events');
    await waitIdle(m.app);
    expect(await framesAfterTick(m, 0)).toBe(1);
  });
});
