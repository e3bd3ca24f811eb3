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

/** The newest time an event happened (its series', its last, its own, its first, its creation), in ms; 0 without one. */
export function eventTimeMs(ev: Event): number {
  const t = ev.series?.lastObservedTime ?? ev.lastTimestamp ?? ev.eventTime ?? ev.firstTimestamp ?? ev.metadata?.creationTimestamp;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

/** What few events carry (the kubelet's and the scheduler's core/v1 events have none of it): one slot for all of it. */
interface Rare {
  action: Event['action'];
  eventTime: Event['eventTime'];
  series: Event['series'];
  reportingComponent: Event['reportingComponent'];
  reportingInstance: Event['reportingInstance'];
}

/**
 * A kept event: every kept field in one object of one shape (a class, so V8 gives each instance
 * room for all of them in the object itself; fields added one by one to a literal would go to a
 * second, growing array), undefined where the event has none. The rare fields share one slot
 * (read through getters), and the event table's order key lives here too (private: no reader
 * or copy sees it), so the table needs no record of its own per event.
 */
class KeptEvent {
  readonly metadata: Meta;
  readonly involvedObject: Involved;
  readonly reason: Event['reason'];
  readonly message: Event['message'];
  readonly type: Event['type'];
  readonly count: Event['count'];
  readonly firstTimestamp: Event['firstTimestamp'];
  readonly lastTimestamp: Event['lastTimestamp'];
  readonly source: Event['source'];
  readonly #rare: Rare | undefined;
  readonly #timeMs: number;
  readonly #rv: number;
  #search: string | undefined;

  constructor(ev: Event, interner: Interner, involved: Involved) {
    const m: Meta = ev.metadata ?? {};
    this.metadata = { name: m.name, namespace: str(interner, m.namespace), uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: str(interner, m.creationTimestamp) };
    this.involvedObject = involved;
    this.reason = str(interner, ev.reason);
    const message = ev.message;
    this.message = typeof message === 'string' && involved?.name && message.includes(involved.name) ? message : str(interner, message);
    this.type = str(interner, ev.type);
    this.count = ev.count;
    this.firstTimestamp = str(interner, ev.firstTimestamp);
    this.lastTimestamp = str(interner, ev.lastTimestamp);
    const source = ev.source;
    this.source = source ? interner.node({ component: str(interner, source.component), host: str(interner, source.host) }) : undefined;
    const rare: Rare = {
      action: str(interner, ev.action),
      eventTime: str(interner, ev.eventTime),
      series: ev.series ? { count: ev.series.count, lastObservedTime: str(interner, ev.series.lastObservedTime) } : undefined,
      reportingComponent: source?.component ? undefined : str(interner, ev.reportingComponent),
      reportingInstance: source?.host ? undefined : str(interner, ev.reportingInstance),
    };
    this.#rare = rare.action == null && rare.eventTime == null && rare.series === undefined && rare.reportingComponent == null && rare.reportingInstance == null ? undefined : rare;
    this.#timeMs = eventTimeMs(this);
    this.#rv = Number(m.resourceVersion ?? 0) || 0;
  }

  get action(): Event['action'] {
    return this.#rare?.action;
  }
  get eventTime(): Event['eventTime'] {
    return this.#rare?.eventTime;
  }
  get series(): Event['series'] {
    return this.#rare?.series;
  }
  get reportingComponent(): Event['reportingComponent'] {
    return this.#rare?.reportingComponent;
  }
  get reportingInstance(): Event['reportingInstance'] {
    return this.#rare?.reportingInstance;
  }

  static timeMs(ev: KeptEvent): number {
    return ev.#timeMs;
  }
  static rv(ev: KeptEvent): number {
    return ev.#rv;
  }
  static search(ev: KeptEvent, make: (ev: Event) => string): string {
    return (ev.#search ??= make(ev));
  }
}

/** An event projectEvent made, as the event table holds it (its order key and filter text with it). */
export type Kept = KeptEvent;

/** When a kept event happened (eventTimeMs), worked out once when it was kept. */
export function keptTimeMs(ev: Kept): number {
  return KeptEvent.timeMs(ev);
}

/** A kept event's resourceVersion as a number (0 when it is not one): ties in time go in write order. */
export function keptRv(ev: Kept): number {
  return KeptEvent.rv(ev);
}

/** A kept event's filter text: made by `make` the first time a filter reads it, then kept with it. */
export function keptSearchText(ev: Kept, make: (ev: Event) => string): string {
  return KeptEvent.search(ev, make);
}

/**
 * The event as the table keeps it: the same type, with only the kept fields. Every reader reads
 * `source.component || reportingComponent` and `source.host || reportingInstance`, so a
 * reporting field the source already answers for is not kept (the kubelet sets both).
 * `involved`: the kept involvedObject of an event about the same object, when the caller holds
 * one (a pod's events name the same container four times; a table keyed by pod finds it
 * cheaply, where a global table of them would cost more than the copies it saves).
 */
/** True for an event projectEvent made (projecting it again would give the same). */
export function isKeptEvent(ev: Event): ev is Kept {
  return ev instanceof KeptEvent;
}

export function projectEvent(ev: Event, interner: Interner, involved?: (io: Involved) => Involved | undefined): Kept {
  const io = ev.involvedObject as Involved | undefined;
  return new KeptEvent(ev, interner, (io ? (involved?.(io) ?? projectInvolved(io, interner)) : undefined) as Involved);
}
