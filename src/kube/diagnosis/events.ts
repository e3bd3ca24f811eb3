// Reading events as evidence: when, how often, about which container.
import type { Event } from '../types.js';

/** The last time the event was seen (core/v1 lastTimestamp, a series' lastObservedTime, eventTime). */
export function lastSeen(e: Event): string | undefined {
  return e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp ?? undefined;
}

export function firstSeen(e: Event): string | undefined {
  return e.firstTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? lastSeen(e);
}

export function timeMs(ts: string | undefined): number {
  if (!ts) return NaN;
  return Date.parse(ts);
}

export function countOf(e: Event): number {
  return e.series?.count ?? e.count ?? 1;
}

const FIELD_PATH = /^spec\.(?:initContainers|containers|ephemeralContainers)\{(.+)\}$/;

/** The container an event is about (its involvedObject.fieldPath), if any. */
export function eventContainer(e: Event): string | undefined {
  const m = FIELD_PATH.exec(e.involvedObject?.fieldPath ?? '');
  return m?.[1];
}

/** Oldest first by last seen. */
export function byTime(events: readonly Event[]): Event[] {
  return [...events].sort((a, b) => (timeMs(lastSeen(a)) || 0) - (timeMs(lastSeen(b)) || 0));
}

/** The newest of the events that match. */
export function newest(events: readonly Event[], match: (e: Event) => boolean): Event | undefined {
  let best: Event | undefined;
  for (const e of events) {
    if (!match(e)) continue;
    if (!best || (timeMs(lastSeen(e)) || 0) >= (timeMs(lastSeen(best)) || 0)) best = e;
  }
  return best;
}

/** Counts and first/last times over the matching events (a correlated series counts as its count). */
export interface Tally {
  count: number;
  first?: string;
  last?: string;
  newest?: Event;
}

export function tally(events: readonly Event[], match: (e: Event) => boolean): Tally {
  const t: Tally = { count: 0 };
  for (const e of events) {
    if (!match(e)) continue;
    t.count += countOf(e);
    const f = firstSeen(e);
    const l = lastSeen(e);
    if (f && (!t.first || timeMs(f) < timeMs(t.first))) t.first = f;
    if (l && (!t.last || timeMs(l) >= timeMs(t.last))) {
      t.last = l;
      t.newest = e;
    }
  }
  return t;
}
