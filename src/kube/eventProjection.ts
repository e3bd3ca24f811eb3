// What the event table keeps of each Event: the fields its readers use (the events view's
// columns and filter, the event view, describe's Events section, the pod view's pane, the WHY
// column's diagnosis, the timeline) and nothing else — no managedFields, apiVersion/kind,
// involvedObject's apiVersion and resourceVersion, `related`, or anything a newer server adds.
// What events share is interned: the reporting source (one per node), namespaces, reasons,
// timestamps of the same second, and messages that do not
// name the object (`Started container app`, `Pulling image "nginx:1.27"`); a message that
// names it (`Successfully assigned ns/pod to node`) is the event's own and is not looked up.
import type { Interner } from './interner.js';
import type { Event } from './types.js';

type Meta = NonNullable<Event['metadata']>;
type Involved = NonNullable<Event['involvedObject']>;

/** The fields kept, by path (the projection test checks every reader reads only these). */
export const EVENT_PROJECTION_FIELDS: readonly string[] = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'metadata.resourceVersion',
  'metadata.creationTimestamp',
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.fieldPath',
  'reason',
  'message',
  'type',
  'count',
  'action',
  'firstTimestamp',
  'lastTimestamp',
  'eventTime',
  'series.count',
  'series.lastObservedTime',
  'source.component',
  'source.host',
  'reportingComponent',
  'reportingInstance',
];

function str<T extends string | null | undefined>(interner: Interner, s: T): T {
  return (typeof s === 'string' ? interner.string(s) : s) as T;
}

/** The kept part of the object an event is about. */
export function projectInvolved(io: Involved, interner: Interner): Involved {
  return { kind: str(interner, io.kind), namespace: str(interner, io.namespace), name: io.name, uid: io.uid, fieldPath: str(interner, io.fieldPath) };
}

/** True when two kept involvedObjects name the same object (and field): one can stand for both. */
export function sameInvolved(a: Involved, b: Involved): boolean {
  return a.uid === b.uid && a.name === b.name && a.fieldPath === b.fieldPath && a.kind === b.kind && a.namespace === b.namespace;
}

/**
 * The event as the table keeps it: the same type, with only the kept fields, and of those only
 * the ones the event has (each field costs a slot in every event that carries it). Every reader
 * reads `source.component || reportingComponent` and `source.host || reportingInstance`, so a
 * reporting field the source already answers for is not kept (the kubelet sets both).
 * `involved`: the kept involvedObject of an event about the same object, when the caller holds
 * one (a pod's events name the same container four times; a table keyed by pod finds it
 * cheaply, where a global table of them would cost more than the copies it saves).
 */
export function projectEvent(ev: Event, interner: Interner, involved?: (io: Involved) => Involved | undefined): Event {
  const m: Meta = ev.metadata ?? {};
  const meta: Meta = { name: m.name, namespace: str(interner, m.namespace), uid: m.uid, resourceVersion: m.resourceVersion };
  if (m.creationTimestamp !== undefined) meta.creationTimestamp = str(interner, m.creationTimestamp);
  const io = ev.involvedObject as Involved | undefined;
  const out = { metadata: meta, involvedObject: (io ? (involved?.(io) ?? projectInvolved(io, interner)) : undefined) as Involved } as Event;
  if (ev.reason != null) out.reason = str(interner, ev.reason);
  const message = ev.message;
  if (message != null) out.message = io?.name && message.includes(io.name) ? message : str(interner, message);
  if (ev.type != null) out.type = str(interner, ev.type);
  if (ev.count != null) out.count = ev.count;
  if (ev.action != null) out.action = str(interner, ev.action);
  if (ev.firstTimestamp != null) out.firstTimestamp = str(interner, ev.firstTimestamp);
  if (ev.lastTimestamp != null) out.lastTimestamp = str(interner, ev.lastTimestamp);
  if (ev.eventTime != null) out.eventTime = str(interner, ev.eventTime);
  if (ev.series) out.series = { count: ev.series.count, lastObservedTime: str(interner, ev.series.lastObservedTime) };
  const source = ev.source;
  if (source) out.source = interner.node({ component: str(interner, source.component), host: str(interner, source.host) });
  if (ev.reportingComponent != null && !source?.component) out.reportingComponent = str(interner, ev.reportingComponent);
  if (ev.reportingInstance != null && !source?.host) out.reportingInstance = str(interner, ev.reportingInstance);
  return out;
}
