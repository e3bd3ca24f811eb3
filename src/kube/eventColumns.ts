// The columns of `kubectl get events`, as the apiserver's event printer fills them
// (k/k pkg/printers/internalversion/printers.go printEvent, wide variant).
import { since } from './duration.js';
import type { Event } from './types.js';

export interface EventRow {
  lastSeen: string;
  type: string;
  reason: string;
  object: string;
  subobject: string;
  source: string;
  message: string;
  firstSeen: string;
  count: string;
  name: string;
  namespace: string;
}

/** formatEventSource: component (or reportingComponent), then `, host` (or reportingInstance). */
export function eventSource(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

/** The number in the COUNT column: series.count, else count, else 1 for a singleton. */
export function eventCount(ev: Event): number {
  if (ev.series) return ev.series.count ?? 0;
  return ev.count ? ev.count : 1;
}

/** OBJECT: `kind/name` with the kind lower-cased, or the kind alone when unnamed. */
export function eventObject(ev: Event): string {
  const kind = (ev.involvedObject?.kind ?? '').toLowerCase();
  const name = ev.involvedObject?.name;
  return name ? `${kind}/${name}` : kind;
}

export function eventRow(ev: Event, nowMs: number): EventRow {
  const firstSeen = ev.firstTimestamp ? since(ev.firstTimestamp, nowMs) : since(ev.eventTime, nowMs);
  let lastSeen = ev.lastTimestamp ? since(ev.lastTimestamp, nowMs) : firstSeen;
  if (ev.series) lastSeen = since(ev.series.lastObservedTime, nowMs);
  return {
    lastSeen,
    type: ev.type ?? '',
    reason: ev.reason ?? '',
    object: eventObject(ev),
    subobject: ev.involvedObject?.fieldPath ?? '',
    source: eventSource(ev),
    message: (ev.message ?? '').trim(),
    firstSeen,
    count: String(eventCount(ev)),
    name: ev.metadata?.name ?? '',
    namespace: ev.metadata?.namespace ?? '',
  };
}
