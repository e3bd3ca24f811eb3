// `sim serve --speed 20` runs the cluster's clock ahead of the wall clock. The live source
// reads the clock the server advertises, so the ages the UI shows are the simulator's, where
// the wall clock would show a few seconds, or `<invalid>` for a pod created "in the future".
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { since } from '../../src/kube/duration.js';
import type { Pod } from '../../src/kube/types.js';
import type { Simulator } from '../../src/sim/engine.js';
import { AppState } from '../../src/state/appState.js';
import { podLines } from '../../src/ui/views/podLines.js';
import { connectLive, scratchPerTest, serveInProcess } from './helpers/liveSource.js';
import { waitFor } from './helpers/serverHarness.js';

const scratch = scratchPerTest('podscope-simclock-');

async function serveAt(speed: number, kubeconfig: string): Promise<Simulator> {
  const served = await serveInProcess(['--scenario', 'deployment', '--port', '0', '--speed', String(speed), '--kubeconfig-out', kubeconfig], scratch);
  return served.sim;
}

/** NAME → AGE as the pod table draws them, cut at the AGE column's position in the header. */
function shownAges(app: AppState): Map<string, string> {
  const lines = podLines(app, 10, 160);
  expect(lines.header.trim().split(/\s+/)).toEqual(['NAME↑', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE']);
  const from = lines.header.indexOf('AGE');
  const to = lines.header.indexOf('IP');
  const ages = new Map<string, string>();
  for (const line of lines.body.split('\n').filter((l) => l.trim() !== '')) {
    // Rows start with a gutter (cursor, new-pod marks) before the name.
    const name = /[a-z0-9][a-z0-9.-]*/.exec(line.slice(0, from))![0];
    ages.set(name, line.slice(from, to).trim());
  }
  return ages;
}

/** The ages the simulator's own clock gives, a second either side. */
function simAges(pod: Pod, simNow: number): string[] {
  return [simNow - 1000, simNow, simNow + 1000].map((t) => since(pod.metadata!.creationTimestamp, t));
}

describe('the simulated clock through the API', () => {
  it('at --speed 20 the ages in the UI state follow the simulator, not the wall clock', async () => {
    const kubeconfig = join(scratch.dir, 'kc');
    const sim = await serveAt(20, kubeconfig);
    const source = await connectLive(kubeconfig, scratch);
    const app = new AppState({ source, namespace: 'default', frameMs: 0 });
    app.start();
    scratch.defer(() => app.stop());
    await waitFor('three pods', () => app.pods.size === 3 && !app.busy);

    // Let the cluster get 20 simulated seconds ahead, then replace a pod: the new one is
    // created at a simulated time the wall clock has not reached.
    await waitFor('the cluster to run ahead', () => sim.clock.now() - Date.now() > 20_000);
    const victim = app.pods.window(10).rows[0]!.pod.metadata!.name!;
    expect(await source.deletePod('default', victim, 0)).toEqual({ kind: 'deleted' });
    await waitFor('the replacement', () => app.pods.size === 3 && !app.busy && app.pods.window(10).rows.every((e) => e.pod.metadata!.name !== victim));

    const ages = shownAges(app);
    const simNow = sim.clock.now();
    const wallNow = Date.now();
    const pods = app.pods.window(10).rows.map((e) => e.pod);
    expect([...ages.keys()].sort()).toEqual(pods.map((p) => p.metadata!.name!).sort());
    for (const pod of pods) {
      const name = pod.metadata!.name!;
      expect(simAges(pod, simNow), name).toContain(ages.get(name));
    }
    const newcomer = pods.reduce((a, b) => (Date.parse(a.metadata!.creationTimestamp!) >= Date.parse(b.metadata!.creationTimestamp!) ? a : b));
    expect(since(newcomer.metadata!.creationTimestamp, wallNow)).toBe('<invalid>');
    expect(ages.get(newcomer.metadata!.name!)).not.toBe('<invalid>');
    const oldest = pods.find((p) => p !== newcomer)!;
    expect(simAges(oldest, simNow)).not.toContain(since(oldest.metadata!.creationTimestamp, wallNow));

    expect(Math.abs(source.now() - sim.clock.now())).toBeLessThan(1000);
    const info = source.info();
    expect(info.simulator).toEqual({ nowMs: info.simulator!.nowMs, speed: 20, scenario: 'deployment' });
    expect(Math.abs(info.simulator!.nowMs - sim.clock.now())).toBeLessThan(1000);
  });
});
