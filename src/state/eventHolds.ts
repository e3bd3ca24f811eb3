// Which objects' whole event lists are held, from which views are open (the frame calls
// sync()): the focused pod while the pod view, describe or the timeline shows it; each
// resource describe on the stack. Each is LISTed once when first held (as kubectl describe
// does), again after the events watch relisted, and let go when its last view closes. The
// events view puts the store in full mode while it is open, with one LIST to fill it.
import { errorText } from '../kube/errorText.js';
import { subjectEventsQuery, subjectKey, type EventSubject } from '../kube/eventSubject.js';
import type { ClusterSource } from '../source/types.js';
import type { EventTable } from './eventTable.js';

export interface EventHoldsHost {
  readonly source: ClusterSource;
  readonly events: EventTable;
  readonly namespace: string | undefined;
  /** Counts a request in the app's idleness until it settles. */
  track(p: Promise<unknown>): void;
  /** Something on screen changed (a list arrived). */
  changed(): void;
  setStatus(text: string, level: 'error'): void;
}

/**
 * Resolves on the next macrotask: a hold starts as a key's frame opens a view, and a LIST's
 * request (on a new connection, a TLS handshake of ~10 ms) should not delay that frame.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class EventHolds {
  private readonly held = new Map<string, EventSubject>();
  private resetsSeen = 0;
  /** The fill LIST whose answer counts (a newer one, or leaving full mode, voids it). */
  private fillToken = 0;

  constructor(private readonly host: EventHoldsHost) {}

  /** Holds `wanted` (and nothing else); `full`: the events view is open. O(subjects) a frame. */
  sync(wanted: readonly EventSubject[], full: boolean): void {
    const events = this.host.events;
    const relisted = events.resets !== this.resetsSeen;
    this.resetsSeen = events.resets;
    const keys = new Map<string, EventSubject>();
    for (const s of wanted) keys.set(subjectKey(s), s);
    for (const [key, s] of this.held) {
      if (keys.has(key)) continue;
      this.held.delete(key);
      events.subjects.release(s);
    }
    for (const [key, s] of keys) {
      if (this.held.has(key)) {
        // The watch started over: what was deleted meanwhile is known only to a new LIST.
        if (relisted) this.fetch(s);
        continue;
      }
      this.held.set(key, s);
      if (events.subjects.hold(s)) this.fetch(s);
    }
    if (full && !events.full) this.startFill();
    else if (!full && events.full) {
      this.fillToken++;
      events.abandonFill();
      events.setFull(false);
    }
  }

  private fetch(s: EventSubject): void {
    const { events, source } = this.host;
    const token = events.subjects.beginFetch(s);
    this.host.track(
      nextTurn()
        .then(() => source.listEvents(subjectEventsQuery(s)))
        .then(
          (list) => {
            events.subjects.completeFetch(s, token, list.map(events.keep));
            this.host.changed();
          },
          (err: unknown) => {
            events.subjects.failFetch(s, token, errorText(err));
            this.host.changed();
          },
        ),
    );
  }

  /** Every event in scope from now on, and one LIST for those the bounded store let go. */
  private startFill(): void {
    const { events, source } = this.host;
    events.setFull(true);
    events.beginFill();
    const token = ++this.fillToken;
    const namespace = this.host.namespace;
    const resets = events.resets;
    this.host.track(
      nextTurn()
        // Left (or started over) before its turn came: no LIST.
        .then(() => (token === this.fillToken ? source.listEvents({ namespace }) : undefined))
        .then(
          (list) => {
            // A relist while it was on its way brought every event already (the store was full).
            if (token !== this.fillToken || list === undefined) return;
            if (!events.full || namespace !== this.host.namespace || resets !== events.resets) return events.abandonFill();
            events.fill(list);
            this.host.changed();
          },
          (err: unknown) => {
            if (token !== this.fillToken) return;
            events.abandonFill();
            this.host.setStatus(`cannot list every event (the view shows the Warnings, the newest events and what arrives): ${errorText(err)}`, 'error');
          },
        ),
    );
  }
}
