// One container's changes between two pod objects of the watch: each new state with the
// instant it began (startedAt, finishedAt; a waiting state has none, so the time it was
// seen), and the exit that a restart folded into one status write (read back from lastState).
import type { ContainerStatus } from '../../kube/types.js';
import { runningWords, sameState, stateLevel, stateWords } from './containerText.js';
import { timeOf, type TimelineDraft } from './types.js';

export interface StopContext {
  /** The pod is being deleted: exit 137 is the SIGKILL at the end of its grace, exit 0 its answer to SIGTERM. */
  deleting: boolean;
}

/** What an exit means while the pod is deleted. */
export function stopNote(exitCode: number | undefined, ctx: StopContext): string {
  if (!ctx.deleting) return '';
  if (exitCode === 137) return ': SIGKILL at the end of the grace period';
  if (exitCode === 0) return ': exited on SIGTERM';
  return '';
}

export function diffContainer(prev: ContainerStatus | undefined, next: ContainerStatus, seenMs: number, ctx: StopContext): TimelineDraft[] {
  const name = next.name;
  const out: TimelineDraft[] = [];
  let from = prev ? stateWords(prev.state) : undefined;
  // An exit the status never showed as the current state (the kubelet restarted at once): lastState tells it.
  const last = next.lastState?.terminated;
  const lastBefore = prev?.lastState?.terminated;
  const newExit = last && (last.finishedAt !== lastBefore?.finishedAt || last.containerID !== lastBefore?.containerID);
  const shownAsState = prev?.state?.terminated && prev.state.terminated.finishedAt === last?.finishedAt && prev.state.terminated.containerID === last?.containerID;
  if (prev && newExit && !shownAsState && last) {
    const words = stateWords({ terminated: last });
    out.push({
      atMs: timeOf(last.finishedAt) ?? seenMs,
      exact: timeOf(last.finishedAt) !== undefined,
      kind: 'container',
      text: `${name}: ${from ?? 'Running'} → ${words}${stopNote(last.exitCode, ctx)}`,
      level: last.exitCode === 0 ? 'normal' : 'error',
    });
    from = words;
  }
  if (prev && sameState(prev.state, next.state)) return out;
  const st = next.state;
  const to = st?.running ? runningWords(next) : stateWords(st);
  const at = timeOf(st?.running?.startedAt ?? st?.terminated?.finishedAt);
  const note = st?.terminated ? stopNote(st.terminated.exitCode, ctx) : '';
  out.push({
    atMs: at ?? seenMs,
    exact: at !== undefined,
    kind: 'container',
    text: from === undefined ? `${name}: ${to}${note}` : `${name}: ${from} → ${to}${note}`,
    level: stateLevel(st),
  });
  return out;
}
