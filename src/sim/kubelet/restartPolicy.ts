// Whether an exited container starts again, and when (kuberuntime ShouldContainerBeRestarted
// and the crash-loop back-off of doBackOff). Pure: the back-off table is only read here.
import type { Backoff } from './backoff.js';
import type { ContainerKind, Termination } from './containerRecord.js';

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

export function podRestartPolicy(value: string | undefined): RestartPolicy {
  return value === 'OnFailure' || value === 'Never' ? value : 'Always';
}

/**
 * An exited container restarts: sidecars always; a regular init container that failed unless
 * the pod's policy is Never (one that succeeded is done); main containers per policy. A
 * liveness/startup kill decided its restart when it killed (`restartAfter`).
 */
export function shouldRestart(kind: ContainerKind, policy: RestartPolicy, exit: Termination, restartAfter: boolean | undefined): boolean {
  if (restartAfter !== undefined) return restartAfter;
  if (kind === 'sidecar') return true;
  if (kind === 'init') return exit.exitCode !== 0 && policy !== 'Never';
  return policy === 'Always' || (policy === 'OnFailure' && exit.exitCode !== 0);
}

/**
 * The Killing message when a running container's definition changed (computePodActions for
 * containers, computeInitContainerActions for sidecars); it restarts whatever the policy.
 */
export function definitionChangedMessage(kind: ContainerKind, name: string): string {
  return kind === 'main' ? `Container ${name} definition changed, will be restarted` : `Init container ${name} definition changed`;
}

/** A liveness or startup kill restarts the container unless the pod never restarts (sidecars always do). */
export function restartsAfterProbeKill(kind: ContainerKind, policy: RestartPolicy): boolean {
  return kind === 'sidecar' || policy !== 'Never';
}

/**
 * doBackOff: restart at once (undefined) unless the container's back-off entry is live and has
 * not run out since its exit; then the instant it does. The first crash (or one after the
 * 600 s reset) restarts at once; the next ones wait 10, 20, 40 … 300 s.
 */
export function crashLoopRestartAt(backoff: Backoff, key: string, exitMs: number, nowMs: number): number | undefined {
  const live = backoff.entry(key, exitMs);
  if (!live || nowMs - exitMs >= live.backoffMs) return undefined;
  return exitMs + live.backoffMs;
}

/** The image puller's back-off: a failed pull is retried at once (undefined) once its delay since the last failure ran out, else at the instant it does. */
export function imageRetryAt(backoff: Backoff, key: string, nowMs: number): number | undefined {
  if (!backoff.inBackoffSinceUpdate(key, nowMs)) return undefined;
  const e = backoff.entry(key, nowMs)!;
  return e.lastUpdateMs + e.backoffMs;
}
