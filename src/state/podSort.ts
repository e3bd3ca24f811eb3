// Sort orders of the pod list. Every comparator ends on namespace, name and uid, so the
// order is total and a pod's position can be found by binary search.
import type { PodEntry } from './podEntry.js';
import type { RowComparator } from './tableModel.js';

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

export type Comparator = RowComparator<PodEntry>;

export function comparatorFor(sort: PodSort): Comparator {
  const sign = sort.descending ? -1 : 1;
  return (a, b) => sign * (primary(sort.key, a, b) || byIdentity(a, b));
}
