// A container on its way up, by the newest of its Pulling / Pulled / Created events: an image
// still pulling, or created and not started yet. Only while it waits with no error reason.
import { since } from '../../duration.js';
import { containerLabel } from '../containers.js';
import { CONTAINER_STEP_REASONS } from '../eventReasons.js';
import { lastSeen } from '../events.js';
import type { Finding, RuleContext } from '../types.js';

const WAITING = new Set(['', 'ContainerCreating', 'PodInitializing']);

export function starting(ctx: RuleContext): Finding[] {
  if (ctx.pod.metadata?.deletionTimestamp) return [];
  const out: Finding[] = [];
  for (const c of ctx.containers) {
    const w = c.status?.state?.waiting;
    if (!w || !WAITING.has(w.reason ?? '')) continue;
    const step = [...c.events].reverse().find((e) => CONTAINER_STEP_REASONS.has(e.reason ?? ''));
    if (step?.reason === 'Pulling') {
      out.push({ cause: 'pulling', headline: `${containerLabel(c)}: pulling image "${c.spec.image ?? ''}" for ${since(lastSeen(step), ctx.nowMs)}`, short: `pulling ${c.spec.image ?? ''}`, evidence: [{ text: `event Pulling: ${step.message ?? ''}`, at: lastSeen(step) }] });
    } else if (step?.reason === 'Created') {
      out.push({ cause: 'starting', headline: `${containerLabel(c)}: created ${since(lastSeen(step), ctx.nowMs)} ago, not started yet`, short: `${c.name} starting`, evidence: [{ text: `event Created: ${step.message ?? ''}`, at: lastSeen(step) }] });
    } else if (step === undefined && (w.reason ?? '') === 'ContainerCreating') {
      // Before its first pull the kubelet mounts the pod's volumes and makes its sandbox.
      out.push({
        cause: 'starting',
        headline: `${containerLabel(c)}: being created — the kubelet is still mounting the pod's volumes and making its sandbox (no image pull yet)`,
        short: `${c.name} creating`,
        evidence: [{ text: `state waiting ContainerCreating, no Pulling or Pulled event yet` }],
      });
    }
  }
  return out;
}
