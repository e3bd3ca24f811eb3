// The pod list's model: the generic table (TableModel: order, filter, selection, marks,
// window) specialised with pods' sort keys and filter language, the counts the header
// shows, the "new pod" highlight and when each deletion was first seen. A batch of deltas
// replaces each pod whose place in the order did not change where it stands (O(log n)); the
// pods that moved, came or went are inserted one by one or merged in one pass (TableModel).
// A new sort is a radix sort by the column's key (no comparator), and the filter finds only
// the window's rows at once, the rest in slices (fillFilter; TableModel explains both).
import type { StatusCategory } from '../kube/statusCategory.js';
import type { Pod } from '../kube/types.js';
import type { DeltaBatch } from '../source/types.js';
import { makePodEntry, PodProjector, podUid, type PodEntry } from './podEntry.js';
import { NO_FILTER, parsePodFilter, type PodFilter } from './podFilter.js';
import { byIdentity, comparatorFor, DEFAULT_SORT, KEPT_ORDERS, orderFor, USAGE_SORT_KEYS, type PodSort, type SortKey } from './podSort.js';
import type { UsageLookup } from './clusterMetrics.js';
import { faultyOnly, isFaultySummary } from './faulty.js';
import { TableModel, type RowFilter } from './tableModel.js';

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
  /** The metrics polls' usage per pod (CPU and MEM sorting). */
  usage?: UsageLookup;
}

export class PodTable {
  private readonly table: TableModel<PodEntry>;
  private sortSpec: PodSort = DEFAULT_SORT;
  private filterSpec: PodFilter = NO_FILTER;
  private readonly fresh = new Map<string, number>();
  /** Pods whose deletion a watch event brought: the deletionTimestamp and sourceNow() then. */
  private readonly deletionSeen = new Map<string, { deletionTimestamp: string; at: number }>();
  private readonly sourceNow: (() => number) | undefined;
  private readonly counts = emptyCounts();
  private synced = false;
  private faultyRows = false;
  /** ctrl-w: kubectl's wide columns (NOMINATED NODE, READINESS GATES besides IP and NODE), and WHY. */
  wide = false;
  private readonly now: () => number;
  private readonly highlightMs: number;
  private readonly usage: UsageLookup | undefined;
  /** Bumped on every change a render depends on. */
  version = 0;
  /** Makes the list's copy of each pod; the projections share what is equal (one ReplicaSet's containers, labels, owner…). */
  readonly projector = new PodProjector((uid) => this.table.get(uid)?.pod);

  constructor(options: PodTableOptions = {}) {
    this.usage = options.usage;
    this.table = new TableModel<PodEntry>((e) => e.uid, comparatorFor(this.sortSpec, this.usage), this.filterSpec, { identity: byIdentity, textOf: (e) => e.searchText });
    this.now = options.now ?? (() => Date.now());
    this.highlightMs = options.highlightMs ?? 4000;
    this.sourceNow = options.sourceNow;
  }

  get size(): number {
    return this.table.size;
  }
  /** How many pods the filter shows (finds them all first: not for frames, see shownSoFar). */
  get visibleCount(): number {
    return this.table.visibleCount;
  }
  /** How many shown pods the filter has found so far; all of them when countComplete. */
  get shownSoFar(): number {
    return this.table.shownSoFar;
  }
  /** False while the filter has pods left to look at. */
  get countComplete(): boolean {
    return this.table.countComplete;
  }

  /** Finds more of the filter's pods until performance.now() passes `until`; true when all are found. */
  fillFilter(until: number): boolean {
    const done = this.table.fillFilter(until);
    if (done) this.version++;
    return done;
  }

  /** True while the filter has pods left to find, a text index to build, or a sort column's kept order is missing or stale. */
  get idleWorkPending(): boolean {
    return !this.table.countComplete || this.table.indexPending || (this.synced && !this.table.ordersReady(KEPT_ORDERS));
  }

  /**
   * Work for the idle moments after a frame, until performance.now() passes `until`: first
   * the filter's remaining pods, then (while a filter is typed) the text index the next
   * keystroke narrows with, then each sort column's order kept ahead (so a first sort by a
   * column does not touch every pod). True when nothing is left.
   */
  idleWork(until: number): boolean {
    if (!this.fillFilter(until)) return false;
    if (!this.table.buildTextIndex(until)) return false;
    return !this.synced || this.table.prepareOrders(KEPT_ORDERS, until);
  }

  /** While the filter prompt is open: the pods the filter shows are indexed by text for the next keystroke (textIndex.ts); closed, the index goes. */
  setTyping(on: boolean): void {
    this.table.setIndexing(on);
  }

  /** Every pod in list order, the filter aside (read, not kept: the search-text warmup). */
  everyRow(): readonly PodEntry[] {
    return this.table.everyRow();
  }
  get sort(): PodSort {
    return this.sortSpec;
  }
  get filter(): PodFilter {
    return this.filterSpec;
  }
  get cursor(): number {
    return this.table.cursor;
  }
  get top(): number {
    return this.table.top;
  }
  get categoryCounts(): Readonly<CategoryCounts> {
    return this.counts;
  }
  get marks(): ReadonlySet<string> {
    return this.table.marks;
  }
  get hasSynced(): boolean {
    return this.synced;
  }

  get(uid: string): PodEntry | undefined {
    return this.table.get(uid);
  }

  selected(): PodEntry | undefined {
    return this.table.selected();
  }

