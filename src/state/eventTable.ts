// The TUI's background store of Events: not every event in scope (about five a pod, 400,000
// at 100k pods) but what the screens that stay open need — every Warning, every event whose
// reason a diagnosis rule reads (kube/diagnosis/eventReasons.ts; of a container's way up only
// the newest step), and the newest EVENT_TAIL events by time, which is what the events view
// shows the moment it opens. Views that show one object's events LIST them when opened
// (subjectEvents.ts, fed from the same watch); the events view switches the store to full
// (every event, one LIST to fill it) while it is open. In time order (oldest first, so a tail
// reads downwards), with a per-object index for the WHY column, a text filter, and follow
// mode for the tail. Each event is kept as a projection (kube/eventProjection.ts).
import { CONTAINER_STARTED_REASON, CONTAINER_STEP_REASONS, DIAGNOSIS_EVENT_REASONS } from '../kube/diagnosis/eventReasons.js';
import { Interner } from '../kube/interner.js';
import { isKeptEvent, keptRv, keptSearchText, keptTimeMs, projectEvent, sameInvolved, type Kept } from '../kube/eventProjection.js';
import type { Event } from '../kube/types.js';
import type { DeltaBatch } from '../source/types.js';
import { SubjectEventLists } from './subjectEvents.js';

export { eventTimeMs } from '../kube/eventProjection.js';

/**
 * How many of the newest events the store keeps beyond the ones the diagnosis reads: a tall
 * terminal's events view shows ~100 rows, so ten pages to scroll back through at once while
 * the rest of the events comes (about 0.5 MB, whatever the cluster's size).
 */
export const EVENT_TAIL = 1000;

export function eventUid(ev: Event): string {
  return ev.metadata?.uid ?? `${ev.metadata?.namespace ?? ''}/${ev.metadata?.name ?? ''}`;
}

function objectKey(kind: string, namespace: string | undefined, name: string | undefined): string {
  return `${kind}/${namespace ?? ''}/${name ?? ''}`;
}

/**
 * The index key of the object an event is about: a pod's events may leave the pod's namespace
 * to the event's own; any other kind's is the involvedObject's (none for cluster-scoped kinds).
 */
function involvedKey(ev: Event): string | undefined {
  const io = ev.involvedObject;
  if (!io?.kind || !io.name) return undefined;
  return objectKey(io.kind, io.kind === 'Pod' ? (io.namespace ?? ev.metadata?.namespace) : io.namespace, io.name);
}

/** What the table holds of an event: its projection, which carries its order key and filter text (no record of the table's own per event). */
type Item = Kept;

function before(a: Item, b: Item): number {
  return keptTimeMs(a) - keptTimeMs(b) || keptRv(a) - keptRv(b);
}

/** A container's way up (Pulling … Started): the starting rule reads only the newest such event per container. */
function isStep(ev: Event): boolean {
  return ev.type !== 'Warning' && CONTAINER_STEP_REASONS.has(ev.reason ?? '');
}

/**
 * Kept whatever its age, for the WHY column: a Warning, or a reason a rule reads (a step only
 * while it is its container's newest, which the table tracks).
 */
export function keptForDiagnosis(ev: Event): boolean {
  return ev.type === 'Warning' || (DIAGNOSIS_EVENT_REASONS.has(ev.reason ?? '') && !CONTAINER_STEP_REASONS.has(ev.reason ?? ''));
}

/** The container a step event is about: its object and fieldPath. */
function stepKey(ev: Event): string {
  return `${involvedKey(ev) ?? ''}/${ev.involvedObject?.uid ?? ''}/${ev.involvedObject?.fieldPath ?? ''}`;
}

export interface EventTableOptions {
  /** How many of the newest events are kept beyond the diagnosis' (EVENT_TAIL). */
  tail?: number;
}

