// A pod's events on its timeline: each occurrence the watch shows (a new event at its first
// time, a repeat — count bumped — at its last time), with the event's own timestamps. A
// `Killing` event brings the derived stop steps after it (stopSteps.ts).
import type { Event, Pod } from '../../kube/types.js';
import { containerOfFieldPath, stopDrafts } from './stopSteps.js';
import { timeOf, type TimelineDraft } from './types.js';

/** The scheduler's `Scheduled` event says what the pod's own line says (`Scheduled to NODE`): left out. */
const SAID_BY_THE_POD = new Set(['Scheduled']);

export function eventCount(ev: Event): number {
  return ev.series?.count ?? ev.count ?? 1;
}

function firstMs(ev: Event): number | undefined {
  return timeOf(ev.firstTimestamp ?? ev.eventTime ?? ev.metadata?.creationTimestamp);
}

/** When the event last happened (undefined when it says no time). */
export function lastMs(ev: Event): number | undefined {
  return timeOf(ev.series?.lastObservedTime ?? ev.lastTimestamp ?? ev.eventTime ?? ev.firstTimestamp);
}

function words(ev: Event, count: number): string {
  const container = containerOfFieldPath(ev.involvedObject?.fieldPath);
  const times = count > 1 ? ` (×${count})` : '';
  return `${container ? `${container}: ` : ''}${ev.reason ?? ''}${times} ${(ev.message ?? '').trim()}`.trimEnd();
}

/**
 * The occurrences of `ev` not yet on the timeline, given the count already recorded (0: none).
 * `pod` is the pod as last seen (the stop steps read its spec and grace).
 */
export function eventDrafts(ev: Event, recordedCount: number, seenMs: number, pod: Pod | undefined): TimelineDraft[] {
  if (SAID_BY_THE_POD.has(ev.reason ?? '')) return [];
  const count = eventCount(ev);
  if (count <= recordedCount) return [];
  const level = ev.type === 'Warning' ? 'warning' : 'normal';
  const out: TimelineDraft[] = [];
  const first = firstMs(ev);
  const last = lastMs(ev) ?? first;
  if (recordedCount === 0) out.push({ atMs: first ?? seenMs, exact: first !== undefined, kind: 'event', text: words(ev, 1), level });
  if (count > 1 && count > recordedCount) out.push({ atMs: last ?? seenMs, exact: last !== undefined, kind: 'event', text: words(ev, count), level });
  if (ev.reason === 'Killing' && ev.involvedObject?.kind === 'Pod') {
    const container = containerOfFieldPath(ev.involvedObject.fieldPath);
    const at = count > 1 ? last : first;
    if (container && at !== undefined) out.push(...stopDrafts(pod, container, at));
  }
  return out;
}
