// A table of rows of any kind: rows by key kept in sort order, a filter, a selection that
// follows its row (by key), marks, and the visible window. A row replaced by a version that
// sorts at the same place (most updates: a pod's name does not change) takes its place in
// O(log n) with nothing moved; other changes are binary insertions, or, in a batch, logged and
// merged into the order in one pass (O(k log n) comparisons and one copy, no re-sort).
// Only a relist (replaceAll) or a new sort orders every row again.
//
// The filter is lazy: a new filter finds only the matches the window needs (scanning the
// rows in order from the start) and the rest is found later in slices (fillFilter), so a
// keystroke costs what the screen shows, not what the list holds. Whatever is asked of the
// shown rows (a count, an index, every row) first scans as far as that needs.
//
// A table given an identity order (the order every comparator falls back on) keeps its rows
// in that order too, and a sort by a column with a key (RowOrder.primary) is a stable radix
// sort of that array by the key: O(n) with no comparator call, the same order a full sort gives.
// A column whose order is kept (RowOrder.id, orderCache.ts) is sorted by taking its kept
// array as the table's order ("live": deltas then keep it in place like any order, and it
// goes back to the cache when another order is taken), so a sort key copies nothing.

import { orderByKey } from './keyedOrder.js';
import { COMPACT_AT, merged, type CachedOrder } from './orderCache.js';
import { TextIndex } from './textIndex.js';

import type { RowComparator } from './sortedIndex.js';
import { sortedIndex } from './sortedIndex.js';

export { sortedIndex, type RowComparator };

export interface RowFilter<R> {
  readonly kind: string;
  matches(row: R): boolean;
  /** Set when matches(row) is exactly "the row's text (TableModelOptions.textOf) contains this": a text index can find the rows. */
  readonly literal?: string;
  /** True when every row this filter accepts is also accepted by `previous`. */
  narrows(previous: RowFilter<R>): boolean;
}

/** An order: the column's key ascending, then the identity order; `descending` reverses the whole. */
export interface RowOrder<R> {
  /** The order as a comparator; must equal what `primary` and the identity order give. */
  readonly cmp: RowComparator<R>;
  /** The column's value (numbers by value, strings by UTF-16 code units); none: the identity order alone. */
  readonly primary?: (row: R) => number | string;
  readonly descending: boolean;
  /** Names the column when `primary` depends on the row alone (not on outside data): its order is then kept (orderCache.ts). */
  readonly id?: string;
}

export function allRows<R>(): RowFilter<R> {
  return { kind: 'none', matches: () => true, narrows: (previous) => previous.kind === 'none' };
}


/** Inserts `row` at its place (if absent); returns its index. */
function insertSorted<R>(list: R[], row: R, cmp: RowComparator<R>): number {
  const i = sortedIndex(list, row, cmp);
  if (i >= 0) return i;
  list.splice(-i - 1, 0, row);
  return -i - 1;
}

/** Takes `row` out if present; returns the index it had, or -1. */
function removeSorted<R>(list: R[], row: R, cmp: RowComparator<R>): number {
  const i = sortedIndex(list, row, cmp);
  if (i >= 0) list.splice(i, 1);
  return i;
}

/** True when `row` sorts exactly where list[i] stands (between its neighbours). */
function fitsAt<R>(list: readonly R[], i: number, row: R, cmp: RowComparator<R>): boolean {
  return (i === 0 || cmp(list[i - 1]!, row) < 0) && (i === list.length - 1 || cmp(row, list[i + 1]!) < 0);
}

/** Past this many rows left to place after a batch, merging them in one pass beats inserting them one by one. */
const MERGE_AT = 8;

/** Past this many rows replaced in place since it was built, a text index is dropped (each is checked as a row). */
const INDEX_DIRTY_LIMIT = 1024;
/** After deltas moved rows the text index held, it is built again no sooner than this (ms): under churn it would be rebuilt all the time. */
const INDEX_HOLD_MS = 2_000;

/** A filter still finding its rows: `base` holds (at least) every row it accepts, in order; rows before `at` are done. */
interface Scan<R> {
  base: R[];
  at: number;
}

export interface TableModelOptions<R> {
  /** The order every comparator ends on, and the table's first order; with it, keyed sorts skip the comparator (keyedOrder.ts). */
  identity?: RowComparator<R>;
  /** A row's text as a literal filter reads it (RowFilter.literal): with it, the table can keep a text index while the owner asks (setIndexing). */
  textOf?: (row: R) => string;
  /** After deltas moved rows a text index held, how long before one is built again (ms; default INDEX_HOLD_MS). */
  indexHoldMs?: number;
}

