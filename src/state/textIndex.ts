// The rows a filter showed, their texts joined into a few long strings. While the user types a
// filter, each keystroke narrows from the rows the last one showed, and finds the window's
// matches by looking at those rows in order. At 100k rows each row's text is a pointer or two
// away (a cache miss each, ~0.1–0.3 µs), so a selective letter whose first match lies 50k rows
// down cost 5–15 ms in its frame. Here the texts lie side by side in chunk strings, built in
// idle slices once the filter has found all its rows: a literal filter finds its next match
// with indexOf over contiguous text and skips the rows before it unread. A row replaced in
// place since (a delta) is marked dirty and checked as a row; a row inserted or removed
// anywhere shifts every position after it, so the owner drops the index then.

/** Rows per chunk string (a chunk is built in one go: 512 rows are ~0.1 ms). */
const CHUNK = 512;

export class TextIndex<R> {
  private readonly chunks: string[] = [];
  /** Per chunk: where each of its rows' text starts in the chunk string (texts are separated by "\n"). */
  private readonly starts: Uint32Array[] = [];
  /** Rows indexed so far, from the first. */
  private indexed = 0;
  /** Positions whose row was replaced since it was indexed (its text there may be stale). */
  private readonly dirtySet = new Set<number>();
  private dirtySorted: number[] | undefined = [];
  /** The last text search: from `from` on, the first row whose text holds `literal` is `hit` (so a run of dirty rows does not search the same text again). */
  private memo: { literal: string; from: number; hit: number } | undefined;

  constructor(
    /** The indexed array (the owner changes it only in place, and marks those positions dirty). */
    readonly rows: readonly R[],
    private readonly textOf: (row: R) => string,
  ) {}

  /** Rows indexed so far (from the first). */
  get built(): number {
    return this.indexed;
  }

  get complete(): boolean {
    return this.indexed >= this.rows.length;
  }

  get dirtyCount(): number {
    return this.dirtySet.size;
  }

  /** The row at `at` was replaced in place. */
  markDirty(at: number): void {
    if (at >= this.indexed || this.dirtySet.has(at)) return;
    this.dirtySet.add(at);
    this.dirtySorted = undefined;
  }

  /** Indexes more rows, a chunk at a time, until performance.now() passes `until`; true when complete. */
  build(until: number): boolean {
    const rows = this.rows;
    while (this.indexed < rows.length) {
      const from = this.indexed;
      const end = Math.min(rows.length, from + CHUNK);
      const parts: string[] = new Array(end - from);
      const starts = new Uint32Array(end - from);
      let offset = 0;
      for (let i = from; i < end; i++) {
        const text = this.textOf(rows[i]!);
        parts[i - from] = text;
        starts[i - from] = offset;
        offset += text.length + 1;
      }
      this.chunks.push(parts.join('\n'));
      this.starts.push(starts);
      this.indexed = end;
      this.memo = undefined;
      if (performance.now() >= until) break;
    }
    return this.complete;
  }

  /**
   * The first position at or after `from` that may hold a match for `literal` (a string with
   * no "\n"): a row whose indexed text contains it, or a dirty row. `built` when no indexed
   * position from `from` on may (`from` itself past it); the caller looks at rows past `built` itself.
   */
  next(from: number, literal: string): number {
    if (from >= this.indexed) return from;
    const limit = Math.min(this.nextDirty(from), this.indexed);
    const memo = this.memo;
    let hit: number;
    if (memo !== undefined && memo.literal === literal && memo.from <= from && from <= memo.hit) hit = memo.hit;
    else {
      hit = this.textHit(from, literal);
      this.memo = { literal, from, hit };
    }
    return Math.min(hit, limit);
  }

  /** The first indexed row from `from` on whose indexed text holds `literal`; `built` when none. */
  private textHit(from: number, literal: string): number {
    for (let c = Math.floor(from / CHUNK); c * CHUNK < this.indexed; c++) {
      const starts = this.starts[c]!;
      const first = c * CHUNK;
      const pos = from > first ? starts[from - first]! : 0;
      const hit = this.chunks[c]!.indexOf(literal, pos);
      if (hit < 0) continue;
      // The row whose text holds the hit: the last start at or before it.
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (starts[mid]! <= hit) lo = mid;
        else hi = mid - 1;
      }
      return first + lo;
    }
    return this.indexed;
  }

  private nextDirty(from: number): number {
    if (this.dirtySet.size === 0) return Infinity;
    this.dirtySorted ??= [...this.dirtySet].sort((a, b) => a - b);
    const sorted = this.dirtySorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length ? sorted[lo]! : Infinity;
  }
}
