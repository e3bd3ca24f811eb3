// Every resource view against the real kubectl: for each catalogued kind, the rows podscope's
// view shows through the live source (cells from the printer's columns, NAMESPACE first across
// namespaces) equal `kubectl get <kind> -A` against `sim serve`, cell by cell. Kinds added to
// the catalog later are covered without editing this test.
import { afterEach, describe, expect, it } from 'vitest';
import { entryOf, KINDS } from '../../src/kube/catalog/index.js';
import { AppState } from '../../src/state/appState.js';
import { restartPatch } from '../../src/state/resourceActions.js';
import { errorText } from '../../src/kube/errorText.js';
import { listTitles, rowCells } from '../../src/ui/views/resourceLines.js';
import { connectLive, scratchPerTest } from './helpers/liveSource.js';
import { closeStartedHarnesses, Harness, kubectlAvailable, waitFor } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();
const scratch = scratchPerTest('podscope-resviews-e2e-');
afterEach(closeStartedHarnesses);

/** kubectl's table cut at the header's column starts (cells may be empty or hold spaces). */
function columnsOf(stdout: string): string[][] {
  const lines = stdout.trimEnd().split('\n');
  const header = lines[0]!;
  const starts: number[] = [];
  const re = /\S+(?: \S+)*/g;
  for (let m = re.exec(header); m; m = re.exec(header)) starts.push(m.index);
  return lines.map((l) => starts.map((s, i) => l.slice(s, i + 1 < starts.length ? starts[i + 1] : undefined).trim()));
}

describe.runIf(haveKubectl).sequential('resource views equal kubectl get -A', () => {
  it.each(KINDS)('%s', async (kind) => {
    const h = await Harness.start({ scenario: 'default', server: { advertiseClock: { scenario: 'default' } } });
    const source = await connectLive(h.kubeconfig, scratch);
    const app = new AppState({ source, namespace: undefined, frameMs: 0, realNow: () => 0 });
    app.start();
    scratch.defer(() => app.stop());
    const frame = app.nav.openRoot({ kind, namespace: undefined });
    await waitFor(`the ${kind} list to sync`, () => frame.table.hasSynced);

    const r = await h.kubectl(['get', entryOf(kind).resource, '-A']);
    expect(r.code, r.stderr).toBe(0);
    // Ages at the simulated instant kubectl's Table was printed at (the manual clock stands
    // still; the live source would extrapolate it by the real time the test takes).
    const ours = [listTitles(frame).map((t) => t.replace(/[↑↓]$/, '')), ...rowCells(frame, frame.table.all(), h.clock.now())];
    if (frame.table.size === 0) {
      expect(r.stderr + r.stdout).toMatch(/No resources found/);
      return;
    }
    expect(ours).toEqual(columnsOf(r.stdout));
    expect(frame.table.size).toBeGreaterThan(0);
  });
});

describe.runIf(haveKubectl).sequential('scale and restart through the live source, as kubectl sees them', () => {
  it('patches the scale subresource and the restartedAt annotation; a missing object rejects with the server message', async () => {
    const h = await Harness.start({ scenario: 'default', server: { advertiseClock: { scenario: 'default' } } });
    const source = await connectLive(h.kubeconfig, scratch);
    await source.patch('Deployment', 'default', 'web', { spec: { replicas: 5 } }, { type: 'merge', subresource: 'scale' });
    expect((await h.kubectl(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])).stdout).toBe('5');
    const patch = restartPatch(h.clock.now());
    await source.patch('Deployment', 'default', 'web', patch, { type: 'strategic' });
    const annotation = await h.kubectl(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}']);
    expect(annotation.stdout).toBe(new Date(h.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z'));
    const missing = await source.patch('Deployment', 'default', 'nope', { spec: { replicas: 1 } }, { type: 'merge', subresource: 'scale' }).then(
      () => 'resolved',
      (err: unknown) => errorText(err),
    );
    const kubectl = await h.kubectl(['scale', 'deploy', 'nope', '--replicas=1']);
    expect(kubectl.stderr).toContain('deployments.apps "nope" not found');
    expect(missing).toContain('deployments.apps "nope" not found');
  });
});
