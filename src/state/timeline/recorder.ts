// Records every watched pod's timeline from the deltas the app already receives: each pod
// delta is diffed against the pod's previous object (podDiff.ts), each event delta adds the
// occurrences not yet recorded (eventDrafts.ts). O(containers + conditions) per delta,
// nothing per tick. A pod costs nothing until something changes about it. Memory is
// bounded: a ring per pod and at most `maxPods` pods, the least recently changed going first — except the pods a view holds open (pinned), which are also
// kept after they are gone. A pod is only tracked once something happens to it; what
// happened before (a pod first seen already running) is reconstructed from its object the
// first time its timeline is read (seed.ts).
import type { Event, Pod } from '../../kube/types.js';
import type { DeltaBatch } from '../../source/types.js';
import { Interner } from '../../kube/interner.js';
import { EventCounts } from './eventCounts.js';
import { eventCount, eventDrafts, lastMs } from './eventDrafts.js';
import { diffPod } from './podDiff.js';
import { TimelineRing, TIMELINE_RING_ENTRIES } from './ring.js';
import { seedDrafts } from './seed.js';
import type { TimelineDraft, TimelineEntry } from './types.js';

/** Pods whose timelines are kept (the least recently changed go first, once a quarter more have come). */
export const TIMELINE_MAX_PODS = 5000;

/** Distinct entry texts shared at once. */
const TEXTS_KEPT = 20_000;

export interface TimelineOptions {
  ringEntries?: number;
  maxPods?: number;
}

interface PodRecord {
  uid: string;
  key: string;
  /** The object recording started from: what came before it is seeded from it. */
  base: Pod | undefined;
  /** When `base` was seen (the seed's time for what has no timestamp of its own). */
  baseSeenMs: number;
  /** The pod as last seen. */
  last: Pod | undefined;
  ring: TimelineRing;
  /** Entries reconstructed from `base` and the events already there, made once when first read. */
  seeded: TimelineEntry[] | undefined;
  /** Occurrences recorded per event uid. */
  eventCounts: EventCounts;
  gone: boolean;
  version: number;
  /** When it last changed, on the recorder's own counter (eviction order). */
  touched: number;
}

