// Per-node sums of what the pods bound there request, kept up to date from pod watch
// events (the scheduler cache's NodeInfo.Requested / NonZeroRequested / Pods), so no
// scheduling decision ever re-adds every pod.
import type { Pod } from '../../kube/types.js';
import { podRequests, type Resources } from './podResources.js';

export interface NodeUsage {
  pods: number;
  requested: Resources;
  nonZeroRequested: Resources;
}

type RequestSource = Pick<NonNullable<Pod['spec']>, 'containers' | 'initContainers' | 'overhead'>;

/** Whether requests computed from `a` hold for `b`: the spec parts they derive from are the same objects. */
export function sameRequestSource(a: Partial<RequestSource> | undefined, b: Partial<RequestSource> | undefined): boolean {
  return a?.containers === b?.containers && a?.initContainers === b?.initContainers && a?.overhead === b?.overhead;
}

/** A pod's requests on its node, with the spec parts they were computed from. */
interface Contribution extends Partial<RequestSource> {
  node: string;
  requested: Resources;
  nonZero: Resources;
}

const EMPTY: NodeUsage = Object.freeze({
  pods: 0,
  requested: Object.freeze({ cpuMillis: 0, memoryBytes: 0 }),
  nonZeroRequested: Object.freeze({ cpuMillis: 0, memoryBytes: 0 }),
}) as NodeUsage;

export class NodeUsageTable {
  private readonly byPod = new Map<string, Contribution>();
  private readonly byNode = new Map<string, NodeUsage>();

  usage(node: string): NodeUsage {
    return this.byNode.get(node) ?? EMPTY;
  }

  has(podKey: string): boolean {
    return this.byPod.has(podKey);
  }

  /** Counts `pod` on `node` (replacing its previous contribution). */
  add(podKey: string, pod: Pod, node: string, requests?: { requested: Resources; nonZero: Resources }): void {
    const previous = this.byPod.get(podKey);
    const spec = pod.spec;
    if (previous && previous.node === node && sameRequestSource(previous, spec)) return;
    if (previous) this.remove(podKey);
    const contribution: Contribution = {
      node,
      containers: spec?.containers,
      initContainers: spec?.initContainers,
      overhead: spec?.overhead,
      requested: requests?.requested ?? podRequests(pod),
      nonZero: requests?.nonZero ?? podRequests(pod, true),
    };
    this.byPod.set(podKey, contribution);
    this.apply(node, contribution, 1);
  }

  /** Stops counting a pod; returns the node it was counted on. */
  remove(podKey: string): string | undefined {
    const contribution = this.byPod.get(podKey);
    if (!contribution) return undefined;
    this.byPod.delete(podKey);
    this.apply(contribution.node, contribution, -1);
    return contribution.node;
  }

  private apply(node: string, c: Contribution, sign: 1 | -1): void {
    const u = this.byNode.get(node) ?? {
      pods: 0,
      requested: { cpuMillis: 0, memoryBytes: 0 },
      nonZeroRequested: { cpuMillis: 0, memoryBytes: 0 },
    };
    u.pods += sign;
    u.requested.cpuMillis += sign * c.requested.cpuMillis;
    u.requested.memoryBytes += sign * c.requested.memoryBytes;
    u.nonZeroRequested.cpuMillis += sign * c.nonZero.cpuMillis;
    u.nonZeroRequested.memoryBytes += sign * c.nonZero.memoryBytes;
    if (u.pods === 0) this.byNode.delete(node);
    else this.byNode.set(node, u);
  }
}
