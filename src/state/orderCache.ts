// Each sort column's ascending order, kept once built so a later sort by that column does
// not touch every row again: rows that came and went since are logged (O(1) each) and
// merged in when the order is next wanted — O(k log n) comparisons for k logged changes
// plus one copy of the array — or ahead of that, when the app is idle (compact()).
import { sortedIndex, type RowComparator } from './tableModel.js';

/** Past this many logged changes an order is merged when the app is idle. */
export const COMPACT_AT = 1024;

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
  const gone = new Set<number>();
  const adds: R[] = [];
  for (const [row, added] of net) {
    if (added) adds.push(row);
    else {
      const i = sortedIndex(rows, row, cmp);
      if (i >= 0) gone.add(i);
    }
  }
  adds.sort(cmp);
  const out: R[] = [];
  let a = 0;
  let from = 0;
  const copyUpTo = (end: number): void => {
    for (let i = from; i < end; i++) if (!gone.has(i)) out.push(rows[i]!);
    from = end;
  };
  while (a < adds.length) {
    const at = sortedIndex(rows, adds[a]!, cmp);
    // Already there (the same object logged out and in again nets out, so this is a re-add): keep one.
    const point = at >= 0 ? at : -at - 1;
    copyUpTo(point);
    if (at < 0 || gone.has(at)) out.push(adds[a]!);
    a++;
  }
  copyUpTo(rows.length);
  cache.rows = out;
  return out;
}
