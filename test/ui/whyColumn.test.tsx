// Issue 17: the pod list's WHY column (k9s's VALID, in words), one of the ctrl-w columns:
// a few words for each drawn row that is not ready, computed for the rows on screen only;
// it stays until only NAME is left to shrink.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestSimulator } from './testSimulator.js';
import { loadScenario, resolveScenarioPath } from '../../src/sim/scenario/index.js';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { podLines } from '../../src/ui/views/podLines.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
let stopSim: (() => void) | undefined;
afterEach(() => {
  mounted?.unmount();
  stopSim?.();
});

async function start(columns: number, rows = 40): Promise<Mounted> {
  const sim = createTestSimulator(await loadScenario(resolveScenarioPath('default')));
  stopSim = () => sim.stop();
  sim.clock.advance(120_000);
  const app = new AppState({ source: new SimSource(sim), namespace: undefined, frameMs: 0, realNow: () => 0 });
  mounted = await mount(app, { columns, rows });
  return mounted;
}

/** The WHY cell of the row whose NAME starts with `name`, cut at the header's WHY position. */
function whyOf(frame: string, name: string): string | undefined {
  const lines = frame.split('\n');
  const header = lines.find((l) => /^ {2}NAMESPACE\s+NAME/.test(l));
  const at = header?.indexOf('WHY') ?? -1;
  if (at < 0) return undefined;
  const row = lines.find((l) => new RegExp(`^[> ][*+ ]\\S+\\s+${name}`).test(l));
  return row?.slice(at).trim();
}

describe('the WHY column', () => {
  it('ctrl-w: says in words why each drawn pod is not ready; ready and completed ones stay blank', async () => {
    const m = await start(230);
    expect(m.frame()).toMatch(/^ {2}NAMESPACE\s+NAME↑\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE$/m);
    await m.key('ctrl-w');
    const f = m.frame();
    expect(f).toMatch(/^ {2}NAMESPACE\s+NAME↑\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\s+WHY$/m);
    expect(whyOf(f, 'big-batch')).toBe('unschedulable: Insufficient cpu');
    expect(whyOf(f, 'payments')).toMatch(/^image pull failing, next in \d+s$/);
    expect(whyOf(f, 'cart-')).toMatch(/^crash-looping \(exit 1\), next in \d+s$/);
    expect(whyOf(f, 'memory-hog')).toMatch(/^crash-looping \(OOMKilled\), next in \d+s$/);
    expect(whyOf(f, 'recommendations')).toBe('');
    expect(whyOf(f, 'two-containers')).toBe('debian-container exited 0, not restarted');
    expect(whyOf(f, 'myweb')).toBe('');
    expect(whyOf(f, 'hello-')).toBe('');
  });

  it('in a narrow terminal it stays while the other wide columns, NODE and IP give way', async () => {
    const m = await start(110);
    await m.key('ctrl-w');
    const header = m.frame().split('\n').find((l) => /^ {2}NAMESPACE/.test(l))!;
    expect(header).toMatch(/\s+WHY$/);
    expect(header).not.toContain('NODE');
    for (const l of m.frame().split('\n')) expect(l.length).toBeLessThanOrEqual(110);
  });

  it('is computed for the drawn rows only: a frame costs the window, not the list', async () => {
    const m = await start(230, 12);
    await m.key('ctrl-w');
    const spy = vi.spyOn(m.app.diagnosis, 'cell');
    const lines = podLines(m.app, 6, 230);
    expect(lines.count).toBe(6);
    expect(spy.mock.calls.length).toBe(6);
    expect(m.app.pods.size).toBeGreaterThan(6);
  });
});
