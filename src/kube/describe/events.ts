// The "Events:" section of kubectl describe (DescribeEvents, kubectl 1.33).
import { since } from '../duration.js';
import type { Event } from '../types.js';
import { goSort } from './goSort.js';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './prefixWriter.js';

/** metav1.Time of an optional wire timestamp; unset sorts as Go's zero time (year 1). */
function lastTimestampMs(e: Event): number {
  const t = e.lastTimestamp ? Date.parse(e.lastTimestamp) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

/** Go's sort.Sort by lastTimestamp (kubectl pkg/util/event SortableEvents), ties placed as Go places them. */
export function sortEvents(events: readonly Event[]): Event[] {
  const keyed = events.map((e) => ({ e, t: lastTimestampMs(e) }));
  goSort(keyed, (a, b) => a.t < b.t);
  return keyed.map((k) => k.e);
}

/** The Age cell: "<first>" or "<last> (xN over <first>)". */
export function eventAge(e: Event, nowMs: number): string {
  const first = e.eventTime ? since(e.eventTime, nowMs) : since(e.firstTimestamp, nowMs);
  if (e.series) {
    return `${since(e.series.lastObservedTime, nowMs)} (x${e.series.count ?? 0} over ${first})`;
  }
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, nowMs)} (x${e.count} over ${first})`;
  return first;
}

export function writeEvents(w: PrefixWriter, events: readonly Event[], nowMs: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sortEvents(events)) {
    const from = e.source?.component || e.reportingComponent || '';
    w.write(
      LEVEL_1,
      `${e.type ?? ''}\t${e.reason ?? ''}\t${eventAge(e, nowMs)}\t${from}\t${(e.message ?? '').trim()}\n`,
    );
  }
}

/** The Events section on its own, exactly as describe ends with it. */
export function describeEvents(events: Event[], nowMs: number): string {
  const w = new PrefixWriter();
  writeEvents(w, events, nowMs);
  return w.toString();
}
