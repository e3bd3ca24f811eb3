// A table of rows of any kind: rows by key kept in sort order, a filter, a selection that
// follows its row (by key), marks, and the visible window. Changes cost O(log n) per row
// (binary insertion); only a rebuild (big batch) or a new sort touches every row.
//
// The filter is lazy: a new filter finds only the matches the window needs (scanning the
// rows in order from the start) and the rest is found later in slices (fillFilter), so a
// keystroke costs what the screen shows, not what the list holds. Whatever is asked of the
// shown rows (a count, an index, every row) first scans as far as that needs.
//
// A table given an identity order (the order every comparator falls back on) keeps its rows
// in that order too, and a sort by a column with a key (RowOrder.primary) is a stable radix
// sort of that array by the key: O(n) with no comparator call, the same order a full sort gives.

import { orderByKey } from './keyedOrder.js';
import { COMPACT_AT, merged, type CachedOrder } from './orderCache.js';

import type { RowComparator } from './sortedIndex.js';
import { sortedIndex } from './sortedIndex.js';

export { sortedIndex, type RowComparator };

export interface RowFilter<R> {
  readonly kind: string;
  matches(row: R): boolean;
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

/** A filter still finding its rows: `base` holds (at least) every row it accepts, in order; rows before `at` are done. */
interface Scan<R> {
  base: R[];
  at: number;
}

export interface TableModelOptions<R> {
  /** The order every comparator ends on, and the table's first order; with it, keyed sorts skip the comparator (keyedOrder.ts). */
  identity?: RowComparator<R>;
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

  constructor(
    private readonly keyOf: (row: R) => string,
    private cmp: RowComparator<R>,
    filter: RowFilter<R> = allRows(),
    options: TableModelOptions<R> = {},
  ) {
    this.filterSpec = filter;
    this.identity = options.identity;
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

  /** Adds or replaces a row; `inPlace` false leaves the order to a later rebuild(). */
  upsert(row: R, inPlace: boolean): R | undefined {
    const old = this.rows.get(this.keyOf(row));
    if (old) this.remove(old, inPlace);
    this.rows.set(this.keyOf(row), row);
    this.logOrders(row, true);
    if (!inPlace) return old;
    const i = insertSorted(this.sorted, row, this.cmp);
    if (this.byId !== this.sorted && this.identity) insertSorted(this.byId, row, this.identity);
    if (this.shown === this.sorted) return old;
    const scan = this.scan;
    const matches = this.filterSpec.matches(row);
    if (scan) {
      if (scan.base === this.sorted) {
        if (i < scan.at) scan.at++;
        else return old;
      } else {
        if (!matches) return old;
        const j = insertSorted(scan.base, row, this.cmp);
        if (j < scan.at) scan.at++;
        else return old;
      }
    }
    if (matches) insertSorted(this.shown, row, this.cmp);
    return old;
  }

  /** Takes a row out (its mark goes with it). */
  delete(key: string, inPlace: boolean): R | undefined {
    const old = this.rows.get(key);
    if (old) this.remove(old, inPlace);
    this.marked.delete(key);
    return old;
  }

  private remove(row: R, inPlace: boolean): void {
    this.rows.delete(this.keyOf(row));
    this.logOrders(row, false);
    if (!inPlace) return;
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
    for (const r of rows) this.rows.set(this.keyOf(r), r);
    for (const key of this.marked) if (!this.rows.has(key)) this.marked.delete(key);
  }

  rebuild(): void {
    if (this.identity) {
      this.byId = [...this.rows.values()].sort(this.identity);
      this.sorted = this.orderRows(this.order);
    } else {
      this.sorted = [...this.rows.values()].sort(this.cmp);
    }
    this.applyFilter(this.filterSpec, false);
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
    // A copy: `sorted` changes in place with every delta, the kept order by its log.
    const rows = merged(this.cachedOrder(order)).slice();
    return order.descending ? rows.reverse() : rows;
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
      cache.log.push({ row, added });
      // Nobody merged it for long (no idle work): building it again will cost no more.
      if (cache.log.length > Math.max(8 * COMPACT_AT, this.rows.size)) this.orders.delete(id);
    }
  }

  /** True when each of these orders is kept with a short log (prepareOrders has nothing to do). */
  ordersReady(orders: readonly RowOrder<R>[]): boolean {
    if (!this.identity) return true;
    for (const o of orders) {
      if (o.id === undefined || o.primary === undefined) continue;
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
      if (o.id === undefined || o.primary === undefined) continue;
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
      return;
    }
    // Narrowing looks only at what the previous filter accepted (or was still to look at).
    const base = !incremental ? this.sorted : this.scan ? this.scan.base : this.shown;
    this.shown = [];
    this.scan = { base, at: 0 };
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
    let i = scan.at;
    while (i < base.length && (this.shown.length < length || i <= through)) {
      const r = base[i]!;
      if (filter.matches(r)) this.shown.push(r);
      i++;
      if ((i & 255) === 0 && until !== Infinity && performance.now() >= until) break;
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
