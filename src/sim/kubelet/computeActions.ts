// The kubelet's decisions for one pod (kuberuntime computePodActions), apart from acting on
// them: given the pod, its container records and the time, what to start, restart, kill or
// wait for. Pure: it reads the records and the back-off tables and changes neither; the
// pod worker's executor performs what it returns, in order.
import type { Backoff } from './backoff.js';
import type { ContainerRecord, Retry } from './containerRecord.js';
import { crashLoopRestartAt, definitionChangedMessage, imageRetryAt, restartsAfterProbeKill, shouldRestart, type RestartPolicy } from './restartPolicy.js';
import type { TerminationOrder } from './terminationOrder.js';

export interface PodView {
  readonly restartPolicy: RestartPolicy;
  readonly init: readonly ContainerRecord[];
  readonly main: readonly ContainerRecord[];
  readonly order: TerminationOrder;
  /** The sandbox is up: containers may start. */
  readonly sandboxReady: boolean;
  /** spec.terminationGracePeriodSeconds (defaulted). */
  readonly graceS: number;
  /** The pod stops for good (deletion, completion, active deadline), with this grace. */
  readonly stopping: { readonly graceS: number } | undefined;
  /** startTime + activeDeadlineSeconds, when the pod has a deadline. */
  readonly deadlineMs: number | undefined;
}

export interface BackoffView {
  readonly crash: Backoff;
  readonly image: Backoff;
  crashKey(rec: ContainerRecord): string;
  imageKey(rec: ContainerRecord): string;
}

export type Action =
  /** The pod's end: every container stops and none starts again. */
  | { readonly do: 'end'; readonly why: 'completion' | 'deadline' }
  /** Kill a running instance (a probe failure, or the pod stopping). */
  | {
      readonly do: 'kill';
      readonly rec: ContainerRecord;
      readonly graceS: number;
      readonly message: string;
      readonly restartAfter: boolean;
      readonly ordered: boolean;
      /** Start again at once after it (its definition changed). */
      readonly restartNow?: boolean;
    }
  /** First start of a container: pull, create, start. */
  | { readonly do: 'start'; readonly rec: ContainerRecord }
  /** Start again now: its exit needs a restart, its back-off ran out, or its definition changed. */
  | { readonly do: 'restart'; readonly rec: ContainerRecord; readonly cause: Retry | 'changed' }
  /** Not yet: the container's back-off runs until `untilMs`. */
  | { readonly do: 'backOff'; readonly rec: ContainerRecord; readonly cause: 'crash' | 'image'; readonly untilMs: number; readonly backoffMs: number }
  /** Nothing to do until then (the active deadline). */
  | { readonly do: 'wakeAt'; readonly atMs: number };

export function computeActions(pod: PodView, backoff: BackoffView, nowMs: number): Action[] {
  const out: Action[] = [];
  if (pod.stopping) {
    for (const rec of pod.order.killOrder()) {
      if (rec.state.is !== 'running') continue;
      const graceS = pod.stopping.graceS;
      out.push({ do: 'kill', rec, graceS, message: `Stopping container ${rec.name}`, restartAfter: false, ordered: pod.order.ordered(rec) });
    }
    return out;
  }
  const deadlineMs = pod.deadlineMs;
  if (deadlineMs !== undefined) {
    if (nowMs >= deadlineMs) return [{ do: 'end', why: 'deadline' }];
    out.push({ do: 'wakeAt', atMs: deadlineMs });
  }
  const policy = pod.restartPolicy;
  const initDone = initialized(pod);
  if (podCompleted(pod, policy, initDone)) return [{ do: 'end', why: 'completion' }];

  for (const rec of pod.init) kill(pod, policy, rec, out);
  for (const rec of pod.main) kill(pod, policy, rec, out);
  for (const rec of pod.init) retry(policy, rec, backoff, nowMs, out);
  for (const rec of pod.main) retry(policy, rec, backoff, nowMs, out);
  if (pod.sandboxReady) starts(pod, initDone, out);
  return out;
}