export class EventTable {
  private items = new Map<string, Item>();
  /** An object's events (kind/namespace/name → its items, in no order): a few each, so an array. */
  private byObject = new Map<string, Item[]>();
  /** Strings events share (namespaces, reasons, timestamps, messages, sources); started over on a relist. */
  private interner = new Interner();
  private ordered: Item[] = [];
  private orderDirty = false;
  /** The newest `tailSize` events seen, in time order (kept whatever they are). */
  private tail: Item[] = [];
  private readonly tailSize: number;
  /**
   * Each container's newest step event while it is on its way up (stepKey → it): the one the
   * diagnosis reads. A newer Started ends the entry (CONTAINER_STARTED_REASON).
   */
  private steps = new Map<string, Item>();
  /** Every event is kept (the events view is open). */
  private fullOn = false;
  /** While a LIST to fill the store is on its way: the uids the watch deleted since it was sent. */
  private deletedSince: Set<string> | undefined;
  private filterText = '';
  /** Undefined with no filter: the tail is then the time order itself. */
  private matcher: ((item: Item) => boolean) | undefined;
  /** The rows the filter lets through, in time order; undefined until rebuilt in full. */
  private filtered: Item[] | undefined;
  /** Index of the first row drawn; with follow on, pinned to the newest. */
  private topIndex = 0;
  /** The event the cursor is on (Enter, `o`), by uid: new, repeated or expired events do not move it. */
  private cursorUid: string | undefined;
  /** Where the cursor was last seen, for when its event expires. */
  private cursorIndex = 0;
  private followOn = true;
  /** The whole event lists of the objects views have open, fed from the same deltas. */
  readonly subjects = new SubjectEventLists();
  /** How many relists (RESETs) were applied: a held object's list is fetched again after one. */
  resets = 0;
  version = 0;

  constructor(options: EventTableOptions = {}) {
    this.tailSize = Math.max(0, options.tail ?? EVENT_TAIL);
  }

  get size(): number {
    return this.items.size;
  }
  get follow(): boolean {
    return this.followOn;
  }
  get filter(): string {
    return this.filterText;
  }
  /** True while every event is kept (setFull). */
  get full(): boolean {
    return this.fullOn;
  }

  apply(batch: DeltaBatch<Event>): void {
    for (const d of batch) {
      if (d.type === 'RESET') {
        this.items.clear();
        this.byObject.clear();
        this.tail = [];
        this.steps.clear();
        this.interner = new Interner();
        this.resets++;
        // Order and filter are rebuilt once, after the batch, not row by row.
        this.orderDirty = true;
        this.filtered = undefined;
        for (const ev of d.objects) this.put(ev);
        continue;
      }
      if (d.type === 'DELETED') this.drop(d.object);
      else this.put(d.object);
    }
    // Only a relist (or a lost place in the order) makes the filter look at every event again.
    if (this.orderDirty) this.filtered = undefined;
    this.version++;
  }

  /**
   * What the table keeps of an event: its projection, sharing strings with the table's events
   * and the involvedObject of its pod's other events about the same object. A source that
   * parses events calls it as each is parsed (setEventTransform), so whole events die young.
   */
  readonly keep = (whole: Event): Kept => {
    if (isKeptEvent(whole)) return whole;
    const key = involvedKey(whole);
    const bucket = key === undefined ? undefined : this.byObject.get(key);
    return projectEvent(whole, this.interner, bucket && ((raw) => bucket.find((i) => sameInvolved(i.involvedObject, raw))?.involvedObject));
  };

  /**
   * Every event (true) while the events view is open, or back to the bounded store (false:
   * what is neither the diagnosis' nor the tail's leaves, in one pass).
   */
  setFull(on: boolean): void {
    if (on === this.fullOn) return;
    this.fullOn = on;
    if (!on) {
      // One pass keeping the few that stay, their index rebuilt and one sort after: no per-event
      // work for the many that leave (400k at 100k pods).
      const kept = new Map<string, Item>();
      for (const [uid, item] of this.items) if (this.retained(item)) kept.set(uid, item);
      this.items = kept;
      this.byObject = new Map();
      for (const item of kept.values()) this.index(item);
      this.orderDirty = true;
      this.filtered = undefined;
      this.version++;
    }
  }

