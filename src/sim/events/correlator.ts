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

/** One event counted by `see`, to be written (`resolve`) or dropped. */
export interface Sighting {
  /** The aggregate event's name nanosecond (see EventNamer.reserve), when the event was aggregated. */
  aggregatedSeq: number | undefined;
  /** The observation it was counted in; `repeat`: it was there before (count > 1 now). */
  observation: Observation;
  repeat: boolean;
}

/** The draft as `see` needs it before it is built: its name's nanosecond and its involved object's name. */
export interface DraftName {
  seq: number;
  involvedName: string;
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
export function eventKey(aggregate: string, fieldPath: string, message: string): string {
  return aggregate + SEP + fieldPath + SEP + message;
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
  correlate(input: Event, now: number, aggregate: string, draftSeq: number): CorrelateResult {
    const seen = this.see(now, aggregate, input.involvedObject.fieldPath ?? '', input.message ?? '', { seq: draftSeq, involvedName: input.involvedObject.name ?? '' });
    return this.resolve(seen, input, now);
  }

  /**
   * The counting half of `correlate`, from the fields it reads, without the Event: the caller
   * builds that only if the spam filter lets it through (`resolve`), as most repeats of a
   * crash loop are dropped. `key`, when the caller keeps it, is getEventKey's text for
   * `aggregate`, this fieldPath and this message.
   */
  see(now: number, aggregate: string, fieldPath: string, message: string, draft: DraftName, key?: string): Sighting {
    let record = this.aggregates.get(aggregate);
    if (!record || now - record.lastMs > AGGREGATE_INTERVAL_MS) record = { localKeys: new Set(), lastMs: now };
    record.localKeys.add(message);
    record.lastMs = now;
    this.aggregates.set(aggregate, record);
    if (record.localKeys.size < AGGREGATE_MAX_EVENTS) {
      return this.count(key ?? eventKey(aggregate, fieldPath, message), undefined, draft.involvedName, draft.seq, now);
    }
    // Keep the set at most max-1 large (Go pops an arbitrary member; we pop the oldest).
    const oldest = record.localKeys.values().next();
    if (!oldest.done) record.localKeys.delete(oldest.value);
    // The aggregate event is made after the draft, so its name takes the next nanosecond.
    const seq = this.namer.reserve(now);
    return this.count(aggregate, seq, draft.involvedName, seq, now);
  }

  /** observe's bookkeeping: a repeat bumps the remembered count; a first sighting remembers its event's name and time. */
  private count(key: string, aggregatedSeq: number | undefined, involvedName: string, nameSeq: number, now: number): Sighting {
    const last = this.observations.get(key);
    if (last && last.count > 0) {
      last.count++;
      return { aggregatedSeq, observation: last, repeat: true };
    }
    const observation: Observation = { count: 1, firstTimestamp: rfc3339(now), name: this.namer.format(involvedName, now, nameSeq) };
    this.observations.set(key, observation);
    return { aggregatedSeq, observation, repeat: false };
  }

  /** The Event a sighting writes, from its draft: aggregated, or carrying the remembered name, first time and count. */
  resolve(seen: Sighting, e: Event, now: number): CorrelateResult {
    let event = e;
    if (seen.aggregatedSeq !== undefined) {
      const ts = rfc3339(now);
      event = {
        metadata: { name: seen.observation.name, namespace: e.metadata?.namespace },
        involvedObject: e.involvedObject,
        reason: e.reason,
        message: AGGREGATE_MESSAGE_PREFIX + (e.message ?? ''),
        source: e.source,
        firstTimestamp: ts,
        lastTimestamp: ts,
        count: 1,
        type: e.type,
      };
    }
    if (!seen.repeat) return { event, update: false };
    const o = seen.observation;
    return { event: { ...event, metadata: { ...event.metadata, name: o.name }, firstTimestamp: o.firstTimestamp, count: o.count }, update: true };
  }
}
