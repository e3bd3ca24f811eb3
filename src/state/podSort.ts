// Sort orders of the pod list. Every comparator ends on namespace, name and uid, so the
// order is total and a pod's position can be found by binary search.
import type { PodEntry } from './podEntry.js';

export type SortKey = 'name' | 'age' | 'status' | 'restarts';

export interface PodSort {
  key: SortKey;
  descending: boolean;
}

export const DEFAULT_SORT: PodSort = { key: 'name', descending: false };

function byIdentity(a: PodEntry, b: PodEntry): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.uid !== b.uid) return a.uid < b.uid ? -1 : 1;
  return 0;
}

function primary(key: SortKey, a: PodEntry, b: PodEntry): number {
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
  }
}

export type Comparator = (a: PodEntry, b: PodEntry) => number;

export function comparatorFor(sort: PodSort): Comparator {
  const sign = sort.descending ? -1 : 1;
  return (a, b) => sign * (primary(sort.key, a, b) || byIdentity(a, b));
}

/** Index of `entry` in `list` if present, else where it would be inserted (as ~index - 1 style: negative). */
export function binarySearch(list: readonly PodEntry[], entry: PodEntry, cmp: Comparator): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = cmp(list[mid]!, entry);
    if (c < 0) lo = mid + 1;
    else if (c > 0) hi = mid;
    else return mid;
  }
  return -lo - 1;
}
