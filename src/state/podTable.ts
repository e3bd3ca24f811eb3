// The pod list's model: pods by uid, kept in sort order, filtered, with a selection that
// follows the pod (uid), marks, and the counts the header shows. Batches of deltas update
// the order by binary insertion; only big batches, a new sort, or a filter that does not
// narrow the previous one touch every pod.
import type { StatusCategory } from '../kube/statusCategory.js';
import type { Pod } from '../kube/types.js';
import type { DeltaBatch } from '../source/types.js';
import { makePodEntry, podUid, type PodEntry } from './podEntry.js';
import { NO_FILTER, parsePodFilter, type PodFilter } from './podFilter.js';
import { binarySearch, comparatorFor, DEFAULT_SORT, type Comparator, type PodSort, type SortKey } from './podSort.js';

/** Past this many changes in one batch, rebuilding the order beats inserting one by one. */
const REBUILD_THRESHOLD = 512;

export type CategoryCounts = Record<StatusCategory, number>;

function emptyCounts(): CategoryCounts {
  return { running: 0, pending: 0, failing: 0, completed: 0, terminating: 0, unknown: 0 };
}

export interface PodTableOptions {
  /** For the "new pod" highlight; any monotonic ms clock. */
  now?: () => number;
  /** The cluster's clock (the source's now()): when a deletion was first seen, for the countdown. */
  sourceNow?: () => number;
  highlightMs?: number;
}

export class PodTable {
  private entries = new Map<string, PodEntry>();
  /** Every pod in sort order. */
  private sorted: PodEntry[] = [];
  /** The pods the filter accepts, in sort order; the same array as `sorted` when unfiltered. */
  private shown: PodEntry[] = this.sorted;
  private cmp: Comparator;
  private sortSpec: PodSort = DEFAULT_SORT;
  private filterSpec: PodFilter = NO_FILTER;
  private selectedUid: string | undefined;
  private cursorIndex = 0;
  private topIndex = 0;
  private readonly marked = new Set<string>();
  private readonly fresh = new Map<string, number>();
  /** Pods whose deletion a watch event brought: the deletionTimestamp and sourceNow() then. */
  private readonly deletionSeen = new Map<string, { deletionTimestamp: string; at: number }>();
  private readonly sourceNow: (() => number) | undefined;
  private readonly counts = emptyCounts();
  private synced = false;
  private readonly now: () => number;
  private readonly highlightMs: number;
  /** Bumped on every change a render depends on. */
  version = 0;

  constructor(options: PodTableOptions = {}) {
    this.cmp = comparatorFor(this.sortSpec);
    this.now = options.now ?? (() => Date.now());
    this.highlightMs = options.highlightMs ?? 4000;
    this.sourceNow = options.sourceNow;
  }

  get size(): number {
    return this.entries.size;
  }
  get visibleCount(): number {
    return this.shown.length;
  }
  get sort(): PodSort {
    return this.sortSpec;
  }
  get filter(): PodFilter {
    return this.filterSpec;
  }
  get cursor(): number {
    return this.cursorIndex;
  }
  get top(): number {
    return this.topIndex;
  }
  get categoryCounts(): Readonly<CategoryCounts> {
    return this.counts;
  }
  get marks(): ReadonlySet<string> {
    return this.marked;
  }
  get hasSynced(): boolean {
    return this.synced;
  }

  get(uid: string): PodEntry | undefined {
    return this.entries.get(uid);
  }

  selected(): PodEntry | undefined {
    return this.selectedUid === undefined ? undefined : this.entries.get(this.selectedUid);
  }

  /** When the pod's current deletion was first seen (sourceNow()), if a watch event brought it. */
  deletionSeenAt(uid: string): number | undefined {
    const seen = this.deletionSeen.get(uid);
    const ts = this.entries.get(uid)?.pod.metadata?.deletionTimestamp;
    return seen && seen.deletionTimestamp === ts ? seen.at : undefined;
  }

  isFresh(uid: string): boolean {
    const at = this.fresh.get(uid);
    if (at === undefined) return false;
    if (this.now() - at > this.highlightMs) {
      this.fresh.delete(uid);
      return false;
    }
    return true;
  }

