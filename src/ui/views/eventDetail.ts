// Enter on an event: the whole of it, message unabridged and wrapped to the terminal.
import { since } from '../../kube/duration.js';
import { eventCount, eventSource } from '../../kube/eventColumns.js';
import type { Event } from '../../kube/types.js';
import { wrapLines } from '../text.js';

const LABEL = 13;

/** A timestamp as the API wrote it, and how long ago that is. */
function when(timestamp: string | undefined, nowMs: number): string {
  return timestamp ? `${timestamp} (${since(timestamp, nowMs)} ago)` : '<unset>';
}

export function eventDetailLines(ev: Event, nowMs: number, width: number, expired: boolean): string[] {
  const io = ev.involvedObject ?? {};
  const field = (label: string, value: string): string => `${`${label}:`.padEnd(LABEL)}${value}`;
  const first = ev.eventTime ?? ev.firstTimestamp;
  const last = ev.series?.lastObservedTime ?? ev.lastTimestamp ?? first;
  const lines = [
    field('Name', `${ev.metadata?.name ?? ''}${expired ? '  (expired: no longer in the cluster)' : ''}`),
    field('Namespace', ev.metadata?.namespace ?? ''),
    field('Type', ev.type ?? ''),
    field('Reason', ev.reason ?? ''),
    field('Object', `${io.kind ?? ''}/${io.name ?? ''}${io.uid ? `  uid ${io.uid}` : ''}`),
    ...(io.fieldPath ? [field('Field path', io.fieldPath)] : []),
    field('Source', eventSource(ev) || '<none>'),
    field('First seen', when(first, nowMs)),
    field('Last seen', when(last, nowMs)),
    field('Count', String(eventCount(ev))),
    ...(ev.action ? [field('Action', ev.action)] : []),
    'Message:',
    ...(ev.message ?? '').trim().split('\n').map((l) => `  ${l}`),
  ];
  return wrapLines(lines, width, 2);
}
