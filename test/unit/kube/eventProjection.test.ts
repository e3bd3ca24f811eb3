// The event table keeps a projection of each Event (issue 15's memory goal). Every reader of
// the table's events must read the same from it as from the whole object: each reader runs on
// both, for every event of every bundled scenario at several instants of its story (and per
// pod, through the table, as the pod view, describe, the WHY column and the timeline read
// them), and on events as a real cluster sends them. A reader that reads a field the
// projection does not keep fails the audit at the end.
import { FIXTURES, INSTANTS } from './projectionFixtures.js';
import { afterEach, describe, expect, it } from 'vitest';
import { describeEvents } from '../../../src/kube/describe/events.js';
import { diagnose } from '../../../src/kube/diagnosis/index.js';
import { eventRow } from '../../../src/kube/eventColumns.js';
import { EVENT_PROJECTION_FIELDS, projectEvent } from '../../../src/kube/eventProjection.js';
import { Interner } from '../../../src/kube/interner.js';
import type { Event, Pod } from '../../../src/kube/types.js';
import { loadScenario, resolveScenarioPath } from '../../../src/sim/scenario/index.js';
import { EventTable, eventSearchText, eventTimeMs, eventUid } from '../../../src/state/eventTable.js';
import { eventDrafts } from '../../../src/state/timeline/eventDrafts.js';
import { TimelineRecorder } from '../../../src/state/timeline/recorder.js';
import { eventDetailLines } from '../../../src/ui/views/eventDetail.js';
import { podEventLines } from '../../../src/ui/views/podPanes.js';
import { createTestSimulator } from '../../ui/testSimulator.js';

/** Each reader of one event (name: where it is read). */
const EVENT_READERS: Record<string, (ev: Event, nowMs: number) => unknown> = {
  'events view row (every column, wide too)': (e, now) => eventRow(e, now),
  'event view (Enter)': (e, now) => eventDetailLines(e, now, 100, false),
  'events view filter': (e) => [eventSearchText(e), e.metadata?.namespace],
  'time order': (e) => eventTimeMs(e),
  'identity (cursor, timeline)': (e) => eventUid(e),
  'timeline occurrences (new, repeated)': (e, now) => [eventDrafts(e, 0, now, undefined), eventDrafts(e, 1, now, undefined)],
  'o: the pod it is about': (e) => [e.involvedObject?.kind, e.involvedObject?.namespace ?? e.metadata?.namespace, e.involvedObject?.name, e.involvedObject?.uid],
  'describe of another kind (kind filter)': (e) => e.involvedObject?.kind,
};

/** Each reader of a pod's events (the list forPod() answers). */
const POD_READERS: Record<string, (pod: Pod | undefined, events: Event[], nowMs: number) => unknown> = {
  'describe: Events section': (_p, evs, now) => describeEvents(evs, now),
  'pod view: events pane': (_p, evs, now) => podEventLines(evs, now, 120),
  'WHY column and pod view diagnosis': (p, evs, now) => (p ? diagnose({ pod: p, events: evs, nowMs: now }) : undefined),
  'timeline (seeded from the events)': (p, evs, now) => (p ? new TimelineRecorder().entries(p.metadata?.uid ?? '', p, evs, now) : undefined),
};


type Sim = ReturnType<typeof createTestSimulator>;
let sim: Sim | undefined;
afterEach(() => sim?.stop());

/** The table's order: time, then resourceVersion. */
function timeOrder(events: Event[]): Event[] {
  return [...events].sort((a, b) => eventTimeMs(a) - eventTimeMs(b) || Number(a.metadata?.resourceVersion) - Number(b.metadata?.resourceVersion));
}

function compareEvent(whole: Event, kept: Event, nowMs: number, where: string): void {
  for (const [reader, read] of Object.entries(EVENT_READERS)) expect(read(kept, nowMs), `${reader}: ${where}`).toEqual(read(whole, nowMs));
}

function comparePod(pod: Pod | undefined, whole: Event[], kept: Event[], nowMs: number, where: string): void {
  for (const [reader, read] of Object.entries(POD_READERS)) expect(read(pod, kept, nowMs), `${reader}: ${where}`).toEqual(read(pod, whole, nowMs));
}

