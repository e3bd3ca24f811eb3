// The bounded background Events store: what it keeps (Warnings, the reasons a diagnosis rule
// reads, a container's newest step, the newest `tail`), what leaves (the tail's oldest,
// superseded steps, deleted events), full mode and its fill, and the held objects' lists.
import { describe, expect, it } from 'vitest';
import type { Event } from '../../../src/kube/types.js';
import { EventTable, keptForDiagnosis } from '../../../src/state/eventTable.js';

interface Spec {
  name: string;
  at: number;
  reason?: string;
  type?: 'Normal' | 'Warning';
  pod?: string;
  container?: string;
  rv?: number;
  count?: number;
}

function ev(s: Spec): Event {
  const t = new Date(Date.UTC(2026, 0, 1, 0, 0, 0) + s.at * 1000).toISOString().replace('.000', '');
  const pod = s.pod ?? 'web-1';
  return {
    metadata: { name: `${pod}.${s.name}`, namespace: 'default', uid: `uid-${s.name}`, resourceVersion: String(s.rv ?? s.at) },
    involvedObject: { kind: 'Pod', name: pod, namespace: 'default', uid: `pod-uid-${pod}`, fieldPath: s.container ? `spec.containers{${s.container}}` : undefined },
    reason: s.reason ?? 'Scheduled',
    message: `${s.reason ?? 'Scheduled'} ${s.name}`,
    type: s.type ?? 'Normal',
    firstTimestamp: t,
    lastTimestamp: t,
    count: s.count ?? 1,
  };
}

const kept = (t: EventTable): string[] => t.rows().map((e) => e.metadata!.uid!.slice(4));

function table(tail: number, specs: Spec[]): EventTable {
  const t = new EventTable({ tail });
  t.apply(specs.map((s) => ({ type: 'ADDED' as const, object: ev(s) })));
  return t;
}

describe('the bounded store keeps', () => {
  const cases: { what: string; tail: number; events: Spec[]; kept: string[] }[] = [
    { what: 'the newest `tail` of events no rule reads', tail: 3, events: [1, 2, 3, 4, 5].map((at) => ({ name: `s${at}`, at })), kept: ['s3', 's4', 's5'] },
    { what: 'everything while under the bound', tail: 10, events: [1, 2, 3].map((at) => ({ name: `s${at}`, at })), kept: ['s1', 's2', 's3'] },
    {
      what: 'a Warning past the tail',
      tail: 2,
      events: [{ name: 'w', at: 1, type: 'Warning', reason: 'SomethingOdd' }, ...[2, 3, 4].map((at) => ({ name: `s${at}`, at }))],
      kept: ['w', 's3', 's4'],
    },
    {
      what: 'a Normal event whose reason a rule reads (Killing) past the tail',
      tail: 1,
      events: [{ name: 'kill', at: 1, reason: 'Killing' }, { name: 's2', at: 2 }, { name: 's3', at: 3 }],
      kept: ['kill', 's3'],
    },
    {
      what: "only a container's newest step (Pulling, Pulled, Created) past the tail",
      tail: 0,
      events: [
        { name: 'pulling', at: 1, reason: 'Pulling', container: 'app' },
        { name: 'pulled', at: 2, reason: 'Pulled', container: 'app' },
        { name: 'created', at: 3, reason: 'Created', container: 'app' },
        { name: 'side-pulling', at: 4, reason: 'Pulling', container: 'side' },
      ],
      kept: ['created', 'side-pulling'],
    },
    {
      what: 'none of a started container\'s steps, Started included (the starting rule reads them only while it waits to be created)',
      tail: 0,
      events: [
        { name: 'pulled', at: 2, reason: 'Pulled', container: 'app' },
        { name: 'created', at: 3, reason: 'Created', container: 'app' },
        { name: 'side-created', at: 4, reason: 'Created', container: 'side' },
        { name: 'started', at: 5, reason: 'Started', container: 'app' },
      ],
      kept: ['side-created'],
    },
    {
      what: 'the newest step even when an older one comes after it',
      tail: 0,
      events: [
        { name: 'created', at: 3, reason: 'Created', container: 'app' },
        { name: 'pulling', at: 1, reason: 'Pulling', container: 'app' },
      ],
      kept: ['created'],
    },
    {
      what: "each pod's own newest step",
      tail: 0,
      events: [
        { name: 'a', at: 1, reason: 'Created', container: 'app', pod: 'web-1' },
        { name: 'b', at: 2, reason: 'Pulling', container: 'app', pod: 'web-2' },
      ],
      kept: ['a', 'b'],
    },
    { what: 'nothing no rule reads with no tail', tail: 0, events: [{ name: 's', at: 1 }], kept: [] },
  ];
  for (const c of cases) {
    it(c.what, () => {
      expect(kept(table(c.tail, c.events))).toEqual(c.kept);
    });
  }

  it('says which events it keeps whatever their age (the watch cache records those alone)', () => {
    const rows: [Spec, boolean][] = [
      [{ name: 'w', at: 1, type: 'Warning', reason: 'BackOff' }, true],
      [{ name: 'f', at: 1, type: 'Warning', reason: 'FailedScheduling' }, true],
      [{ name: 'k', at: 1, reason: 'Killing' }, true],
      [{ name: 'p', at: 1, reason: 'Pulled' }, false],
      [{ name: 's', at: 1, reason: 'Scheduled' }, false],
    ];
    for (const [spec, want] of rows) expect(keptForDiagnosis(ev(spec)), spec.name).toBe(want);
  });
});

