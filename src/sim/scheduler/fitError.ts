// FitError.Error (pkg/scheduler/framework/types.go) and DefaultPreemption's PostFilter
// message, 1.33: "0/N nodes are available: <sorted histogram>. preemption: …".
import type { Pod } from '../../kube/types.js';
import type { NodeStatus } from './filters.js';

export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export interface Diagnosis {
  /** Statuses of the nodes that were evaluated. */
  nodeStatuses: Map<string, NodeStatus>;
  /** The status of nodes not evaluated (outside a PreFilter's node set). */
  absent?: NodeStatus;
  /** A PreFilter rejection replaces the per-node histogram. */
  preFilterMsg?: string;
}

/** The sorted "<count> <reason>" list; nodes absent from the map count under `absent`. */
function histogram(numAllNodes: number, statuses: Map<string, NodeStatus>, absent: NodeStatus | undefined): string[] {
  const counts = new Map<string, number>();
  for (const status of statuses.values()) {
    for (const reason of status.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  const missing = numAllNodes - statuses.size;
  if (absent && missing > 0) {
    for (const reason of absent.reasons) counts.set(reason, (counts.get(reason) ?? 0) + missing);
  }
  // Go's sort.Strings: byte order of the whole "count reason" string ("10 x" before "2 y").
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function fitErrorMessage(numAllNodes: number, d: Diagnosis, postFilterMsg: string): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const reasons = histogram(numAllNodes, d.nodeStatuses, d.absent);
    if (reasons.length > 0) msg += ` ${reasons.join(', ')}.`;
  }
  if (postFilterMsg) msg += ` ${postFilterMsg}`;
  return msg;
}

/**
 * DefaultPreemption: only nodes rejected as (resolvably) Unschedulable are candidates.
 * The simulator does not evict: every candidate node reports that no victims were found.
 */
export function preemptionMessage(pod: Pod, numAllNodes: number, d: Diagnosis): string {
  if (pod.spec?.preemptionPolicy === 'Never') return 'preemption: not eligible due to preemptionPolicy=Never.';
  const candidates = new Map<string, NodeStatus>();
  if (!d.preFilterMsg) {
    for (const [name, status] of d.nodeStatuses) {
      if (status.code === 'Unschedulable') {
        candidates.set(name, { code: 'UnschedulableAndUnresolvable', reasons: [NO_PREEMPTION_VICTIMS], plugin: 'DefaultPreemption' });
      }
    }
  }
  const notHelpful: NodeStatus = { code: 'UnschedulableAndUnresolvable', reasons: [PREEMPTION_NOT_HELPFUL], plugin: 'DefaultPreemption' };
  return `preemption: ${fitErrorMessage(numAllNodes, { nodeStatuses: candidates, absent: notHelpful }, '')}`;
}

/** Event notes are limited to 1 KiB (truncateMessage in schedule_one.go). */
export function truncateMessage(message: string): string {
  const limit = 1024;
  const suffix = ' ...';
  if (message.length < limit) return message;
  return message.slice(0, limit - suffix.length) + suffix;
}
