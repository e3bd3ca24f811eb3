// Pure pieces of the node lifecycle controller (k/k pkg/controller/nodelifecycle):
// tryUpdateNodeHealth's Unknown conditions, the unreachable taint templates and
// controller_utils.go's MarkPodsNotReady condition change.
import { rfc3339 } from '../../kube/duration.js';
import type { Node, Pod, PodCondition, Taint } from '../../kube/types.js';
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from '../scheduler/taints.js';

type NodeCondition = NonNullable<NonNullable<Node['status']>['conditions']>[number];

/** nodeMonitorGracePeriod's default (kube-controller-manager 1.33). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 40_000;
export const UNREACHABLE_TAINT_KEY = TAINT_UNREACHABLE;
export const NOT_READY_TAINT_KEY = TAINT_NOT_READY;
export const OUT_OF_SERVICE_TAINT_KEY = 'node.kubernetes.io/out-of-service';

/** Ready first, then the conditions tryUpdateNodeHealth also marks Unknown, in its order. */
const MONITORED = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

/** The conditions after the grace period passed: each known one Unknown (transition now, heartbeat kept), each missing one added as never updated. */
export function unknownConditions(node: Node, nowMs: number): NodeCondition[] {
  const now = rfc3339(nowMs);
  const out = (node.status?.conditions ?? []).map((c) => ({ ...c }));
  for (const type of MONITORED) {
    const c = out.find((x) => x.type === type);
    if (!c) {
      out.push({
        type,
        status: 'Unknown',
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
        lastHeartbeatTime: node.metadata?.creationTimestamp,
        lastTransitionTime: now,
      });
    } else if (c.status !== 'Unknown') {
      c.status = 'Unknown';
      c.reason = 'NodeStatusUnknown';
      c.message = 'Kubelet stopped posting node status.';
      c.lastTransitionTime = now;
    }
  }
  return out;
}

/** The taints an unreachable node carries: NoSchedule (doNoScheduleTaintingPass) and NoExecute (doNoExecuteTaintingPass), each stamped by SwapNodeControllerTaint. */
export function withUnreachableTaints(taints: readonly Taint[] | undefined, nowMs: number): Taint[] {
  const out = (taints ?? []).filter((t) => !(t.key === NOT_READY_TAINT_KEY && (t.effect === 'NoExecute' || t.effect === 'NoSchedule')));
  for (const effect of ['NoSchedule', 'NoExecute'] as const) {
    if (!out.some((t) => t.key === UNREACHABLE_TAINT_KEY && t.effect === effect)) out.push({ key: UNREACHABLE_TAINT_KEY, effect, timeAdded: rfc3339(nowMs) });
  }
  return out;
}

/** A Ready node loses the controller's taints (markNodeAsReachable and the NoSchedule pass). */
export function withoutHealthTaints(taints: readonly Taint[] | undefined): Taint[] {
  return (taints ?? []).filter((t) => t.key !== UNREACHABLE_TAINT_KEY && t.key !== NOT_READY_TAINT_KEY);
}

export function hasHealthTaint(node: Node): boolean {
  return (node.spec?.taints ?? []).some((t) => t.key === UNREACHABLE_TAINT_KEY || t.key === NOT_READY_TAINT_KEY);
}

export function readyConditionOf(node: Node | undefined): NodeCondition | undefined {
  return node?.status?.conditions?.find((c) => c.type === 'Ready');
}

/** MarkPodsNotReady: the pod's Ready condition turned False (transition time moves only on change), or undefined when there is nothing to change. */
export function notReadyConditions(pod: Pod, nowMs: number): PodCondition[] | undefined {
  const conditions = pod.status?.conditions;
  const ready = conditions?.find((c) => c.type === 'Ready');
  if (!conditions || !ready || ready.status === 'False') return undefined;
  return conditions.map((c) => (c === ready ? { ...c, status: 'False', lastTransitionTime: rfc3339(nowMs) } : c));
}