describe('what leaves the bounded store', () => {
  it('a deleted (expired) Warning, tail event and newest step', () => {
    const specs: Spec[] = [
      { name: 'w', at: 1, type: 'Warning', reason: 'BackOff' },
      { name: 'created', at: 2, reason: 'Created', container: 'app' },
      { name: 's', at: 3 },
    ];
    const t = table(0, specs);
    expect(kept(t)).toEqual(['w', 'created']);
    t.apply(specs.map((s) => ({ type: 'DELETED' as const, object: ev(s) })));
    expect(kept(t)).toEqual([]);
    expect(t.size).toBe(0);
  });

  it('a deleted tail event', () => {
    const specs: Spec[] = [{ name: 's', at: 3 }];
    const t = table(5, specs);
    expect(kept(t)).toEqual(['s']);
    t.apply(specs.map((s) => ({ type: 'DELETED' as const, object: ev(s) })));
    expect(kept(t)).toEqual([]);
    expect(t.size).toBe(0);
  });

  it('a repeat moves a tail event to its new time; a replay older than what is held changes nothing', () => {
    const t = table(2, [{ name: 'a', at: 1 }, { name: 'b', at: 2 }]);
    t.apply([{ type: 'MODIFIED', object: ev({ name: 'a', at: 3, count: 2 }) }]);
    expect(kept(t)).toEqual(['b', 'a']);
    t.apply([{ type: 'MODIFIED', object: ev({ name: 'a', at: 1, rv: 1 }) }]);
    expect(t.rows().map((e) => e.count)).toEqual([1, 2]);
    // A third event pushes the oldest (b) out.
    t.apply([{ type: 'ADDED', object: ev({ name: 'c', at: 4 }) }]);
    expect(kept(t)).toEqual(['a', 'c']);
  });

  it('holds its bound through many events: O(tail) kept, whatever went through', () => {
    const t = new EventTable({ tail: 50 });
    for (let i = 0; i < 5000; i++) t.apply([{ type: 'ADDED', object: ev({ name: `s${i}`, at: i, pod: `p${i % 700}` }) }]);
    expect(t.size).toBe(50);
    expect(kept(t)[0]).toBe('s4950');
    expect(t.forPod('default', 'p0')).toEqual([]);
  });

  it('a relist (RESET) keeps by the same rule', () => {
    const t = table(1, [{ name: 'old', at: 1 }]);
    t.apply([{ type: 'RESET', objects: [ev({ name: 'w', at: 1, type: 'Warning', reason: 'BackOff' }), ev({ name: 'a', at: 2 }), ev({ name: 'b', at: 3 })] }]);
    expect(kept(t)).toEqual(['w', 'b']);
    expect(t.resets).toBe(1);
  });
});

