// When the taint eviction controller deletes a pod from a node with NoExecute taints
// (k/k pkg/controller/tainteviction: GetMatchingTolerations takes the first toleration matching each taint, getMinTolerationTime the smallest of their seconds).
import type { Taint, Toleration } from '../../kube/types.js';
import { toleratesTaint } from '../scheduler/taints.js';

/** 'now' when some NoExecute taint is not tolerated; 'never' when every matching toleration is unbounded; else the smallest tolerationSeconds in ms (≤ 0 → now). */
export function evictionDelay(taints: readonly Taint[], tolerations: readonly Toleration[] | undefined): number | 'now' | 'never' {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute');
  if (noExecute.length === 0) return 'never';
  const used: Toleration[] = [];
  for (const taint of noExecute) {
    const first = (tolerations ?? []).find((t) => toleratesTaint(t, taint));
    if (!first) return 'now';
    used.push(first);
  }
  let min = Number.POSITIVE_INFINITY;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 'now';
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Number.POSITIVE_INFINITY ? 'never' : min * 1000;
}
