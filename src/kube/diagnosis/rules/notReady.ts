// The fallback: a pod that is not Ready (and has not ended) for which no rule found a cause
// gets the Ready condition's own words, so no not-ready pod goes without a line.
import { since } from '../../duration.js';
import { podIsReady } from '../ready.js';
import type { Finding, RuleContext } from '../types.js';

export function notReady(ctx: RuleContext): Finding[] {
  if (ctx.found.length > 0) return [];
  const phase = ctx.pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return [];
  const ready = ctx.pod.status?.conditions?.find((c) => c.type === 'Ready');
  if (podIsReady(ctx.pod)) return [];
  if (!ctx.pod.spec?.nodeName) return [];
  const creating = ctx.containers.filter((c) => c.status?.state?.waiting?.reason === 'ContainerCreating' || c.status?.state?.waiting?.reason === 'PodInitializing');
  if (!ready) {
    return [{ cause: 'not-ready', headline: `starting on ${ctx.pod.spec.nodeName}: no Ready condition yet`, short: 'starting', evidence: [{ text: 'status.conditions has no Ready yet', at: ctx.pod.metadata?.creationTimestamp }] }];
  }
  const what = creating.length > 0 ? `containers being created: ${creating.map((c) => c.name).join(', ')}` : `${ready.reason ?? 'not ready'}${ready.message ? `: ${ready.message}` : ''}`;
  return [
    {
      cause: 'not-ready',
      headline: `not ready for ${since(ready.lastTransitionTime ?? undefined, ctx.nowMs)}: ${what}`,
      short: creating.length > 0 ? 'creating containers' : `not ready: ${ready.reason ?? '?'}`,
      evidence: [{ text: `condition Ready=${ready.status} ${ready.reason ?? ''}: ${ready.message ?? ''}`.trim(), at: ready.lastTransitionTime ?? undefined }],
    },
  ];
}