export class TableModel<R> {
  private readonly rows = new Map<string, R>();
  /** Every row in sort order. */
  private sorted: R[] = [];
  /** Every row in identity order (the same array as `sorted` when that is the order); empty without an identity. */
  private byId: R[] = [];
  /** The rows the filter accepts found so far, in sort order; the same array as `sorted` when unfiltered. */
  private shown: R[] = this.sorted;
  /** Set while the filter has rows left to look at. */
  private scan: Scan<R> | undefined;
  private filterSpec: RowFilter<R>;
  private order: RowOrder<R>;
  private selectedKey: string | undefined;
  private cursorIndex = 0;
  private topIndex = 0;
  private readonly marked = new Set<string>();
  private readonly identity: RowComparator<R> | undefined;
  /** Kept ascending orders by column id, with the rows that came and went since (orderCache.ts). */
  private readonly orders = new Map<string, CachedOrder<R>>();
  /** The kept order that is `sorted` itself now (reversed when the order descends): not logged, its cache's rows stale until given back. */
  private liveId: string | undefined;
  /** Rows a batch (upsert/delete not in place) added and took out that the arrays do not show yet; rebuild() places them. */
  private pending: { row: R; added: boolean }[] = [];
  /** Every row was replaced (replaceAll): rebuild() orders them all again. */
  private relisted = false;
  private readonly textOf: ((row: R) => string) | undefined;
  /** Whether the owner wants a text index kept (someone is typing a filter). */
  private indexing = false;
  /** The shown rows' texts side by side, for the next narrowing filter (textIndex.ts). */
  private textIndex: TextIndex<R> | undefined;
  /** performance.now() before which no text index is built again (deltas just dropped one). */
  private indexHoldUntil = 0;
  private readonly indexHoldMs: number;

  constructor(
    private readonly keyOf: (row: R) => string,
    private cmp: RowComparator<R>,
    filter: RowFilter<R> = allRows(),
    options: TableModelOptions<R> = {},
  ) {
    this.filterSpec = filter;
    this.identity = options.identity;
    this.textOf = options.textOf;
    this.indexHoldMs = options.indexHoldMs ?? INDEX_HOLD_MS;
    this.order = { cmp, descending: false };
    if (this.identity) this.byId = this.sorted;
  }

  get size(): number {
    return this.rows.size;
  }
  /** How many rows the filter shows (finds them all first). */
  get visibleCount(): number {
    this.advance(Infinity, -1, Infinity);
    return this.shown.length;
  }
  /** How many shown rows are found so far; all of them when countComplete. */
  get shownSoFar(): number {
    return this.shown.length;
  }
  /** False while the filter has rows left to look at (fillFilter finds them). */
  get countComplete(): boolean {
    return this.scan === undefined;
  }
  get filter(): RowFilter<R> {
    return this.filterSpec;
  }
  get cursor(): number {
    return this.cursorIndex;
  }
  get top(): number {
    return this.topIndex;
  }
  get marks(): ReadonlySet<string> {
    return this.marked;
  }
  get comparator(): RowComparator<R> {
    return this.cmp;
  }

  get(key: string): R | undefined {
    return this.rows.get(key);
  }

  values(): IterableIterator<R> {
    return this.rows.values();
  }

  /** Every row in sort order, the filter aside (not a copy: read it, do not keep it). */
  everyRow(): readonly R[] {
    return this.sorted;
  }

  selected(): R | undefined {
    return this.selectedKey === undefined ? undefined : this.rows.get(this.selectedKey);
  }

  // ---- rows ----------------------------------------------------------------------

  /**
   * Adds or replaces a row. A new version that sorts where the old one stands takes its place
   * at once; otherwise `inPlace` false leaves the order to a later rebuild() (a batch).
   */
  upsert(row: R, inPlace: boolean): R | undefined {
    const key = this.keyOf(row);
    const old = this.rows.get(key);
    if (old && !this.relisted && this.replaceWhereItStands(old, row)) {
      this.rows.set(key, row);
      this.replaceInOrders(old, row);
      return old;
    }
    if (old) {
      this.remove(old, inPlace, false);
      this.replaceInOrders(old, row);
    } else this.logOrders(row, true);
    this.rows.set(key, row);
    if (!inPlace) {
      if (!this.relisted) this.pending.push({ row, added: true });
      return old;
    }
    this.place(row);
    return old;
  }

