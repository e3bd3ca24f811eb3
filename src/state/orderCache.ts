// Each sort column's ascending order, kept once built so a later sort by that column does
// not touch every row again: rows that came and went since are logged (O(1) each) and
// merged in when the order is next wanted — O(k log n) comparisons for k logged changes and
// one pass over the rows after the first change — or ahead of that, when the app is idle.
// The merge works in the array itself: a 100k-row order is 800 KB, and a new one per merge
// (and per batch of deltas: TableModel.rebuild merges its own arrays the same way) lands in
// V8's young generation, where it set off a collection every time.
import { sortedIndex, type RowComparator } from './sortedIndex.js';

/**
 * Past this many logged changes an order is merged when the app is idle, whatever the size: a
 * sort key merges what is left in its frame, and each logged change costs two binary searches
 * whose probes miss the cache (~5 µs a change at 100k rows).
 */
export const COMPACT_AT = 128;

export interface CachedOrder<R> {
  /** The rows in ascending order as of the last merge. */
  rows: R[];
  readonly cmp: RowComparator<R>;
  /** Rows added (true) and taken out (false) since, in the order it happened. */
  log: { row: R; added: boolean }[];
}

/** The cached order with its log merged in (the log empties); the same array, changed in place. */
export function merged<R>(cache: CachedOrder<R>): R[] {
  if (cache.log.length === 0) return cache.rows;
  // The net change per row object: added then removed cancels, and the reverse.
  const net = new Map<R, boolean>();
  for (const { row, added } of cache.log) {
    const was = net.get(row);
    if (was !== undefined && was !== added) net.delete(row);
    else net.set(row, added);
  }
  cache.log = [];
  const { rows, cmp } = cache;
  let gone: number[] = [];
  const adds: R[] = [];
  for (const [row, added] of net) {
    if (added) adds.push(row);
    else {
      const i = sortedIndex(rows, row, cmp);
      if (i >= 0) gone.push(i);
    }
  }
  // Two versions of one row (one replaced in the log, the other never placed) find the same place: it goes once.
  const goneAt = new Set(gone);
  if (goneAt.size < gone.length) gone = [...goneAt];
  gone.sort((x, y) => x - y);
  adds.sort(cmp);
  // Where each added row goes among the old rows (a row already there is not added again).
  const points: number[] = [];
  const fresh: R[] = [];
  for (const row of adds) {
    const at = sortedIndex(rows, row, cmp);
    if (at >= 0 && !goneAt.has(at)) continue;
    points.push(at >= 0 ? at : -at - 1);
    fresh.push(row);
  }
  removeAt(rows, gone);
  // Each insertion point among the rows left: minus the removed rows before it.
  for (let k = 0, g = 0; k < points.length; k++) {
    while (g < gone.length && gone[g]! < points[k]!) g++;
    points[k]! -= g;
  }
  insertAt(rows, points, fresh);
  return rows;
}

/** Takes out the rows at these ascending indexes, closing the gaps from the first one on. */
function removeAt<R>(rows: R[], gone: readonly number[]): void {
  if (gone.length === 0) return;
  let o = gone[0]!;
  let g = 0;
  for (let i = o; i < rows.length; i++) {
    if (g < gone.length && gone[g] === i) {
      g++;
      continue;
    }
    rows[o++] = rows[i]!;
  }
  rows.length = o;
}

/** Puts fresh[k] before the row now at points[k] (points ascending), moving rows from the back down to the first point. */
function insertAt<R>(rows: R[], points: readonly number[], fresh: readonly R[]): void {
  if (fresh.length === 0) return;
  let i = rows.length - 1;
  for (let k = 0; k < fresh.length; k++) rows.push(fresh[k]!);
  let o = rows.length - 1;
  for (let k = fresh.length - 1; k >= 0; k--) {
    const at = points[k]!;
    while (i >= at) rows[o--] = rows[i--]!;
    rows[o--] = fresh[k]!;
  }
}
