// StatefulSet and DaemonSet history with the real kubectl: the controllers keep
// ControllerRevisions, kubectl lists them (NAME, CONTROLLER, REVISION, AGE), reads them for
// `rollout history`, applies one back for `rollout undo`, and recognises the current one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { KUBECTL } from './helpers/parity.js';
import { closeStartedHarnesses, Harness, kubectlAvailable, tableRows } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();

afterEach(closeStartedHarnesses);

const dir = mkdtempSync(join(tmpdir(), 'podscope-revisions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scenario = join(dir, 'revisions.yaml');
writeFileSync(
  scenario,
  `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 2
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: "redis:7"}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: "nginx:1.27"}]
`,
);

const template = (labels: string, container: string, image: string): string =>
  [
    'Pod Template:',
    `  Labels:\t${labels}`,
    '  Containers:',
    `   ${container}:`,
    `    Image:\t${image}`,
    '    Port:\t<none>',
    '    Host Port:\t<none>',
    '    Environment:\t<none>',
    '    Mounts:\t<none>',
    '  Volumes:\t<none>',
    '  Node-Selectors:\t<none>',
    '  Tolerations:\t<none>',
    '',
    '',
  ].join('\n');

describe.runIf(haveKubectl).sequential('kubectl rollout history and undo for StatefulSets and DaemonSets against sim serve', () => {
  it.each([
    ['statefulset', 'db', 'db', 'redis:7', 'redis:7.2'],
    ['daemonset', 'agent', 'agent', 'nginx:1.27', 'nginx:1.26'],
  ])('%s/%s: undo twice, history with and without --revision', async (kind, name, container, image1, image2) => {
    const h = await Harness.start({ scenario });
    const k = (args: string[]) => h.kubectl(args, undefined, KUBECTL);
    const ref = `${kind}/${name}`;
    const full = `${kind}.apps/${name}`;

    const set = await k(['set', 'image', ref, `${container}=${image2}`]);
    expect(set.stdout).toBe(`${full} image updated\n`);
    h.clock.advance(120_000);
    const history = await k(['rollout', 'history', ref]);
    expect(history.stderr).toBe('');
    expect(history.stdout).toBe(`${full} \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n`);

    const undo = await k(['rollout', 'undo', ref]);
    expect(undo.stderr).toBe('');
    expect(undo.stdout).toBe(`${full} rolled back\n`);
    h.clock.advance(120_000);
    expect((await k(['rollout', 'history', ref])).stdout).toBe(`${full} \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n`);
    const images = [...h.sim.store.all('Pod', 'default')].filter((p) => p.metadata!.labels!.app === name).map((p) => p.spec!.containers[0]!.image);
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images)).toEqual(new Set([image1]));

    expect((await k(['rollout', 'undo', ref])).stdout).toBe(`${full} rolled back\n`);
    h.clock.advance(120_000);
    expect((await k(['rollout', 'history', ref])).stdout).toBe(`${full} \nREVISION  CHANGE-CAUSE\n3         <none>\n4         <none>\n\n`);
    const one = await k(['rollout', 'history', ref, '--revision=3']);
    expect(one.stderr).toBe('');
    expect(one.stdout).toBe(`${full} with revision #3\n${template(`app=${name}`, container, image1)}`);
    // kubectl compares its own encoding of the owner with the revision's data, byte for byte.
    expect((await k(['rollout', 'undo', ref, '--to-revision=4'])).stdout).toBe(`${full} skipped rollback (current template already matches revision 4)\n`);
    const missing = await k(['rollout', 'undo', ref, '--to-revision=9']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toBe('error: unable to find specified revision 9 in history\n');

    const list = await k(['get', 'controllerrevisions', '-l', `app=${name}`]);
    expect(list.stderr).toBe('');
    const rows = tableRows(list.stdout);
    expect(rows[0]).toEqual(['NAME', 'CONTROLLER', 'REVISION', 'AGE']);
    // Rows come in name order; the names are hashes, so compare them sorted by revision.
    expect(rows.slice(1).map((r) => [r[1], r[2]]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      [full, '3'],
      [full, '4'],
    ]);
  });
});
