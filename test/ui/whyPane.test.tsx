// Issue 17: the pod view's first pane says why the pod is not ready — one line per finding
// until it has the focus, then the evidence (with times) and the fix, with what the source
// knows around the pod (the nodes, the previous instance's last log line).
import { afterEach, describe, expect, it } from 'vitest';
import { createTestSimulator } from './testSimulator.js';
import { loadScenario, resolveScenarioPath } from '../../src/sim/scenario/index.js';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
let stopSim: (() => void) | undefined;
let sim: ReturnType<typeof createTestSimulator> | undefined;
afterEach(() => {
  mounted?.unmount();
  stopSim?.();
});

async function openPod(fixture: string, advanceMs: number, pod: string, size = { columns: 140, rows: 40 }): Promise<Mounted> {
  const s = createTestSimulator(await loadScenario(resolveScenarioPath(fixture)));
  sim = s;
  stopSim = () => s.stop();
  s.clock.advance(advanceMs);
  const app = new AppState({ source: new SimSource(s), namespace: undefined, frameMs: 0, realNow: () => 0 });
  mounted = await mount(app, size);
  const index = app.pods.all().findIndex((e) => e.name.startsWith(pod));
  expect(index).toBeGreaterThanOrEqual(0);
  app.moveTo(index);
  await mounted.idle();
  await mounted.press('open');
  return mounted;
}

const lines = (f: string): string[] => f.split('\n');

describe('the why pane', () => {
  it('crash loop: a headline above the other panes; focused, the evidence, the last log line and the fix', async () => {
    const m = await openPod('crashloop', 120_000, 'crashloop');
    let f = m.frame();
    const title = lines(f).findIndex((l) => l.includes('Why not ready?'));
    expect(title).toBe(lines(f).findIndex((l) => /^Pod default\/crashloop/.test(l)) + 1);
    expect(lines(f)[title]).toContain('Why not ready?  (Tab to this pane: evidence and fixes)');
    expect(lines(f)[title + 1]).toMatch(/^✗ container app is crash-looping: exit 1 \d+s ago, restarted 4 times, next start in \d+s$/);
    expect(lines(f)[title + 2]).toContain('▸ Phase & conditions');
    await m.press('previousPane');
    expect(m.app.podPane).toBe('why');
    f = m.frame();
    expect(f).toContain('▸ Why not ready?');
    expect(f).toMatch(/^ {4}app: lastState\.terminated Error exit 1 {2}\(2026-01-01T00:01:\d\dZ\)$/m);
    expect(f).toMatch(/^ {4}app: restartCount 4$/m);
    expect(f).toMatch(/^ {4}last log line: .*connection refused/m);
    expect(f).toMatch(/^ {2}→ fix: the program exits with 1: its last log lines say why \(p: previous logs\)$/m);
  });

  it('unschedulable: the fix computed from the nodes the source has', async () => {
    const m = await openPod('unschedulable', 30_000, 'big-batch');
    expect(m.frame()).toMatch(/^✗ unschedulable: 3 Insufficient cpu$/m);
    await m.press('previousPane');
    const f = m.frame();
    expect(f).toMatch(/^ {4}largest node allocatable cpu: 4 CPU \(3 nodes\)$/m);
    expect(f.replace(/\n +/g, ' ')).toContain("→ fix: the request of 64 CPU is larger than any node's allocatable 4 CPU: lower resources.requests.cpu to at most 4 CPU, or add a node with more");
  });

  it('a Ready pod: one line, Ready', async () => {
    const m = await openPod('nginx', 30_000, 'nginx');
    const f = lines(m.frame());
    const title = f.findIndex((l) => l.includes('Why not ready?'));
    expect(f[title]).not.toContain('shift-Tab');
    expect(f[title + 1]).toBe('✓ Ready: nothing keeps it from serving');
  });

  it('the headline follows the pod: an image pull backing off counts down to its next try', async () => {
    const m = await openPod('image-pull-fail', 60_000, 'bad-image');
    const next = (): number => Number(/^✗ container app: image "nginx:1\.27-does-not-exist" does not pull \(ImagePullBackOff\); next try in (\d+)s$/m.exec(m.frame())?.[1]);
    const before = next();
    expect(before).toBeGreaterThan(3);
    sim!.clock.advance(2_000);
    m.app.tick();
    await m.idle();
    expect(next()).toBe(before - 2);
  });
});
