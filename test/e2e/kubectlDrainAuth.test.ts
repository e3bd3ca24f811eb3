// kubectl drain (cordon, then the eviction subresource) and kubectl auth can-i / whoami
// (SelfSubjectAccessReview, SelfSubjectReview) against `sim serve`, with real kubectl.
// Expected texts are kubectl's own (kubectl/pkg/drain and pkg/cmd/drain: "node/X cordoned",
// "evicting pod NS/NAME", "pod/NAME evicted", "node/X drained"; auth can-i prints "yes").
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { closeStartedHarnesses, Harness, kubectlAvailable, tableRows } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();
const BINARIES = ['1.33', '1.32', '1.30'].map((v) => ({ v, path: `/usr/lib/google-cloud-sdk/bin/kubectl.${v}` })).filter((b) => existsSync(b.path));

afterEach(closeStartedHarnesses);

/** Runs kubectl while simulated time moves on (drain waits for the kubelet to finish the pods). */
async function withTimePassing<T>(h: Harness, work: Promise<T>): Promise<T> {
  let done = false;
  const finished = work.finally(() => (done = true));
  const deadline = Date.now() + 30_000;
  while (!done) {
    if (Date.now() > deadline) throw new Error('timed out waiting for kubectl while simulated time passed');
    h.clock.advance(1000);
    await new Promise((r) => setTimeout(r, 10));
  }
  return finished;
}

describe.runIf(haveKubectl && BINARIES.length > 0).sequential('kubectl drain', () => {
  it.each(BINARIES)('kubectl $v drains the node of nginx: cordoned, evicted gracefully, drained', async ({ path }) => {
    const h = await Harness.start({ scenario: 'nginx' });
    const pod = h.sim.store.get('Pod', 'default', 'nginx')!;
    const node = pod.spec!.nodeName!;
    // nginx is a bare pod: drain refuses it without --force ("cannot delete Pods that declare no controller").
    const refused = await h.kubectl(['drain', node, '--ignore-daemonsets'], undefined, path);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('cannot delete Pods that declare no controller (use --force to override): default/nginx');
    const r = await withTimePassing(h, h.kubectl(['drain', node, '--ignore-daemonsets', '--force'], undefined, path));
    expect(r.stderr).toBe('Warning: deleting Pods that declare no controller: default/nginx\n');
    expect(r.code).toBe(0);
    // The first attempt already cordoned the node, so this one finds it cordoned.
    expect(r.stdout).toBe(`node/${node} already cordoned\nevicting pod default/nginx\npod/nginx evicted\nnode/${node} drained\n`);
    expect(h.sim.store.get('Node', undefined, node)?.spec?.unschedulable).toBe(true);
    expect(h.sim.store.get('Pod', 'default', 'nginx')).toBeUndefined();
    const killing = [...h.sim.store.all('Event', 'default')].filter((e) => e.reason === 'Killing' && e.involvedObject?.name === 'nginx');
    expect(killing.length).toBeGreaterThan(0);
  }, 60_000);

  it('drain --dry-run=server evicts nothing', async () => {
    const h = await Harness.start({ scenario: 'nginx' });
    const node = h.sim.store.get('Pod', 'default', 'nginx')!.spec!.nodeName!;
    const r = await h.kubectl(['drain', node, '--ignore-daemonsets', '--force', '--dry-run=server']);
    expect(r.stderr).toBe('Warning: deleting Pods that declare no controller: default/nginx\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`node/${node} cordoned (server dry run)\nevicting pod default/nginx (server dry run)\nnode/${node} drained (server dry run)\n`);
    expect(h.sim.store.get('Pod', 'default', 'nginx')?.metadata?.deletionTimestamp).toBeUndefined();
    expect(h.sim.store.get('Node', undefined, node)?.spec?.unschedulable).toBeUndefined();
  });
});

describe.runIf(haveKubectl && BINARIES.length > 0).sequential('kubectl auth', () => {
  it.each(BINARIES)('kubectl $v auth can-i answers yes and auth whoami names the kubeconfig user', async ({ path }) => {
    const h = await Harness.start({ scenario: 'nginx' });
    expect(await h.kubectl(['auth', 'can-i', 'delete', 'pods'], undefined, path)).toEqual({ code: 0, stdout: 'yes\n', stderr: '' });
    expect((await h.kubectl(['auth', 'can-i', 'get', '/healthz'], undefined, path)).stdout).toBe('yes\n');
    const who = await h.kubectl(['auth', 'whoami'], undefined, path);
    expect(who.stderr).toBe('');
    expect(tableRows(who.stdout)).toEqual([
      ['ATTRIBUTE', 'VALUE'],
      ['Username', 'podscope-sim'],
      ['Groups', '[system:masters system:authenticated]'],
    ]);
  });
});
