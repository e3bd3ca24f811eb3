// The scheduler could not place the pod: its reasons (the PodScheduled condition's message or
// the newest FailedScheduling event), and what would fit, worked out from the nodes the
// source knows. PVC reasons become their own finding (pvc.ts), from the message alone.
import { since } from '../../duration.js';
import type { Node, Pod } from '../../types.js';
import { lastSeen, newest } from '../events.js';
import { formatCpu, formatMemory, nodeAllocatable, podRequests } from '../resources.js';
import type { Evidence, Finding, RuleContext } from '../types.js';
import { pvcFindings } from './pvc.js';

/** `0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had …. preemption: …` → ["1 Insufficient cpu", …]. */
export function schedulerReasons(message: string): string[] {
  const m = /nodes are available: (.*?)(?:\. preemption:|$)/s.exec(message);
  if (!m) return [];
  const body = m[1]!.replace(/\.$/, '');
  // Reasons are joined by ", " but a taint's text can hold ", " too: split only before a count.
  return body.split(/, (?=\d+ )/).map((s) => s.trim()).filter((s) => s !== '');
}

const withoutCount = (reason: string): string => reason.replace(/^\d+ /, '');

function labelsMatch(node: Node, selector: Readonly<Record<string, string>>): boolean {
  const labels = node.metadata?.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function resourceFit(kind: 'cpu' | 'memory', pod: Pod, nodes: readonly Node[] | undefined): { evidence: Evidence[]; fix?: string } {
  const want = podRequests(pod)[kind];
  const fmt = kind === 'cpu' ? formatCpu : formatMemory;
  const unit = kind === 'cpu' ? ' CPU' : '';
  const evidence: Evidence[] = [{ text: `the pod requests ${fmt(want)}${unit} ${kind === 'cpu' ? '' : 'of memory '}(sum of its containers' resources.requests.${kind})`.replace('  ', ' ') }];
  if (!nodes || nodes.length === 0) return { evidence };
  const largest = Math.max(...nodes.map((n) => nodeAllocatable(n)[kind]));
  evidence.push({ text: `largest node allocatable ${kind}: ${fmt(largest)}${unit} (${nodes.length} node${nodes.length === 1 ? '' : 's'})` });
  if (want > largest) {
    return {
      evidence,
      fix: `the request of ${fmt(want)}${unit} is larger than any node's allocatable ${fmt(largest)}${unit}: lower resources.requests.${kind} to at most ${fmt(largest)}${unit}, or add a node with more`,
    };
  }
  return { evidence, fix: `a node has ${fmt(largest)}${unit} allocatable but the pods already there leave less than ${fmt(want)}${unit}: free room on a node (scale something down) or add a node` };
}

export function unschedulable(ctx: RuleContext): Finding[] {
  const pod = ctx.pod;
  if (pod.spec?.nodeName || pod.metadata?.deletionTimestamp) return [];
  const cond = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (cond?.status === 'False' && cond.reason === 'SchedulingGated') {
    const gates = (pod.spec?.schedulingGates ?? []).map((g) => g.name);
    return [
      {
        cause: 'unschedulable',
        headline: `not scheduled: waiting for scheduling gate${gates.length === 1 ? '' : 's'} ${gates.join(', ')}`,
        short: `gated: ${gates[0] ?? ''}`.trim(),
        evidence: [{ text: `condition PodScheduled=False SchedulingGated: ${cond.message ?? ''}`.trim(), at: cond.lastTransitionTime }],
        fix: 'whoever added the gate removes it from spec.schedulingGates when the pod may be scheduled',
      },
    ];
  }
  const event = newest(ctx.events, (e) => e.reason === 'FailedScheduling');
  const message = cond?.status === 'False' && cond.message ? cond.message : event?.message;
  if (!message) {
    if (pod.status?.phase !== 'Pending') return [];
    return [
      {
        cause: 'unschedulable',
        headline: `not scheduled yet (created ${since(pod.metadata?.creationTimestamp, ctx.nowMs)} ago)`,
        short: 'not scheduled yet',
        evidence: [{ text: 'no spec.nodeName and no scheduler verdict yet', at: pod.metadata?.creationTimestamp }],
      },
    ];
  }
  const reasons = schedulerReasons(message);
  const evidence: Evidence[] = [];
  if (cond?.status === 'False') evidence.push({ text: `condition PodScheduled=False ${cond.reason ?? ''}: ${message}`, at: cond.lastTransitionTime });
  if (event) evidence.push({ text: `event FailedScheduling${(event.count ?? 1) > 1 ? ` (x${event.count})` : ''}: ${event.message ?? ''}`, at: lastSeen(event) });
  const pvc = pvcFindings(ctx, message, evidence);
  if (pvc.length > 0) return pvc;

  const fixes: string[] = [];
  for (const r of reasons.map(withoutCount)) {
    if (r === 'Insufficient cpu' || r === 'Insufficient memory') {
      const fit = resourceFit(r === 'Insufficient cpu' ? 'cpu' : 'memory', pod, ctx.nodes);
      evidence.push(...fit.evidence);
      if (fit.fix) fixes.push(fit.fix);
    } else if (r.startsWith("node(s) didn't match Pod's node affinity/selector")) {
      const sel = pod.spec?.nodeSelector ?? {};
      const text = Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',');
      if (text) evidence.push({ text: `spec.nodeSelector ${text}` });
      if (text && ctx.nodes) {
        const fitting = ctx.nodes.filter((n) => labelsMatch(n, sel));
        fixes.push(fitting.length === 0 ? `no node has the labels ${text}: label a node (kubectl label node NAME ${text.split(',').join(' ')}) or change spec.nodeSelector` : `nodes ${fitting.map((n) => n.metadata?.name).join(', ')} match ${text} but are ruled out for other reasons`);
      } else if (pod.spec?.affinity?.nodeAffinity) fixes.push('no node satisfies spec.affinity.nodeAffinity: change it or label a node to match');
    } else if (r.startsWith('node(s) had untolerated taint')) {
      const m = /\{(.*?): (.*?)\}/.exec(r);
      fixes.push(m ? `add a toleration for ${m[1]}${m[2] ? `=${m[2]}` : ''} or remove the taint from the node` : 'add a toleration for the taint or remove it');
    } else if (r === 'node(s) were unschedulable') {
      fixes.push('the nodes are cordoned: kubectl uncordon NODE');
    } else if (r.startsWith("node(s) didn't have free ports")) {
      fixes.push('another pod uses the requested hostPort on each node: change or drop hostPort');
    }
  }
  // The list cell names the reason most nodes gave (the first of equals).
  const count = (r: string): number => Number(/^(\d+) /.exec(r)?.[1] ?? 0);
  const top = reasons.reduce<string | undefined>((best, r) => (best === undefined || count(r) > count(best) ? r : best), undefined);
  const first = top !== undefined ? withoutCount(top) : message.replace(/\. preemption:.*$/s, '');
  return [
    {
      cause: 'unschedulable',
      headline: `unschedulable: ${reasons.length > 0 ? reasons.join(', ') : message}`,
      short: `unschedulable: ${first}`,
      evidence,
      ...(fixes.length > 0 ? { fix: fixes.join('; ') } : {}),
    },
  ];
}
