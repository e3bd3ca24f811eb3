import { afterEach, describe, expect, it } from 'vitest';
import { DeploymentController } from '../../../src/sim/controllers/deployment.js';
import { GarbageCollector } from '../../../src/sim/controllers/garbageCollector.js';
import { ReplicaSetController } from '../../../src/sim/controllers/replicaSet.js';
import { createHarness, template, type Harness } from './helpers/controllerHarness.js';

let h: Harness;
afterEach(() => h.stop());

describe('GarbageCollector', () => {
  it('removes the ReplicaSet and its pods when a Deployment is deleted (pods gracefully)', () => {
    h = createHarness();
    h.start(new DeploymentController(h.ctx), new ReplicaSetController(h.ctx), new GarbageCollector(h.ctx));
    h.api.create('Deployment', {
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) },
    });
    h.clock.flush();
    const [bound, unbound] = h.pods();
    h.store.update('Pod', /* bound as the binding subresource does: pod updates may not set nodeName */ { ...bound!, spec: { ...bound!.spec!, nodeName: 'node-1' } });
    h.runPod(bound!.metadata!.name!);
    expect([...h.store.all('ReplicaSet', 'default')]).toHaveLength(1);

    h.api.delete('Deployment', 'default', 'web');
    h.clock.flush();
    expect([...h.store.all('ReplicaSet', 'default')]).toHaveLength(0);
    // The unbound pod goes at once; the bound one is Terminating with its 30 s grace.
    expect(h.store.get('Pod', 'default', unbound!.metadata!.name!)).toBeUndefined();
    const terminating = h.api.get('Pod', 'default', bound!.metadata!.name!);
    expect(terminating.metadata!.deletionTimestamp).toBe('2026-01-01T00:00:30Z');
    expect(terminating.metadata!.deletionGracePeriodSeconds).toBe(30);
  });

  it('only drops the dangling reference when another owner is still alive', () => {
    h = createHarness();
    h.start(new GarbageCollector(h.ctx));
    const a = h.api.create('ReplicaSet', { metadata: { name: 'a', namespace: 'default' }, spec: { replicas: 0, selector: { matchLabels: { x: 'a' } }, template: template({ x: 'a' }) } });
    const b = h.api.create('ReplicaSet', { metadata: { name: 'b', namespace: 'default' }, spec: { replicas: 0, selector: { matchLabels: { x: 'b' } }, template: template({ x: 'b' }) } });
    const ref = (o: typeof a) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: o.metadata!.name!, uid: o.metadata!.uid! });
    h.api.create('Pod', {
      metadata: { name: 'shared', namespace: 'default', ownerReferences: [ref(a), ref(b)] },
      spec: { containers: [{ name: 'app', image: 'nginx' }] },
    });
    h.api.delete('ReplicaSet', 'default', 'a');
    h.clock.flush();
    expect(h.api.get('Pod', 'default', 'shared').metadata!.ownerReferences).toEqual([ref(b)]);
    h.api.delete('ReplicaSet', 'default', 'b');
    h.clock.flush();
    expect(h.store.get('Pod', 'default', 'shared')).toBeUndefined();
  });

  it('deletes a dependent whose owner never existed, and leaves orphaned dependents alone', () => {
    h = createHarness();
    h.start(new GarbageCollector(h.ctx));
    h.api.create('Pod', {
      metadata: { name: 'ghost', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'gone', uid: 'no-such-uid' }] },
      spec: { containers: [{ name: 'app', image: 'nginx' }] },
    });
    const rs = h.api.create('ReplicaSet', { metadata: { name: 'keep', namespace: 'default' }, spec: { replicas: 0, selector: { matchLabels: { x: 'k' } }, template: template({ x: 'k' }) } });
    h.api.create('Pod', {
      metadata: { name: 'kept', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'keep', uid: rs.metadata!.uid! }] },
      spec: { containers: [{ name: 'app', image: 'nginx' }] },
    });
    h.clock.flush();
    expect(h.store.get('Pod', 'default', 'ghost')).toBeUndefined();
    h.api.delete('ReplicaSet', 'default', 'keep', { propagationPolicy: 'Orphan' });
    h.clock.flush();
    expect(h.api.get('Pod', 'default', 'kept').metadata!.ownerReferences).toBeUndefined();
  });
});
