// Rehearsing from the TUI on the in-process simulator: the header's PAUSED badge and clock,
// pause/step/speed keys, and a fault injected through the `!` menu and its confirmation.
import { afterEach, describe, expect, it } from 'vitest';
import { SimController } from '../../src/sim/rehearse/control.js';
import { parseScenario } from '../../src/sim/scenario/index.js';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { nextSpeed } from '../../src/state/simActions.js';
import { mount, type Mounted } from './helpers.js';
import { createTestSimulator } from './testSimulator.js';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: busybox:1.36
      command: ["sleep", "infinity"]
`;

async function start(opts: { readonly?: boolean } = {}) {
  const sim = createTestSimulator(parseScenario(POD, 'web.yaml'));
  sim.clock.advance(30_000);
  const source = new SimSource(sim, { control: new SimController(sim), readonly: opts.readonly });
  const app = new AppState({ source, namespace: 'default', frameMs: 0, realNow: () => 0, readonly: opts.readonly });
  mounted = await mount(app, { columns: 120 });
  return { sim, m: mounted };
}

describe('rehearsing keys', () => {
  it('ctrl-p pauses (PAUSED in the header), . and > step 1 s and 10 s, ctrl-p resumes', async () => {
    const { sim, m } = await start();
    expect(m.frame()).toMatch(/SIMULATOR 2026-01-01 00:00:30 x1\s*\n/);
    await m.press('pauseTime');
    expect(m.frame()).toContain('SIMULATOR 2026-01-01 00:00:30 x1 PAUSED');
    expect(m.frame()).toContain('simulated time paused at 00:00:30 x1 PAUSED');
    await m.press('step10s');
    expect(sim.clock.now()).toBe(Date.UTC(2026, 0, 1, 0, 0, 40));
    expect(m.frame()).toContain('SIMULATOR 2026-01-01 00:00:40 x1 PAUSED');
    await m.press('step1s');
    expect(m.frame()).toContain('stepped 1s: 00:00:41 x1 PAUSED');
    await m.press('faster');
    expect(m.frame()).toContain('SIMULATOR 2026-01-01 00:00:41 x2 PAUSED');
    await m.press('stepNext');
    expect(sim.clock.now()).toBeGreaterThan(Date.UTC(2026, 0, 1, 0, 0, 41));
    await m.press('pauseTime');
    expect(m.frame()).not.toContain('PAUSED');
  });

  it('! on a pod: the menu, a confirmation with the exit code, then the crash and its restart', async () => {
    const { sim, m } = await start();
    await m.press('fault');
    expect(m.frame()).toContain('Inject a fault into pod default/web');
    expect(m.frame()).toContain('crash app now (exit code of your choice)');
    expect(m.frame()).toContain("fail app's image pulls for a while");
    await m.key('enter');
    expect(m.frame()).toContain('Crash container app of default/web?');
    await m.key('4');
    await m.key('2');
    await m.key('enter'); // field → OK
    await m.key('enter'); // OK
    expect(m.frame()).toContain('default/web: Crashed container app with exit code 42');
    sim.clock.advance(1000);
    const cs = sim.store.get('Pod', 'default', 'web')!.status!.containerStatuses![0]!;
    expect(cs.lastState?.terminated?.exitCode).toBe(42);
    expect(cs.restartCount).toBe(1);
  });

  it('--readonly: the keys say why and nothing changes', async () => {
    const { sim, m } = await start({ readonly: true });
    await m.key('ctrl-p');
    expect(m.frame()).toContain('pause / resume simulated time: read-only mode (--readonly)');
    await m.key('!');
    expect(m.frame()).toContain('read-only mode (--readonly)');
    expect(sim.clock.paused).toBe(false);
  });

  it.each<[number, 1 | -1, number | undefined]>([
    [1, 1, 2],
    [1, -1, 0.5],
    [3, 1, 5],
    [3, -1, 2],
    [600, 1, undefined],
    [0.25, -1, undefined],
  ])('speed x%s, direction %s → %s', (from, dir, to) => {
    expect(nextSpeed(from, dir)).toBe(to);
  });
});
