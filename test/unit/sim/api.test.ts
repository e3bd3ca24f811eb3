import { describe, expect, it } from 'vitest';
import type { Kind, KindMap, Pod } from '../../../src/kube/types.js';
import { SimApi, type Admission } from '../../../src/sim/api.js';
import { ManualClock } from '../../../src/sim/clock.js';
import { Random } from '../../../src/sim/random.js';
import { Store } from '../../../src/sim/store.js';

const passThrough: Admission = { admit: <K extends Kind>(_k: K, obj: KindMap[K]) => obj };

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const random = new Random(7);
  const store = new Store(clock, random, { freezeObjects: true });
  const api = new SimApi(store, clock, random, passThrough);
  api.create('Namespace', { metadata: { name: 'default' } });
  return { clock, store, api };
}

function runningPod(api: SimApi, name: string, extra: Partial<Pod['spec']> = {}, finalizers?: string[]): Pod {
  const created = api.create('Pod', {
    metadata: { name, namespace: 'default', finalizers },
    spec: { containers: [{ name: 'c', image: 'nginx' }], terminationGracePeriodSeconds: 30, ...extra },
  });
  return api.setStatus('Pod', 'default', name, { phase: 'Running' }) ?? created;
}

describe('SimApi create', () => {
  it('resolves generateName, requires a name, and a namespace that exists', () => {
    const { api } = setup();
    const p = api.create('Pod', { metadata: { generateName: 'web-', namespace: 'default' }, spec: { containers: [] } });
    expect(p.metadata?.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.metadata?.generation).toBe(1);
    expect(() => api.create('Pod', { metadata: { namespace: 'default' } })).toThrow(
      'Pod "" is invalid: metadata.name: Required value: name or generateName is required',
    );
    expect(() => api.create('Pod', { metadata: { name: 'x', namespace: 'nope' } })).toThrow('namespaces "nope" not found');
  });
});

