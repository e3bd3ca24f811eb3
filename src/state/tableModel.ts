// A table of rows of any kind: rows by key kept in sort order, a filter, a selection that
// follows its row (by key), marks, and the visible window. Changes cost O(log n) per row
// (binary insertion); only a rebuild (big batch, new sort, widening filter) touches every
// row. The pod list specialises it (PodTable); other resource lists can reuse it as is.

export type RowComparator<R> = (a: R, b: R) => number;

export interface RowFilter<R> {
  readonly kind: string;
  matches(row: R): boolean;
  /** True when every row this filter accepts is also accepted by `previous`. */
  narrows(previous: RowFilter<R>): boolean;
}

export function allRows<R>(): RowFilter<R> {
  return { kind: 'none', matches: () => true, narrows: (previous) => previous.kind === 'none' };
}

/** Index of `row` in `list` sorted by `cmp`, or -(insertion point) - 1. */
export function sortedIndex<R>(list: readonly R[], row: R, cmp: RowComparator<R>): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = cmp(list[mid]!, row);
    if (c < 0) lo = mid + 1;
    else if (c > 0) hi = mid - 1;
    else return mid;
  }
  return -lo - 1;
}

export class TableModel<R> {
  private readonly rows = new Map<string, R>();
  /** Every row in sort order. */
  private sorted: R[] = [];
  /** The rows the filter accepts, in sort order; the same array as `sorted` when unfiltered. */
  private shown: R[] = this.sorted;
  private filterSpec: RowFilter<R>;
  private selectedKey: string | undefined;
  private cursorIndex = 0;
  private topIndex = 0;
  private readonly marked = new Set<string>();

  constructor(
    private readonly keyOf: (row: R) => string,
    private cmp: RowComparator<R>,
    filter: RowFilter<R> = allRows(),
  ) {
    this.filterSpec = filter;
  }

  get size(): number {
    return this.rows.size;
  }
  get visibleCount(): number {
    return this.shown.length;
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

  selected(): R | undefined {
    return this.selectedKey === undefined ? undefined : this.rows.get(this.selectedKey);
  }

  // ---- rows ----------------------------------------------------------------------

  /** Adds or replaces a row; `inPlace` false leaves the order to a later rebuild(). */
  upsert(row: R, inPlace: boolean): R | undefined {
    const old = this.rows.get(this.keyOf(row));
    if (old) this.remove(old, inPlace);
    this.rows.set(this.keyOf(row), row);
    if (inPlace) {
      const i = sortedIndex(this.sorted, row, this.cmp);
      if (i < 0) this.sorted.splice(-i - 1, 0, row);
      if (this.shown !== this.sorted && this.filterSpec.matches(row)) {
        const j = sortedIndex(this.shown, row, this.cmp);
        if (j < 0) this.shown.splice(-j - 1, 0, row);
      }
    }
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
    if (!inPlace) return;
    const i = sortedIndex(this.sorted, row, this.cmp);
    if (i >= 0) this.sorted.splice(i, 1);
    if (this.shown !== this.sorted) {
      const j = sortedIndex(this.shown, row, this.cmp);
      if (j >= 0) this.shown.splice(j, 1);
    }
  }

  /** Replaces every row (a relist); marks stay on the rows that are still there. Call rebuild() after. */
  replaceAll(rows: Iterable<R>): void {
    this.rows.clear();
    for (const r of rows) this.rows.set(this.keyOf(r), r);
    for (const key of this.marked) if (!this.rows.has(key)) this.marked.delete(key);
  }

  rebuild(): void {
    this.sorted = [...this.rows.values()].sort(this.cmp);
    this.applyFilter(this.filterSpec, false);
  }

  // ---- order and filter ------------------------------------------------------------

  /** A new order; `reversed` says it is exactly the current one reversed (no sort needed). */
  setComparator(cmp: RowComparator<R>, reversed: boolean): void {
    this.cmp = cmp;
    if (reversed) {
      this.sorted.reverse();
      if (this.shown !== this.sorted) this.shown.reverse();
    } else {
      this.sorted.sort(this.cmp);
      if (this.shown !== this.sorted) this.shown.sort(this.cmp);
    }
    this.settleSelection();
  }

  setFilter(filter: RowFilter<R>): void {
    this.applyFilter(filter, filter.narrows(this.filterSpec));
    this.settleSelection();
  }

  private applyFilter(filter: RowFilter<R>, incremental: boolean): void {
    this.filterSpec = filter;
    if (filter.kind === 'none') {
      this.shown = this.sorted;
      return;
    }
    const base = incremental ? this.shown : this.sorted;
    this.shown = base.filter((r) => filter.matches(r));
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
    if (row) {
      const i = sortedIndex(this.shown, row, this.cmp);
      if (i >= 0) {
        this.cursorIndex = i;
        return;
      }
    }
    this.cursorIndex = Math.max(0, Math.min(this.cursorIndex, this.shown.length - 1));
    const at = this.shown[this.cursorIndex];
    this.selectedKey = at === undefined ? undefined : this.keyOf(at);
  }

  moveTo(index: number): void {
    if (this.shown.length === 0) return;
    const i = Math.max(0, Math.min(index, this.shown.length - 1));
    this.cursorIndex = i;
    this.selectedKey = this.keyOf(this.shown[i]!);
  }

  moveBy(delta: number): void {
    this.moveTo(this.cursorIndex + delta);
  }

  /** The rows to draw in a window `height` rows high; the offset follows the cursor. O(height). */
  window(height: number): { top: number; rows: readonly R[] } {
    const h = Math.max(1, height);
    let top = this.topIndex;
    if (this.cursorIndex < top) top = this.cursorIndex;
    if (this.cursorIndex >= top + h) top = this.cursorIndex - h + 1;
    top = Math.max(0, Math.min(top, this.shown.length - h));
    this.topIndex = top;
    return { top, rows: this.shown.slice(top, top + h) };
  }

  /** Every shown row in order (headless output; not for frames). */
  all(): readonly R[] {
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