describe("the event table's projection reads the same as the whole event", () => {
  it('has the fixtures', () => expect(FIXTURES.length).toBeGreaterThanOrEqual(19));

  it.each(FIXTURES)('every reader, every event and every pod of %s, at each instant, through the table', async (fixture) => {
    sim = createTestSimulator(await loadScenario(resolveScenarioPath(fixture)));
    const table = new EventTable();
    let t = 0;
    let first = true;
    for (const at of INSTANTS) {
      sim.clock.advance(at - t);
      t = at;
      const now = sim.clock.now();
      const events = sim.store.list('Event', {}).items;
      // The table as a watch fills it: a first sync, then every change as it comes.
      if (first) table.apply([{ type: 'RESET', objects: events }]);
      else {
        const seen = new Set(events.map(eventUid));
        const gone = table.rows().filter((e) => !seen.has(eventUid(e)));
        table.apply([...events.map((object) => ({ type: 'MODIFIED' as const, object })), ...gone.map((object) => ({ type: 'DELETED' as const, object }))]);
      }
      first = false;
      expect(table.size, `${fixture} at ${at / 1000}s`).toBe(events.length);
      const interner = new Interner();
      for (const ev of events) {
        const where = `${fixture} at ${at / 1000}s, event ${ev.metadata?.namespace}/${ev.metadata?.name}`;
        compareEvent(ev, projectEvent(ev, interner), now, where);
        compareEvent(ev, table.get(eventUid(ev))!, now, `${where} (in the table)`);
      }
      for (const pod of sim.store.list('Pod', {}).items) {
        const meta = pod.metadata!;
        const whole = timeOrder(events.filter((e) => e.involvedObject?.kind === 'Pod' && e.involvedObject.namespace === meta.namespace && e.involvedObject.name === meta.name && (!e.involvedObject.uid || e.involvedObject.uid === meta.uid)));
        const kept = table.forPod(meta.namespace!, meta.name!, meta.uid);
        expect(kept.map(eventUid), `${fixture}: pod ${meta.name}'s events`).toEqual(whole.map(eventUid));
        comparePod(pod, whole, kept, now, `${fixture} at ${at / 1000}s, pod ${meta.namespace}/${meta.name}`);
      }
    }
  });
});

const NOW = Date.parse('2026-12-06T10:05:00Z');

/** Events as a real cluster's API sends them: managedFields, apiVersion/kind, nulls, series, `related`, reporting fields with and without a source. */
function realEvents(): Event[] {
  const managedFields = [{ manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: '2026-12-06T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:count': {}, 'f:message': {} } }];
  const pod = { kind: 'Pod', namespace: 'prod', name: 'api-7d9f8-x1', uid: 'pod-uid-1', apiVersion: 'v1', resourceVersion: '4711' };
  return [
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'api-7d9f8-x1.18ee8', namespace: 'prod', uid: 'ev-1', resourceVersion: '9001', creationTimestamp: '2026-12-06T10:00:00Z', managedFields } as Event['metadata'],
      involvedObject: { ...pod, fieldPath: 'spec.containers{app}' },
      reason: 'BackOff',
      message: 'Back-off restarting failed container app in pod api-7d9f8-x1_prod(pod-uid-1)',
      source: { component: 'kubelet', host: 'node-a' },
      firstTimestamp: '2026-12-06T10:00:00Z',
      lastTimestamp: '2026-12-06T10:04:30Z',
      count: 7,
      type: 'Warning',
      eventTime: null as unknown as string,
      reportingComponent: 'kubelet',
      reportingInstance: 'node-a',
    },
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'api-7d9f8-x1.18ee9', namespace: 'prod', uid: 'ev-2', resourceVersion: '9002', creationTimestamp: '2026-12-06T10:00:01Z' },
      involvedObject: pod,
      reason: 'FailedScheduling',
      message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
      source: {},
      firstTimestamp: null as unknown as string,
      lastTimestamp: null as unknown as string,
      type: 'Warning',
      eventTime: '2026-12-06T10:00:01.123456Z',
      series: { count: 4, lastObservedTime: '2026-12-06T10:03:01.654321Z' },
      action: 'Scheduling',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-control-plane-1',
    },
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'api-7d9f8-x1.18eea', namespace: 'prod', uid: 'ev-3', resourceVersion: '9003', creationTimestamp: '2026-12-06T10:00:02Z' },
      involvedObject: { ...pod, fieldPath: 'spec.containers{app}' },
      related: { kind: 'Node', name: 'node-a', apiVersion: 'v1' },
      reason: 'Unhealthy',
      message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
      source: { component: 'kubelet' },
      firstTimestamp: '2026-12-06T10:00:02Z',
      lastTimestamp: '2026-12-06T10:04:58Z',
      count: 31,
      type: 'Warning',
      reportingComponent: 'kubelet',
      reportingInstance: 'node-a',
    },
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'api-7d9f8-x1.18eeb', namespace: 'prod', uid: 'ev-4', resourceVersion: '9004' },
      involvedObject: { ...pod, fieldPath: 'spec.containers{app}' },
      reason: 'Killing',
      message: 'Container app failed liveness probe, will be restarted',
      firstTimestamp: '2026-12-06T10:04:00Z',
      lastTimestamp: '2026-12-06T10:04:40Z',
      count: 2,
      type: 'Normal',
      reportingComponent: 'kubelet',
      reportingInstance: 'node-a',
    },
  ];
}

