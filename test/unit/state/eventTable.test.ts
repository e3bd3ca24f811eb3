// The event tail's time order under repeats and deletes: a bumped event moves to its new
// place without re-sorting the whole tail, and the order always equals a full sort.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Event } from '../../../src/kube/types.js';
import { EventTable } from '../../../src/state/eventTable.js';

afterEach(() => vi.restoreAllMocks());

function event(name: string, second: number, rv: number, count = 1): Event {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString().replace('.000', '');
  return {
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: String(rv) },
    involvedObject: { kind: 'Pod', name: `pod-${name}`, namespace: 'default' },
    reason: 'BackOff',
    message: `m-${name}`,
    type: 'Warning',
    firstTimestamp: at,
    lastTimestamp: at,
    count,
  };
}

const names = (t: EventTable): string[] => t.rows().map((e) => e.metadata!.name!);

describe('EventTable order', () => {
  it('moves a repeated event to the end and drops a deleted one, without sorting the tail again', () => {
    const t = new EventTable();
    const initial = Array.from({ length: 1000 }, (_, i) => event(`e${i}`, i, i + 1));
    t.apply([{ type: 'RESET', objects: initial }]);
    expect(t.visibleCount).toBe(1000);
    expect(names(t).slice(0, 3)).toEqual(['e0', 'e1', 'e2']);
    const sort = vi.spyOn(Array.prototype, 'sort');
    t.apply([
      { type: 'MODIFIED', object: event('e1', 2000, 2001, 2) },
      { type: 'DELETED', object: event('e2', 2, 2002) },
      { type: 'ADDED', object: event('late', 500, 2003) },
    ]);
    expect(names(t).slice(0, 3)).toEqual(['e0', 'e3', 'e4']);
    expect(names(t).slice(-1)).toEqual(['e1']);
    expect(names(t).indexOf('late')).toBe(names(t).indexOf('e500') + 1);
    expect(t.visibleCount).toBe(1000);
    expect(sort).not.toHaveBeenCalled();
  });

  it('keeps the full-sort order through a mix of repeats at equal times', () => {
    const t = new EventTable();
    t.apply([{ type: 'RESET', objects: [event('a', 5, 1), event('b', 5, 2), event('c', 5, 3)] }]);
    t.apply([{ type: 'MODIFIED', object: event('a', 5, 4, 2) }]);
    expect(names(t)).toEqual(['b', 'c', 'a']);
    t.apply([{ type: 'MODIFIED', object: event('c', 4, 5, 2) }]);
    expect(names(t)).toEqual(['c', 'b', 'a']);
    t.apply([{ type: 'DELETED', object: event('b', 5, 6) }]);
    expect(names(t)).toEqual(['c', 'a']);
    expect(t.forPod('default', 'pod-a').map((e) => e.count)).toEqual([2]);
  });
});

describe('EventTable filter', () => {
  const byFullFilter = (t: EventTable, re: RegExp): string[] => {
    const all = new EventTable();
    all.apply([{ type: 'RESET', objects: [...t.rows()] }]);
    return all.rows().map((e) => e.metadata!.name!).filter((n) => re.test(n));
  };

  it('looks only at the new and changed events of a batch, not the whole tail', () => {
    const t = new EventTable();
    const initial = Array.from({ length: 1000 }, (_, i) => event(`e${i}`, i, i + 1));
    t.apply([{ type: 'RESET', objects: initial }]);
    t.setFilter('m-e1\\d$');
    expect(names(t)).toEqual(['e10', 'e11', 'e12', 'e13', 'e14', 'e15', 'e16', 'e17', 'e18', 'e19']);
    const test = vi.spyOn(RegExp.prototype, 'test');
    t.apply([
      { type: 'MODIFIED', object: event('e12', 2000, 2001, 2) },
      { type: 'ADDED', object: event('e1a', 15, 2002) },
      { type: 'DELETED', object: event('e14', 14, 2003) },
      { type: 'ADDED', object: event('x', 16, 2004) },
    ]);
    expect(names(t)).toEqual(['e10', 'e11', 'e13', 'e15', 'e16', 'e17', 'e18', 'e19', 'e12']);
    // The three new or changed events (their text, then their namespace), nothing else.
    const tested = new Set(test.mock.calls.map((c) => c[0]));
    expect([...tested].sort()).toEqual(['default', 'warning backoff pod/pod-e12 m-e12', 'warning backoff pod/pod-e1a m-e1a', 'warning backoff pod/pod-x m-x']);
    expect(t.visibleCount).toBe(9);
  });

  it('keeps the rows a full re-filter gives through repeats, deletes, misses and an inverted filter', () => {
    const t = new EventTable();
    t.apply([{ type: 'RESET', objects: [event('a1', 5, 1), event('b1', 5, 2), event('a2', 6, 3), event('b2', 7, 4)] }]);
    t.setFilter('!m-b');
    expect(names(t)).toEqual(['a1', 'a2']);
    t.apply([{ type: 'MODIFIED', object: event('a1', 8, 5, 2) }]);
    t.apply([{ type: 'MODIFIED', object: event('b1', 9, 6, 2) }]);
    t.apply([{ type: 'ADDED', object: event('a3', 5, 7) }, { type: 'DELETED', object: event('a2', 6, 8) }]);
    expect(names(t)).toEqual(['a3', 'a1']);
    expect(names(t)).toEqual(byFullFilter(t, /^a/));
    t.setFilter('');
    expect(names(t)).toEqual(['a3', 'b2', 'a1', 'b1']);
    t.apply([{ type: 'RESET', objects: [event('b3', 1, 9), event('a4', 2, 10)] }]);
    t.setFilter('!m-b');
    expect(names(t)).toEqual(['a4']);
  });
});
