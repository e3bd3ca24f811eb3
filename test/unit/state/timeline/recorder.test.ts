// The recorder: seeding a pod first seen under way from its status and events, live events
// without repeats, the ring and the cap on pods, pins keeping a gone pod's timeline.
import { describe, expect, it } from 'vitest';
import type { Event, Pod } from '../../../../src/kube/types.js';
import { TimelineRecorder } from '../../../../src/state/timeline/recorder.js';
import { timelineLines, timelineRows } from '../../../../src/state/timeline/render.js';
import { preStopSeconds } from '../../../../src/state/timeline/stopSteps.js';

const T0 = Date.parse('2026-01-01T12:00:00Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString().replace('.000Z', 'Z');

function running(uid: string, name = 'cart'): Pod {
  return {
    metadata: { name, namespace: 'shop', uid, creationTimestamp: at(0) },
    spec: { nodeName: 'node-2', containers: [{ name: 'cart', image: 'cart:1' }] },
    status: {
      phase: 'Running',
      startTime: at(1),
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: at(0) },
        { type: 'Ready', status: 'True', lastTransitionTime: at(75) },
      ],
      containerStatuses: [
        {
          name: 'cart',
          image: 'cart:1',
          imageID: 'x',
          ready: true,
          restartCount: 3,
          state: { running: { startedAt: at(75) } },
          lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: at(33), finishedAt: at(35) } },
        },
      ],
    },
  };
}

function event(uid: string, reason: string, count: number, first: number, last: number, type = 'Warning'): Event {
  return {
    metadata: { name: `cart.${reason}`, namespace: 'shop', uid: `ev-${reason}` },
    involvedObject: { kind: 'Pod', name: 'cart', namespace: 'shop', uid, fieldPath: 'spec.containers{cart}' },
    reason,
    message: `${reason} happened`,
    type,
    count,
    firstTimestamp: at(first),
    lastTimestamp: at(last),
  };
}

const lines = (r: TimelineRecorder, uid: string, pod: Pod | undefined, events: Event[] = []): string[] =>
  timelineLines(timelineRows(r.entries(uid, pod, events, T0 + 100_000)));