  /** True while the LIST that fills the full store is on its way. */
  get filling(): boolean {
    return this.deletedSince !== undefined;
  }

  /** A LIST to fill the full store is sent: deletions from now on are noted, so its answer brings back none. */
  beginFill(): void {
    this.deletedSince = new Set();
  }

  /**
   * The LIST answered: its events join the store (full or not, each kept by the same rule as
   * a watch's), except those the watch deleted or changed since it was sent. One sort after.
   */
  fill(listed: readonly Event[]): void {
    const deleted = this.deletedSince;
    this.deletedSince = undefined;
    this.orderDirty = true;
    for (const ev of listed) {
      if (deleted?.has(eventUid(ev))) continue;
      this.put(ev);
    }
    this.filtered = undefined;
    this.version++;
  }

  /** The LIST failed: nothing joins. */
  abandonFill(): void {
    this.deletedSince = undefined;
  }

  private retained(item: Item): boolean {
    return this.fullOn || keptForDiagnosis(item) || (isStep(item) && this.steps.get(stepKey(item)) === item) || this.inTail(item);
  }

  private inTail(item: Item): boolean {
    return indexOfItem(this.tail, item) >= 0;
  }

  private put(given: Event): void {
    const uid = eventUid(given);
    const old = this.items.get(uid);
    const item = this.keep(given);
    // A replay older than what is held (a LIST answer behind the watch) changes nothing.
    if (old && keptRv(old) > 0 && keptRv(item) > 0 && keptRv(item) < keptRv(old)) return;
    this.subjects.put(item);
    const out: Item[] = [];
    // The newest `tailSize` by time: a repeat moves, the oldest leaves when the tail is full.
    // (Every tail item is held, so an event not held is in no tail.)
    if (old) removeItem(this.tail, old);
    if (this.tailSize > 0 && (this.tail.length < this.tailSize || before(this.tail[0]!, item) < 0)) {
      this.tail.splice(insertionIndex(this.tail, item), 0, item);
      if (this.tail.length > this.tailSize) out.push(this.tail.shift()!);
    }
    if (isStep(item)) {
      const key = stepKey(item);
      const newest = this.steps.get(key);
      if (!newest || newest === old || eventUid(newest) === uid || before(newest, item) <= 0) {
        if (item.reason === CONTAINER_STARTED_REASON) this.steps.delete(key);
        else this.steps.set(key, item);
        if (newest && newest !== old && eventUid(newest) !== uid) out.push(newest);
      }
    } else if (old && isStep(old) && this.steps.get(stepKey(old)) === old) this.steps.delete(stepKey(old));
    if (old) this.remove(old);
    if (this.retained(item)) this.insert(uid, item);
    for (const gone of out) if (this.items.get(eventUid(gone)) === gone && !this.retained(gone)) this.remove(gone);
  }

  private insert(uid: string, item: Item): void {
    this.items.set(uid, item);
    if (!this.orderDirty) {
      const last = this.ordered[this.ordered.length - 1];
      if (!last || before(last, item) <= 0) this.ordered.push(item);
      else this.ordered.splice(insertionIndex(this.ordered, item), 0, item);
    }
    if (this.filtered && this.matcher && this.matcher(item)) this.filtered.splice(insertionIndex(this.filtered, item), 0, item);
    this.index(item);
  }

  /** Puts an item in its object's bucket. */
  private index(item: Item): void {
    const key = involvedKey(item);
    if (key === undefined) return;
    const bucket = this.byObject.get(key);
    if (bucket) bucket.push(item);
    else this.byObject.set(key, [item]);
  }

  /** Takes a held item out of the map, its object's bucket, the time order and the filtered rows. */
  private remove(item: Item): void {
    const uid = eventUid(item);
    if (this.items.get(uid) !== item) return;
    this.items.delete(uid);
    this.unindex(item);
    if (!this.orderDirty) this.unorder(item);
    if (this.filtered && this.matcher) removeItem(this.filtered, item);
  }