  /** Applies one batch of watch deltas (all that arrived since the last frame). */
  apply(batch: DeltaBatch<Pod>): void {
    if (batch.length === 0) return;
    let changes = 0;
    for (const d of batch) changes += d.type === 'RESET' ? REBUILD_THRESHOLD : 1;
    const rebuild = changes >= REBUILD_THRESHOLD || changes * 8 > this.sorted.length;
    for (const d of batch) {
      if (d.type === 'RESET') {
        this.reset(d.objects);
        continue;
      }
      const uid = podUid(d.object);
      const old = this.entries.get(uid);
      if (old) this.remove(old, !rebuild);
      if (d.type === 'DELETED') {
        this.marked.delete(uid);
        this.fresh.delete(uid);
        this.deletionSeen.delete(uid);
        continue;
      }
      const deletionTimestamp = d.object.metadata?.deletionTimestamp;
      if (d.type === 'MODIFIED' && this.synced && this.sourceNow && deletionTimestamp && deletionTimestamp !== old?.pod.metadata?.deletionTimestamp) {
        this.deletionSeen.set(uid, { deletionTimestamp, at: this.sourceNow() });
      }
      const entry = makePodEntry(d.object);
      if (!old && d.type === 'ADDED' && this.synced) this.fresh.set(uid, this.now());
      this.insert(entry, !rebuild);
    }
    if (rebuild) this.rebuildOrder();
    this.synced = true;
    this.settleSelection();
    this.version++;
  }

  /**
   * A relist (410, reconnect) replaces every pod. Marks and "new" highlights stay on the pods
   * that are still there; none is added, as a relist says nothing about which pods are new.
   */
  private reset(objects: readonly Pod[]): void {
    this.entries.clear();
    Object.assign(this.counts, emptyCounts());
    for (const pod of objects) {
      const entry = makePodEntry(pod);
      this.entries.set(entry.uid, entry);
      this.counts[entry.category]++;
    }
    for (const uid of this.marked) if (!this.entries.has(uid)) this.marked.delete(uid);
    for (const uid of this.fresh.keys()) if (!this.entries.has(uid)) this.fresh.delete(uid);
    for (const uid of this.deletionSeen.keys()) if (!this.entries.has(uid)) this.deletionSeen.delete(uid);
  }

  private remove(entry: PodEntry, inPlace: boolean): void {
    this.entries.delete(entry.uid);
    this.counts[entry.category]--;
    if (!inPlace) return;
    const i = binarySearch(this.sorted, entry, this.cmp);
    if (i >= 0) this.sorted.splice(i, 1);
    if (this.shown !== this.sorted) {
      const j = binarySearch(this.shown, entry, this.cmp);
      if (j >= 0) this.shown.splice(j, 1);
    }
  }

  private insert(entry: PodEntry, inPlace: boolean): void {
    this.entries.set(entry.uid, entry);
    this.counts[entry.category]++;
    if (!inPlace) return;
    const i = binarySearch(this.sorted, entry, this.cmp);
    if (i < 0) this.sorted.splice(-i - 1, 0, entry);
    if (this.shown !== this.sorted && this.filterSpec.matches(entry)) {
      const j = binarySearch(this.shown, entry, this.cmp);
      if (j < 0) this.shown.splice(-j - 1, 0, entry);
    }
  }

  private rebuildOrder(): void {
    this.sorted = [...this.entries.values()].sort(this.cmp);
    this.applyFilter(this.filterSpec, false);
  }

  private applyFilter(filter: PodFilter, incremental: boolean): void {
    this.filterSpec = filter;
    if (filter.kind === 'none') {
      this.shown = this.sorted;
      return;
    }
    const base = incremental ? this.shown : this.sorted;
    this.shown = base.filter((e) => filter.matches(e));
  }

  setFilter(query: string): void {
    const next = parsePodFilter(query);
    if (next.query === this.filterSpec.query) return;
    this.applyFilter(next, next.narrows(this.filterSpec));
    this.settleSelection();
    this.version++;
  }

