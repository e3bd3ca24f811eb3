// What controllers read from a pod's status (k8s.io/kubernetes/pkg/api/v1/pod and
// pkg/controller/controller_utils.go): active, ready, available.
import type { Pod } from '../../kube/types.js';

export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export function isDeleting(obj: { metadata?: { deletionTimestamp?: string } }): boolean {
  return obj.metadata?.deletionTimestamp !== undefined;
}

/** controller.IsPodActive: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return !isTerminal(pod) && !isDeleting(pod);
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** When the Ready condition last turned True (epoch ms), if it is True. */
export function readySince(pod: Pod): number | undefined {
  const cond = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
  if (!cond) return undefined;
  return cond.lastTransitionTime ? Date.parse(cond.lastTransitionTime) : 0;
}

/** podutil.IsPodAvailable: ready for at least minReadySeconds. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const since = readySince(pod);
  if (since === undefined) return false;
  return minReadySeconds === 0 || since + minReadySeconds * 1000 <= now;
}

export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

export function restartCount(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((sum, c) => sum + (c.restartCount ?? 0), 0);
}

export function labelsContain(labels: Record<string, string> | undefined, subset: Record<string, string> | undefined): boolean {
  for (const [k, v] of Object.entries(subset ?? {})) if (labels?.[k] !== v) return false;
  return true;
}