  /**
   * Puts `new` where `old` stands in every array that holds it, when it sorts at that very
   * place and the filter's verdict is the same for both; false (nothing changed) otherwise.
   */
  private replaceWhereItStands(old: R, row: R): boolean {
    const cmp = this.cmp;
    // The very object, not one equal to it: a batch may have left another version in its place.
    const i = sortedIndex(this.sorted, old, cmp);
    if (i < 0 || this.sorted[i] !== old || !fitsAt(this.sorted, i, row, cmp)) return false;
    const separate = this.byId !== this.sorted && this.identity !== undefined;
    const j = separate ? sortedIndex(this.byId, old, this.identity!) : -1;
    if (separate && (j < 0 || this.byId[j] !== old || !fitsAt(this.byId, j, row, this.identity!))) return false;
    // Shown rows and a scan's base are sub-sequences of `sorted`: the new row fits there too.
    let shownAt = -1;
    let baseAt = -1;
    const scan = this.scan;
    if (this.shown !== this.sorted) {
      const matches = this.filterSpec.matches(row);
      if (matches !== this.filterSpec.matches(old)) return false;
      if (matches) shownAt = sortedIndex(this.shown, old, cmp);
      if (shownAt >= 0 && this.shown[shownAt] !== old) return false;
      if (scan && scan.base !== this.sorted) {
        baseAt = sortedIndex(scan.base, old, cmp);
        if (baseAt >= 0 && scan.base[baseAt] !== old) return false;
        // A row the scan has still to look at must be in its base when the filter takes it.
        if (baseAt < 0 && matches) return false;
      }
    }
    this.sorted[i] = row;
    if (separate) this.byId[j] = row;
    if (shownAt >= 0) this.shown[shownAt] = row;
    if (baseAt >= 0) scan!.base[baseAt] = row;
    const index = this.textIndex;
    if (index) {
      if (index.rows === this.sorted) index.markDirty(i);
      else if (index.rows === this.shown && shownAt >= 0) index.markDirty(shownAt);
      else if (scan && index.rows === scan.base && baseAt >= 0) index.markDirty(baseAt);
      if (index.dirtyCount > INDEX_DIRTY_LIMIT) this.dropIndex(true);
    }
    return true;
  }

  /** Inserts a row that no array holds yet into each at its place (and into the filter's rows when it has reached it). */
  private place(row: R): void {
    this.dropIndex(true);
    const i = insertSorted(this.sorted, row, this.cmp);
    if (this.byId !== this.sorted && this.identity) insertSorted(this.byId, row, this.identity);
    if (this.shown === this.sorted) return;
    const scan = this.scan;
    const matches = this.filterSpec.matches(row);
    if (scan) {
      if (scan.base === this.sorted) {
        if (i < scan.at) scan.at++;
        else return;
      } else {
        if (!matches) return;
        const j = insertSorted(scan.base, row, this.cmp);
        if (j < scan.at) scan.at++;
        else return;
      }
    }
    if (matches) insertSorted(this.shown, row, this.cmp);
  }

  /** Takes a row out (its mark goes with it). */
  delete(key: string, inPlace: boolean): R | undefined {
    const old = this.rows.get(key);
    if (old) this.remove(old, inPlace);
    this.marked.delete(key);
    return old;
  }

  /** `orders` false: the caller tells the kept orders itself (a replacement). */
  private remove(row: R, inPlace: boolean, orders = true): void {
    this.rows.delete(this.keyOf(row));
    if (orders) this.logOrders(row, false);
    if (inPlace) this.unplace(row);
    else if (!this.relisted) this.pending.push({ row, added: false });
  }

  /** Takes a row out of every array that holds it. */
  private unplace(row: R): void {
    this.dropIndex(true);
    const scan = this.scan;
    if (scan && scan.base !== this.sorted) {
      const j = removeSorted(scan.base, row, this.cmp);
      if (j >= 0 && j < scan.at) scan.at--;
    }
    const i = removeSorted(this.sorted, row, this.cmp);
    if (scan && scan.base === this.sorted && i >= 0 && i < scan.at) scan.at--;
    if (this.byId !== this.sorted && this.identity) removeSorted(this.byId, row, this.identity);
    if (this.shown !== this.sorted) removeSorted(this.shown, row, this.cmp);
  }