function crashingPod(): Pod {
  return {
    metadata: { name: 'api-7d9f8-x1', namespace: 'prod', uid: 'pod-uid-1', resourceVersion: '4711', creationTimestamp: '2026-12-06T09:59:00Z' },
    spec: { nodeName: 'node-a', containers: [{ name: 'app', image: 'registry.example.com/api:1.2.3', readinessProbe: { httpGet: { path: '/ready', port: 8080 } }, livenessProbe: { httpGet: { path: '/live', port: 8080 } } }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: '2026-12-06T10:00:00Z' }],
      containerStatuses: [{ name: 'app', image: 'registry.example.com/api:1.2.3', imageID: '', ready: false, restartCount: 6, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 137, reason: 'Error', finishedAt: '2026-12-06T10:04:40Z' } } }],
    },
  };
}

describe('events as a real cluster sends them', () => {
  it('every reader reads the same from the projection, which keeps none of what no reader reads', () => {
    const interner = new Interner();
    const whole = realEvents();
    const kept = whole.map((e) => projectEvent(e, interner));
    whole.forEach((e, i) => compareEvent(e, kept[i]!, NOW, `real event ${e.reason}`));
    comparePod(crashingPod(), whole, kept, NOW, 'the real events of one pod');
    for (const k of kept) {
      expect(k).not.toHaveProperty('apiVersion');
      expect(k.metadata).not.toHaveProperty('managedFields');
      expect(k).not.toHaveProperty('related');
      expect(k.involvedObject).not.toHaveProperty('resourceVersion');
    }
    // The kubelet sets both source and reporting fields: the source answers, the copy is not kept.
    expect(kept[0]!.reportingComponent).toBeUndefined();
    expect(kept[0]!.reportingInstance).toBeUndefined();
    // The scheduler's empty source: the reporting fields are what the readers show.
    expect(kept[1]!.reportingComponent).toBe('default-scheduler');
    expect(kept[2]!.reportingInstance).toBe('node-a');
  });

  it('keeps one frozen source per reporter for all its events', () => {
    const interner = new Interner();
    const base = realEvents()[3]!;
    const a = projectEvent({ ...base, source: { component: 'kubelet', host: 'node-a' }, message: `${'Started container app'}` }, interner);
    const b = projectEvent({ ...base, source: { component: 'kubelet', host: 'node-a' }, message: ['Started', 'container', 'app'].join(' ') }, interner);
    expect(a.source).toBe(b.source);
    expect(Object.isFrozen(a.source)).toBe(true);
  });

  it('the pod view, describe, diagnosis, the timeline and the events view read only kept fields', () => {
    const read = new Set<string>();
    const record = <T extends object>(obj: T, path: string): T =>
      new Proxy(obj, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver) as unknown;
          if (typeof key === 'symbol') return value;
          const p = path ? `${path}.${key}` : key;
          read.add(p);
          return value !== null && typeof value === 'object' ? record(value, p) : value;
        },
      });
    const events = realEvents().map((e) => record(e, ''));
    for (const e of events) for (const r of Object.values(EVENT_READERS)) r(e, NOW);
    for (const r of Object.values(POD_READERS)) r(crashingPod(), events, NOW);
    const kept = new Set(EVENT_PROJECTION_FIELDS);
    const parents = new Set(EVENT_PROJECTION_FIELDS.flatMap((f) => f.split('.').slice(0, -1)));
    const unkept = [...read].filter((p) => !kept.has(p) && !parents.has(p));
    expect(unkept).toEqual([]);
    expect(read.size).toBeGreaterThan(15);
  });
});

