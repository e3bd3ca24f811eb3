// The default profile's Filter plugins that matter to the simulator, in the order the
// framework runs them; a node fails with the first plugin that rejects it. Reason strings
// are the plugins' own (kube-scheduler 1.33).
import { cpuMillis, memoryBytes, parseQuantity } from '../../kube/quantity.js';
import type { Node, Pod, Toleration } from '../../kube/types.js';
import type { NodeMatcher } from './nodeAffinity.js';
import type { NodeUsage } from './nodeUsage.js';
import type { Resources } from './podResources.js';
import { effectiveTaints, firstUntoleratedTaint, TAINT_UNSCHEDULABLE, toleratesAny } from './taints.js';

export type StatusCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface NodeStatus {
  code: StatusCode;
  reasons: string[];
  plugin: string;
}

export const REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const REASON_AFFINITY = "node(s) didn't match Pod's node affinity/selector";

/** What the filters need to know about the pod, computed once per scheduling attempt. */
export interface PodToSchedule {
  pod: Pod;
  tolerations: readonly Toleration[] | undefined;
  requested: Resources;
  nodeMatcher: NodeMatcher | undefined;
}

export interface Allocatable {
  cpuMillis: number;
  memoryBytes: number;
  pods: number;
}

export function allocatableOf(node: Node): Allocatable {
  const a = (node.status?.allocatable ?? {}) as Record<string, string | undefined>;
  return {
    cpuMillis: cpuMillis(a['cpu']),
    memoryBytes: memoryBytes(a['memory']),
    pods: a['pods'] === undefined ? 0 : Math.floor(parseQuantity(a['pods'])),
  };
}

/** Runs the filters; undefined when the node fits. */
export function filterNode(p: PodToSchedule, node: Node, allocatable: Allocatable, usage: NodeUsage): NodeStatus | undefined {
  if (node.spec?.unschedulable && !toleratesAny(p.tolerations, { key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' })) {
    return { code: 'UnschedulableAndUnresolvable', reasons: [REASON_UNSCHEDULABLE], plugin: 'NodeUnschedulable' };
  }
  const taint = firstUntoleratedTaint(effectiveTaints(node), p.tolerations);
  if (taint) {
    return {
      code: 'UnschedulableAndUnresolvable',
      reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`],
      plugin: 'TaintToleration',
    };
  }
  if (p.nodeMatcher && !p.nodeMatcher(node)) {
    return { code: 'UnschedulableAndUnresolvable', reasons: [REASON_AFFINITY], plugin: 'NodeAffinity' };
  }
  return fitsResources(p.requested, allocatable, usage);
}

/** NodeResourcesFit's fitsRequest: every shortage is a reason; beyond allocatable is unresolvable. */
function fitsResources(req: Resources, alloc: Allocatable, usage: NodeUsage): NodeStatus | undefined {
  const reasons: string[] = [];
  let unresolvable = false;
  if (usage.pods + 1 > alloc.pods) reasons.push('Too many pods');
  if (req.cpuMillis !== 0 || req.memoryBytes !== 0) {
    if (req.cpuMillis > 0 && req.cpuMillis > alloc.cpuMillis - usage.requested.cpuMillis) {
      reasons.push('Insufficient cpu');
      if (req.cpuMillis > alloc.cpuMillis) unresolvable = true;
    }
    if (req.memoryBytes > 0 && req.memoryBytes > alloc.memoryBytes - usage.requested.memoryBytes) {
      reasons.push('Insufficient memory');
      if (req.memoryBytes > alloc.memoryBytes) unresolvable = true;
    }
  }
  if (reasons.length === 0) return undefined;
  return { code: unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable', reasons, plugin: 'NodeResourcesFit' };
}