describe('SimApi pod deletion (graceful, §5)', () => {
  it('sets deletionTimestamp = now + grace from the request, else from the spec, and bumps generation', () => {
    const { api, clock } = setup();
    runningPod(api, 'a', { nodeName: 'n1' });
    clock.advance(500);
    const r = api.delete('Pod', 'default', 'a', { gracePeriodSeconds: 5 });
    expect(r.deleted).toBe(false);
    expect(r.object.metadata).toMatchObject({ deletionTimestamp: '2026-01-01T00:00:05Z', deletionGracePeriodSeconds: 5, generation: 2 });
    runningPod(api, 'b', { nodeName: 'n1' });
    expect(api.delete('Pod', 'default', 'b').object.metadata?.deletionGracePeriodSeconds).toBe(30);
  });

  it('only a shorter grace changes a pending deletion; a longer or default one is a no-op', () => {
    const { api, clock } = setup();
    runningPod(api, 'a', { nodeName: 'n1' });
    const first = api.delete('Pod', 'default', 'a', { gracePeriodSeconds: 10 }).object;
    clock.advance(2_000);
    expect(api.delete('Pod', 'default', 'a', { gracePeriodSeconds: 20 }).object).toBe(first);
    expect(api.delete('Pod', 'default', 'a').object).toBe(first);
    const shorter = api.delete('Pod', 'default', 'a', { gracePeriodSeconds: 3 }).object;
    expect(shorter.metadata).toMatchObject({ deletionTimestamp: '2026-01-01T00:00:03Z', deletionGracePeriodSeconds: 3 });
  });

  it('deletes at once with grace 0, for unscheduled pods and for terminal pods', () => {
    const { api, store } = setup();
    runningPod(api, 'forced', { nodeName: 'n1' });
    expect(api.delete('Pod', 'default', 'forced', { gracePeriodSeconds: 0 }).deleted).toBe(true);
    runningPod(api, 'pending');
    expect(api.delete('Pod', 'default', 'pending', { gracePeriodSeconds: 30 }).deleted).toBe(true);
    runningPod(api, 'done', { nodeName: 'n1' });
    api.setStatus('Pod', 'default', 'done', { phase: 'Succeeded' });
    expect(api.delete('Pod', 'default', 'done').deleted).toBe(true);
    expect(store.count('Pod')).toBe(0);
  });

  it("the kubelet's final grace-0 delete removes a terminating pod", () => {
    const { api, store } = setup();
    runningPod(api, 'a', { nodeName: 'n1' });
    api.delete('Pod', 'default', 'a', { gracePeriodSeconds: 5 });
    const r = api.delete('Pod', 'default', 'a', { gracePeriodSeconds: 0 });
    expect(r.deleted).toBe(true);
    expect(store.get('Pod', 'default', 'a')).toBeUndefined();
  });

  it('finalizers hold the object until the last one is removed', () => {
    const { api, store } = setup();
    runningPod(api, 'a', {}, ['example.com/hold']);
    const held = api.delete('Pod', 'default', 'a');
    expect(held.deleted).toBe(false);
    expect(held.object.metadata?.deletionGracePeriodSeconds).toBe(0);
    expect(() =>
      api.update('Pod', { ...held.object, metadata: { ...held.object.metadata, finalizers: ['example.com/hold', 'new'] } }),
    ).toThrow(/no new finalizers/);
    api.update('Pod', { ...held.object, metadata: { ...held.object.metadata, resourceVersion: undefined, finalizers: [] } });
    expect(store.get('Pod', 'default', 'a')).toBeUndefined();
  });

  it('checks uid preconditions', () => {
    const { api } = setup();
    runningPod(api, 'a', { nodeName: 'n1' });
    expect(() => api.delete('Pod', 'default', 'a', { preconditions: { uid: 'other' } })).toThrow(/Precondition failed: UID in precondition: other/);
  });

  it('orphans dependents when asked', () => {
    const { api, store } = setup();
    const owner = api.create('ReplicaSet', { metadata: { name: 'rs', namespace: 'default' }, spec: { selector: {}, replicas: 1 } });
    api.create('Pod', {
      metadata: { name: 'child', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: owner.metadata!.uid!, controller: true }] },
      spec: { containers: [] },
    });
    api.delete('ReplicaSet', 'default', 'rs', { propagationPolicy: 'Orphan' });
    expect(store.get('Pod', 'default', 'child')?.metadata?.ownerReferences).toBeUndefined();
    expect(store.get('ReplicaSet', 'default', 'rs')).toBeUndefined();
  });

  it('bumps generation only when the spec changes', () => {
    const { api } = setup();
    const rs = api.create('ReplicaSet', { metadata: { name: 'rs', namespace: 'default' }, spec: { selector: {}, replicas: 1 } });
    const relabelled = api.update('ReplicaSet', { ...rs, metadata: { ...rs.metadata, resourceVersion: undefined, labels: { a: 'b' } } });
    expect(relabelled.metadata?.generation).toBe(1);
    const scaled = api.update('ReplicaSet', { ...relabelled, metadata: { ...relabelled.metadata, resourceVersion: undefined }, spec: { ...relabelled.spec!, replicas: 3 } });
    expect(scaled.metadata?.generation).toBe(2);
  });
});

describe('SimApi shortening a grace that has already run out', () => {
  it('moves the deadline to now and keeps the deletion graceful with 1 s', () => {
    const { api, clock } = setup();
    runningPod(api, 'a', { nodeName: 'n1' });
    api.delete('Pod', 'default', 'a', { gracePeriodSeconds: 30 });
    clock.advance(20_000);
    const r = api.delete('Pod', 'default', 'a', { gracePeriodSeconds: 10 });
    expect(r.deleted).toBe(false);
    expect(r.object.metadata).toMatchObject({ deletionTimestamp: '2026-01-01T00:00:20Z', deletionGracePeriodSeconds: 1 });
  });
});