describe("the table's per-pod index", () => {
  it('follows repeats, deletes and a relist; a pod whose events all went is forgotten', () => {
    const t = new EventTable();
    const [backOff, , unhealthy, killing] = realEvents();
    t.apply([{ type: 'RESET', objects: [backOff!, unhealthy!] }]);
    expect(t.forPod('prod', 'api-7d9f8-x1', 'pod-uid-1').map((e) => e.reason)).toEqual(['BackOff', 'Unhealthy']);
    // The two name the same container: the table keeps one involvedObject for both.
    expect(t.get('ev-1')!.involvedObject).toBe(t.get('ev-3')!.involvedObject);
    t.apply([{ type: 'MODIFIED', object: { ...backOff!, count: 8, lastTimestamp: '2026-12-06T10:05:00Z', metadata: { ...backOff!.metadata, resourceVersion: '9010' } } }, { type: 'ADDED', object: killing! }]);
    expect(t.forPod('prod', 'api-7d9f8-x1').map((e) => `${e.reason} ${e.count}`)).toEqual(['Killing 2', 'Unhealthy 31', 'BackOff 8']);
    expect(t.forPod('prod', 'api-7d9f8-x1', 'another-uid')).toEqual([]);
    t.apply([{ type: 'DELETED', object: backOff! }, { type: 'DELETED', object: unhealthy! }, { type: 'DELETED', object: killing! }]);
    expect(t.forPod('prod', 'api-7d9f8-x1')).toEqual([]);
    expect(t.size).toBe(0);
    t.apply([{ type: 'RESET', objects: [killing!] }]);
    expect(t.forPod('prod', 'api-7d9f8-x1').map((e) => e.reason)).toEqual(['Killing']);
  });
});

describe('events kept as they are parsed (setEventTransform)', () => {
  it('the table takes what keep() made as it is, and reads the same as from whole events', () => {
    const whole = new EventTable();
    const early = new EventTable();
    const events = realEvents();
    whole.apply([{ type: 'RESET', objects: events }]);
    // The live source runs keep() on each event as it parses it, before the batch reaches apply().
    const kept = events.map(early.keep);
    expect(kept.map((e) => e === early.keep(e))).toEqual(kept.map(() => true));
    early.apply([{ type: 'RESET', objects: kept }]);
    for (const ev of events) {
      const uid = eventUid(ev);
      expect(early.get(uid), uid).toBe(kept[events.indexOf(ev)]);
      compareEvent(ev, early.get(uid)!, NOW, `event ${uid} kept early`);
      expect(early.get(uid)).toEqual(whole.get(uid));
    }
    expect(early.forPod('prod', 'api-7d9f8-x1').map(eventUid)).toEqual(whole.forPod('prod', 'api-7d9f8-x1').map(eventUid));
  });
});

describe("the table's index by object", () => {
  const ev = (uid: string, kind: string, namespace: string | undefined, name: string, reason: string, at: string): Event => ({
    metadata: { name: `${name}.${uid}`, namespace: namespace ?? 'default', uid, resourceVersion: uid.replace(/\D/g, '') || '1' },
    involvedObject: { kind, namespace, name, uid: `${kind}-${name}` },
    reason,
    type: 'Normal',
    count: 1,
    lastTimestamp: at,
  });
  it('finds the events of any kind (a cluster-scoped one under namespace ""), each object apart from same-named others', () => {
    const t = new EventTable();
    t.apply([
      {
        type: 'RESET',
        objects: [
          ev('e1', 'Deployment', 'shop', 'web', 'ScalingReplicaSet', '2026-12-06T10:00:01Z'),
          ev('e2', 'ReplicaSet', 'shop', 'web', 'SuccessfulCreate', '2026-12-06T10:00:02Z'),
          ev('e3', 'Pod', 'shop', 'web', 'Scheduled', '2026-12-06T10:00:03Z'),
          ev('e4', 'Node', undefined, 'node-1', 'NodeNotReady', '2026-12-06T10:00:04Z'),
          ev('e5', 'Deployment', 'shop', 'web', 'ScalingReplicaSet', '2026-12-06T10:00:05Z'),
        ],
      },
    ]);
    expect(t.forObject('Deployment', 'shop', 'web').map(eventUid)).toEqual(['e1', 'e5']);
    expect(t.forObject('Deployment', 'shop', 'web', 'Deployment-web').map(eventUid)).toEqual(['e1', 'e5']);
    expect(t.forObject('Deployment', 'shop', 'web', 'another-uid')).toEqual([]);
    expect(t.forObject('ReplicaSet', 'shop', 'web').map(eventUid)).toEqual(['e2']);
    expect(t.forPod('shop', 'web').map(eventUid)).toEqual(['e3']);
    expect(t.forObject('Node', '', 'node-1').map(eventUid)).toEqual(['e4']);
    t.apply([{ type: 'DELETED', object: ev('e1', 'Deployment', 'shop', 'web', 'ScalingReplicaSet', '2026-12-06T10:00:01Z') }]);
    expect(t.forObject('Deployment', 'shop', 'web').map(eventUid)).toEqual(['e5']);
  });
});