  private drop(given: Event): void {
    const uid = eventUid(given);
    this.subjects.remove(given);
    this.deletedSince?.add(uid);
    const old = this.items.get(uid);
    if (!old) return;
    removeItem(this.tail, old);
    if (isStep(old) && this.steps.get(stepKey(old)) === old) this.steps.delete(stepKey(old));
    this.remove(old);
  }

  /** Takes an item out of its object's bucket (the bucket goes with its last item). */
  private unindex(item: Item): void {
    const key = involvedKey(item);
    if (key === undefined) return;
    const bucket = this.byObject.get(key);
    if (!bucket) return;
    const i = bucket.indexOf(item);
    if (i >= 0) bucket.splice(i, 1);
    if (bucket.length === 0) this.byObject.delete(key);
  }

  /** Takes one item out of the time order (found by binary search, then by identity among equals). */
  private unorder(item: Item): void {
    if (!removeItem(this.ordered, item)) this.orderDirty = true;
  }

  private order(): Item[] {
    if (this.orderDirty) {
      this.ordered = [...this.items.values()].sort(before);
      this.orderDirty = false;
    }
    return this.ordered;
  }

  /**
   * The events the store holds about one pod (matching uid when the event names one), oldest
   * first: what the WHY column reads (Warnings, the diagnosis' reasons, the tail's). A view
   * showing the pod's whole list holds it instead (subjects).
   */
  forPod(namespace: string, name: string, uid?: string): Event[] {
    return this.forObject('Pod', namespace, name, uid);
  }

  /** The events the store holds about one object of any kind (namespace '' for a cluster-scoped one; matching uid when the event names one), oldest first. */
  forObject(kind: string, namespace: string, name: string, uid?: string): Event[] {
    const bucket = this.byObject.get(objectKey(kind, namespace, name));
    if (!bucket) return [];
    const out: Item[] = [];
    for (const item of bucket) {
      const evUid = item.involvedObject?.uid;
      if (uid && evUid && evUid !== uid) continue;
      out.push(item);
    }
    return out.sort(before);
  }

  setFilter(text: string): void {
    if (text === this.filterText) return;
    this.filterText = text;
    this.matcher = eventMatcher(text);
    this.filtered = undefined;
    this.version++;
  }

  /** The rows of the tail after the filter, oldest first. */
  rows(): readonly Event[] {
    return this.shown().slice();
  }

  /** How many rows the filter lets through (for titles: no copy of the rows). */
  get visibleCount(): number {
    return this.shown().length;
  }

  private shown(): Item[] {
    const all = this.order();
    if (!this.matcher) return all;
    this.filtered ??= all.filter(this.matcher);
    return this.filtered;
  }

  /** An event by uid, while the cache holds it. */
  get(uid: string): Event | undefined {
    return this.items.get(uid);
  }

  /**
   * The slice of the tail a window `height` rows high shows, and the cursor's row in it. With
   * follow on the window is pinned to the newest and the cursor is on the newest row.
   */
  window(height: number): { top: number; rows: Event[]; total: number; cursor: number } {
    const all = this.shown();
    const h = Math.max(1, height);
    const maxTop = Math.max(0, all.length - h);
    const cursor = this.cursorAt(all);
    if (this.followOn) this.topIndex = maxTop;
    else {
      this.topIndex = Math.min(this.topIndex, maxTop);
      if (cursor < this.topIndex) this.topIndex = cursor;
      else if (cursor >= this.topIndex + h) this.topIndex = cursor - h + 1;
    }
    return { top: this.topIndex, rows: all.slice(this.topIndex, this.topIndex + h), total: all.length, cursor: cursor - this.topIndex };
  }

  /** The event under the cursor (the newest while following). */
  selected(): Event | undefined {
    const all = this.shown();
    return all[this.cursorAt(all)];
  }

