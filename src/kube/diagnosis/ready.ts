// Whether a pod is Ready: its Ready condition; a pod without one (an old or hand-made object)
// by its containers, as kubectl's READY column counts them.
import type { Pod } from '../types.js';

export function podIsReady(pod: Pod): boolean {
  const cond = pod.status?.conditions?.find((c) => c.type === 'Ready');
  if (cond) return cond.status === 'True';
  const statuses = pod.status?.containerStatuses ?? [];
  return pod.status?.phase === 'Running' && statuses.length > 0 && statuses.every((s) => s.ready);
}
