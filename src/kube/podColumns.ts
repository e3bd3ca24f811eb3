// The pod columns of `kubectl get pods`, computed as the apiserver's pod printer does
// (k/k pkg/printers/internalversion/printers.go printPod).
// One walk over the container statuses yields READY, STATUS and RESTARTS together, so a
// row costs a single pass and no allocation beyond the result.
import { humanDuration, since } from './duration.js';
import type { ContainerStatus, Pod, PodCondition } from './types.js';

export interface PodRow {
  namespace: string;
  name: string;
  ready: string;
  status: string;
  restarts: string;
  age: string;
  ip: string;
  node: string;
  nominatedNode: string;
  readinessGates: string;
}

/** What one printPod walk produces before it is formatted into cells. */
export interface PodSummary {
  ready: number;
  total: number;
  status: string;
  restarts: number;
  /** Latest lastState.terminated.finishedAt among the counted containers, or NaN if none. */
  lastRestartMs: number;
}

const NONE = '<none>';
/** Set by the node lifecycle controller on pods of an unreachable node (k/k pkg/util/node). */
const NODE_UNREACHABLE_REASON = 'NodeLost';

function finishedAtMs(status: ContainerStatus): number {
  const finishedAt = status.lastState?.terminated?.finishedAt;
  return finishedAt ? Date.parse(finishedAt) : NaN;
}

/** Go's `a.Before(b)` on a zero-initialised time: NaN plays the zero time. */
function later(current: number, candidate: number): number {
  if (Number.isNaN(candidate)) return current;
  if (Number.isNaN(current) || candidate > current) return candidate;
  return current;
}

function conditionIsTrue(conditions: PodCondition[] | undefined, type: string): boolean {
  if (!conditions) return false;
  for (const c of conditions) if (c.type === type && c.status === 'True') return true;
  return false;
}

/** The first Initialized condition decides (isPodInitializedConditionTrue). */
function initializedConditionTrue(conditions: PodCondition[] | undefined): boolean {
  if (!conditions) return false;
  for (const c of conditions) if (c.type === 'Initialized') return c.status === 'True';
  return false;
}

/** Names of init containers with restartPolicy Always (sidecars); undefined when none. */
function sidecarNames(pod: Pod): Set<string> | undefined {
  const inits = pod.spec?.initContainers;
  if (!inits || inits.length === 0) return undefined;
  let names: Set<string> | undefined;
  for (const c of inits) {
    if (c.restartPolicy === 'Always') (names ??= new Set()).add(c.name);
  }
  return names;
}

/** READY, STATUS and RESTARTS in one walk, exactly as printPod computes them. */
export function podSummary(pod: Pod): PodSummary {
  const spec = pod.spec;
  const status = pod.status;
  const conditions = status?.conditions;
  const sidecars = sidecarNames(pod);

  let total = spec?.containers?.length ?? 0;
  if (sidecars) total += sidecars.size;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart = NaN;
  let lastSidecarRestart = NaN;

  const phase = status?.phase ?? '';
  let reason = status?.reason ? status.reason : phase;

  if (conditions) {
    for (const c of conditions) {
      if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
    }
  }

  let initializing = false;
  const initStatuses = status?.initContainerStatuses;
  if (initStatuses) {
    const initCount = spec?.initContainers?.length ?? 0;
    for (let i = 0; i < initStatuses.length; i++) {
      const cs = initStatuses[i]!;
      const finished = finishedAtMs(cs);
      restarts += cs.restartCount ?? 0;
      lastRestart = later(lastRestart, finished);
      const isSidecar = sidecars !== undefined && sidecars.has(cs.name);
      if (isSidecar) {
        sidecarRestarts += cs.restartCount ?? 0;
        lastSidecarRestart = later(lastSidecarRestart, finished);
      }
      const terminated = cs.state?.terminated;
      const waiting = cs.state?.waiting;
      if (terminated && terminated.exitCode === 0) continue;
      if (isSidecar && cs.started === true) {
        if (cs.ready) ready++;
        continue;
      }
      if (terminated) {
        if (terminated.reason) reason = `Init:${terminated.reason}`;
        else if (terminated.signal) reason = `Init:Signal:${terminated.signal}`;
        else reason = `Init:ExitCode:${terminated.exitCode ?? 0}`;
      } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
        reason = `Init:${waiting.reason}`;
      } else {
        reason = `Init:${i}/${initCount}`;
      }
      initializing = true;
      break;
    }
  }

  if (!initializing || initializedConditionTrue(conditions)) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status?.containerStatuses;
    if (statuses) {
      // Reverse walk: the lowest-index container's reason is the one that sticks.
      for (let i = statuses.length - 1; i >= 0; i--) {
        const cs = statuses[i]!;
        restarts += cs.restartCount ?? 0;
        lastRestart = later(lastRestart, finishedAtMs(cs));
        const waiting = cs.state?.waiting;
        const terminated = cs.state?.terminated;
        if (waiting && waiting.reason) {
          reason = waiting.reason;
        } else if (terminated && terminated.reason) {
          reason = terminated.reason;
        } else if (terminated) {
          reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
        } else if (cs.ready && cs.state?.running) {
          hasRunning = true;
          ready++;
        }
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditionIsTrue(conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  const deleting = Boolean(pod.metadata?.deletionTimestamp);
  if (deleting && status?.reason === NODE_UNREACHABLE_REASON) {
    reason = 'Unknown';
  } else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  return { ready, total, status: reason, restarts, lastRestartMs: lastRestart };
}

export function podReadyCounts(pod: Pod): { ready: number; total: number } {
  const s = podSummary(pod);
  return { ready: s.ready, total: s.total };
}

/** The STATUS column. */
export function podStatus(pod: Pod): string {
  return podSummary(pod).status;
}

function formatRestarts(summary: PodSummary, nowMs: number): string {
  if (summary.restarts !== 0 && !Number.isNaN(summary.lastRestartMs)) {
    return `${summary.restarts} (${humanDuration(nowMs - summary.lastRestartMs)} ago)`;
  }
  return String(summary.restarts);
}

/** READINESS GATES: `<none>` without gates, else how many gate conditions are True. */
export function podReadinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates;
  if (!gates || gates.length === 0) return NONE;
  const conditions = pod.status?.conditions;
  let trueCount = 0;
  for (const gate of gates) {
    if (!conditions) break;
    for (const c of conditions) {
      if (c.type === gate.conditionType) {
        if (c.status === 'True') trueCount++;
        break;
      }
    }
  }
  return `${trueCount}/${gates.length}`;
}

/** Every column of `kubectl get pods -o wide` (plus the namespace of `-A`). */
export function podRow(pod: Pod, nowMs: number): PodRow {
  const summary = podSummary(pod);
  const meta = pod.metadata;
  const ip = pod.status?.podIPs?.[0]?.ip;
  return {
    namespace: meta?.namespace ?? '',
    name: meta?.name ?? '',
    ready: `${summary.ready}/${summary.total}`,
    status: summary.status,
    restarts: formatRestarts(summary, nowMs),
    age: since(meta?.creationTimestamp, nowMs),
    ip: ip ? ip : NONE,
    node: pod.spec?.nodeName ? pod.spec.nodeName : NONE,
    nominatedNode: pod.status?.nominatedNodeName ? pod.status.nominatedNodeName : NONE,
    readinessGates: podReadinessGates(pod),
  };
}
