import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/kube/apiError.js';
import type { Pod, WatchEvent } from '../../../src/kube/types.js';
import { ManualClock } from '../../../src/sim/clock.js';
import { Random } from '../../../src/sim/random.js';
import { Store } from '../../../src/sim/store.js';

function pod(name: string, namespace = 'default', labels: Record<string, string> = {}): Pod {
  return { metadata: { name, namespace, labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
}

function setup(historySize = 100) {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const store = new Store(clock, new Random(1), { historySize, freezeObjects: true });
  return { clock, store };
}

describe('Store', () => {
  it('assigns uid, resourceVersion and creationTimestamp, and keeps uid on update', () => {
    const { store } = setup();
    const a = store.create('Pod', pod('a'));
    expect(a.metadata).toMatchObject({ name: 'a', namespace: 'default', resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z' });
    expect(a.apiVersion).toBe('v1');
    expect(a.kind).toBe('Pod');
    const b = store.update('Pod', { ...a, metadata: { ...a.metadata, uid: 'forged', labels: { x: 'y' } } });
    expect(b.metadata?.uid).toBe(a.metadata?.uid);
    expect(b.metadata?.resourceVersion).toBe('2');
    expect(Object.isFrozen(b.metadata)).toBe(true);
  });

  it('rejects duplicates, stale writes and unknown objects with the apiserver Status', () => {
    const { store } = setup();
    const a = store.create('Pod', pod('a'));
    expect(() => store.create('Pod', pod('a'))).toThrow('pods "a" already exists');
    store.update('Pod', { ...a, metadata: { ...a.metadata, resourceVersion: undefined } });
    try {
      store.update('Pod', a);
      expect.unreachable();
    } catch (e) {
      expect((e as ApiError).toStatus()).toMatchObject({
        code: 409,
        reason: 'Conflict',
        message: 'Operation cannot be fulfilled on pods "a": the object has been modified; please apply your changes to the latest version and try again',
      });
    }
    expect(() => store.remove('Pod', 'default', 'nope')).toThrow('pods "nope" not found');
  });

  it('lists in key order with limit/continue and remainingItemCount, per namespace', () => {
    const { store } = setup();
    for (const [ns, n] of [['b', 'p2'], ['a', 'p9'], ['b', 'p1'], ['c', 'p0'], ['a', 'p3']] as const) store.create('Pod', pod(n, ns));
    const names = (items: Pod[]) => items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
    const page1 = store.list('Pod', { limit: 2 });
    expect(names(page1.items)).toEqual(['a/p3', 'a/p9']);
    expect(page1.remainingItemCount).toBe(3);
    const page2 = store.list('Pod', { limit: 2, continue: page1.continue });
    expect(names(page2.items)).toEqual(['b/p1', 'b/p2']);
    expect(page2.resourceVersion).toBe(page1.resourceVersion);
    const page3 = store.list('Pod', { limit: 2, continue: page2.continue });
    expect(names(page3.items)).toEqual(['c/p0']);
    expect(page3.continue).toBeUndefined();
    expect(names(store.list('Pod', { namespace: 'b' }).items)).toEqual(['b/p1', 'b/p2']);
    const filtered = store.list('Pod', { limit: 1, filter: (p) => p.metadata?.name !== 'p3' });
    expect(names(filtered.items)).toEqual(['a/p9']);
    expect(filtered.remainingItemCount).toBeUndefined();
    expect(() => store.list('Pod', { continue: 'garbage' })).toThrow(/continue key is not valid/);
  });

  it('keeps a continue token valid until etcd compaction (every 5 min, to the revision of the previous tick) passes it, however many writes follow', () => {
    const { clock, store } = setup(10);
    for (let i = 0; i < 4; i++) store.create('Pod', pod(`p${i}`));
    const page1 = store.list('Pod', { limit: 2 });
    // Far more writes than the watch history holds: the token stays good.
    for (let i = 0; i < 50; i++) store.create('Pod', pod(`q${i}`, 'other'));
    expect(store.list('Pod', { limit: 2, continue: page1.continue }).items).toHaveLength(2);
    // The first tick (5 min) compacts to the revision seen at the start: still good.
    clock.advance(5 * 60_000);
    store.create('Pod', pod('after-first-tick', 'other'));
    expect(store.list('Pod', { limit: 2, continue: page1.continue }).items).toHaveLength(2);
    // The second tick compacts to the revision seen at the first, which is past the token's.
    clock.advance(5 * 60_000);
    expect(() => store.list('Pod', { limit: 2, continue: page1.continue })).toThrow(/continue parameter is too old/);
  });

  it('a watch from the latest version sees every later change exactly once, in order', () => {
    const { store } = setup();
    store.create('Pod', pod('before'));
    const rv = store.resourceVersion;
    const seen: string[] = [];
    const rvs: number[] = [];
    store.watch('Pod', { resourceVersion: rv }, (ev) => {
      seen.push(`${ev.type} ${ev.object.metadata?.name}`);
      rvs.push(Number(ev.object.metadata?.resourceVersion));
      // A listener that writes back must not reorder or duplicate what others see.
      if (ev.type === 'ADDED' && ev.object.metadata?.name === 'x') {
        store.update('Pod', { ...ev.object, metadata: { ...ev.object.metadata, resourceVersion: undefined, labels: { touched: 'yes' } } });
      }
    });
    const other: string[] = [];
    store.watch('Pod', { resourceVersion: rv }, (ev) => other.push(`${ev.type} ${ev.object.metadata?.name}`));
    store.create('Pod', pod('x'));
    store.create('Pod', pod('y'));
    store.remove('Pod', 'default', 'x');
    const expected = ['ADDED x', 'MODIFIED x', 'ADDED y', 'DELETED x'];
    expect(seen).toEqual(expected);
    expect(other).toEqual(expected);
    expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
    expect(new Set(rvs).size).toBe(rvs.length);
  });

  it('replays history from an older version, and answers 410 Expired when it was compacted', () => {
    const { store } = setup(3);
    store.create('Pod', pod('seed'));
    const start = store.resourceVersion;
    for (let i = 0; i < 3; i++) store.create('Pod', pod(`p${i}`));
    const replay: string[] = [];
    store.watch('Pod', { resourceVersion: start }, (ev) => replay.push(ev.object.metadata!.name!)).stop();
    expect(replay).toEqual(['p0', 'p1', 'p2']);
    store.create('Pod', pod('p3'));
    try {
      store.watch('Pod', { resourceVersion: start }, () => {});
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).toStatus()).toMatchObject({ code: 410, reason: 'Expired', message: 'too old resource version: 1 (3)' });
    }
  });

  it('starts with synthetic ADDED events for the current state when no version is given', () => {
    const { store } = setup();
    store.create('Pod', pod('a', 'one'));
    store.create('Pod', pod('b', 'two'));
    const seen: WatchEvent<Pod>[] = [];
    store.watch('Pod', { namespace: 'two' }, (ev) => seen.push(ev));
    store.create('Pod', pod('c', 'two'));
    store.create('Pod', pod('d', 'one'));
    expect(seen.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual(['ADDED b', 'ADDED c']);
  });

  it('turns selector transitions into ADDED and DELETED, as the watch cache does', () => {
    const { store } = setup();
    const a = store.create('Pod', pod('a', 'default', { app: 'web' }));
    const seen: string[] = [];
    store.watch('Pod', { resourceVersion: store.resourceVersion, filter: (p) => p.metadata?.labels?.app === 'web' }, (ev) =>
      seen.push(`${ev.type} ${ev.object.metadata?.labels?.app} rv=${ev.object.metadata?.resourceVersion}`),
    );
    const moved = store.update('Pod', { ...a, metadata: { ...a.metadata, resourceVersion: undefined, labels: { app: 'db' } } });
    store.update('Pod', { ...moved, metadata: { ...moved.metadata, resourceVersion: undefined, labels: { app: 'web' } } });
    // Leaving the selector reports the previous content at the new version.
    expect(seen).toEqual(['DELETED web rv=2', 'ADDED web rv=3']);
  });

  it('stops delivering after stop()', () => {
    const { store } = setup();
    const seen: string[] = [];
    const w = store.watch('Pod', { resourceVersion: store.resourceVersion }, (ev) => seen.push(ev.object.metadata!.name!));
    store.create('Pod', pod('a'));
    w.stop();
    store.create('Pod', pod('b'));
    expect(seen).toEqual(['a']);
  });
});