describe('full mode (the events view)', () => {
  it('keeps every event while on, fills from a LIST without bringing back what was deleted since, and prunes when left', () => {
    const t = table(1, [{ name: 'a', at: 1 }, { name: 'b', at: 2 }]);
    expect(kept(t)).toEqual(['b']);
    t.setFull(true);
    t.beginFill();
    t.apply([{ type: 'ADDED', object: ev({ name: 'c', at: 3 }) }]);
    t.apply([{ type: 'DELETED', object: ev({ name: 'b', at: 2 }) }]);
    // The LIST was answered from before those: it has a and b, not c.
    t.fill([ev({ name: 'a', at: 1 }), ev({ name: 'b', at: 2 })]);
    expect(kept(t)).toEqual(['a', 'c']);
    t.apply([{ type: 'ADDED', object: ev({ name: 'd', at: 4 }) }]);
    expect(kept(t)).toEqual(['a', 'c', 'd']);
    t.setFull(false);
    expect(kept(t)).toEqual(['d']);
  });
});

describe("a held object's whole list", () => {
  const subject = { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'pod-uid-web-1' };

  it('is loading until its LIST answers, then follows the watch; what changed while the LIST was on its way wins', () => {
    const t = new EventTable({ tail: 0 });
    expect(t.subjects.hold(subject)).toBe(true);
    expect(t.subjects.get(subject)).toEqual({ phase: 'loading', events: [] });
    const token = t.subjects.beginFetch(subject);
    t.apply([{ type: 'MODIFIED', object: ev({ name: 'pulled', at: 5, reason: 'Pulled', container: 'app', count: 2 }) }]);
    t.apply([{ type: 'DELETED', object: ev({ name: 'gone', at: 2 }) }]);
    const listed = [ev({ name: 'sched', at: 1 }), ev({ name: 'gone', at: 2 }), ev({ name: 'pulled', at: 3, reason: 'Pulled', container: 'app' }), ev({ name: 'other', at: 1, pod: 'web-2' })];
    t.subjects.completeFetch(subject, token, listed.map(t.keep));
    const got = t.subjects.get(subject)!;
    expect(got.phase).toBe('ready');
    expect(got.events.map((e) => `${e.metadata!.uid} x${e.count}`)).toEqual(['uid-sched x1', 'uid-pulled x2']);
    // The store itself kept none of them (no tail, no rule reads Scheduled; Pulled is superseded by nothing but is its newest step).
    expect(t.forPod('default', 'web-1').map((e) => e.reason)).toEqual(['Pulled']);
    t.apply([{ type: 'ADDED', object: ev({ name: 'created', at: 6, reason: 'Created', container: 'app' }) }]);
    expect(t.subjects.get(subject)!.events.map((e) => e.reason)).toEqual(['Scheduled', 'Pulled', 'Created']);
    t.subjects.release(subject);
    expect(t.subjects.get(subject)).toBeUndefined();
    expect(t.subjects.size).toBe(0);
  });

  it('says why when its LIST fails, and is shared by two views until both let go', () => {
    const t = new EventTable();
    t.subjects.hold(subject);
    expect(t.subjects.hold(subject)).toBe(false);
    const token = t.subjects.beginFetch(subject);
    t.subjects.failFetch(subject, token, 'events is forbidden');
    expect(t.subjects.get(subject)).toEqual({ phase: 'error', events: [], error: 'events is forbidden' });
    t.subjects.release(subject);
    expect(t.subjects.get(subject)?.phase).toBe('error');
    t.subjects.release(subject);
    expect(t.subjects.get(subject)).toBeUndefined();
  });

  it('ignores the answer of a LIST a newer one replaced, and events about another uid of the same name', () => {
    const t = new EventTable();
    t.subjects.hold(subject);
    const first = t.subjects.beginFetch(subject);
    const second = t.subjects.beginFetch(subject);
    t.subjects.completeFetch(subject, first, [t.keep(ev({ name: 'stale', at: 1 }))]);
    expect(t.subjects.get(subject)?.phase).toBe('loading');
    const recreated = { ...ev({ name: 'new-pod', at: 2 }), involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'another-uid' } };
    t.subjects.completeFetch(subject, second, [t.keep(ev({ name: 'fresh', at: 2 })), t.keep(recreated)]);
    expect(t.subjects.get(subject)!.events.map((e) => e.metadata!.uid)).toEqual(['uid-fresh']);
  });
});
