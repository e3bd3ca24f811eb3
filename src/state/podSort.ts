// Sort orders of the pod list. Every comparator ends on namespace, name and uid, so the
// order is total and a pod's position can be found by binary search.
import type { PodEntry } from './podEntry.js';
import type { RowComparator, RowOrder } from './tableModel.js';
import type { UsageLookup } from './clusterMetrics.js';

export type SortKey = 'name' | 'age' | 'status' | 'restarts' | 'cpu' | 'mem';

/** Keys whose order follows the metrics polls (the list re-sorts when a poll lands). */
export const USAGE_SORT_KEYS: ReadonlySet<SortKey> = new Set(['cpu', 'mem']);

export interface PodSort {
  key: SortKey;
  descending: boolean;
}

export const DEFAULT_SORT: PodSort = { key: 'name', descending: false };

/** The order every sort ends on (and the NAME column's). */
export function byIdentity(a: PodEntry, b: PodEntry): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.uid !== b.uid) return a.uid < b.uid ? -1 : 1;
  return 0;
}

/** Usage first sorts the busiest first (as AGE shows the youngest); pods without metrics go last. */
function byUsage(field: 'cpuMillis' | 'memBytes', a: PodEntry, b: PodEntry, usage: UsageLookup | undefined): number {
  const x = usage?.(a.namespace, a.name)?.[field] ?? -1;
  const y = usage?.(b.namespace, b.name)?.[field] ?? -1;
  return y - x;
}

function primary(key: SortKey, a: PodEntry, b: PodEntry, usage: UsageLookup | undefined): number {
  switch (key) {
    case 'name':
      return 0;
    case 'age':
      // Ascending AGE: the youngest pod (latest creation) first.
      return b.createdMs - a.createdMs;
    case 'status':
      return a.summary.status === b.summary.status ? 0 : a.summary.status < b.summary.status ? -1 : 1;
    case 'restarts':
      return a.summary.restarts - b.summary.restarts;
    case 'cpu':
      return byUsage('cpuMillis', a, b, usage);
    case 'mem':
      return byUsage('memBytes', a, b, usage);
  }
}

export type Comparator = RowComparator<PodEntry>;

/** `usage`: the last metrics poll's values, for the cpu and mem keys. */
export function comparatorFor(sort: PodSort, usage?: UsageLookup): Comparator {
  const sign = sort.descending ? -1 : 1;
  return (a, b) => sign * (primary(sort.key, a, b, usage) || byIdentity(a, b));
}

/** The sort column's value, ascending in the comparator's order before the identity tie-break (none for NAME). */
function primaryKey(key: SortKey, usage: UsageLookup | undefined): ((e: PodEntry) => number | string) | undefined {
  switch (key) {
    case 'name':
      return undefined;
    case 'age':
      return (e) => -e.createdMs;
    case 'status':
      return (e) => e.summary.status;
    case 'restarts':
      return (e) => e.summary.restarts;
    case 'cpu':
      return (e) => -(usage?.(e.namespace, e.name)?.cpuMillis ?? -1);
    case 'mem':
      return (e) => -(usage?.(e.namespace, e.name)?.memBytes ?? -1);
  }
}

/** The order as the table keeps it: the comparator and the column's key, for a sort without comparisons. */
export function orderFor(sort: PodSort, usage?: UsageLookup): RowOrder<PodEntry> {
  // Usage keys follow the metrics polls, so their order is not kept (no id).
  const id = USAGE_SORT_KEYS.has(sort.key) ? undefined : sort.key;
  return { cmp: comparatorFor(sort, usage), primary: primaryKey(sort.key, usage), descending: sort.descending, ...(id ? { id } : {}) };
}

/** The orders kept ahead for a quick first sort by each column (usage keys excluded). */
export const KEPT_ORDERS: readonly RowOrder<PodEntry>[] = (['status', 'restarts', 'age'] as const).map((key) => orderFor({ key, descending: false }));