  /** Replaces every row (a relist); marks stay on the rows that are still there. Call rebuild() after. */
  replaceAll(rows: Iterable<R>): void {
    this.rows.clear();
    this.orders.clear();
    this.liveId = undefined;
    for (const r of rows) this.rows.set(this.keyOf(r), r);
    for (const key of this.marked) if (!this.rows.has(key)) this.marked.delete(key);
    this.relisted = true;
    this.pending = [];
    this.dropIndex(true);
  }

  /**
   * Puts the rows a batch left out of place where they belong: after a relist every row is
   * ordered again; otherwise a few are inserted one by one, more are merged into the order
   * in one pass (and a filter starts over on the new order).
   */
  rebuild(): void {
    if (this.relisted) {
      this.relisted = false;
      if (this.identity) {
        this.byId = [...this.rows.values()].sort(this.identity);
        this.sorted = this.orderRows(this.order);
      } else {
        this.sorted = [...this.rows.values()].sort(this.cmp);
      }
      this.applyFilter(this.filterSpec, false);
      return;
    }
    const log = this.pending;
    if (log.length === 0) return;
    this.pending = [];
    this.dropIndex(true);
    if (log.length < MERGE_AT) {
      for (const { row, added } of log) {
        if (added) this.place(row);
        else this.unplace(row);
      }
      return;
    }
    const shared = this.byId === this.sorted;
    const filtered = this.shown !== this.sorted;
    this.sorted = merged({ rows: this.sorted, cmp: this.cmp, log });
    if (this.identity) this.byId = shared ? this.sorted : merged({ rows: this.byId, cmp: this.identity, log });
    if (!filtered) this.shown = this.sorted;
    else if (this.scan) this.restartFilter();
    else {
      // Every row the filter takes was found: the log's rows it takes are merged in the same way.
      const filter = this.filterSpec;
      this.shown = merged({ rows: this.shown, cmp: this.cmp, log: log.filter((e) => !e.added || filter.matches(e.row)) });
    }
  }

  // ---- order and filter ------------------------------------------------------------

  /** A new order; `reversed` says it is exactly the current one reversed (no sort needed). */
  setComparator(cmp: RowComparator<R>, reversed: boolean): void {
    this.setOrder({ cmp, descending: false }, reversed);
  }

  /**
   * A new order. `reversed`: it is exactly the current one reversed (the arrays are reversed,
   * O(n) without a comparison). With an identity, an order with a `primary` key is a radix sort
   * of the rows in identity order (O(n)); the identity order itself costs nothing.
   */
  setOrder(order: RowOrder<R>, reversed: boolean): void {
    this.dropIndex(false);
    if (!reversed) this.giveBackLive();
    this.cmp = order.cmp;
    this.order = order;
    if (this.identity && order.primary === undefined) this.sorted = this.orderRows(order);
    else if (reversed) this.sorted.reverse();
    else this.sorted = this.identity ? this.orderRows(order) : this.sorted.sort(this.cmp);
    if (reversed && this.filterSpec.kind !== 'none' && !this.scan) this.shown.reverse();
    else this.restartFilter();
    this.settleSelection();
  }

  /** The rows in `order`, from the identity order: shared, reversed, or radix sorted by the key. */
  private orderRows(order: RowOrder<R>): R[] {
    if (order.primary === undefined) return order.descending ? this.byId.slice().reverse() : this.byId;
    if (order.id === undefined) {
      const rows = orderByKey(this.byId, order.primary);
      return order.descending ? rows.reverse() : rows;
    }
    // The kept array itself: from now on deltas keep it in place as `sorted` (giveBackLive ends that).
    const rows = merged(this.cachedOrder(order));
    this.liveId = order.id;
    return order.descending ? rows.reverse() : rows;
  }

  /** The live kept order's rows go back to its cache, ascending, as `sorted` holds them now (before `sorted` changes order). */
  private giveBackLive(): void {
    const id = this.liveId;
    if (id === undefined) return;
    this.liveId = undefined;
    const cache = this.orders.get(id);
    if (!cache) return;
    cache.rows = this.order.descending ? this.sorted.reverse() : this.sorted;
    cache.log = [];
  }

  /** The column's kept ascending order (built now if it is not kept yet). */
  private cachedOrder(order: RowOrder<R>): CachedOrder<R> {
    const id = order.id!;
    let cache = this.orders.get(id);
    if (!cache) {
      const cmp = order.cmp;
      cache = { rows: orderByKey(this.byId, order.primary!), cmp: order.descending ? (a, b) => -cmp(a, b) : cmp, log: [] };
      this.orders.set(id, cache);
    }
    return cache;
  }

