// `kubectl set image` on a running pod, with the real kubectl against `sim serve`: the
// kubelet replaces the container as a real one does, and the watch shows it.
import { afterEach, describe, expect, it } from 'vitest';
import { closeStartedHarnesses, Harness, kubectlAvailable, tableRows, waitFor } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();

afterEach(closeStartedHarnesses);

/** Lets the event loop serve pending requests (no wall-clock wait). */
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe.runIf(haveKubectl).sequential('kubectl set image against sim serve', () => {
  it('Killing (definition changed) → Pulling → Started, RESTARTS 1, the new image in the status', async () => {
    const h = await Harness.start({ scenario: 'nginx' });
    const before = h.sim.store.get('Pod', 'default', 'nginx')!.status!.containerStatuses![0]!;
    const events = h.stream(['get', 'events', '-w', '--field-selector', 'involvedObject.name=nginx']);
    const pods = h.stream(['get', 'pods', '-w']);
    await waitFor('the initial rows', () => events.lines.length >= 2 && pods.lines.length >= 2);

    const set = await h.kubectl(['set', 'image', 'pod/nginx', 'nginx=nginx:1.28']);
    expect(set.stderr).toBe('');
    expect(set.stdout).toBe('pod/nginx image updated\n');
    for (let i = 0; i < 30 && !pods.lines.some((l) => /^nginx +1\/1 +Running +1 /.test(l)); i++) {
      h.clock.advance(1_000);
      await tick();
    }
    await waitFor('RESTARTS 1', () => pods.lines.some((l) => /^nginx +1\/1 +Running +1 \(\d+s ago\) +\d+m\d*s?$/.test(l)));
    await waitFor('Started', () => events.lines.filter((l) => l.includes('Started container nginx')).length >= 2);
    const changed = events.lines.findIndex((l) => l.includes('Container nginx definition changed, will be restarted'));
    expect(changed).toBeGreaterThan(0);
    const after = events.lines.slice(changed).map((l) => tableRows(l)[0]!.slice(1, 3));
    expect(after).toEqual([
      ['Normal', 'Killing'],
      ['Normal', 'Pulling'],
      ['Normal', 'Pulled'],
      ['Normal', 'Created'],
      ['Normal', 'Started'],
    ]);
    events.stop();
    pods.stop();

    const r = await h.kubectl(['get', 'pod', 'nginx', '-o', 'jsonpath={.status.containerStatuses[0].image} {.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].lastState.terminated.reason}']);
    expect(r.stdout).toBe('docker.io/library/nginx:1.28 1 Completed');
    const now = h.sim.store.get('Pod', 'default', 'nginx')!.status!.containerStatuses![0]!;
    expect(now.imageID).not.toBe(before.imageID);
    expect(now.containerID).not.toBe(before.containerID);
  });
});
