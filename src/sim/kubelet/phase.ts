// The kubelet's getPhase (k/k pkg/kubelet/kubelet_pods.go), on the
// container statuses it is about to write.
import type { Container, ContainerStatus, PodSpec } from '../../kube/types.js';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

export function isSidecar(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

function byName(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  for (const s of statuses) if (s.name === name) return s;
  return undefined;
}

/** Any regular container that is running or has run (HasAnyRegularContainerStarted). */
export function anyRegularContainerStarted(spec: PodSpec, statuses: readonly ContainerStatus[]): boolean {
  for (const c of spec.containers ?? []) {
    const s = byName(statuses, c.name);
    if (s && (s.state?.running || s.state?.terminated || s.lastState?.terminated)) return true;
  }
  return false;
}

export function getPhase(
  spec: PodSpec,
  initStatuses: readonly ContainerStatus[],
  statuses: readonly ContainerStatus[],
  podIsTerminal: boolean,
): PodPhase {
  let pendingRegularInit = 0;
  let pendingSidecars = 0;
  let failedInitialization = 0;
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;

  for (const c of spec.initContainers ?? []) {
    const s = byName(initStatuses, c.name);
    if (isSidecar(c)) {
      if (!s) {
        unknown++;
      } else if (s.state?.running) {
        if (!s.started) pendingSidecars++;
        running++;
      } else if (s.state?.terminated) {
        // neither running nor stopped
      } else if (s.state?.waiting) {
        if (!s.lastState?.terminated) {
          pendingSidecars++;
          waiting++;
        }
      } else {
        pendingSidecars++;
        unknown++;
      }
      continue;
    }
    if (!s || s.state?.running) {
      pendingRegularInit++;
    } else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s.state?.waiting && s.lastState?.terminated) {
      if (s.lastState.terminated.exitCode !== 0) failedInitialization++;
    } else {
      pendingRegularInit++;
    }
  }

  for (const c of spec.containers ?? []) {
    const s = byName(statuses, c.name);
    if (!s) {
      unknown++;
    } else if (s.state?.running) {
      running++;
    } else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else {
      unknown++;
    }
  }

  if (failedInitialization > 0 && spec.restartPolicy === 'Never') return 'Failed';
  if ((pendingRegularInit > 0 || pendingSidecars > 0) && !anyRegularContainerStarted(spec, statuses)) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if ((spec.restartPolicy ?? 'Always') === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (spec.restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}