  private logOrders(row: R, added: boolean): void {
    for (const [id, cache] of this.orders) {
      if (id === this.liveId) continue;
      cache.log.push({ row, added });
      // Nobody merged it for long (no idle work): building it again will cost no more.
      if (cache.log.length > Math.max(8 * COMPACT_AT, this.rows.size)) this.orders.delete(id);
    }
  }

  /** A row's new version in each kept order: where the old one stands when it sorts there (most updates), else logged. */
  private replaceInOrders(old: R, row: R): void {
    for (const [id, cache] of this.orders) {
      if (id === this.liveId) continue;
      const { rows, cmp } = cache;
      const i = sortedIndex(rows, old, cmp);
      if (i >= 0 && rows[i] === old && fitsAt(rows, i, row, cmp)) {
        rows[i] = row;
        continue;
      }
      cache.log.push({ row: old, added: false }, { row, added: true });
      if (cache.log.length > Math.max(8 * COMPACT_AT, this.rows.size)) this.orders.delete(id);
    }
  }

  /** True when each of these orders is kept with a short log (prepareOrders has nothing to do). */
  ordersReady(orders: readonly RowOrder<R>[]): boolean {
    if (!this.identity) return true;
    for (const o of orders) {
      if (o.id === undefined || o.primary === undefined || o.id === this.liveId) continue;
      const cache = this.orders.get(o.id);
      if (!cache || cache.log.length >= COMPACT_AT) return false;
    }
    return true;
  }

  /**
   * Idle work: builds these columns' kept orders, or merges a long log, one column per call
   * while the clock (performance.now()) is before `until`; true when all are ready.
   */
  prepareOrders(orders: readonly RowOrder<R>[], until: number): boolean {
    if (!this.identity) return true;
    for (const o of orders) {
      if (o.id === undefined || o.primary === undefined || o.id === this.liveId) continue;
      const cache = this.orders.get(o.id);
      if (cache && cache.log.length < COMPACT_AT) continue;
      if (performance.now() >= until) return false;
      merged(this.cachedOrder(o));
    }
    return true;
  }

  setFilter(filter: RowFilter<R>): void {
    this.applyFilter(filter, filter.narrows(this.filterSpec));
    this.settleSelection();
  }

  private applyFilter(filter: RowFilter<R>, incremental: boolean): void {
    this.filterSpec = filter;
    if (filter.kind === 'none') {
      this.shown = this.sorted;
      this.scan = undefined;
      this.dropIndex(false);
      return;
    }
    // Narrowing looks only at what the previous filter accepted (or was still to look at).
    const base = !incremental ? this.sorted : this.scan ? this.scan.base : this.shown;
    if (this.textIndex && this.textIndex.rows !== base) this.dropIndex(false);
    this.shown = [];
    this.scan = { base, at: 0 };
  }

  // ---- text index ----------------------------------------------------------------

  /** Whether to keep a text index of the shown rows (while a filter is typed); off drops it. */
  setIndexing(on: boolean): void {
    this.indexing = on;
    if (!on) this.dropIndex(false);
  }

  private dropIndex(byDelta: boolean): void {
    if (this.textIndex === undefined) return;
    this.textIndex = undefined;
    if (byDelta) this.indexHoldUntil = performance.now() + this.indexHoldMs;
  }

  /** True when idle work would build (more of) a text index of the shown rows. */
  get indexPending(): boolean {
    if (!this.indexing || this.textOf === undefined || this.scan !== undefined || this.shown === this.sorted) return false;
    const literal = this.filterSpec.literal;
    if (literal === undefined || literal.includes('\n')) return false;
    if (this.textIndex?.rows === this.shown) return !this.textIndex.complete;
    return performance.now() >= this.indexHoldUntil;
  }

  /** Idle work: indexes the shown rows' texts until performance.now() passes `until`; true when nothing is left. */
  buildTextIndex(until: number): boolean {
    if (!this.indexPending) return true;
    if (this.textIndex?.rows !== this.shown) this.textIndex = new TextIndex(this.shown, this.textOf!);
    return this.textIndex.build(until);
  }

  /** The filter starts over on the rows in their current order. */
  private restartFilter(): void {
    this.applyFilter(this.filterSpec, false);
  }