  /** The cursor's index in `all`: the newest while following, else its event's place. */
  private cursorAt(all: readonly Item[]): number {
    if (all.length === 0) return 0;
    const item = this.cursorUid === undefined ? undefined : this.items.get(this.cursorUid);
    if (this.followOn || this.cursorUid === undefined) return (this.cursorIndex = all.length - 1);
    const i = item ? indexOfItem(all, item) : -1;
    if (i >= 0) return (this.cursorIndex = i);
    // Its event expired or the filter hides it: the row now at its place.
    this.placeCursor(all, this.cursorIndex);
    return this.cursorIndex;
  }

  private placeCursor(all: readonly Item[], index: number): void {
    this.cursorIndex = Math.max(0, Math.min(index, all.length - 1));
    const ev = all[this.cursorIndex];
    this.cursorUid = ev ? eventUid(ev) : undefined;
  }

  /**
   * ↑ ↓ move the cursor (the window follows it at its edges); moving up pauses follow,
   * reaching the newest row by moving down resumes it.
   */
  moveCursor(delta: number): void {
    const all = this.shown();
    const last = all.length - 1;
    this.placeCursor(all, this.cursorAt(all) + delta);
    this.followOn = all.length === 0 || (this.cursorIndex >= last && (delta > 0 || this.followOn));
    this.version++;
  }

  /** PgUp / PgDn move the window and the cursor together by a page. */
  scroll(delta: number, height: number): void {
    const all = this.shown();
    const maxTop = Math.max(0, all.length - Math.max(1, height));
    const cursor = this.cursorAt(all);
    this.topIndex = Math.max(0, Math.min(this.topIndex + delta, maxTop));
    this.placeCursor(all, cursor + delta);
    this.followOn = this.topIndex >= maxTop && delta > 0 ? true : this.topIndex >= maxTop && this.followOn;
    if (delta < 0 && (this.topIndex < maxTop || this.cursorIndex < all.length - 1)) this.followOn = false;
    if (this.followOn) this.placeCursor(all, all.length - 1);
    this.version++;
  }

  scrollToTop(): void {
    this.topIndex = 0;
    this.placeCursor(this.shown(), 0);
    this.followOn = this.shown().length === 0;
    this.version++;
  }

  resumeFollow(): void {
    this.followOn = true;
    this.version++;
  }
}

/** Where `item` is in `list` (time order), or -1: binary search, then identity among equals. */
function indexOfItem(list: readonly Item[], item: Item): number {
  for (let i = insertionIndex(list, item) - 1; i >= 0 && before(list[i]!, item) === 0; i--) {
    if (list[i] === item) return i;
  }
  return -1;
}

/** Text or regex (case-insensitive), `!` inverts; undefined for an empty filter. */
function eventMatcher(text: string): ((item: Item) => boolean) | undefined {
  const q = text.trim().toLowerCase();
  if (q === '') return undefined;
  const inverted = q.startsWith('!');
  const needle = inverted ? q.slice(1) : q;
  let re: RegExp | undefined;
  try {
    re = new RegExp(needle, 'i');
  } catch {
    re = undefined;
  }
  const test = (s: string): boolean => (re ? re.test(s) : s.includes(needle));
  // The namespace is matched on its own (as the pod list searches it), so `^` and `$`
  // anchors still mean the start of the type and the end of the message.
  return (item) => {
    const hit = test(keptSearchText(item, eventSearchText)) || test((item.metadata?.namespace ?? '').toLowerCase());
    return inverted ? !hit : hit;
  };
}

/** Takes `item` out of `list` (time order): binary search, then identity among equals. */
function removeItem(list: Item[], item: Item): boolean {
  const i = indexOfItem(list, item);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

/** Where `item` goes in `list` (time order): after every item not later than it. */
function insertionIndex(list: readonly Item[], item: Item): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(list[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What the events view's filter searches (with the namespace, matched on its own). */
export function eventSearchText(ev: Event): string {
  const io = ev.involvedObject;
  return `${ev.type ?? ''} ${ev.reason ?? ''} ${(io?.kind ?? '').toLowerCase()}/${io?.name ?? ''} ${ev.message ?? ''}`.toLowerCase();
}
