// The pod's node is not Ready (stopped posting status, unreachable) or gone: since when, and
// when the taint eviction controller deletes the pod (the NoExecute toleration's seconds after
// the taint was added; the DefaultTolerationSeconds admission gives every pod 300 s).
import { since } from '../../duration.js';
import type { Node, Taint, Toleration } from '../../types.js';
import { waitText } from '../backoff.js';
import { lastSeen, newest, timeMs } from '../events.js';
import type { Evidence, Finding, RuleContext } from '../types.js';

const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NOT_READY = 'node.kubernetes.io/not-ready';

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === 'Exists') return t.key === undefined || t.key === '' || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

/** When the pod goes: 'never' when tolerated for ever, else ms after the taint (0: at once). */
function evictionAfter(tolerations: readonly Toleration[], taint: Taint): number | 'never' {
  const matching = tolerations.filter((t) => tolerates(t, taint));
  if (matching.length === 0) return 0;
  let min: number | undefined;
  for (const t of matching) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    min = Math.min(min ?? Infinity, Math.max(0, t.tolerationSeconds) * 1000);
  }
  return min === undefined ? 'never' : min;
}

export function nodeHealth(ctx: RuleContext): Finding[] {
  const name = ctx.pod.spec?.nodeName;
  if (!name) return [];
  const phase = ctx.pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return [];
  const node: Node | undefined = ctx.nodes?.find((n) => n.metadata?.name === name);
  if (ctx.nodes && !node) {
    return [
      {
        cause: 'node-missing',
        headline: `its node ${name} no longer exists`,
        short: `node ${name} gone`,
        evidence: [{ text: `spec.nodeName ${name}: no such Node` }],
        fix: 'PodGC marks the pods of a deleted node Failed and removes them; a controller replaces them elsewhere',
      },
    ];
  }
  const evidence: Evidence[] = [];
  let since0: string | undefined;
  let taint: Taint | undefined;
  let status: string | undefined;
  if (node) {
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    if (!ready || ready.status === 'True') return [];
    status = ready.status;
    since0 = ready.lastTransitionTime;
    evidence.push({ text: `node ${name} Ready=${ready.status} (${ready.reason ?? ''}): ${ready.message ?? ''}`.trim(), at: ready.lastTransitionTime });
    taint = (node.spec?.taints ?? []).find((t) => t.effect === 'NoExecute' && (t.key === UNREACHABLE || t.key === NOT_READY));
    if (taint) evidence.push({ text: `taint ${taint.key}:${taint.effect} added`, at: taint.timeAdded ?? undefined });
  } else {
    // No node object at hand: the node lifecycle controller's mark on the pod says it.
    const mark = newest(ctx.events, (e) => e.reason === 'NodeNotReady');
    const readyCond = ctx.pod.status?.conditions?.find((c) => c.type === 'Ready');
    if (!mark || readyCond?.status === 'True' || timeMs(lastSeen(mark)) < timeMs(readyCond?.lastTransitionTime) - 1000) return [];
    since0 = lastSeen(mark);
    evidence.push({ text: `event NodeNotReady from node-controller: ${mark.message ?? ''}`.trim(), at: since0 });
    taint = { key: UNREACHABLE, effect: 'NoExecute', timeAdded: since0 };
  }
  const word = status === 'Unknown' || !node ? 'unreachable' : 'not ready';
  let headline = `its node ${name} is ${word} for ${since(since0, ctx.nowMs)}`;
  let short = `node ${name} ${word}`;
  if (taint && ctx.pod.metadata?.deletionTimestamp === undefined) {
    const after = evictionAfter(ctx.pod.spec?.tolerations ?? [], taint);
    if (after === 'never') {
      headline += '; it tolerates the taint for ever and stays';
    } else {
      const at = timeMs(taint.timeAdded ?? since0) + after;
      const tol = (ctx.pod.spec?.tolerations ?? []).find((t) => tolerates(t, taint!));
      if (tol) evidence.push({ text: `toleration ${tol.key ?? '*'}:${tol.effect ?? ''} for ${tol.tolerationSeconds ?? '∞'}s` });
      const wait = at - ctx.nowMs;
      headline += wait > 0 ? `; evicted in ${waitText(wait)} (${after / 1000}s after the taint)` : '; due for eviction now';
      short += wait > 0 ? `, evict in ${waitText(wait)}` : ', evicting';
    }
  }
  return [
    {
      cause: 'node-not-ready',
      headline,
      short,
      evidence,
      fix: `bring ${name} back (its kubelet must post status again); a controller-owned pod is replaced elsewhere once evicted`,
    },
  ];
}
