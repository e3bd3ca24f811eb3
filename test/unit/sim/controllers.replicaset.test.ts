import { afterEach, describe, expect, it } from 'vitest';
import type { ReplicaSet } from '../../../src/kube/types.js';
import { ReplicaSetController } from '../../../src/sim/controllers/replicaSet.js';
import { createHarness, template, type Harness } from './helpers/controllerHarness.js';

let h: Harness;
afterEach(() => h.stop());

function makeRs(replicas: number, extra: Partial<NonNullable<ReplicaSet['spec']>> = {}): ReplicaSet {
  return h.api.create('ReplicaSet', {
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }), ...extra },
  });
}

function scale(replicas: number): void {
  const rs = h.api.get('ReplicaSet', 'default', 'web');
  h.api.update('ReplicaSet', { ...rs, spec: { ...rs.spec!, replicas } });
  h.clock.flush();
}

describe('ReplicaSetController', () => {
  it('creates N pods from the template, owned by the ReplicaSet, with events', () => {
    h = createHarness();
    h.start(new ReplicaSetController(h.ctx));
    const rs = makeRs(3);
    h.clock.flush();
    const pods = h.pods();
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata!.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata!.labels).toEqual({ app: 'web' });
      expect(p.metadata!.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata!.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    const created = h.recorder.events.map((e) => `${e.component} ${e.type} ${e.reason} ${e.message}`);
    expect(created.sort()).toEqual(pods.map((p) => `replicaset-controller Normal SuccessfulCreate Created pod: ${p.metadata!.name}`).sort());
    const status = h.api.get('ReplicaSet', 'default', 'web').status;
    // Zero counts are omitted, as Go's omitempty leaves them off the wire.
    expect(status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  });

  it("creates at most 500 pods a sync (BurstReplicas); the new pods' events queue the next sync for the rest", () => {
    h = createHarness();
    h.start(new ReplicaSetController(h.ctx));
    makeRs(1200);
    const replicasWritten: number[] = [];
    const watch = h.store.watch('ReplicaSet', { resourceVersion: h.store.resourceVersion }, (ev) => replicasWritten.push(ev.object.status?.replicas ?? 0));
    h.clock.flush();
    watch.stop();
    expect(h.pods()).toHaveLength(1200);
    expect(replicasWritten).toEqual([500, 1000, 1200]);
  });

  it('replaces a deleted pod at once, before the old one is gone', () => {
    h = createHarness();
    h.start(new ReplicaSetController(h.ctx));
    makeRs(2);
    h.clock.flush();
    const [first] = h.pods();
    // Bound pods delete gracefully: the old pod stays Terminating, the replacement appears now.
    h.store.update('Pod', /* bound as the binding subresource does: pod updates may not set nodeName */ { ...first!, spec: { ...first!.spec!, nodeName: 'node-1' } });
    h.runPod(first!.metadata!.name!);
    h.api.delete('Pod', 'default', first!.metadata!.name!, { gracePeriodSeconds: 30 });
    h.clock.flush();
    const pods = h.pods();
    expect(pods).toHaveLength(3);
    expect(pods.filter((p) => p.metadata!.deletionTimestamp).map((p) => p.metadata!.name)).toEqual([first!.metadata!.name]);
    expect(h.api.get('ReplicaSet', 'default', 'web').status!.replicas).toBe(2);
    expect(h.recorder.events.filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(3);
  });

  it('scales up and down, deleting unscheduled, then pending, then not-ready pods before ready ones', () => {
    h = createHarness();
    h.start(new ReplicaSetController(h.ctx));
    makeRs(4);
    h.clock.flush();
    const [a, b, c, d] = h.pods().map((p) => p.metadata!.name!);
    const bind = (name: string): void => {
      const p = h.api.get('Pod', 'default', name);
      h.store.update('Pod', /* bound as the binding subresource does: pod updates may not set nodeName */ { ...p, spec: { ...p.spec!, nodeName: 'node-1' } });
    };
    for (const n of [b!, c!, d!]) bind(n);
    h.runPod(c!, false);
    h.runPod(d!, true);
    // a: unscheduled; b: scheduled Pending; c: running not ready; d: ready.
    scale(3);
    expect(h.eventLines().at(-1)).toBe(`SuccessfulDelete: Deleted pod: ${a}`);
    scale(2);
    expect(h.eventLines().at(-1)).toBe(`SuccessfulDelete: Deleted pod: ${b}`);
    scale(1);
    expect(h.eventLines().at(-1)).toBe(`SuccessfulDelete: Deleted pod: ${c}`);
    // b and c were bound, so they stay Terminating for their grace period; a went at once.
    expect(h.pods().filter((p) => !p.metadata!.deletionTimestamp).map((p) => p.metadata!.name)).toEqual([d]);
    expect(h.pods().map((p) => p.metadata!.name)).not.toContain(a);
    scale(3);
    expect(h.pods().filter((p) => !p.metadata!.deletionTimestamp)).toHaveLength(3);
    expect(h.api.get('ReplicaSet', 'default', 'web').status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 1,
      availableReplicas: 1,
      observedGeneration: 5,
    });
  });

  it('counts availableReplicas only after minReadySeconds, re-syncing on its own', () => {
    h = createHarness();
    h.start(new ReplicaSetController(h.ctx));
    makeRs(1, { minReadySeconds: 10 });
    h.clock.flush();
    h.runPod(h.pods()[0]!);
    h.clock.flush();
    expect(h.api.get('ReplicaSet', 'default', 'web').status!.availableReplicas).toBeUndefined();
    h.clock.advance(9_999);
    expect(h.api.get('ReplicaSet', 'default', 'web').status!.availableReplicas).toBeUndefined();
    h.clock.advance(1);
    expect(h.api.get('ReplicaSet', 'default', 'web').status!.availableReplicas).toBe(1);
  });

  it('adopts a matching orphan and releases a pod whose labels stop matching', () => {
    h = createHarness();
    h.api.create('Pod', { metadata: { name: 'stray', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
    h.start(new ReplicaSetController(h.ctx));
    const rs = makeRs(1);
    h.clock.flush();
    expect(h.pods().map((p) => p.metadata!.name)).toEqual(['stray']);
    expect(h.api.get('Pod', 'default', 'stray').metadata!.ownerReferences![0]!.uid).toBe(rs.metadata!.uid);
    const stray = h.api.get('Pod', 'default', 'stray');
    h.api.update('Pod', { ...stray, metadata: { ...stray.metadata, labels: { app: 'other' } } });
    h.clock.flush();
    expect(h.api.get('Pod', 'default', 'stray').metadata!.ownerReferences).toBeUndefined();
    expect(h.pods()).toHaveLength(2);
  });
});