  /**
   * Looks at more rows for the filter: until `length` rows are shown and the row at `through`
   * in the scanned array is looked at, or the clock passes `until` (checked every 256 rows).
   */
  private advance(length: number, through: number, until: number): void {
    const scan = this.scan;
    if (!scan) return;
    const { base } = scan;
    const filter = this.filterSpec;
    const literal = filter.literal;
    // The index tells which rows may match; the rest are skipped unread (every candidate is still tested).
    const index = literal !== undefined && this.textIndex?.rows === base && !literal.includes('\n') ? this.textIndex : undefined;
    let i = scan.at;
    let steps = 0;
    while (i < base.length && (this.shown.length < length || i <= through)) {
      if (index !== undefined && i < index.built) {
        const next = index.next(i, literal!);
        if (next > i) {
          i = next;
          continue;
        }
      }
      const r = base[i]!;
      if (filter.matches(r)) this.shown.push(r);
      i++;
      if ((++steps & 255) === 0 && until !== Infinity && performance.now() >= until) break;
    }
    scan.at = i;
    if (i >= base.length) this.scan = undefined;
  }

  /** Finds more of the filter's rows until the clock (performance.now()) passes `until`; true when all are found. */
  fillFilter(until: number): boolean {
    this.advance(Infinity, -1, until);
    return this.scan === undefined;
  }

  /** True when the row is one the filter shows. */
  isShown(key: string): boolean {
    const r = this.rows.get(key);
    return r !== undefined && this.filterSpec.matches(r);
  }

  // ---- selection and window ----------------------------------------------------------

  /** Keeps the selection on its row; if that row left the view, on the row now at its place. */
  settleSelection(): void {
    const row = this.selectedKey === undefined ? undefined : this.rows.get(this.selectedKey);
    if (row && (this.shown === this.sorted || this.filterSpec.matches(row))) {
      if (this.scan) this.advance(0, sortedIndex(this.scan.base, row, this.cmp), Infinity);
      const i = sortedIndex(this.shown, row, this.cmp);
      if (i >= 0) {
        this.cursorIndex = i;
        return;
      }
    }
    this.advance(this.cursorIndex + 1, -1, Infinity);
    this.cursorIndex = Math.max(0, Math.min(this.cursorIndex, this.shown.length - 1));
    const at = this.shown[this.cursorIndex];
    this.selectedKey = at === undefined ? undefined : this.keyOf(at);
  }

  moveTo(index: number): void {
    this.advance(Math.max(1, index + 1), -1, Infinity);
    if (this.shown.length === 0) return;
    const i = Math.max(0, Math.min(index, this.shown.length - 1));
    this.cursorIndex = i;
    this.selectedKey = this.keyOf(this.shown[i]!);
  }

  moveBy(delta: number): void {
    this.moveTo(this.cursorIndex + delta);
  }

  /** The rows to draw in a window `height` rows high; the offset follows the cursor. O(height) once the filter has found them. */
  window(height: number): { top: number; rows: readonly R[] } {
    const h = Math.max(1, height);
    let top = this.topIndex;
    if (this.cursorIndex < top) top = this.cursorIndex;
    if (this.cursorIndex >= top + h) top = this.cursorIndex - h + 1;
    this.advance(top + h, -1, Infinity);
    top = Math.max(0, Math.min(top, this.shown.length - h));
    this.topIndex = top;
    return { top, rows: this.shown.slice(top, top + h) };
  }

  /** Every shown row in order (headless output; not for frames). */
  all(): readonly R[] {
    this.advance(Infinity, -1, Infinity);
    return this.shown;
  }

  // ---- marks ---------------------------------------------------------------------

  toggleMark(): void {
    const key = this.selectedKey;
    if (key === undefined) return;
    if (this.marked.has(key)) this.marked.delete(key);
    else this.marked.add(key);
  }

  unmark(keys: Iterable<string>): void {
    for (const key of keys) this.marked.delete(key);
  }

  clearMarks(): boolean {
    if (this.marked.size === 0) return false;
    this.marked.clear();
    return true;
  }

  /** How many rows are marked, and how many of those the filter hides. O(marks). */
  markCounts(): { marked: number; hidden: number } {
    let hidden = 0;
    for (const key of this.marked) if (!this.isShown(key)) hidden++;
    return { marked: this.marked.size, hidden };
  }

  /** The marked rows the filter shows, in order. */
  visibleMarked(): R[] {
    const out: R[] = [];
    for (const key of this.marked) {
      const r = this.rows.get(key);
      if (r && this.filterSpec.matches(r)) out.push(r);
    }
    return out.sort(this.cmp);
  }

  /** What an action on "the marked rows, else the selected one" acts on; hidden marks never take part. */
  targets(): R[] {
    const marked = this.visibleMarked();
    if (marked.length > 0) return marked;
    const s = this.selected();
    return s ? [s] : [];
  }
}
