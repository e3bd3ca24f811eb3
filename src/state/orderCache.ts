// Each sort column's ascending order, kept once built so a later sort by that column does
// not touch every row again: rows that came and went since are logged (O(1) each) and
// merged in when the order is next wanted — O(k log n) comparisons for k logged changes
// plus one copy of the array — or ahead of that, when the app is idle (compact()).
import { sortedIndex, type RowComparator } from './sortedIndex.js';

/** Past this many logged changes an order is merged when the app is idle. */
export const COMPACT_AT = 256;

export interface CachedOrder<R> {
  /** The rows in ascending order as of the last merge. */
  rows: R[];
  readonly cmp: RowComparator<R>;
  /** Rows added (true) and taken out (false) since, in the order it happened. */
  log: { row: R; added: boolean }[];
}

/** The cached order with its log merged in (the log empties). */
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
  const gone: number[] = [];
  const adds: R[] = [];
  for (const [row, added] of net) {
    if (added) adds.push(row);
    else {
      const i = sortedIndex(rows, row, cmp);
      if (i >= 0) gone.push(i);
    }
  }
  gone.sort((x, y) => x - y);
  adds.sort(cmp);
  const goneAt = new Set(gone);
  // Where each added row goes among the old rows (a row already there is not added again).
  const points: number[] = [];
  const fresh: R[] = [];
  for (const row of adds) {
    const at = sortedIndex(rows, row, cmp);
    if (at >= 0 && !goneAt.has(at)) continue;
    points.push(at >= 0 ? at : -at - 1);
    fresh.push(row);
  }
  // One pass copying runs of old rows between the removed positions and insertion points.
  const out: R[] = new Array(rows.length - gone.length + fresh.length);
  let o = 0;
  let from = 0;
  let g = 0;
  const copyUpTo = (end: number): void => {
    while (from < end) {
      const stop = g < gone.length && gone[g]! < end ? gone[g]! : end;
      for (let i = from; i < stop; i++) out[o++] = rows[i]!;
      from = stop;
      if (stop < end) {
        from++;
        g++;
      }
    }
  };
  for (let k = 0; k < fresh.length; k++) {
    copyUpTo(points[k]!);
    out[o++] = fresh[k]!;
  }
  copyUpTo(rows.length);
  cache.rows = out;
  return out;
}
