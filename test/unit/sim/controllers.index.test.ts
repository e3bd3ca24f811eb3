import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/kube/types.js';
import { labelsEqual } from '../../../src/sim/controllers/labelsEqual.js';
import { OwnedIndex } from '../../../src/sim/controllers/ownedIndex.js';
import { type ChildEvent, SharedChildIndex } from '../../../src/sim/controllers/sharedChildIndex.js';
import { ManualClock } from '../../../src/sim/clock.js';
import { Random } from '../../../src/sim/random.js';
import { Store } from '../../../src/sim/store.js';

function pod(name: string, owner?: string, phase?: string): Pod {
  return {
    metadata: {
      name,
      namespace: 'ns',
      ownerReferences: owner ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: owner, controller: true }] : undefined,
    },
    status: phase ? { phase } : undefined,
  };
}

const names = (pods: Pod[]): string[] => pods.map((p) => `${p.metadata!.name}:${p.status?.phase ?? '-'}`);

describe('labelsEqual', () => {
  it('agrees with comparing canonical JSON', () => {
    expect(labelsEqual(undefined, {})).toBe(true);
    expect(labelsEqual({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true);
    expect(labelsEqual({ a: '1', b: undefined }, { a: '1' })).toBe(true);
    expect(labelsEqual({ a: '1' }, { a: '2' })).toBe(false);
    expect(labelsEqual({ a: '1' }, { a: '1', b: '' })).toBe(false);
    expect(labelsEqual({ a: '1', c: '3' }, { a: '1', b: '3' })).toBe(false);
    expect(labelsEqual({ a: '1' }, { a: 1 })).toBe(false);
    expect(labelsEqual({ a: null }, { a: Number.NaN })).toBe(true);
  });
});

describe('OwnedIndex', () => {
  it('lists an owner’s children in the order they were last written', () => {
    const index = new OwnedIndex<Pod>();
    index.upsert(pod('a', 'u1'));
    index.upsert(pod('b', 'u1'));
    index.upsert(pod('a', 'u1', 'Running'));
    expect(names(index.ownedBy('u1'))).toEqual(['b:-', 'a:Running']);
    expect(index.get('ns/a')?.status?.phase).toBe('Running');
    index.upsert(pod('c', 'u1'));
    index.upsert(pod('c', 'u1', 'Pending'));
    index.upsert(pod('a', 'u1', 'Failed'));
    index.upsert(pod('b', 'u1', 'Succeeded'));
    expect(names(index.ownedBy('u1'))).toEqual(['c:Pending', 'a:Failed', 'b:Succeeded']);
    index.remove(pod('a', 'u1'));
    index.upsert(pod('c', 'u1', 'Running'));
    expect(names(index.ownedBy('u1'))).toEqual(['b:Succeeded', 'c:Running']);
    expect([...index.all()].map((p) => p.metadata!.name)).toEqual(['b', 'c']);
  });

  it('moves an object between owners and orphans and forgets removed ones', () => {
    const index = new OwnedIndex<Pod>();
    index.upsert(pod('a', 'u1'));
    index.upsert(pod('b'));
    index.upsert(pod('a'));
    expect(index.ownedBy('u1')).toEqual([]);
    expect(names(index.orphans('ns'))).toEqual(['b:-', 'a:-']);
    index.upsert(pod('b', 'u2', 'Pending'));
    expect(names(index.orphans('ns'))).toEqual(['a:-']);
    expect(names(index.ownedBy('u2'))).toEqual(['b:Pending']);
    index.remove(pod('b', 'u2'));
    index.remove(pod('a'));
    expect(index.ownedBy('u2')).toEqual([]);
    expect(index.orphans('ns')).toEqual([]);
    expect(index.get('ns/a')).toBeUndefined();
    index.upsert(pod('a', 'u2'));
    expect(names(index.ownedBy('u2'))).toEqual(['a:-']);
  });
});

describe('SharedChildIndex', () => {
  const setup = () => {
    const clock = new ManualClock(0);
    const random = new Random(7);
    const store = new Store(clock, random);
    store.create('Namespace', { metadata: { name: 'ns' } });
    return { store, shared: SharedChildIndex.of(store, 'Pod') };
  };
  const line = (who: string) => (ev: ChildEvent<Pod>) =>
    `${who} ${ev.type} ${ev.child.metadata!.name} ref=${ev.controllerRef?.uid ?? '-'} orphanChanged=${ev.orphanChanged}`;

  it('is one index per store and kind', () => {
    const { store, shared } = setup();
    expect(SharedChildIndex.of(store, 'Pod')).toBe(shared);
    expect(SharedChildIndex.of(store, 'Job')).not.toBe(shared);
  });

  it('fans each event out in subscription order, replays existing objects to a late subscriber, and reports orphan changes', () => {
    const { store, shared } = setup();
    const heard: string[] = [];
    store.create('Pod', pod('a'));
    const first = shared.subscribe((ev) => heard.push(line('first')(ev)));
    store.create('Pod', pod('b', 'u1'));
    const second = shared.subscribe((ev) => heard.push(line('second')(ev)));
    const a = store.get('Pod', 'ns', 'a')!;
    store.update('Pod', { ...a, metadata: { ...a.metadata, labels: { app: 'x' } } });
    const a2 = store.get('Pod', 'ns', 'a')!;
    store.update('Pod', { ...a2, status: { phase: 'Running' } });
    first.stop();
    store.remove('Pod', 'ns', 'b');
    expect(heard).toEqual([
      'first ADDED a ref=- orphanChanged=true',
      'first ADDED b ref=u1 orphanChanged=false',
      'second ADDED a ref=- orphanChanged=true',
      'second ADDED b ref=u1 orphanChanged=false',
      'first MODIFIED a ref=- orphanChanged=true',
      'second MODIFIED a ref=- orphanChanged=true',
      'first MODIFIED a ref=- orphanChanged=false',
      'second MODIFIED a ref=- orphanChanged=false',
      'second DELETED b ref=u1 orphanChanged=false',
    ]);
    expect(shared.index.ownedBy('u1')).toEqual([]);
    expect(names(shared.index.orphans('ns'))).toEqual(['a:Running']);
    second.stop();
  });

  it('starts afresh from the store once the last subscriber has left', () => {
    const { store, shared } = setup();
    shared.subscribe(() => {}).stop();
    store.create('Pod', pod('a'));
    const again = SharedChildIndex.of(store, 'Pod');
    expect(again).not.toBe(shared);
    const heard: string[] = [];
    const sub = again.subscribe((ev) => heard.push(line('again')(ev)));
    expect(heard).toEqual(['again ADDED a ref=- orphanChanged=true']);
    sub.stop();
  });

  it('still tells the other subscribers when one of them throws', () => {
    const { store, shared } = setup();
    const errors: string[] = [];
    store.onListenerError = (err) => errors.push(String(err));
    const heard: string[] = [];
    const bad = shared.subscribe(() => {
      throw new Error('boom');
    });
    const good = shared.subscribe((ev) => heard.push(line('good')(ev)));
    store.create('Pod', pod('a'));
    expect(errors).toEqual(['Error: boom']);
    expect(heard).toEqual(['good ADDED a ref=- orphanChanged=true']);
    bad.stop();
    good.stop();
  });
});
