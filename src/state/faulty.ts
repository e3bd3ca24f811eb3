// ctrl-z's "faulty" pods, as k9s shows them: anything not Running or Completed, and Running
// pods whose containers are not all ready.
import { podSummary, type PodSummary } from '../kube/podColumns.js';
import type { Pod } from '../kube/types.js';
import type { RowFilter } from './tableModel.js';

export function isFaultySummary(s: PodSummary): boolean {
  if (s.status === 'Completed') return false;
  if (s.status === 'Running') return s.ready < s.total;
  return true;
}

export function isFaultyPod(pod: Pod): boolean {
  return isFaultySummary(podSummary(pod));
}

/** `filter` restricted to faulty rows (a new restriction: the rows are filtered again, never incrementally). */
export function faultyOnly<R>(filter: RowFilter<R>, faulty: (row: R) => boolean): RowFilter<R> {
  return { kind: `faulty+${filter.kind}`, matches: (row) => faulty(row) && filter.matches(row), narrows: () => false };
}
