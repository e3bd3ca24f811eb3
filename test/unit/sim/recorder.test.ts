import { describe, expect, it } from 'vitest';
import type { Event, Pod } from '../../../src/kube/types.js';
import { ManualClock } from '../../../src/sim/clock.js';
import { Recorder } from '../../../src/sim/events/recorder.js';
import { Random } from '../../../src/sim/random.js';
import { Store } from '../../../src/sim/store.js';

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);
const KUBELET = { component: 'kubelet', host: 'node-1' };

function setup(ttlMs?: number) {
  const clock = new ManualClock(T0);
  const random = new Random(7);
  const store = new Store(clock, random, { freezeObjects: true });
  const recorder = new Recorder(store, clock, random, ttlMs === undefined ? {} : { ttlMs });
  recorder.start();
  const pod = store.create('Pod', { metadata: { name: 'web-1', namespace: 'shop' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
  return { clock, store, recorder, pod };
}

function events(store: Store): Event[] {
  return store.list('Event').items;
}

describe('Recorder.event (core/v1, client-go correlator)', () => {
  it('writes a core/v1 Event named <pod>.<hex unix nanos> with the full involvedObject', () => {
    const { store, recorder, pod } = setup();
    recorder.event(pod, 'Normal', 'Pulling', 'Pulling image "nginx"', { ...KUBELET, fieldPath: 'spec.containers{app}' });
    recorder.event(pod, 'Normal', 'Pulled', 'Container image "nginx" already present on machine', KUBELET);
    const [first, second] = events(store);
    expect(first!.metadata!.name).toBe('web-1.18867251edfa0000');
    expect(second!.metadata!.name).toBe('web-1.18867251edfa0001');
    expect(first).toMatchObject({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { namespace: 'shop' },
      involvedObject: {
        kind: 'Pod',
        namespace: 'shop',
        name: 'web-1',
        uid: pod.metadata!.uid,
        apiVersion: 'v1',
        resourceVersion: pod.metadata!.resourceVersion,
        fieldPath: 'spec.containers{app}',
      },
      reason: 'Pulling',
      message: 'Pulling image "nginx"',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: '2026-01-01T00:00:00Z',
      lastTimestamp: '2026-01-01T00:00:00Z',
      count: 1,
      type: 'Normal',
      reportingComponent: 'kubelet',
      reportingInstance: 'node-1',
    });
    expect(first!.eventTime).toBeUndefined();
    expect(first!.series).toBeUndefined();
  });

  it('puts events about cluster-scoped objects in the default namespace', () => {
    const { store, recorder } = setup();
    const node = store.create('Node', { metadata: { name: 'node-1' } });
    recorder.event(node, 'Normal', 'NodeReady', 'Node node-1 status is now: NodeReady', KUBELET);
    expect(events(store)[0]!.metadata!.namespace).toBe('default');
    expect(events(store)[0]!.involvedObject.namespace).toBeUndefined();
  });

  it('folds identical repeats into one Event: count+1, lastTimestamp moves, name and firstTimestamp stay', () => {
    const { clock, store, recorder, pod } = setup();
    const seen: string[] = [];
    store.watch('Event', { resourceVersion: store.resourceVersion }, (ev) => seen.push(`${ev.type} ${ev.object.count}`));
    const msg = 'Back-off restarting failed container app in pod web-1_shop(x)';
    recorder.event(pod, 'Warning', 'BackOff', msg, KUBELET);
    clock.advance(5_000);
    recorder.event(pod, 'Warning', 'BackOff', msg, KUBELET);
    clock.advance(10_000);
    recorder.event(pod, 'Warning', 'BackOff', msg, KUBELET);
    const all = events(store);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      metadata: { name: 'web-1.18867251edfa0000' },
      count: 3,
      firstTimestamp: '2026-01-01T00:00:00Z',
      lastTimestamp: '2026-01-01T00:00:15Z',
      message: msg,
    });
    expect(seen).toEqual(['ADDED 1', 'MODIFIED 2', 'MODIFIED 3']);
  });

  it('keeps events with different fieldPaths apart', () => {
    const { store, recorder, pod } = setup();
    recorder.event(pod, 'Normal', 'Started', 'Started container a', { ...KUBELET, fieldPath: 'spec.containers{a}' });
    recorder.event(pod, 'Normal', 'Started', 'Started container a', { ...KUBELET, fieldPath: 'spec.containers{b}' });
    expect(events(store).map((e) => e.count)).toEqual([1, 1]);
  });

  it('aggregates the 10th distinct similar message within 600 s into a "(combined from similar events)" event', () => {
    const { clock, store, recorder, pod } = setup();
    for (let i = 1; i <= 9; i++) {
      recorder.event(pod, 'Warning', 'Unhealthy', `Readiness probe failed: attempt ${i}`, KUBELET);
      clock.advance(1_000);
    }
    expect(events(store)).toHaveLength(9);
    recorder.event(pod, 'Warning', 'Unhealthy', 'Readiness probe failed: attempt 10', KUBELET);
    let all = events(store);
    expect(all).toHaveLength(10);
    const aggregate = all.find((e) => e.message!.startsWith('(combined'))!;
    expect(aggregate).toMatchObject({
      metadata: { name: 'web-1.18867254066b1a01', namespace: 'shop' },
      message: '(combined from similar events): Readiness probe failed: attempt 10',
      count: 1,
      firstTimestamp: '2026-01-01T00:00:09Z',
      reason: 'Unhealthy',
      type: 'Warning',
      source: { component: 'kubelet', host: 'node-1' },
    });
    clock.advance(1_000);
    recorder.event(pod, 'Warning', 'Unhealthy', 'Readiness probe failed: attempt 11', KUBELET);
    all = events(store);
    expect(all).toHaveLength(10);
    expect(all.find((e) => e.metadata!.name === 'web-1.18867254066b1a01')).toMatchObject({
      message: '(combined from similar events): Readiness probe failed: attempt 11',
      count: 2,
      firstTimestamp: '2026-01-01T00:00:09Z',
      lastTimestamp: '2026-01-01T00:00:10Z',
    });
  });

  it('starts aggregation afresh after 600 s without a similar event', () => {
    const { clock, store, recorder, pod } = setup(24 * 3600_000);
    for (let i = 1; i <= 9; i++) recorder.event(pod, 'Warning', 'Unhealthy', `probe ${i}`, KUBELET);
    clock.advance(600_001);
    recorder.event(pod, 'Warning', 'Unhealthy', 'probe 10', KUBELET);
    expect(events(store).filter((e) => e.message!.startsWith('(combined'))).toHaveLength(0);
    expect(events(store)).toHaveLength(10);
  });

  it('drops events over the spam budget: burst 25 per source+object, one more every 300 s', () => {
    const { clock, store, recorder, pod } = setup();
    for (let i = 0; i < 30; i++) recorder.event(pod, 'Warning', 'BackOff', 'Back-off', KUBELET);
    expect(events(store)[0]!.count).toBe(25);
    clock.advance(299_000);
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off', KUBELET);
    expect(events(store)[0]!.count).toBe(25);
    clock.advance(1_000);
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off', KUBELET);
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off', KUBELET);
    // The 32nd occurrence is written; the dropped ones were counted all the same.
    expect(events(store)[0]!.count).toBe(32);
    // Another source about the same object has its own budget.
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off', { component: 'kubelet', host: 'node-2' });
    expect(events(store)).toHaveLength(2);
  });

  it('counts repeats the spam filter dropped: the next written one carries every occurrence (EventCorrelate counts before it filters)', () => {
    const { clock, store, recorder, pod } = setup();
    const container = { ...KUBELET, fieldPath: 'spec.containers{app}' };
    for (let i = 0; i < 25; i++) recorder.event(pod, 'Normal', 'Pulling', `Pulling image "v${i}"`, container);
    clock.advance(10_000);
    for (let i = 0; i < 7; i++) recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container app in pod web-1_shop()', container);
    expect(events(store).filter((e) => e.reason === 'BackOff')).toHaveLength(0);
    clock.advance(290_000);
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container app in pod web-1_shop()', container);
    const backOff = events(store).filter((e) => e.reason === 'BackOff');
    expect(backOff).toHaveLength(1);
    expect(backOff[0]).toMatchObject({
      // The name the first (dropped) occurrence was given: the correlator remembers it, unwritten.
      metadata: { name: `web-1.${(BigInt(T0 + 10_000) * 1_000_000n).toString(16)}` },
      count: 8,
      firstTimestamp: '2026-01-01T00:00:10Z',
      lastTimestamp: '2026-01-01T00:05:00Z',
      message: 'Back-off restarting failed container app in pod web-1_shop()',
    });
  });

  it('keeps caches per source, as each kubelet has its own correlator: 5,000 crash loops on two nodes still fold their repeats', () => {
    const { store, recorder } = setup();
    const pods: Pod[] = [];
    for (let i = 0; i < 5000; i++) {
      pods.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `crash-${i}`, namespace: 'shop', uid: `uid-${i}`, resourceVersion: '1' } });
    }
    const source = [
      { component: 'kubelet', host: 'node-a', fieldPath: 'spec.containers{app}' },
      { component: 'kubelet', host: 'node-b', fieldPath: 'spec.containers{app}' },
    ];
    // Two rounds of one BackOff per pod, round-robin: 5,000 keys in one 4096-entry cache would miss every time.
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < pods.length; i++) recorder.event(pods[i]!, 'Warning', 'BackOff', `Back-off restarting failed container app in pod crash-${i}`, source[i % 2]!);
    }
    const written = events(store);
    expect(written).toHaveLength(5000);
    expect(written.every((e) => e.count === 2)).toBe(true);
  });

  it('deletes an Event 1 h after its last write; a repeat re-arms the TTL', () => {
    const { clock, store, recorder, pod } = setup();
    recorder.event(pod, 'Normal', 'Pulling', 'Pulling image "a"', KUBELET);
    clock.advance(30 * 60_000);
    recorder.event(pod, 'Normal', 'Pulling', 'Pulling image "b"', KUBELET);
    recorder.event(pod, 'Normal', 'Pulling', 'Pulling image "a"', KUBELET);
    clock.advance(30 * 60_000);
    expect(events(store).map((e) => e.message)).toEqual(['Pulling image "a"', 'Pulling image "b"']);
    clock.advance(30 * 60_000 - 1);
    expect(events(store)).toHaveLength(2);
    clock.advance(1);
    expect(events(store)).toHaveLength(0);
  });

  it('re-creates a counted Event that expired, keeping its name and count', () => {
    const { clock, store, recorder, pod } = setup(60_000);
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off', KUBELET);
    clock.advance(120_000);
    expect(events(store)).toHaveLength(0);
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off', KUBELET);
    expect(events(store)).toMatchObject([
      { metadata: { name: 'web-1.18867251edfa0000' }, count: 2, firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:02:00Z' },
    ]);
  });

  it('stop() cancels the TTL timers and series tickers', () => {
    const { clock, recorder, pod } = setup();
    recorder.event(pod, 'Normal', 'Pulling', 'x', KUBELET);
    expect(clock.pendingTimers).toBe(3);
    recorder.stop();
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('Recorder.eventV1 (events.k8s.io/v1 seen through core/v1)', () => {
  const SCHED = { reportingController: 'default-scheduler', reportingInstance: 'default-scheduler-cp-1', action: 'Scheduling' };

  function scheduledEvent(store: Store): Event {
    return events(store)[0]!;
  }

  it('writes eventTime, reportingComponent, action and no source, timestamps or count', () => {
    const { clock, store, recorder, pod } = setup();
    clock.advance(1_234);
    recorder.eventV1(pod, 'Normal', 'Scheduled', 'Successfully assigned shop/web-1 to node-1', { ...SCHED, action: 'Binding' });
    const ev = scheduledEvent(store);
    expect(ev).toMatchObject({
      metadata: { name: 'web-1.1886725237875880', namespace: 'shop' },
      involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-1', uid: (pod as Pod).metadata!.uid, apiVersion: 'v1' },
      reason: 'Scheduled',
      message: 'Successfully assigned shop/web-1 to node-1',
      type: 'Normal',
      eventTime: '2026-01-01T00:00:01.234000Z',
      action: 'Binding',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-cp-1',
    });
    for (const field of ['source', 'firstTimestamp', 'lastTimestamp', 'count', 'series'] as const) expect(ev[field]).toBeUndefined();
  });

  it('turns a repeat into a series (count 2 written at once); later repeats flush when the series ends', () => {
    const { clock, store, recorder, pod } = setup();
    const seen: string[] = [];
    store.watch('Event', { resourceVersion: store.resourceVersion }, (ev) => seen.push(`${ev.type} ${ev.object.series?.count ?? '-'}`));
    const msg = '0/3 nodes are available: 3 Insufficient cpu.';
    recorder.eventV1(pod, 'Warning', 'FailedScheduling', msg, SCHED);
    clock.advance(10_000);
    recorder.eventV1(pod, 'Warning', 'FailedScheduling', msg, SCHED);
    expect(scheduledEvent(store).series).toEqual({ count: 2, lastObservedTime: '2026-01-01T00:00:10.000000Z' });
    clock.advance(20_000);
    // A different note still joins the first event's series (the note is not in the key).
    recorder.eventV1(pod, 'Warning', 'FailedScheduling', '0/3 nodes are available: 3 Too many pods.', SCHED);
    expect(scheduledEvent(store).series!.count).toBe(2);
    // The finish check runs every 6 minutes and flushes series quiet for over 6 minutes.
    clock.advance(6 * 60_000 - 30_000);
    expect(scheduledEvent(store).series!.count).toBe(2);
    clock.advance(6 * 60_000);
    const ev = scheduledEvent(store);
    expect(ev.series).toEqual({ count: 3, lastObservedTime: '2026-01-01T00:00:30.000000Z' });
    expect(ev.message).toBe(msg);
    expect(events(store)).toHaveLength(1);
    expect(seen).toEqual(['ADDED -', 'MODIFIED 2', 'MODIFIED 3']);
    // The series is closed: the next occurrence is a new Event.
    recorder.eventV1(pod, 'Warning', 'FailedScheduling', msg, SCHED);
    expect(events(store)).toHaveLength(2);
  });

  it('refreshes open series every 30 minutes, which keeps them from expiring', () => {
    const { clock, store, recorder, pod } = setup();
    recorder.eventV1(pod, 'Warning', 'FailedScheduling', 'm', SCHED);
    for (let minute = 1; minute <= 90; minute++) {
      clock.advance(60_000);
      recorder.eventV1(pod, 'Warning', 'FailedScheduling', 'm', SCHED);
    }
    const ev = scheduledEvent(store);
    expect(events(store)).toHaveLength(1);
    // The refresh at 01:30 fired before that minute's repeat was recorded.
    expect(ev.series).toEqual({ count: 90, lastObservedTime: '2026-01-01T01:29:00.000000Z' });
  });

  it('treats a changed resourceVersion of the regarding object as a different event', () => {
    const { store, recorder, pod } = setup();
    recorder.eventV1(pod, 'Warning', 'FailedScheduling', 'm', SCHED);
    const updated = store.update('Pod', { ...pod, metadata: { ...pod.metadata, labels: { a: 'b' } } });
    recorder.eventV1(updated, 'Warning', 'FailedScheduling', 'm', SCHED);
    expect(events(store)).toHaveLength(2);
    expect(events(store).every((e) => e.series === undefined)).toBe(true);
  });
});
