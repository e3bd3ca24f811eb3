// The whole event list of each object a view has open (describe, the pod view, the timeline,
// the focused pod's diagnosis): LISTed when the first view holds it, as kubectl describe asks
// for an object's events, then kept current from the background events watch, which sees every
// event even though the bounded store (eventTable.ts) keeps few. Let go when no view holds it.
import { keptRv, keptTimeMs, type Kept } from '../kube/eventProjection.js';
import { eventIsAbout, subjectKey, subjectObjectKey, type EventSubject } from '../kube/eventSubject.js';
import type { Event } from '../kube/types.js';

export type SubjectEventsPhase = 'loading' | 'ready' | 'error';

/** What a view shows of a held object's events. */
export interface SubjectEvents {
  /** loading: the first LIST is on its way (the events are not known yet, so none are shown). */
  phase: SubjectEventsPhase;
  /** Oldest first; empty while loading. Shared: readers do not change it. */
  events: Event[];
  /** Why the LIST failed (phase 'error'). */
  error?: string;
}

interface Held {
  subject: EventSubject;
  refs: number;
  phase: SubjectEventsPhase;
  error: string | undefined;
  items: Map<string, Kept>;
  /** While a LIST is on its way: what the watch did meanwhile, by uid (null: deleted). */
  during: Map<string, Kept | null> | undefined;
  /** The LIST whose answer counts (a newer one supersedes it). */
  fetch: number;
  sorted: Kept[] | undefined;
}

function uidOf(ev: Event): string {
  return ev.metadata?.uid ?? `${ev.metadata?.namespace ?? ''}/${ev.metadata?.name ?? ''}`;
}

function before(a: Kept, b: Kept): number {
  return keptTimeMs(a) - keptTimeMs(b) || keptRv(a) - keptRv(b);
}

/** The kind/namespace/name an event's involvedObject names (a Pod's namespace may be the event's own). */
function involvedObjectKey(ev: Event): string | undefined {
  const io = ev.involvedObject;
  if (!io?.kind || !io.name) return undefined;
  return subjectObjectKey(io.kind, io.kind === 'Pod' ? (io.namespace ?? ev.metadata?.namespace) : io.namespace, io.name);
}

export class SubjectEventLists {
  private readonly held = new Map<string, Held>();
  /** The holds by the kind/namespace/name their events name (a few each). */
  private readonly byObject = new Map<string, Held[]>();
  private fetches = 0;
  /** Bumped whenever what a held object's view shows may have changed. */
  version = 0;

  get size(): number {
    return this.held.size;
  }

  /** The subjects held now. */
  subjects(): EventSubject[] {
    return [...this.held.values()].map((h) => h.subject);
  }

  /** One more view holds the subject; true when it was not held (its LIST is to be sent: beginFetch). */
  hold(subject: EventSubject): boolean {
    const key = subjectKey(subject);
    const h = this.held.get(key);
    if (h) {
      h.refs++;
      return false;
    }
    const fresh: Held = { subject, refs: 1, phase: 'loading', error: undefined, items: new Map(), during: undefined, fetch: 0, sorted: undefined };
    this.held.set(key, fresh);
    const ok = subjectObjectKey(subject.kind, subject.namespace, subject.name);
    const list = this.byObject.get(ok);
    if (list) list.push(fresh);
    else this.byObject.set(ok, [fresh]);
    this.version++;
    return true;
  }

  /** One view less; the last one lets the events go. */
  release(subject: EventSubject): void {
    const key = subjectKey(subject);
    const h = this.held.get(key);
    if (!h || --h.refs > 0) return;
    this.held.delete(key);
    const ok = subjectObjectKey(subject.kind, subject.namespace, subject.name);
    const list = this.byObject.get(ok);
    if (list) {
      const i = list.indexOf(h);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.byObject.delete(ok);
    }
    this.version++;
  }

  /** A LIST for the subject is sent: the watch's changes from now on are noted to merge with its answer. Returns its token. */
  beginFetch(subject: EventSubject): number {
    const h = this.held.get(subjectKey(subject));
    if (!h) return 0;
    h.fetch = ++this.fetches;
    h.during = new Map();
    return h.fetch;
  }

  /**
   * The LIST answered: its events are the subject's, except what the watch changed since it
   * was sent (a newer version, a deletion) — a LIST's snapshot may be older than the watch.
   */
  completeFetch(subject: EventSubject, token: number, listed: readonly Kept[]): void {
    const h = this.held.get(subjectKey(subject));
    if (!h || h.fetch !== token) return;
    const items = new Map<string, Kept>();
    for (const ev of listed) if (eventIsAbout(ev, subject)) items.set(uidOf(ev), ev);
    for (const [uid, ev] of h.during ?? []) {
      const was = items.get(uid);
      if (ev === null) items.delete(uid);
      else if (!was || keptRv(ev) >= keptRv(was)) items.set(uid, ev);
    }
    h.items = items;
    h.during = undefined;
    h.phase = 'ready';
    h.error = undefined;
    h.sorted = undefined;
    this.version++;
  }

  failFetch(subject: EventSubject, token: number, message: string): void {
    const h = this.held.get(subjectKey(subject));
    if (!h || h.fetch !== token) return;
    h.during = undefined;
    h.phase = 'error';
    h.error = message;
    this.version++;
  }

  /** What the subject's views show; undefined when no view holds it. */
  get(subject: EventSubject): SubjectEvents | undefined {
    const h = this.held.get(subjectKey(subject));
    if (!h) return undefined;
    if (h.phase === 'loading') return { phase: 'loading', events: [] };
    h.sorted ??= [...h.items.values()].sort(before);
    return h.phase === 'error' ? { phase: 'error', events: h.sorted, error: h.error } : { phase: 'ready', events: h.sorted };
  }

  /** An event from the watch (added or changed): into the lists of the objects it is about. */
  put(ev: Kept): void {
    const holds = this.holdsOf(ev);
    if (!holds) return;
    const uid = uidOf(ev);
    for (const h of holds) {
      if (!eventIsAbout(ev, h.subject)) continue;
      const was = h.items.get(uid);
      if (was && keptRv(ev) < keptRv(was)) continue;
      h.items.set(uid, ev);
      h.during?.set(uid, ev);
      h.sorted = undefined;
      this.version++;
    }
  }

  /** An event the watch says is gone (deleted, expired). */
  remove(ev: Event): void {
    const holds = this.holdsOf(ev);
    if (!holds) return;
    const uid = uidOf(ev);
    for (const h of holds) {
      h.during?.set(uid, null);
      if (h.items.delete(uid)) {
        h.sorted = undefined;
        this.version++;
      }
    }
  }

  private holdsOf(ev: Event): Held[] | undefined {
    if (this.held.size === 0) return undefined;
    const key = involvedObjectKey(ev);
    return key === undefined ? undefined : this.byObject.get(key);
  }
}
