// client-go's EventCorrelator (tools/record/events_cache.go) for core/v1 Events, in the
// order it applies them: spam filter, then aggregation of similar events, then counting
// of identical ones.
import { rfc3339 } from '../../kube/duration.js';
import type { Event } from '../../kube/types.js';
import type { EventNamer } from './eventNames.js';
import { LruMap } from './lru.js';
import { TokenBucket } from './tokenBucket.js';

const CACHE_ENTRIES = 4096;
/** An aggregate event replaces the 10th distinct message within the interval. */
export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 600_000;
export const SPAM_BURST = 25;
export const SPAM_REFILL_MS = 300_000;
export const AGGREGATE_MESSAGE_PREFIX = '(combined from similar events): ';

export type CorrelateResult =
  | { skip: true }
  | { skip: false; event: Event; /** true: the event exists already; update count/lastTimestamp/message. */ update: boolean };

interface AggregateRecord {
  localKeys: Set<string>;
  lastMs: number;
}

interface Observation {
  count: number;
  firstTimestamp: string | undefined;
  name: string;
}

function join(parts: (string | undefined)[]): string {
  return parts.map((p) => p ?? '').join('\u0000');
}

/** getEventKey: everything but the timestamps identifies an identical event. */
function eventKey(e: Event): string {
  const o = e.involvedObject;
  return join([e.source?.component, e.source?.host, o.kind, o.namespace, o.name, o.fieldPath, o.uid, o.apiVersion, e.type, e.reason, e.message]);
}

/** getSpamKey: source and involved object (no fieldPath, type or reason). */
function spamKey(e: Event): string {
  const o = e.involvedObject;
  return join([e.source?.component, e.source?.host, o.kind, o.namespace, o.name, o.uid, o.apiVersion]);
}

/** EventAggregatorByReasonFunc: similar events differ only in message (and fieldPath). */
function aggregateKey(e: Event): string {
  const o = e.involvedObject;
  return join([e.source?.component, e.source?.host, o.kind, o.namespace, o.name, o.uid, o.apiVersion, e.type, e.reason, e.reportingComponent, e.reportingInstance]);
}

export class EventCorrelator {
  private readonly spam = new LruMap<string, TokenBucket>(CACHE_ENTRIES);
  private readonly aggregates = new LruMap<string, AggregateRecord>(CACHE_ENTRIES);
  private readonly observations = new LruMap<string, Observation>(CACHE_ENTRIES);

  constructor(private readonly namer: EventNamer) {}

  correlate(input: Event, now: number): CorrelateResult {
    if (this.isSpam(input, now)) return { skip: true };
    const { event, key } = this.aggregate(input, now);
    return this.observe(event, key);
  }

  private isSpam(e: Event, now: number): boolean {
    const key = spamKey(e);
    let bucket = this.spam.get(key);
    if (!bucket) {
      bucket = new TokenBucket(SPAM_BURST, SPAM_REFILL_MS, now);
      this.spam.set(key, bucket);
    }
    return !bucket.tryTake(now);
  }

  private aggregate(e: Event, now: number): { event: Event; key: string } {
    const key = aggregateKey(e);
    let record = this.aggregates.get(key);
    if (!record || now - record.lastMs > AGGREGATE_INTERVAL_MS) record = { localKeys: new Set(), lastMs: now };
    record.localKeys.add(e.message ?? '');
    record.lastMs = now;
    this.aggregates.set(key, record);
    if (record.localKeys.size < AGGREGATE_MAX_EVENTS) return { event: e, key: eventKey(e) };
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
    return { skip: false, event, update: last !== undefined && last.count > 0 };
  }
}