/** Every regular init container succeeded and every sidecar has started. */
export function initialized(pod: PodView): boolean {
  for (const rec of pod.init) {
    if (rec.kind === 'sidecar' ? !rec.startedOnce : !rec.succeeded) return false;
  }
  return true;
}

/** Init containers one at a time, each sidecar gating the next until it is `started`; then every main container. */
function starts(pod: PodView, initDone: boolean, out: Action[]): void {
  if (!initDone) {
    for (const rec of pod.init) {
      if (rec.kind === 'sidecar') {
        if (rec.state.is === 'unstarted') out.push({ do: 'start', rec });
        if (!rec.startedOnce) return;
        continue;
      }
      if (rec.succeeded) continue;
      if (rec.state.is === 'unstarted') out.push({ do: 'start', rec });
      return;
    }
  }
  for (const rec of pod.main) if (rec.state.is === 'unstarted') out.push({ do: 'start', rec });
}

/** A running container whose definition changed, or that failed its liveness or startup probe. */
function kill(pod: PodView, policy: RestartPolicy, rec: ContainerRecord, out: Action[]): void {
  if (rec.state.is !== 'running') return;
  if (rec.kind !== 'init' && rec.definitionChanged) {
    const message = definitionChangedMessage(rec.kind, rec.name);
    out.push({ do: 'kill', rec, graceS: pod.graceS, message, restartAfter: true, ordered: false, restartNow: true });
    return;
  }
  if (!rec.state.failed) return;
  const { type, graceS } = rec.state.failed;
  const restartAfter = restartsAfterProbeKill(rec.kind, policy);
  const message = `Container ${rec.name} failed ${type} probe${restartAfter ? ', will be restarted' : ''}`;
  out.push({ do: 'kill', rec, graceS, message, restartAfter, ordered: false });
}

/** An exited container that restarts (at once or after its crash-loop back-off), or a failed pull whose back-off ran out. */
function retry(policy: RestartPolicy, rec: ContainerRecord, backoff: BackoffView, nowMs: number, out: Action[]): void {
  const s = rec.state;
  if (s.is !== 'exited' && s.is !== 'waiting') return;
  // CreateContainerConfigError: every sync builds the config again (no back-off of its own).
  if (s.retry === 'config') {
    out.push({ do: 'restart', rec, cause: 'config' });
    return;
  }
  if (s.retry === 'image') {
    const untilMs = imageRetryAt(backoff.image, backoff.imageKey(rec), nowMs);
    if (untilMs === undefined) out.push({ do: 'restart', rec, cause: 'image' });
    else out.push({ do: 'backOff', rec, cause: 'image', untilMs, backoffMs: untilMs - nowMs });
    return;
  }
  if (s.is !== 'exited') return;
  if (s.restartNow) {
    out.push({ do: 'restart', rec, cause: 'changed' });
    return;
  }
  if (!shouldRestart(rec.kind, policy, s.termination, s.restartAfter)) return;
  const exitMs = s.termination.finishedMs;
  const untilMs = crashLoopRestartAt(backoff.crash, backoff.crashKey(rec), exitMs, nowMs);
  if (untilMs === undefined) out.push({ do: 'restart', rec, cause: 'crash' });
  else out.push({ do: 'backOff', rec, cause: 'crash', untilMs, backoffMs: untilMs - exitMs });
}

/** With policy Never a failed init container ends the pod; so do main containers that all exited for good. */
function podCompleted(pod: PodView, policy: RestartPolicy, initDone: boolean): boolean {
  if (policy === 'Never') {
    for (const rec of pod.init) {
      if (rec.kind !== 'init') continue;
      const exit = rec.exit;
      if (exit && exit.exitCode !== 0) return true;
    }
  }
  if (!initDone || pod.main.length === 0) return false;
  for (const rec of pod.main) {
    const s = rec.state;
    if (s.is !== 'exited' || s.retry !== undefined || s.restartNow) return false;
    if (shouldRestart(rec.kind, policy, s.termination, s.restartAfter)) return false;
  }
  return true;
}
