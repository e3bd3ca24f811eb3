// The `Terminating (Ns)` countdown. The apiserver stores deletionTimestamp in whole seconds
// (truncated), so counting down to it alone often starts at grace−1. When this client saw
// the deletion arrive, the grace is counted from that moment instead, capped by the latest
// end the truncated deletionTimestamp allows (just under one second after it).
import type { Pod } from '../kube/types.js';

/**
 * Whole seconds of grace left (undefined when the pod is not being deleted). `seenAtMs` is
 * when the watch brought the new deletionTimestamp, on the same clock as `nowMs`; without
 * it (the pod was already terminating when the list was loaded) the timestamp alone counts.
 */
export function graceSecondsLeft(pod: Pod, nowMs: number, seenAtMs?: number): number | undefined {
  const ts = pod.metadata?.deletionTimestamp;
  const end = ts ? Date.parse(ts) : NaN;
  if (Number.isNaN(end)) return undefined;
  let leftMs = end - nowMs;
  const grace = pod.metadata?.deletionGracePeriodSeconds;
  if (seenAtMs !== undefined && grace !== undefined) leftMs = Math.min(grace * 1000 - (nowMs - seenAtMs), end + 1000 - nowMs);
  return Math.max(0, Math.ceil(leftMs / 1000));
}
