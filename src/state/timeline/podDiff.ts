// The changes between two successive objects of one pod from the watch, as timeline drafts:
// scheduling, phase (with the pod's reason), conditions (those that flip together on one
// line), containers, and the deletion's steps. O(containers + conditions) per delta.
import type { ContainerStatus, Pod, PodCondition } from '../../kube/types.js';
import { clockText } from './clock.js';
import { diffContainer } from './containerDiff.js';
import { timeOf, type TimelineDraft, type TimelineLevel } from './types.js';

function statusesOf(pod: Pod | undefined): ContainerStatus[] {
  const st = pod?.status;
  return [...(st?.initContainerStatuses ?? []), ...(st?.containerStatuses ?? []), ...(st?.ephemeralContainerStatuses ?? [])];
}

export function phaseLevel(phase: string | undefined): TimelineLevel {
  if (phase === 'Running') return 'good';
  if (phase === 'Failed' || phase === 'Unknown') return 'error';
  return 'normal';
}

/** `Scheduled to node-2`, or the scheduler's reason it cannot be. */
export function scheduledDraft(pod: Pod, seenMs: number): TimelineDraft | undefined {
  const cond = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const node = pod.spec?.nodeName;
  const at = timeOf(cond?.lastTransitionTime);
  if (node) return { atMs: at ?? seenMs, exact: at !== undefined, kind: 'scheduled', text: `Scheduled to ${node}`, level: 'normal' };
  if (cond?.status === 'False') {
    const why = cond.message ? `: ${cond.message}` : '';
    return { atMs: seenMs, exact: false, kind: 'scheduled', text: `${cond.reason ?? 'Not scheduled'}${why}`, level: 'warning' };
  }
  return undefined;
}

function conditionLevel(type: string, status: string): TimelineLevel {
  if (status === 'True') return type === 'Ready' || type === 'ContainersReady' ? 'good' : 'normal';
  return type === 'Ready' || type === 'ContainersReady' ? 'warning' : 'normal';
}

/** Conditions that flipped in one write, grouped when they flipped alike: `Ready, ContainersReady: True → False (ContainersNotReady)`. */
export function conditionDrafts(before: readonly PodCondition[], after: readonly PodCondition[], seenMs: number): TimelineDraft[] {
  const groups = new Map<string, { types: string[]; draft: Omit<TimelineDraft, 'text'>; from: string; to: string; reason: string }>();
  for (const c of after) {
    if (c.type === 'PodScheduled') continue;
    const old = before.find((b) => b.type === c.type);
    if (old && old.status === c.status) continue;
    const at = timeOf(c.lastTransitionTime);
    const from = old ? `${old.status} → ` : '';
    const reason = c.reason ? ` (${c.reason})` : '';
    const key = `${from}|${c.status}|${reason}|${at ?? ''}`;
    const g = groups.get(key);
    if (g) g.types.push(c.type);
    else groups.set(key, { types: [c.type], from, to: c.status, reason, draft: { atMs: at ?? seenMs, exact: at !== undefined, kind: 'condition', level: conditionLevel(c.type, c.status) } });
  }
  return [...groups.values()].map((g) => ({ ...g.draft, text: `${g.types.join(', ')}: ${g.from}${g.to}${g.reason}` }));
}

/** `Deletion requested, grace 5s: KILL due at 00:00:15`, at the instant asked (deletionTimestamp less the grace). */
export function deletionDraft(pod: Pod, seenMs: number): TimelineDraft | undefined {
  const due = timeOf(pod.metadata?.deletionTimestamp);
  if (due === undefined) return undefined;
  const grace = pod.metadata?.deletionGracePeriodSeconds;
  if (grace === undefined) return { atMs: seenMs, exact: false, kind: 'deletion', text: `Deletion requested: gone at ${clockText(due)}`, level: 'warning' };
  return { atMs: due - grace * 1000, exact: true, kind: 'deletion', text: `Deletion requested, grace ${grace}s: KILL due at ${clockText(due)}`, level: 'warning' };
}

/** A container's image changed in the spec (`kubectl set image`): the kubelet restarts it with the new one. */
function imageDrafts(prev: Pod, next: Pod, seenMs: number): TimelineDraft[] {
  const out: TimelineDraft[] = [];
  const before = [...(prev.spec?.initContainers ?? []), ...(prev.spec?.containers ?? [])];
  for (const c of [...(next.spec?.initContainers ?? []), ...(next.spec?.containers ?? [])]) {
    const old = before.find((b) => b.name === c.name);
    if (old && old.image !== c.image) out.push({ atMs: seenMs, exact: false, kind: 'container', text: `${c.name}: image ${old.image ?? ''} → ${c.image ?? ''}`, level: 'normal' });
  }
  return out;
}

export function diffPod(prev: Pod, next: Pod, seenMs: number): TimelineDraft[] {
  const out: TimelineDraft[] = [];
  const pm = prev.metadata ?? {};
  const nm = next.metadata ?? {};
  if (!pm.deletionTimestamp && nm.deletionTimestamp) {
    const d = deletionDraft(next, seenMs);
    if (d) out.push(d);
  } else if (pm.deletionGracePeriodSeconds !== undefined && nm.deletionGracePeriodSeconds !== undefined && nm.deletionGracePeriodSeconds < pm.deletionGracePeriodSeconds) {
    const due = timeOf(nm.deletionTimestamp);
    const text =
      nm.deletionGracePeriodSeconds === 0
        ? 'Grace 0: the kubelet confirmed its containers stopped (or the delete was forced); the API removes the pod'
        : `Grace shortened to ${nm.deletionGracePeriodSeconds}s${due === undefined ? '' : `: KILL due at ${clockText(due)}`}`;
    out.push({ atMs: seenMs, exact: false, kind: 'deletion', text, level: 'warning' });
  }
  const prevSched = prev.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const nextSched = next.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (prev.spec?.nodeName !== next.spec?.nodeName || prevSched?.status !== nextSched?.status || prevSched?.message !== nextSched?.message) {
    const d = scheduledDraft(next, seenMs);
    if (d) out.push(d);
  }
  const ps = prev.status ?? {};
  const ns = next.status ?? {};
  if (ps.phase !== ns.phase || ps.reason !== ns.reason) {
    const reason = ns.reason ? ` (${ns.reason}${ns.message ? `: ${ns.message}` : ''})` : '';
    const from = ps.phase ? `${ps.phase} → ` : '';
    out.push({ atMs: seenMs, exact: false, kind: 'phase', text: `Phase ${from}${ns.phase ?? '<none>'}${reason}`, level: phaseLevel(ns.phase) });
  }
  out.push(...conditionDrafts(ps.conditions ?? [], ns.conditions ?? [], seenMs));
  out.push(...imageDrafts(prev, next, seenMs));
  const before = statusesOf(prev);
  const ctx = { deleting: !!nm.deletionTimestamp };
  for (const cs of statusesOf(next)) out.push(...diffContainer(before.find((b) => b.name === cs.name), cs, seenMs, ctx));
  return out;
}