describe('TimelineRecorder', () => {
  it('seeds a pod first seen running from what its status and events say', () => {
    const r = new TimelineRecorder();
    expect(lines(r, 'u1', running('u1'), [event('u1', 'BackOff', 3, 5, 60)])).toEqual([
      '12:00:00 +0s     Created',
      '12:00:00 +0s     Scheduled to node-2',
      '12:00:01 +1s     Accepted by the kubelet (phase now Running)',
      '12:00:05 +5s     cart: BackOff BackOff happened',
      '12:00:33 +33s    cart: 2 earlier runs before this point (the API keeps only the last instance)',
      '12:00:33 +33s    cart: Running (restart 2)',
      '12:00:35 +35s    cart: Running → Terminated Error (exit 1)',
      '12:01:00 +1m     cart: BackOff (×3) BackOff happened',
      '12:01:15 +1m15s  Ready: True',
      '12:01:15 +1m15s  cart: Terminated Error (exit 1) → Running (restart 3, 40s after the exit)',
    ]);
  });

  it('continues live after the seed: new occurrences of a seeded event come once each', () => {
    const r = new TimelineRecorder();
    const pod = running('u1');
    const seeded = lines(r, 'u1', pod, [event('u1', 'BackOff', 3, 5, 60)]);
    r.applyEvents([{ type: 'MODIFIED', object: event('u1', 'BackOff', 4, 5, 80) }], () => pod, T0 + 80_000);
    r.applyEvents([{ type: 'MODIFIED', object: event('u1', 'BackOff', 4, 5, 80) }], () => pod, T0 + 81_000);
    const after = lines(r, 'u1', pod);
    expect(after.length).toBe(seeded.length + 1);
    expect(after[after.length - 1]).toBe('12:01:20 +1m20s  cart: BackOff (×4) BackOff happened');
  });

  it("a first sync's events (ADDED after its first page) are the present: not tracked, seeded the same when read", () => {
    const pod = running('u1');
    const events = [event('u1', 'BackOff', 3, 5, 60), event('u1', 'Pulled', 1, 2, 2, 'Normal')];
    const synced = new TimelineRecorder();
    synced.applyEvents([{ type: 'RESET', objects: [events[0]!] }], () => pod, T0 + 100_000);
    synced.applyEvents([{ type: 'ADDED', object: events[1]! }], () => pod, T0 + 100_500);
    expect(synced.trackedPods).toBe(0);
    expect(lines(synced, 'u1', pod, events)).toEqual(lines(new TimelineRecorder(), 'u1', pod, events));
    // An event that happens once recording is under way is news: the pod is tracked from it.
    synced.applyEvents([{ type: 'ADDED', object: event('u1', 'Killing', 1, 101, 101) }], () => pod, T0 + 101_000);
    expect(synced.trackedPods).toBe(1);
  });

  it('records changes from the watch and keeps a pinned pod after it is gone', () => {
    const r = new TimelineRecorder();
    const a = running('u1');
    const b: Pod = { ...a, metadata: { ...a.metadata, deletionTimestamp: at(130), deletionGracePeriodSeconds: 30 } };
    const unpin = r.pin('u1');
    r.applyPods([{ type: 'MODIFIED', object: b }], () => a, T0 + 100_000);
    r.applyPods([{ type: 'DELETED', object: b }], () => b, T0 + 131_000);
    const tail = lines(r, 'u1', undefined).slice(-2);
    expect(tail).toEqual(['12:01:40 +1m40s  Deletion requested, grace 30s: KILL due at 12:02:10', '12:02:11 +2m11s  Gone: the pod left the API']);
    expect(r.isGone('u1')).toBe(true);
    // Waiting to restart: lastState is the newest run there was (restart 3 of 3).
    const waiting = running('w1');
    const st = waiting.status!.containerStatuses![0]!;
    waiting.status!.containerStatuses = [{ ...st, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=cart pod=cart_shop(w1)' } } }];
    expect(lines(new TimelineRecorder(), 'w1', waiting).filter((l) => l.includes('cart:'))).toEqual([
      '12:00:33 +33s    cart: 3 earlier runs before this point (the API keeps only the last instance)',
      '12:00:33 +33s    cart: Running (restart 3)',
      '12:00:35 +35s    cart: Running → Terminated Error (exit 1)',
      '12:00:35 +35s    cart: Terminated Error (exit 1) → Waiting CrashLoopBackOff (back-off 40s)',
    ]);
    // Many other pods come and go: the pinned one stays.
    const small = new TimelineRecorder({ maxPods: 3 });
    const unpinSmall = small.pin('u1');
    small.applyPods([{ type: 'MODIFIED', object: b }], () => a, T0);
    const changed = (uid: string): Pod => {
      const p = running(uid, uid);
      return { ...p, status: { ...p.status, phase: 'Failed' } };
    };
    // ADDED pods cost nothing until they change; 10 changed ones: trimmed to the cap once a quarter more came.
    for (let i = 0; i < 10; i++) small.applyPods([{ type: 'ADDED', object: running(`a${i}`, `a${i}`) }], () => undefined, T0);
    expect(small.trackedPods).toBe(1);
    for (let i = 0; i < 10; i++) small.applyPods([{ type: 'MODIFIED', object: changed(`p${i}`) }], (u) => running(u, u), T0);
    expect(small.trackedPods).toBeLessThanOrEqual(4);
    expect(lines(small, 'u1', undefined).some((l) => l.includes('Deletion requested'))).toBe(true);
    unpinSmall();
    for (let i = 0; i < 2; i++) small.applyPods([{ type: 'MODIFIED', object: changed(`q${i}`) }], (u) => running(u, u), T0);
    expect(small.trackedPods).toBeLessThanOrEqual(4);
    expect(lines(small, 'u1', undefined)).toEqual([]);
    unpin();
  });

  it('keeps at most the ring per pod, and says how many fell off', () => {
    const r = new TimelineRecorder({ ringEntries: 4 });
    let prev = running('u1');
    r.applyPods([{ type: 'ADDED', object: prev }], () => undefined, T0);
    for (let i = 0; i < 10; i++) {
      const next: Pod = { ...prev, status: { ...prev.status, phase: i % 2 === 0 ? 'Failed' : 'Running' } };
      r.applyPods([{ type: 'MODIFIED', object: next }], () => prev, T0 + (200 + i) * 1000);
      prev = next;
    }
    expect(r.dropped('u1')).toBe(6);
    const live = lines(r, 'u1', undefined).filter((l) => l.includes('Phase'));
    expect(live).toHaveLength(4);
    expect(live[0]).toContain('12:03:26');
  });

  it('a relist diffs the pods the cache held; new ones are seeded when read', () => {
    const r = new TimelineRecorder();
    const a = running('u1');
    r.applyPods([{ type: 'ADDED', object: a }], () => undefined, T0);
    const failed: Pod = { ...a, status: { ...a.status, phase: 'Failed' } };
    const cache = new Map([['u1', a]]);
    r.applyPods([{ type: 'RESET', objects: [failed, running('u2', 'other')] }], (u) => cache.get(u), T0 + 5000);
    expect(lines(r, 'u1', undefined).some((l) => l.includes('Phase Running → Failed'))).toBe(true);
    expect(r.trackedPods).toBe(1);
  });
});

describe('preStopSeconds', () => {
  const cases: [string, NonNullable<NonNullable<Parameters<typeof preStopSeconds>[0]['lifecycle']>['preStop']> | undefined, number | undefined][] = [
    ['no hook', undefined, 0],
    ['the sleep action', { sleep: { seconds: 7 } }, 7],
    ['exec ending in sleep', { exec: { command: ['sh', '-c', 'sleep 2'] } }, 2],
    ['exec with work, then sleep', { exec: { command: ['sh', '-c', 'nginx -s quit; sleep 15'] } }, 15],
    ['exec without sleep', { exec: { command: ['/bin/drain'] } }, undefined],
    ['httpGet', { httpGet: { path: '/stop', port: 8080 } }, undefined],
  ];
  for (const [name, hook, want] of cases) {
    it(name, () => expect(preStopSeconds({ name: 'c', ...(hook ? { lifecycle: { preStop: hook } } : {}) })).toBe(want));
  }
});
