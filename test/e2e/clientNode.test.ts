// @kubernetes/client-node's informer (list, then watch from the list's resourceVersion)
// against `sim serve` through the written kubeconfig: it must stay in sync across a forced
// 410 and across dropped connections, which it survives only when restarted (it stops for
// good on any error other than 410), so the test restarts it with a capped back-off.
import { CoreV1Api, KubeConfig, makeInformer, type V1Pod } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../src/kube/types.js';
import { Harness, waitFor } from './helpers/serverHarness.js';

let h: Harness | undefined;
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
  await h?.close();
  h = undefined;
});

interface Tracked {
  cache: () => string[];
  lists: number;
  errors: number;
  restarts: number;
}

function startInformer(x: Harness): Tracked {
  const kc = new KubeConfig();
  kc.loadFromFile(x.kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const tracked: Tracked = { cache: () => [], lists: 0, errors: 0, restarts: 0 };
  const informer = makeInformer<V1Pod>(kc, '/api/v1/namespaces/default/pods', () => {
    tracked.lists++;
    return core.listNamespacedPod({ namespace: 'default' });
  });
  let stopped = false;
  let delay = 10;
  informer.on('error', () => {
    tracked.errors++;
    if (stopped) return;
    // Capped exponential back-off, as a real consumer must do.
    const t = setTimeout(() => {
      tracked.restarts++;
      void informer.start();
    }, delay);
    t.unref();
    delay = Math.min(delay * 2, 200);
  });
  informer.on('connect', () => (delay = 10));
  tracked.cache = () => informer.list().map((p) => `${p.metadata!.name} rv=${p.metadata!.resourceVersion}`).sort();
  void informer.start();
  stops.push(async () => {
    stopped = true;
    await informer.stop();
  });
  return tracked;
}

function serverView(x: Harness): string[] {
  return x.sim.store.list('Pod', { namespace: 'default' }).items.map((p) => `${p.metadata!.name} rv=${p.metadata!.resourceVersion}`).sort();
}

const newPod = (name: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });

describe('client-node informer against sim serve', () => {
  it('relists after a forced 410 and stays in sync', async () => {
    h = await Harness.start({ scenario: 'deployment', historySize: 5 });
    const inf = startInformer(h);
    await waitFor('the first sync', () => inf.cache().join() === serverView(h!).join() && h!.server.openWatches === 1);
    expect(inf.lists).toBe(1);
    // The watch ends cleanly (as at timeoutSeconds) and more changes than the history holds
    // land before the informer re-watches from its old version: the server answers 410.
    h.server.endAllWatches();
    for (let i = 0; i < 8; i++) h.sim.api.create('Pod', newPod(`burst-${i}`));
    h.clock.advance(30_000);
    await waitFor('the relist', () => inf.lists === 2);
    await waitFor('sync after 410', () => inf.cache().join() === serverView(h!).join() && h!.server.openWatches === 1);
    expect(inf.cache()).toHaveLength(11);
    expect(inf.errors).toBe(0);
    // And it keeps following live changes.
    h.sim.api.delete('Pod', 'default', 'burst-0', { gracePeriodSeconds: 0 });
    await waitFor('the delete', () => inf.cache().join() === serverView(h!).join());
  });

  it('survives dropped connections when restarted with back-off', async () => {
    h = await Harness.start({ scenario: 'deployment' });
    const inf = startInformer(h);
    await waitFor('the first sync', () => inf.cache().join() === serverView(h!).join() && h!.server.openWatches === 1);
    for (let round = 0; round < 3; round++) {
      h.server.dropAllWatches();
      const victim = h.sim.store.list('Pod', { namespace: 'default' }).items[0]!.metadata!.name!;
      h.sim.api.delete('Pod', 'default', victim, { gracePeriodSeconds: 0 });
      h.sim.api.create('Pod', newPod(`extra-${round}`));
      h.clock.advance(20_000);
      await waitFor(`sync after drop ${round}`, () => inf.cache().join() === serverView(h!).join() && h!.server.openWatches === 1);
    }
    expect(inf.errors).toBeGreaterThanOrEqual(3);
    expect(inf.restarts).toBe(inf.errors);
    // Re-watches resumed from the last version: no relist was needed.
    expect(inf.lists).toBe(1);
  });
});