function podKey(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}/${name ?? ''}`;
}

function eventKey(ev: Event): string {
  return ev.metadata?.uid ?? `${ev.metadata?.namespace ?? ''}/${ev.metadata?.name ?? ''}`;
}

export class TimelineRecorder {
  private readonly records = new Map<string, PodRecord>();
  /** namespace/name → uid, for events written without the pod's uid. */
  private readonly byName = new Map<string, string>();
  private readonly pins = new Map<string, number>();
  /** One copy of each text recorded (bounded: past its limit it starts over). */
  private readonly texts = new Interner(TEXTS_KEPT);
  private readonly ringEntries: number;
  private readonly maxPods: number;
  private nextSeq = 1;
  private clock = 0;
  private nextSeedSeq = -1e12;
  /** When recording began (the cluster's clock: the first batch seen), less the second event times are rounded to. */
  private startedMs: number | undefined;

  constructor(options: TimelineOptions = {}) {
    this.ringEntries = options.ringEntries ?? TIMELINE_RING_ENTRIES;
    this.maxPods = options.maxPods ?? TIMELINE_MAX_PODS;
  }

  get trackedPods(): number {
    return this.records.size;
  }

  /**
   * A batch of pod deltas, before the app's cache applies it: `previous` answers the pod as
   * the cache holds it now (for pods not tracked yet). `seenMs`: the cluster's now.
   */
  applyPods(batch: DeltaBatch<Pod>, previous: (uid: string) => Pod | undefined, seenMs: number): void {
    this.startedMs ??= seenMs - 1_000;
    /** Untracked pods as this batch left them (the cache has not applied it yet). */
    const inBatch = new Map<string, Pod>();
    for (const d of batch) {
      if (d.type === 'RESET') {
        // A relist: every pod the cache held is diffed against its new state (what changed while the watch was down).
        for (const pod of d.objects) this.observe(pod, inBatch, previous, seenMs);
        continue;
      }
      const pod = d.object;
      const uid = pod.metadata?.uid;
      if (!uid) continue;
      // An ADDED pod is its own starting point: nothing to record until it changes.
      const rec = d.type === 'ADDED' && !this.records.has(uid) ? (inBatch.set(uid, pod), undefined) : this.observe(pod, inBatch, previous, seenMs);
      if (rec && d.type === 'DELETED') {
        rec.gone = true;
        this.add(rec, [{ atMs: seenMs, exact: false, kind: 'gone', text: 'Gone: the pod left the API', level: 'normal' }]);
      }
    }
  }

  /** A pod's new state: recorded against its last; an untracked pod is tracked from its first change. */
  private observe(pod: Pod, inBatch: Map<string, Pod>, previous: (uid: string) => Pod | undefined, seenMs: number): PodRecord | undefined {
    const uid = pod.metadata?.uid ?? '';
    const rec = this.records.get(uid);
    if (rec) {
      this.change(rec, pod, seenMs);
      return rec;
    }
    const before = inBatch.get(uid) ?? previous(uid);
    const drafts = before ? diffPod(before, pod, seenMs) : [];
    if (drafts.length === 0) {
      inBatch.set(uid, pod);
      return undefined;
    }
    const tracked = this.track(uid, pod, before ?? pod, seenMs);
    tracked.last = pod;
    this.add(tracked, drafts);
    return tracked;
  }

  /** A batch of event deltas: occurrences about tracked pods (or pods the cache holds) are recorded. */
  applyEvents(batch: DeltaBatch<Event>, podByUid: (uid: string) => Pod | undefined, seenMs: number): void {
    this.startedMs ??= seenMs - 1_000;
    for (const d of batch) {
      if (d.type === 'DELETED') continue;
      const events = d.type === 'RESET' ? d.objects : [d.object];
      for (const ev of events) {
        const io = ev.involvedObject;
        if (io?.kind !== 'Pod') continue;
        const uid = io.uid ?? this.byName.get(podKey(io.namespace ?? ev.metadata?.namespace, io.name));
        if (!uid) continue;
        let rec = this.records.get(uid);
        if (!rec) {
          // A relist's events are the present: they are seeded with the pod when its timeline is read.
          if (d.type === 'RESET') continue;
          // So are a first sync's, which come as ADDED after its first page: an event that last
          // happened before recording began is not news (tracking every pod a first sync's
          // events name cost ~1 KB a pod at 10k pods, for what the seed makes the same).
          if (d.type === 'ADDED' && (lastMs(ev) ?? Infinity) < this.startedMs) continue;
          const pod = podByUid(uid);
          if (!pod) continue;
          rec = this.track(uid, pod, pod, seenMs);
        }
        const key = eventKey(ev);
        const recorded = rec.eventCounts.get(key) ?? 0;
        const drafts = eventDrafts(ev, recorded, seenMs, rec.last);
        rec.eventCounts.set(key, Math.max(recorded, eventCount(ev)));
        if (drafts.length > 0) this.add(rec, drafts);
      }
    }
  }

  /** Holds a pod's timeline while a view shows it (kept when it is gone; never evicted). */
  pin(uid: string): () => void {
    this.pins.set(uid, (this.pins.get(uid) ?? 0) + 1);
    return () => {
      const n = (this.pins.get(uid) ?? 1) - 1;
      if (n <= 0) this.pins.delete(uid);
      else this.pins.set(uid, n);
    };
  }

  /**
   * The pod's timeline, oldest first: seeded from the pod as first tracked (or `pod` when it
   * was never tracked) and its `events`, then everything recorded live.
   */
  entries(uid: string, pod: Pod | undefined, events: readonly Event[], seenMs: number): TimelineEntry[] {
    let rec = this.records.get(uid);
    if (!rec) {
      if (!pod) return [];
      rec = this.track(uid, pod, pod, seenMs);
    }
    if (!rec.seeded) rec.seeded = this.seed(rec, events, seenMs);
    return [...rec.seeded, ...rec.ring.toArray()].sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
  }

  /** Changes whenever the pod's timeline does (views cache their lines on it). */
  version(uid: string): number {
    return this.records.get(uid)?.version ?? 0;
  }

  /** How many recorded entries fell off the pod's ring. */
  dropped(uid: string): number {
    return this.records.get(uid)?.ring.dropped ?? 0;
  }

  isGone(uid: string): boolean {
    return this.records.get(uid)?.gone ?? false;
  }

  private seed(rec: PodRecord, events: readonly Event[], seenMs: number): TimelineEntry[] {
    const drafts: TimelineDraft[] = rec.base ? seedDrafts(rec.base, rec.baseSeenMs) : [];
    for (const ev of events) {
      const key = eventKey(ev);
      if (rec.eventCounts.has(key)) continue;
      drafts.push(...eventDrafts(ev, 0, seenMs, rec.last));
      rec.eventCounts.set(key, eventCount(ev));
    }
    rec.version++;
    return drafts.map((d) => this.entry(d, this.nextSeedSeq++));
  }

  private track(uid: string, last: Pod, base: Pod, seenMs: number): PodRecord {
    const key = podKey(last.metadata?.namespace, last.metadata?.name);
    const rec: PodRecord = { uid, key, base, baseSeenMs: seenMs, last: base, ring: new TimelineRing(this.ringEntries), seeded: undefined, eventCounts: new EventCounts(), gone: false, version: 0, touched: ++this.clock };
    this.records.set(uid, rec);
    this.byName.set(key, uid);
    this.evict();
    return rec;
  }

  private change(rec: PodRecord, pod: Pod, seenMs: number): void {
    const prev = rec.last;
    rec.last = pod;
    if (prev && prev !== pod) {
      const drafts = diffPod(prev, pod, seenMs);
      if (drafts.length > 0) this.add(rec, drafts);
    }
  }

  private add(rec: PodRecord, drafts: readonly TimelineDraft[]): void {
    for (const d of drafts) rec.ring.push(this.entry(d, this.nextSeq++));
    rec.version++;
    rec.touched = ++this.clock;
  }

  /**
   * An entry built whole (a draft spread and given `seq` after had its fields out of the
   * object, ~40 bytes more an entry) with its text shared with every pod that says the same
   * ("app: Started Started container app" at each of thousands of pods starting).
   */
  private entry(d: TimelineDraft, seq: number): TimelineEntry {
    return { atMs: d.atMs, exact: d.exact, kind: d.kind, text: this.texts.string(d.text), level: d.level, seq };
  }

  /**
   * Over the cap by a quarter: the least recently changed unpinned pods go, down to the cap.
   * Trimming in bulk keeps it O(log n) per tracked pod (a Map reordered on every change is
   * O(1) in theory but slow in V8, whose Maps iterate over the holes deletes leave).
   */
  private evict(): void {
    if (this.records.size <= this.maxPods + Math.max(1, Math.floor(this.maxPods / 4))) return;
    const victims = [...this.records.values()].filter((r) => !this.pins.has(r.uid)).sort((a, b) => a.touched - b.touched);
    for (const rec of victims) {
      if (this.records.size <= this.maxPods) break;
      this.records.delete(rec.uid);
      if (this.byName.get(rec.key) === rec.uid) this.byName.delete(rec.key);
    }
  }
}
