// client-go's EventCorrelator (tools/record/events_cache.go) for core/v1 Events, in the
// order EventCorrelate applies them: aggregation of similar events, counting of identical
// ones, then the spam filter (so a dropped event is still counted).
import { rfc3339 } from '../../kube/duration.js';
import type { Event } from '../../kube/types.js';
import type { EventNamer } from './eventNames.js';
import { LruMap } from './lru.js';
import type { ObjectReference } from './objectReference.js';
import { TokenBucket } from './tokenBucket.js';

const CACHE_ENTRIES = 4096;
/** An aggregate event replaces the 10th distinct message within the interval. */
export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 600_000;
export const SPAM_BURST = 25;
export const SPAM_REFILL_MS = 300_000;
export const AGGREGATE_MESSAGE_PREFIX = '(combined from similar events): ';

export interface CorrelateResult {
  event: Event;
  /** true: the event exists already; update count/lastTimestamp/message. */
  update: boolean;
}

interface AggregateRecord {
  localKeys: Set<string>;
  lastMs: number;
}

interface Observation {
  count: number;
  firstTimestamp: string | undefined;
  name: string;
}

const SEP = '\u0000';

/** The involved object's identity as the spam and aggregate keys read it. */
export type InvolvedIdentity = Pick<ObjectReference, 'kind' | 'namespace' | 'name' | 'uid' | 'apiVersion'>;

/** getSpamKey: source and involved object (no fieldPath, type or reason). */
export function spamKey(component: string | undefined, host: string | undefined, o: InvolvedIdentity): string {
  return (
    (component ?? '') + SEP + (host ?? '') + SEP + (o.kind ?? '') + SEP + (o.namespace ?? '') + SEP + (o.name ?? '') + SEP +
    (o.uid ?? '') + SEP + (o.apiVersion ?? '')
  );
}

/**
 * EventAggregatorByReasonFunc: similar events differ only in message (and fieldPath).
 * `spam` is the event's spamKey; the rest are the event's own fields.
 */
export function aggregateKey(spam: string, type: string, reason: string, reportingComponent: string, reportingInstance: string): string {
  return spam + SEP + type + SEP + reason + SEP + reportingComponent + SEP + reportingInstance;
}

/**
 * getEventKey: everything but the timestamps identifies an identical event. The aggregate
 * key holds every field of Go's event key but fieldPath and message (and only fields that
 * follow from those), so it is extended instead of building the whole key again. Having
 * two more fields, it never equals an aggregate key.
 */
function eventKey(aggregate: string, e: Event): string {
  return aggregate + SEP + (e.involvedObject.fieldPath ?? '') + SEP + (e.message ?? '');
}

/**
 * Used in two steps, as EventCorrelate orders them: `correlate` (aggregation and counting,
 * for every event), then `admit` (the spam filter decides whether it is written).
 */
export class EventCorrelator {
  private readonly spam = new LruMap<string, TokenBucket>(CACHE_ENTRIES);
  private readonly aggregates = new LruMap<string, AggregateRecord>(CACHE_ENTRIES);
  private readonly observations = new LruMap<string, Observation>(CACHE_ENTRIES);

  constructor(private readonly namer: EventNamer) {}

  /** The spam filter: false when the source/object pair (see `spamKey`) has no token left. */
  admit(key: string, now: number): boolean {
    let bucket = this.spam.get(key);
    if (!bucket) {
      bucket = new TokenBucket(SPAM_BURST, SPAM_REFILL_MS, now);
      this.spam.set(key, bucket);
    }
    return bucket.tryTake(now);
  }

  /** Aggregation and counting of every event, written or not; `aggregate` is its aggregateKey. */
  correlate(input: Event, now: number, aggregate: string): CorrelateResult {
    const { event, key } = this.aggregate(input, now, aggregate);
    return this.observe(event, key);
  }

  private aggregate(e: Event, now: number, key: string): { event: Event; key: string } {
    let record = this.aggregates.get(key);
    if (!record || now - record.lastMs > AGGREGATE_INTERVAL_MS) record = { localKeys: new Set(), lastMs: now };
    record.localKeys.add(e.message ?? '');
    record.lastMs = now;
    this.aggregates.set(key, record);
    if (record.localKeys.size < AGGREGATE_MAX_EVENTS) return { event: e, key: eventKey(key, e) };
    // Keep the set at most max-1 large (Go pops an arbitrary member; we pop the oldest).
    const oldest = record.localKeys.values().next();
    if (!oldest.done) record.localKeys.delete(oldest.value);
    const ts = rfc3339(now);
    const aggregated: Event = {
      metadata: { name: this.namer.name(e.involvedObject.name ?? '', now), namespace: e.metadata?.namespace },
      involvedObject: e.involvedObject,
      reason: e.reason,
      message: AGGREGATE_MESSAGE_PREFIX + (e.message ?? ''),
      source: e.source,
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type: e.type,
    };
    return { event: aggregated, key };
  }

  private observe(e: Event, key: string): CorrelateResult {
    const last = this.observations.get(key);
    let event = e;
    if (last && last.count > 0) {
      event = {
        ...e,
        metadata: { ...e.metadata, name: last.name },
        firstTimestamp: last.firstTimestamp,
        count: last.count + 1,
      };
    }
    this.observations.set(key, {
      count: event.count ?? 0,
      firstTimestamp: event.firstTimestamp,
      name: event.metadata?.name ?? '',
    });
    return { event, update: last !== undefined && last.count > 0 };
  }
}
