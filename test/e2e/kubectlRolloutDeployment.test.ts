// Deployment history with the real kubectl: `rollout undo` patches the template back from an
// old ReplicaSet (with `creationTimestamp: null` in its metadata), and the controller must
// find that ReplicaSet again, give it the next revision and record the one it had, as
// pkg/controller/deployment/sync.go does, so history never grows stale entries.
import { afterEach, describe, expect, it } from 'vitest';
import type { ReplicaSet } from '../../src/kube/types.js';
import { KUBECTL } from './helpers/parity.js';
import { closeStartedHarnesses, Harness, kubectlAvailable } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();

afterEach(closeStartedHarnesses);

const REVISION = 'deployment.kubernetes.io/revision';
const HISTORY = 'deployment.kubernetes.io/revision-history';

function replicaSets(h: Harness): { name: string; revision?: string; history?: string; replicas: number }[] {
  return [...h.sim.store.all('ReplicaSet', 'default')]
    .map((rs: ReplicaSet) => ({
      name: rs.metadata!.name!,
      revision: rs.metadata?.annotations?.[REVISION],
      history: rs.metadata?.annotations?.[HISTORY],
      replicas: rs.spec?.replicas ?? 0,
    }))
    .sort((a, b) => Number(a.revision) - Number(b.revision));
}

describe.runIf(haveKubectl).sequential('kubectl rollout for a Deployment against sim serve', () => {
  it('undo reuses the old ReplicaSet, moves its revision, and history prints as a 1.33 cluster does', async () => {
    const h = await Harness.start({ scenario: 'deployment' });
    const k = (args: string[]) => h.kubectl(args, undefined, KUBECTL);
    const [first] = replicaSets(h);
    expect(first).toMatchObject({ revision: '1', replicas: 3 });

    expect((await k(['set', 'image', 'deployment/web', 'nginx=nginx:1.26'])).stdout).toBe('deployment.apps/web image updated\n');
    expect((await k(['annotate', 'deployment/web', 'kubernetes.io/change-cause=nginx 1.26'])).stderr).toBe('');
    h.clock.advance(120_000);
    const second = replicaSets(h)[1]!;
    expect(second).toMatchObject({ revision: '2', replicas: 3 });

    const history = await k(['rollout', 'history', 'deployment/web']);
    expect(history.stderr).toBe('');
    expect(history.stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         nginx 1.26\n\n');

    const undo = await k(['rollout', 'undo', 'deployment/web']);
    expect(undo.stderr).toBe('');
    expect(undo.stdout).toBe('deployment.apps/web rolled back\n');
    h.clock.advance(120_000);
    expect(replicaSets(h)).toEqual([
      { name: second.name, revision: '2', history: undefined, replicas: 0 },
      { name: first!.name, revision: '3', history: '1', replicas: 3 },
    ]);
    expect((await k(['rollout', 'history', 'deployment/web'])).stdout).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         nginx 1.26\n3         <none>\n\n',
    );

    expect((await k(['rollout', 'undo', 'deployment/web'])).stdout).toBe('deployment.apps/web rolled back\n');
    h.clock.advance(120_000);
    expect(replicaSets(h)).toEqual([
      { name: first!.name, revision: '3', history: '1', replicas: 0 },
      { name: second.name, revision: '4', history: '2', replicas: 3 },
    ]);
    expect((await k(['rollout', 'history', 'deployment/web'])).stdout).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n3         <none>\n4         nginx 1.26\n\n',
    );
    const hash = second.name.slice('web-'.length);
    const one = await k(['rollout', 'history', 'deployment/web', '--revision=4']);
    expect(one.stderr).toBe('');
    expect(one.stdout).toBe(
      [
        'deployment.apps/web with revision #4',
        'Pod Template:',
        '  Labels:\tapp=web',
        `\tpod-template-hash=${hash}`,
        '  Annotations:\tkubernetes.io/change-cause: nginx 1.26',
        '\tsim.podscope.dev/shutdown: ignore',
        '  Containers:',
        '   nginx:',
        '    Image:\tnginx:1.26',
        '    Port:\t80/TCP',
        '    Host Port:\t0/TCP',
        '    Environment:\t<none>',
        '    Mounts:\t<none>',
        '  Volumes:\t<none>',
        '  Node-Selectors:\t<none>',
        '  Tolerations:\t<none>',
        '',
        '',
      ].join('\n'),
    );

    const same = await k(['rollout', 'undo', 'deployment/web', '--to-revision=4']);
    expect(same.stdout).toBe('deployment.apps/web skipped rollback (current template already matches revision 4)\n');
    const missing = await k(['rollout', 'history', 'deployment/web', '--revision=1']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toBe('error: unable to find the specified revision\n');
    expect(h.sim.store.get('Deployment', 'default', 'web')?.metadata?.annotations?.[REVISION]).toBe('4');
  });
});
