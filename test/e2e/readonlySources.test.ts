// Issue 12 item 16: --readonly is enforced by the sources themselves, so a delete from any
// caller is refused with a clear error and never reaches the cluster.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Backoff } from '../../src/source/kube/backoff.js';
import { KubeSource } from '../../src/source/kube/kubeSource.js';
import { resolveStartup } from '../../src/source/kube/startup.js';
import { SimSource } from '../../src/source/sim.js';
import { scratchPerTest, serveInProcess } from './helpers/liveSource.js';

const scratch = scratchPerTest('podscope-readonly-');

describe('--readonly in the sources', () => {
  it('the kube source refuses delete before sending it; the server still has the pod', async () => {
    const kubeconfig = join(scratch.dir, 'kc');
    const served = await serveInProcess(['--scenario', 'nginx', '--kubeconfig-out', kubeconfig], scratch);
    const choice = await resolveStartup({
      kubeconfig,
      env: {},
      homedir: scratch.dir,
      source: { readonly: true, schedule: (fn) => setImmediate(fn), newBackoff: () => new Backoff({ initialMs: 20, maxMs: 200 }) },
    });
    if (choice.kind !== 'kube' || !(choice.source instanceof KubeSource)) throw new Error('expected the kube source');
    const source = choice.source;
    scratch.defer(() => source.close());
    const before = served.sim.store.list('Pod', { namespace: 'default' }).items.length;
    expect(before).toBe(1);
    const name = served.sim.store.list('Pod', { namespace: 'default' }).items[0]!.metadata!.name!;
    expect(await source.deletePod('default', name, 0)).toEqual({ kind: 'forbidden', message: `read-only mode (--readonly): podscope does not delete /api/v1/namespaces/default/pods/${name}` });
    expect(await source.delete('ConfigMap', 'default', 'x')).toMatchObject({ kind: 'forbidden' });
    // Reads still work.
    expect((await source.listPods({ namespace: 'default' })).length).toBe(1);
    expect(served.sim.store.list('Pod', { namespace: 'default' }).items.length).toBe(1);
  });

  it('the simulator source refuses delete; the pod stays', async () => {
    const kubeconfig = join(scratch.dir, 'kc');
    const served = await serveInProcess(['--scenario', 'nginx', '--kubeconfig-out', kubeconfig], scratch);
    const source = new SimSource(served.sim, { readonly: true });
    const name = served.sim.store.list('Pod', { namespace: 'default' }).items[0]!.metadata!.name!;
    expect(await source.deletePod('default', name, 0)).toEqual({ kind: 'forbidden', message: `read-only mode (--readonly): podscope does not delete pods "default/${name}"` });
    expect(served.sim.store.list('Pod', { namespace: 'default' }).items.map((p) => p.metadata!.name)).toEqual([name]);
  });

  it('both sources refuse patches (scale, rollout restart) too', async () => {
    const kubeconfig = join(scratch.dir, 'kc');
    const served = await serveInProcess(['--scenario', 'deployment', '--kubeconfig-out', kubeconfig], scratch);
    const sim = new SimSource(served.sim, { readonly: true });
    await expect(sim.patch('Deployment', 'default', 'web', { spec: { replicas: 5 } }, { type: 'merge', subresource: 'scale' })).rejects.toThrow(
      'read-only mode (--readonly): podscope does not patch deployments "default/web"',
    );
    expect(served.sim.store.get('Deployment', 'default', 'web')?.spec?.replicas).toBe(3);
  });
});
