// How a container's state reads on a timeline: `Waiting ContainerCreating`, `Running`,
// `Terminated Error (exit 1)`, with the back-off of a crash loop taken from the kubelet's
// waiting message (`back-off 20s restarting failed container=…`).
import type { ContainerState, ContainerStatus } from '../../kube/types.js';
import { spanText } from './clock.js';
import { timeOf, type TimelineLevel } from './types.js';

export function stateWords(state: ContainerState | undefined): string {
  if (!state) return 'no state';
  if (state.running) return 'Running';
  if (state.terminated) {
    const t = state.terminated;
    return `Terminated ${t.reason ?? ''} (exit ${t.exitCode ?? 0}${t.signal ? `, signal ${t.signal}` : ''})`.replace('  ', ' ');
  }
  if (state.waiting) {
    const w = state.waiting;
    const backOff = /^back-off (\S+) restarting/.exec(w.message ?? '')?.[1];
    return `Waiting ${w.reason ?? ''}${backOff ? ` (back-off ${backOff})` : ''}`.trimEnd();
  }
  return 'no state';
}

export function stateLevel(state: ContainerState | undefined): TimelineLevel {
  if (state?.running) return 'good';
  if (state?.terminated) return state.terminated.exitCode === 0 ? 'normal' : 'error';
  const reason = state?.waiting?.reason ?? '';
  return reason === '' || reason === 'ContainerCreating' || reason === 'PodInitializing' ? 'normal' : 'warning';
}

/** Same instance, same state kind and reason: nothing worth a line changed. */
export function sameState(a: ContainerState | undefined, b: ContainerState | undefined): boolean {
  if (a?.running || b?.running) return !!a?.running && !!b?.running && a.running.startedAt === b.running.startedAt;
  if (a?.terminated || b?.terminated) {
    return !!a?.terminated && !!b?.terminated && a.terminated.finishedAt === b.terminated.finishedAt && a.terminated.containerID === b.terminated.containerID;
  }
  if (a?.waiting || b?.waiting) return (a?.waiting?.reason ?? '') === (b?.waiting?.reason ?? '') && !!a?.waiting === !!b?.waiting;
  return true;
}

/** `Running (restart 2, 10s after the exit)`: the gap between the last exit and this start is the crash loop's back-off. */
export function runningWords(status: ContainerStatus): string {
  const restarts = status.restartCount ?? 0;
  if (restarts === 0) return 'Running';
  const started = timeOf(status.state?.running?.startedAt);
  const exited = timeOf(status.lastState?.terminated?.finishedAt);
  const gap = started !== undefined && exited !== undefined ? `, ${spanText(started - exited)} after the exit` : '';
  return `Running (restart ${restarts}${gap})`;
}
