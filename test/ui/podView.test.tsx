// Enter opens the pod view; its containers pane shows the right states for the crash-loop,
// init, sidecar and OOMKilled fixtures once the simulated clock has reached them. Then
// describe and YAML, and the deployment delete story with a replacement pod.
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario, resolveScenarioPath } from '../../src/sim/scenario/index.js';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { mount, type Mounted } from './helpers.js';
import { createTestSimulator } from './testSimulator.js';

let mounted: Mounted | undefined;
let stopSim: (() => void) | undefined;
afterEach(() => {
  mounted?.unmount();
  stopSim?.();
});

async function open(fixture: string, advanceMs: number, columns = 200): Promise<{ m: Mounted; sim: ReturnType<typeof createTestSimulator> }> {
  const sim = createTestSimulator(await loadScenario(resolveScenarioPath(fixture)));
  stopSim = () => sim.stop();
  sim.clock.advance(advanceMs);
  const app = new AppState({ source: new SimSource(sim), namespace: 'default', frameMs: 0, realNow: () => 0 });
  mounted = await mount(app, { columns, rows: 40 });
  return { m: mounted, sim };
}

function line(frame: string, start: RegExp): string {
  return frame.split('\n').find((l) => start.test(l)) ?? '';
}

async function openPod(m: Mounted, name: string): Promise<void> {
  await m.press('filter');
  await m.type(`^default ${name} `);
  await m.press('submit');
  await m.press('open');
}

describe('pod view', () => {
  it('crash loop: CrashLoopBackOff with the last Error exit, and BackOff events', async () => {
    const { m } = await open('crashloop', 60_000);
    await openPod(m, 'crashloop');
    const f = m.frame();
    expect(f).toContain('Pod default/crashloop');
    expect(line(f, /^main\s+app\s/)).toMatch(/^main\s+app\s+busybox:1\.36\s+Waiting: CrashLoopBackOff\s+-\s+false\s+\d+\s+Terminated: Error \(exit 1\)/);
    expect(f).toMatch(/Warning\s+BackOff\s+.*Back-off restarting failed container app in pod crashloop_default/);
    expect(f).toContain('▸ Phase & conditions');
    await m.press('nextPane');
    expect(m.frame()).toContain('▸ Containers');
    await m.press('back');
    expect(m.frame()).toContain('Pods(default)');
  });

  it('init containers: init rows run in order before the main container', async () => {
    const { m, sim } = await open('init-containers', 8_000);
    await openPod(m, 'myapp-pod');
    let f = m.frame();
    expect(line(f, /^init\s+init-myservice\s/)).toMatch(/^init\s+init-myservice\s+busybox:1\.36\s+Terminated: Completed \(exit 0\)\s+finished \S+ ago\s+true\s+0\s/);
    expect(line(f, /^init\s+init-mydb\s/)).toMatch(/^init\s+init-mydb\s+busybox:1\.36\s+Running\s+started \S+ ago\s+(true|false)\s+0\s/);
    expect(line(f, /^main\s+myapp-container\s/)).toMatch(/^main\s+myapp-container\s+busybox:1\.36\s+Waiting: PodInitializing\s/);
    sim.clock.advance(4_000);
    await m.idle();
    f = m.frame();
    expect(line(f, /^init\s+init-mydb\s/)).toMatch(/Terminated: Completed \(exit 0\)/);
    expect(line(f, /^main\s+myapp-container\s/)).toMatch(/^main\s+myapp-container\s+busybox:1\.36\s+Running\s+started \S+ ago\s+true\s+0\s/);
  });

  it('sidecar: the sidecar row runs beside the main container', async () => {
    const { m } = await open('sidecar', 30_000);
    await openPod(m, 'app-with-log-shipper');
    const f = m.frame();
    expect(line(f, /^sidecar\s+log-shipper\s/)).toMatch(/Running\s+started .* ago\s+true/);
    expect(line(f, /^main\s+myapp\s/)).toMatch(/Running\s+started .* ago\s+true/);
  });

  it('OOMKilled: the container shows OOMKilled with exit 137', async () => {
    const { m } = await open('oomkilled', 60_000);
    await openPod(m, 'memory-demo-2');
    const f = m.frame();
    expect(line(f, /^main\s+memory-demo-2-ctr\s/)).toMatch(/OOMKilled \(exit 137\)/);
  });

  it('describe shows kubectl describe text, live; YAML shows the object', async () => {
    const { m } = await open('crashloop', 60_000);
    await openPod(m, 'crashloop');
    await m.press('describe');
    expect(m.frame()).toMatch(/^Name:\s+crashloop$/m);
    expect(m.frame()).toMatch(/^Namespace:\s+default$/m);
    await m.press('back');
    await m.press('yaml');
    expect(m.frame()).toContain('kind: Pod');
    expect(m.frame()).toContain('  name: crashloop');
  });
});

describe('delete on a Deployment', () => {
  it('Terminating counts down, the pod goes, and a highlighted replacement appears', async () => {
    const { m, sim } = await open('deployment', 30_000, 160);
    const before = m.app.pods.all().map((e) => e.name);
    expect(before.length).toBeGreaterThan(0);
    const victim = m.app.pods.selected()!.name;
    await m.press('delete');
    await m.press('eraseGrace');
    await m.press('eraseGrace');
    await m.type('3');
    await m.press('previousControl');
    await m.press('activate');
    expect(m.frame()).toContain(`pod "default/${victim}" deleting (grace 3s)`);
    expect(line(m.frame(), new RegExp(`^..${victim} `))).toMatch(/Terminating \(3s\)/);
    sim.clock.advance(1000);
    m.app.tick();
    await m.idle();
    expect(line(m.frame(), new RegExp(`^..${victim} `))).toMatch(/Terminating \([0-2]s\)/);
    sim.clock.advance(5000);
    await m.idle();
    const after = m.app.pods.all().map((e) => e.name);
    expect(after).not.toContain(victim);
    expect(after.length).toBe(before.length);
    const replacement = after.find((n) => !before.includes(n))!;
    expect(replacement).toBeDefined();
    expect(m.frame()).toMatch(new RegExp(`^.\\+${replacement} `, "m"));
  });
});
