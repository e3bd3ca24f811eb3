// A frame applies the waiting watch batches for a bounded time (AppState's applyBudgetMs on
// its realNow clock) and leaves the rest to the next macrotask, where keys come first; the
// pods and events still reach the list, the event table and the timeline once each, in the
// order they came, and waiting for idle still sees all of it applied. The clock here moves
// only as events are applied (a cost per event), so every split is deterministic.
import { describe, expect, it } from 'vitest';
import type { Event, Pod } from '../../../src/kube/types.js';
import { SimSource } from '../../../src/source/sim.js';
import type { DeltaBatch, Scope, Subscription } from '../../../src/source/types.js';
import { AppState, EVENT_APPLY_CHUNK } from '../../../src/state/appState.js';
import { waitIdle } from '../../helpers/waitIdle.js';
import { harness, runningPod, turns } from './simHarness.js';

/** The simulator source, except that the test hands out the pods' and events' batches. */
class HandedBatches extends SimSource {
  pods: ((b: DeltaBatch<Pod>) => void) | undefined;
  events: ((b: DeltaBatch<Event>) => void) | undefined;
  override watchPods(_scope: Scope, onBatch: (b: DeltaBatch<Pod>) => void): Subscription {
    this.pods = onBatch;
    return { stop: () => (this.pods = undefined) };
  }
  override watchEvents(_scope: Scope, onBatch: (b: DeltaBatch<Event>) => void): Subscription {
    this.events = onBatch;
    return { stop: () => (this.events = undefined) };
  }
}

function event(n: number, pod = 'web-1'): Event {
  return {
    metadata: { name: `${pod}.${n}`, namespace: 'default', uid: `ev-${n}`, resourceVersion: String(n) },
    involvedObject: { kind: 'Pod', namespace: 'default', name: pod, uid: `uid-${pod}` },
    reason: 'Pulled',
    message: `event ${n}`,
    type: 'Normal',
    count: 1,
    lastTimestamp: '2026-01-02T00:00:00Z',
  };
}

const added = (from: number, to: number): DeltaBatch<Event> => Array.from({ length: to - from }, (_, i) => ({ type: 'ADDED' as const, object: event(from + i) }));

function pod(name: string): Pod {
  const p = runningPod(name);
  p.metadata!.uid = `uid-${name}`;
  p.metadata!.resourceVersion = '1';
  return p;
}

/** An app whose clock advances `msPerEvent` for each event the table applies; what the table and the timeline saw, in order. */
function started(msPerEvent: number, budgetMs = 4) {
  const source = new HandedBatches(harness());
  let clock = 0;
  const app = new AppState({ source, namespace: 'default', frameMs: 0, realNow: () => clock, applyBudgetMs: budgetMs });
  const tableSaw: string[] = [];
  const timelineSaw: string[] = [];
  const podsAppliedAfter: number[] = [];
  const uids = (b: DeltaBatch<Event>): string[] => b.flatMap((d) => (d.type === 'RESET' ? d.objects : [d.object]).map((e) => e.metadata!.uid!));
  const tableApply = app.events.apply.bind(app.events);
  app.events.apply = (b) => {
    tableSaw.push(...uids(b));
    clock += msPerEvent * uids(b).length;
    tableApply(b);
  };
  const timelineApply = app.timeline.applyEvents.bind(app.timeline);
  app.timeline.applyEvents = (b, byUid, seen) => {
    timelineSaw.push(...uids(b));
    timelineApply(b, byUid, seen);
  };
  const podsApply = app.pods.apply.bind(app.pods);
  app.pods.apply = (b) => {
    podsAppliedAfter.push(tableSaw.length);
    podsApply(b);
  };
  let told = 0;
  app.onChange(() => told++);
  app.start();
  return { app, source, tableSaw, timelineSaw, podsAppliedAfter, told: () => told };
}

const ids = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `ev-${from + i}`);

