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

export type CrashLoopDecision = { restartNow: true } | { restartNow: false; untilMs: number; backoffMs: number };

/**
 * doBackOff: restart at once unless the container's back-off entry is live and has not run
 * out since its exit. The first crash (or one after the 600 s reset) restarts at once; the
 * next ones wait 10, 20, 40 … 300 s.
 */
export function crashLoopDecision(backoff: Backoff, key: string, exitMs: number, nowMs: number): CrashLoopDecision {
  const live = backoff.entry(key, exitMs);
  if (!live || nowMs - exitMs >= live.backoffMs) return { restartNow: true };
  return { restartNow: false, untilMs: exitMs + live.backoffMs, backoffMs: live.backoffMs };
}

/** The image puller's back-off: a failed pull is retried once its delay since the last failure ran out. */
export function imageRetryDue(backoff: Backoff, key: string, nowMs: number): { due: true } | { due: false; untilMs: number } {
  if (!backoff.inBackoffSinceUpdate(key, nowMs)) return { due: true };
  const e = backoff.entry(key, nowMs)!;
  return { due: false, untilMs: e.lastUpdateMs + e.backoffMs };
}
