// The events view's actions: open the event under the cursor whole, and jump to the pod it is
// about. Functions over the part of the app they need (EventHost, which AppState is).
import type { Event } from '../kube/types.js';
import type { EventTable } from './eventTable.js';
import { eventUid } from './eventTable.js';
import type { PodTable } from './podTable.js';
import type { ScrollOffset } from './scrollOffset.js';
import type { StatusLine, ViewId } from './viewTypes.js';

/** What the event actions read and change: the app, seen from the events view. */
export interface EventHost {
  readonly events: EventTable;
  readonly pods: PodTable;
  readonly view: ViewId;
  readonly eventScroll: ScrollOffset;
  focusEventUid: string | undefined;
  focusEventLast: Event | undefined;
  setStatus(text: string, level?: StatusLine['level']): void;
  push(view: ViewId): void;
  openPodByUid(uid: string): boolean;
}

/** The event the detail view shows: the live one while the cache holds it, else its last state. */
export function focusedEvent(app: Pick<EventHost, 'events' | 'focusEventUid' | 'focusEventLast'>): Event | undefined {
  if (app.focusEventUid === undefined) return undefined;
  return app.events.get(app.focusEventUid) ?? app.focusEventLast;
}

/** Enter in the events view: the whole event under the cursor. */
export function openEvent(app: EventHost): void {
  const ev = app.events.selected();
  if (!ev) return app.setStatus('no event to open');
  app.focusEventUid = eventUid(ev);
  app.focusEventLast = ev;
  app.eventScroll.reset();
  app.push('event');
}

/** `o`: the pod the event (under the cursor, or open) is about, in the pod view. */
export function openEventPod(app: EventHost): void {
  const ev = app.view === 'event' ? focusedEvent(app) : app.events.selected();
  if (!ev) return app.setStatus('no event selected');
  const io = ev.involvedObject ?? {};
  if (io.kind !== 'Pod') return app.setStatus(`this event is about ${io.kind ? `a ${io.kind}` : 'no object'}, not a pod`, 'warning');
  const ref = `${io.namespace ?? ev.metadata?.namespace ?? ''}/${io.name ?? ''}`;
  const uid = io.uid ?? podUidByName(app.pods, io.namespace ?? ev.metadata?.namespace, io.name);
  if (uid === undefined || !app.openPodByUid(uid)) {
    app.setStatus(`pod ${ref} is not in this list (deleted, or outside the namespace shown)`, 'warning');
  }
}

/** Events written without the pod's uid (rare: the kubelet and scheduler always set it). */
function podUidByName(pods: PodTable, namespace: string | undefined, name: string | undefined): string | undefined {
  for (const e of pods.all()) {
    if (e.pod.metadata?.name === name && e.pod.metadata?.namespace === namespace) return e.uid;
  }
  return undefined;
}