  /** shift-N/A/S/R: a new key sorts ascending; the same key again reverses. */
  toggleSort(key: SortKey): void {
    if (key === this.sortSpec.key) {
      this.sortSpec = { key, descending: !this.sortSpec.descending };
      this.cmp = comparatorFor(this.sortSpec);
      // A total order reversed is the reversed comparator's order: no need to sort.
      this.sorted.reverse();
      if (this.shown !== this.sorted) this.shown.reverse();
    } else {
      this.sortSpec = { key, descending: false };
      this.cmp = comparatorFor(this.sortSpec);
      this.sorted.sort(this.cmp);
      if (this.shown !== this.sorted) this.shown.sort(this.cmp);
    }
    this.settleSelection();
    this.version++;
  }

  /** Keeps the selection on its pod; if that pod left the view, on the row now at its place. */
  private settleSelection(): void {
    const entry = this.selectedUid === undefined ? undefined : this.entries.get(this.selectedUid);
    if (entry) {
      const i = binarySearch(this.shown, entry, this.cmp);
      if (i >= 0) {
        this.cursorIndex = i;
        return;
      }
    }
    this.cursorIndex = Math.max(0, Math.min(this.cursorIndex, this.shown.length - 1));
    this.selectedUid = this.shown[this.cursorIndex]?.uid;
  }

  moveTo(index: number): void {
    if (this.shown.length === 0) return;
    const i = Math.max(0, Math.min(index, this.shown.length - 1));
    this.cursorIndex = i;
    this.selectedUid = this.shown[i]!.uid;
    this.version++;
  }

  moveBy(delta: number): void {
    this.moveTo(this.cursorIndex + delta);
  }

  toggleMark(): void {
    const uid = this.selectedUid;
    if (uid === undefined) return;
    if (this.marked.has(uid)) this.marked.delete(uid);
    else this.marked.add(uid);
    this.version++;
  }

  unmark(uids: Iterable<string>): void {
    for (const uid of uids) this.marked.delete(uid);
    this.version++;
  }

  clearMarks(): void {
    if (this.marked.size === 0) return;
    this.marked.clear();
    this.version++;
  }

  /** True when the pod is a row of the list as the filter shows it. */
  isShown(uid: string): boolean {
    const e = this.entries.get(uid);
    return e !== undefined && this.filterSpec.matches(e);
  }

  /** How many pods are marked, and how many of those the filter hides. O(marks). */
  markCounts(): { marked: number; hidden: number } {
    let hidden = 0;
    for (const uid of this.marked) if (!this.isShown(uid)) hidden++;
    return { marked: this.marked.size, hidden };
  }

  /** The marked pods the filter shows, in list order. */
  visibleMarked(): PodEntry[] {
    const out: PodEntry[] = [];
    for (const uid of this.marked) {
      const e = this.entries.get(uid);
      if (e && this.filterSpec.matches(e)) out.push(e);
    }
    return out.sort(this.cmp);
  }

  /**
   * What a delete acts on: the marked pods the user can see, in list order, or the selected
   * pod when no visible pod is marked. Marks hidden by the filter never take part.
   */
  targets(): PodEntry[] {
    const marked = this.visibleMarked();
    if (marked.length > 0) return marked;
    const s = this.selected();
    return s ? [s] : [];
  }

  /**
   * The rows to draw for a window `height` rows high: the scroll offset follows the cursor.
   * Costs O(height), whatever the number of pods.
   */
  window(height: number): { top: number; rows: readonly PodEntry[] } {
    const h = Math.max(1, height);
    let top = this.topIndex;
    if (this.cursorIndex < top) top = this.cursorIndex;
    if (this.cursorIndex >= top + h) top = this.cursorIndex - h + 1;
    top = Math.max(0, Math.min(top, this.shown.length - h));
    this.topIndex = top;
    return { top, rows: this.shown.slice(top, top + h) };
  }

  /** Every shown pod in order (headless output; not for frames). */
  all(): readonly PodEntry[] {
    return this.shown;
  }
}
