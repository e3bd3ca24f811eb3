// The kubelet's back-off cadence, the one place it is written down: client-go's
// flowcontrol.Backoff as the kubelet configures it (pkg/kubelet/kubelet.go: backOffPeriod 10 s,
// MaxContainerBackOff 300 s, for crash loops and for the image puller alike), without jitter.
// Per container the delay starts at 10 s, doubles per failure up to 300 s, and starts over once
// the entry has not been updated for 2 × max = 600 s (flowcontrol's hasExpired). The simulator's
// kubelet runs it (src/sim/kubelet/backoff.ts); the diagnosis reads it to say when the next try
// is (src/kube/diagnosis/rules).

export interface BackoffCadence {
  readonly initialMs: number;
  readonly maxMs: number;
  /** An entry not updated for longer than this starts over at initialMs. */
  readonly expireMs: number;
}

/** The kubelet's crash-loop back-off (CrashLoopBackOff). */
export const CRASH_LOOP_BACKOFF: BackoffCadence = { initialMs: 10_000, maxMs: 300_000, expireMs: 600_000 };

/** The kubelet's image-pull back-off (ImagePullBackOff): the same numbers, a back-off of its own. */
export const IMAGE_PULL_BACKOFF: BackoffCadence = { initialMs: 10_000, maxMs: 300_000, expireMs: 600_000 };

/** The delay after a failure: the initial one when there is no live previous delay, else the previous doubled, capped. */
export function nextBackoff(cadence: BackoffCadence, previousMs: number | undefined): number {
  return previousMs === undefined ? cadence.initialMs : Math.min(previousMs * 2, cadence.maxMs);
}

/** The delay after the n-th failure in a row (n ≥ 1): 10 s, 20 s, 40 s … 300 s. */
export function backoffAfter(failures: number, cadence: BackoffCadence = CRASH_LOOP_BACKOFF): number {
  let delay = nextBackoff(cadence, undefined);
  for (let i = 1; i < failures && delay < cadence.maxMs; i++) delay = nextBackoff(cadence, delay);
  return delay;
}
