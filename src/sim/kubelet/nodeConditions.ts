// The node conditions a healthy kubelet posts (k/k pkg/kubelet/nodestatus/setters.go:
// MemoryPressureCondition, DiskPressureCondition, PIDPressureCondition, ReadyCondition), and
// how a new report merges with the stored one: the heartbeat moves on every report, the
// transition time only when a condition's status changes.
import { rfc3339 } from '../../kube/duration.js';
import type { Node } from '../../kube/types.js';

type NodeCondition = NonNullable<NonNullable<Node['status']>['conditions']>[number];

/** What the kubelet reports for each condition it owns, in the order setters.go appends them. */
export const HEALTHY_NODE_CONDITIONS: readonly Pick<NodeCondition, 'type' | 'status' | 'reason' | 'message'>[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

/** The stored conditions with the kubelet's report at `nowMs` merged in; other conditions (e.g. a controller's) stay. */
export function reportedConditions(stored: readonly NodeCondition[] | undefined, nowMs: number): NodeCondition[] {
  const now = rfc3339(nowMs);
  const out: NodeCondition[] = [...(stored ?? [])].map((c) => ({ ...c }));
  for (const want of HEALTHY_NODE_CONDITIONS) {
    const i = out.findIndex((c) => c.type === want.type);
    const prev = i >= 0 ? out[i] : undefined;
    const next: NodeCondition = {
      ...want,
      lastHeartbeatTime: now,
      lastTransitionTime: prev && prev.status === want.status && prev.lastTransitionTime ? prev.lastTransitionTime : now,
    };
    if (i >= 0) out[i] = next;
    else out.push(next);
  }
  return out;
}

/** Whether a report would change anything but heartbeat times (the kubelet then writes at once instead of waiting for the report interval). */
export function conditionsDiffer(stored: readonly NodeCondition[] | undefined): boolean {
  return HEALTHY_NODE_CONDITIONS.some((want) => {
    const c = stored?.find((s) => s.type === want.type);
    return !c || c.status !== want.status || c.reason !== want.reason || c.message !== want.message;
  });
}

export function readyStatusOf(node: Node | undefined): string | undefined {
  return node?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}
