// A timeline reconstructed from one pod object, for a pod first seen already under way (a
// live cluster, a late start): what its status still says, each at its own timestamp —
// creation, scheduling, the kubelet's start, every condition's last transition, each
// container's previous instance (lastState) and current state, the deletion asked. Earlier
// restarts than the previous one are not in the object; a line says how many there were.
import type { ContainerStatus, Pod } from '../../kube/types.js';
import { runningWords, stateLevel, stateWords } from './containerText.js';
import { stopNote } from './containerDiff.js';
import { conditionDrafts, deletionDraft, phaseLevel, scheduledDraft } from './podDiff.js';
import { timeOf, type TimelineDraft } from './types.js';

function containerSeed(cs: ContainerStatus, fallbackMs: number, deleting: boolean): TimelineDraft[] {
  const out: TimelineDraft[] = [];
  const name = cs.name;
  const last = cs.lastState?.terminated;
  const restarts = cs.restartCount ?? 0;
  const ctx = { deleting };
  if (last) {
    const started = timeOf(last.startedAt);
    const finished = timeOf(last.finishedAt);
    // Which run lastState is: the one before the current, or (waiting to restart) the last one there was.
    const run = cs.state?.waiting ? restarts : Math.max(0, restarts - 1);
    if (run > 0 && started !== undefined) {
      out.push({ atMs: started, exact: true, kind: 'container', text: `${name}: ${run} earlier run${run === 1 ? '' : 's'} before this point (the API keeps only the last instance)`, level: 'normal' });
    }
    if (started !== undefined) out.push({ atMs: started, exact: true, kind: 'container', text: `${name}: Running${run > 0 ? ` (restart ${run})` : ''}`, level: 'good' });
    if (finished !== undefined) out.push({ atMs: finished, exact: true, kind: 'container', text: `${name}: Running → ${stateWords({ terminated: last })}`, level: last.exitCode === 0 ? 'normal' : 'error' });
  }
  const st = cs.state;
  const from = last ? `${stateWords({ terminated: last })} → ` : '';
  if (st?.running) {
    const at = timeOf(st.running.startedAt);
    out.push({ atMs: at ?? fallbackMs, exact: at !== undefined, kind: 'container', text: `${name}: ${from}${runningWords(cs)}`, level: 'good' });
  } else if (st?.terminated) {
    const t = st.terminated;
    const started = timeOf(t.startedAt);
    const finished = timeOf(t.finishedAt);
    if (started !== undefined) out.push({ atMs: started, exact: true, kind: 'container', text: `${name}: ${from}${runningWords({ ...cs, state: { running: { startedAt: t.startedAt } } })}`, level: 'good' });
    out.push({ atMs: finished ?? fallbackMs, exact: finished !== undefined, kind: 'container', text: `${name}: Running → ${stateWords(st)}${stopNote(t.exitCode, ctx)}`, level: stateLevel(st) });
  } else if (st?.waiting) {
    // A waiting state carries no time: after the last exit when there was one, else when the pod started.
    const at = timeOf(last?.finishedAt);
    out.push({ atMs: at ?? fallbackMs, exact: false, kind: 'container', text: `${name}: ${from}${stateWords(st)}`, level: stateLevel(st) });
  }
  return out;
}

export function seedDrafts(pod: Pod, seenMs: number): TimelineDraft[] {
  const out: TimelineDraft[] = [];
  const meta = pod.metadata ?? {};
  const st = pod.status ?? {};
  const created = timeOf(meta.creationTimestamp);
  if (created !== undefined) out.push({ atMs: created, exact: true, kind: 'created', text: 'Created', level: 'normal' });
  // A pod created with its node set (no scheduler involved) was on it from its creation.
  const sched = scheduledDraft(pod, created ?? seenMs);
  if (sched) out.push(sched);
  const started = timeOf(st.startTime);
  if (started !== undefined) out.push({ atMs: started, exact: true, kind: 'phase', text: `Accepted by the kubelet (phase now ${st.phase ?? '<none>'}${st.reason ? `, ${st.reason}` : ''})`, level: phaseLevel(st.phase) });
  out.push(...conditionDrafts([], st.conditions ?? [], seenMs));
  const fallback = started ?? created ?? seenMs;
  const deleting = !!meta.deletionTimestamp;
  for (const cs of [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])]) out.push(...containerSeed(cs, fallback, deleting));
  const del = deletionDraft(pod, seenMs);
  if (del) out.push(del);
  return out;
}