describe('AppState frame budget', () => {
  it('leaves what its budget cannot take to the next macrotask, and applies every event once, in order', async () => {
    // 0.1 ms an event: a 4 ms budget takes one run of EVENT_APPLY_CHUNK (128) events, then looks at the clock.
    const t = started(0.1);
    t.source.events!(added(0, 1000));
    await turns(1);
    expect(t.tableSaw).toEqual(ids(0, EVENT_APPLY_CHUNK));
    expect(t.app.pendingWork()).toContain('watch batches wait for the next frame');
    expect(t.app.events.size).toBe(EVENT_APPLY_CHUNK);
    await turns(1);
    expect(t.tableSaw).toEqual(ids(0, 2 * EVENT_APPLY_CHUNK));
    await waitIdle(t.app);
    expect(t.tableSaw).toEqual(ids(0, 1000));
    expect(t.timelineSaw).toEqual(t.tableSaw);
    expect(t.app.events.size).toBe(1000);
    expect(t.app.pendingWork()).toEqual([]);
  });

  it('takes several runs in one frame while the budget lasts', async () => {
    // 0.01 ms an event: 128 events cost 1.28 ms, so a 4 ms budget takes four runs (the clock is read before each).
    const t = started(0.01);
    t.source.events!(added(0, 1000));
    await turns(1);
    expect(t.tableSaw).toEqual(ids(0, 4 * EVENT_APPLY_CHUNK));
    await waitIdle(t.app);
    expect(t.tableSaw).toEqual(ids(0, 1000));
  });

  it('applies everything at once when the clock stands still (an idle machine, or a test that pins the clock)', async () => {
    const t = started(0);
    t.source.pods!([{ type: 'RESET', objects: [pod('web-1')] }]);
    t.source.events!(added(0, 1000));
    await turns(1);
    expect(t.tableSaw).toEqual(ids(0, 1000));
    expect(t.app.pods.size).toBe(1);
    expect(t.app.pendingWork()).toEqual([]);
  });

  it('keeps pods before the events that came after them, and each kind in the order it came', async () => {
    const t = started(0.1);
    t.source.pods!([{ type: 'RESET', objects: [pod('web-1')] }]);
    t.source.events!(added(0, 300));
    await turns(1);
    // The frame applied the pods first, then one run of events.
    expect(t.podsAppliedAfter).toEqual([0]);
    expect(t.tableSaw).toEqual(ids(0, EVENT_APPLY_CHUNK));
    // New pods and events while the first events batch is half applied: the pods go next,
    // the new events after the rest of the first batch.
    t.source.pods!([{ type: 'ADDED', object: pod('web-2') }]);
    t.source.events!(added(300, 400));
    await waitIdle(t.app);
    expect(t.podsAppliedAfter).toEqual([0, EVENT_APPLY_CHUNK]);
    expect(t.tableSaw).toEqual(ids(0, 400));
    expect(t.timelineSaw).toEqual(ids(0, 400));
    expect(t.app.pods.size).toBe(2);
  });

  it('applies a RESET whole, and only after the runs before it', async () => {
    const t = started(0.1);
    t.source.events!([...added(0, 200), { type: 'RESET', objects: added(200, 700).map((d) => (d as { object: Event }).object) }, ...added(700, 710)]);
    await turns(1);
    expect(t.tableSaw).toEqual(ids(0, EVENT_APPLY_CHUNK));
    await turns(1);
    // The rest of the run before the RESET stops at it.
    expect(t.tableSaw).toEqual(ids(0, 200));
    await turns(1);
    expect(t.tableSaw).toEqual(ids(0, 700));
    await waitIdle(t.app);
    expect(t.tableSaw).toEqual(ids(0, 710));
    // The RESET replaced the table: only its 500 events and the 10 after it are held.
    expect(t.app.events.size).toBe(510);
  });

  it("draws a key's frame without the waiting batches, which follow on the next macrotask", async () => {
    const t = started(0.1);
    t.source.pods!([{ type: 'RESET', objects: [pod('web-1'), pod('web-2')] }]);
    await waitIdle(t.app);
    t.source.pods!([{ type: 'ADDED', object: pod('web-3') }]);
    t.source.events!(added(0, 10));
    const before = t.told();
    t.app.move(1);
    t.app.keyFrame();
    expect(t.told()).toBe(before + 1);
    expect(t.app.pods.selected()?.name).toBe('web-2');
    expect(t.app.pods.size).toBe(2);
    expect(t.tableSaw).toEqual([]);
    expect(t.app.pendingWork()).toContain('watch batches wait for the next frame');
    await turns(1);
    expect(t.app.pods.size).toBe(3);
    expect(t.tableSaw).toEqual(ids(0, 10));
    // The slice that finished told the listeners.
    expect(t.told()).toBe(before + 2);
  });

  it('tells the listeners from an unfinished slice at most once a frame period', async () => {
    const source = new HandedBatches(harness());
    let clock = 0;
    // The store keeps every one of them (its bound is not what this test is about).
    const app = new AppState({ source, namespace: 'default', frameMs: 33, realNow: () => clock, applyBudgetMs: 4, eventTail: 128 * 100 });
    const tableApply = app.events.apply.bind(app.events);
    app.events.apply = (b) => {
      clock += 0.1 * b.length;
      tableApply(b);
    };
    let told = 0;
    app.onChange(() => told++);
    app.start();
    // 12,800 ms of events at 0.1 ms each, 12.8 ms a run: a frame, then slices; one telling per 33 ms of the clock.
    source.events!(added(0, 128 * 100));
    await waitIdle(app, { timeoutMs: 30_000 });
    expect(app.events.size).toBe(128 * 100);
    // 1,280 ms of applying: the frame, about one slice in three (every 33 ms: 12.8 ms a slice), and the last.
    expect(told).toBeGreaterThanOrEqual(30);
    expect(told).toBeLessThanOrEqual(40);
    app.stop();
  });
});