  /** When the pod's current deletion was first seen (sourceNow()), if a watch event brought it. */
  deletionSeenAt(uid: string): number | undefined {
    const seen = this.deletionSeen.get(uid);
    const ts = this.table.get(uid)?.pod.metadata?.deletionTimestamp;
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

  /**
   * Forgets the highlights that have run out, oldest first (the map holds them in the order
   * they began), so it holds only the last few seconds' new pods — not every pod a first
   * sync's later batches brought, which no frame may ever look at again.
   */
  private pruneFresh(): void {
    if (this.fresh.size === 0) return;
    const now = this.now();
    for (const [uid, at] of this.fresh) {
      if (now - at <= this.highlightMs) break;
      this.fresh.delete(uid);
    }
  }

  /** Applies one batch of watch deltas (all that arrived since the last frame). */
  apply(batch: DeltaBatch<Pod>): void {
    if (batch.length === 0) return;
    this.pruneFresh();
    for (const d of batch) {
      if (d.type === 'RESET') {
        this.reset(d.objects);
        continue;
      }
      const uid = podUid(d.object);
      if (d.type === 'DELETED') {
        const old = this.table.delete(uid, false);
        if (old) this.counts[old.category]--;
        this.fresh.delete(uid);
        this.deletionSeen.delete(uid);
        continue;
      }
      const entry = makePodEntry(d.object, this.projector);
      const old = this.table.upsert(entry, false);
      if (old) this.counts[old.category]--;
      this.counts[entry.category]++;
      const deletionTimestamp = d.object.metadata?.deletionTimestamp;
      if (d.type === 'MODIFIED' && this.synced && this.sourceNow && deletionTimestamp && deletionTimestamp !== old?.pod.metadata?.deletionTimestamp) {
        this.deletionSeen.set(uid, { deletionTimestamp, at: this.sourceNow() });
      }
      if (!old && d.type === 'ADDED' && this.synced) this.fresh.set(uid, this.now());
    }
    this.table.rebuild();
    this.synced = true;
    this.table.settleSelection();
    this.version++;
  }

  /**
   * A relist (410, reconnect) replaces every pod. Marks and "new" highlights stay on the pods
   * that are still there; none is added, as a relist says nothing about which pods are new.
   */
  private reset(objects: readonly Pod[]): void {
    const entries = objects.map((p) => makePodEntry(p, this.projector));
    this.table.replaceAll(entries);
    Object.assign(this.counts, emptyCounts());
    for (const e of entries) this.counts[e.category]++;
    for (const uid of this.fresh.keys()) if (!this.table.get(uid)) this.fresh.delete(uid);
    for (const uid of this.deletionSeen.keys()) if (!this.table.get(uid)) this.deletionSeen.delete(uid);
  }

  setFilter(query: string): void {
    const next = parsePodFilter(query);
    if (next.query === this.filterSpec.query) return;
    this.filterSpec = next;
    this.table.setFilter(this.rowFilter());
    this.version++;
  }

  /** ctrl-z: only faulty pods (not Running/Completed, or not all containers ready). */
  get faulty(): boolean {
    return this.faultyRows;
  }
  setFaulty(on: boolean): void {
    this.faultyRows = on;
    this.table.setFilter(this.rowFilter());
    this.version++;
  }

  private rowFilter(): RowFilter<PodEntry> {
    return this.faultyRows ? faultyOnly<PodEntry>(this.filterSpec, (e) => isFaultySummary(e.summary)) : this.filterSpec;
  }

  /** shift-N/A/S/R: a new key sorts ascending; the same key again reverses. */
  toggleSort(key: SortKey): void {
    // A total order reversed is the reversed comparator's order: no need to sort.
    const reversed = key === this.sortSpec.key;
    this.sortSpec = { key, descending: reversed ? !this.sortSpec.descending : false };
    this.table.setOrder(orderFor(this.sortSpec, this.usage), reversed);
    this.version++;
  }

  /** A metrics poll landed: a list sorted by usage takes its new order (one sort per poll). */
  usageChanged(): void {
    if (USAGE_SORT_KEYS.has(this.sortSpec.key)) this.table.setOrder(orderFor(this.sortSpec, this.usage), false);
    this.version++;
  }

  moveTo(index: number): void {
    this.table.moveTo(index);
    if (this.table.shownSoFar === 0) return;
    this.version++;
  }

  moveBy(delta: number): void {
    this.moveTo(this.table.cursor + delta);
  }

  toggleMark(): void {
    if (!this.table.selected()) return;
    this.table.toggleMark();
    this.version++;
  }

  unmark(uids: Iterable<string>): void {
    this.table.unmark(uids);
    this.version++;
  }

  clearMarks(): void {
    if (this.table.clearMarks()) this.version++;
  }

  /** True when the pod is a row of the list as the filter shows it. */
  isShown(uid: string): boolean {
    return this.table.isShown(uid);
  }

  /** How many pods are marked, and how many of those the filter hides. O(marks). */
  markCounts(): { marked: number; hidden: number } {
    return this.table.markCounts();
  }

  /** The marked pods the filter shows, in list order. */
  visibleMarked(): PodEntry[] {
    return this.table.visibleMarked();
  }

  /**
   * What a delete acts on: the marked pods the user can see, in list order, or the selected
   * pod when no visible pod is marked. Marks hidden by the filter never take part.
   */
  targets(): PodEntry[] {
    return this.table.targets();
  }

  /** The rows to draw for a window `height` rows high. Costs O(height), whatever the number of pods. */
  window(height: number): { top: number; rows: readonly PodEntry[] } {
    return this.table.window(height);
  }

  /** Every shown pod in order (headless output; not for frames). */
  all(): readonly PodEntry[] {
    return this.table.all();
  }
}
