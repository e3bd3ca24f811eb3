// podutil.UpdatePodCondition: replaces the condition of the same type; lastTransitionTime
// moves only when the status changes. Reports whether anything changed.
import { rfc3339 } from '../../kube/duration.js';
import type { PodCondition } from '../../kube/types.js';

export function updatePodCondition(
  conditions: readonly PodCondition[] | undefined,
  condition: { type: string; status: string; reason?: string; message?: string },
  nowMs: number,
): { conditions: PodCondition[]; changed: boolean } {
  const list = [...(conditions ?? [])];
  const index = list.findIndex((c) => c.type === condition.type);
  const old = index >= 0 ? list[index] : undefined;
  const next: PodCondition = { type: condition.type, status: condition.status };
  next.lastTransitionTime = old && old.status === condition.status ? old.lastTransitionTime : rfc3339(nowMs);
  if (condition.reason) next.reason = condition.reason;
  if (condition.message) next.message = condition.message;
  if (!old) {
    list.push(next);
    return { conditions: list, changed: true };
  }
  list[index] = next;
  const changed =
    old.status !== next.status ||
    (old.reason ?? '') !== (next.reason ?? '') ||
    (old.message ?? '') !== (next.message ?? '') ||
    (old.lastProbeTime ?? undefined) !== undefined ||
    old.lastTransitionTime !== next.lastTransitionTime;
  return { conditions: list, changed };
}
