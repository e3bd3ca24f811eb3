// The ReplicaSet controller (pkg/controller/replicaset): keeps spec.replicas active pods
// that match the selector, adopting orphans and releasing pods that stop matching.
import type { Pod, ReplicaSet } from '../../kube/types.js';
import type { SimContext } from '../context.js';
import { WorkloadController } from './base.js';
import { claimChildren, ownerSelector } from './claim.js';
import { canonicalJson } from './hash.js';
import { newControllerRef, objectKey } from './keys.js';
import { omitZero } from './omitZero.js';
import { isDeleting, isPodActive, isPodReady, labelsContain, readySince, restartCount } from './podState.js';
import { podFromTemplate } from './podTemplate.js';

type ReplicaSetStatus = NonNullable<ReplicaSet['status']>;

/**
 * replicaset.BurstReplicas: a sync creates or deletes at most this many pods; their watch
 * events queue the next sync for the rest.
 */
export const BURST_REPLICAS = 500;

export class ReplicaSetController extends WorkloadController<'ReplicaSet', 'Pod'> {
  constructor(ctx: SimContext) {
    super(ctx, 'ReplicaSet', 'Pod', 'replicaset-controller');
  }

  /** An orphan pod changed: every ReplicaSet of its namespace whose selector matches may adopt it. */
  protected override onOrphanEvent(pod: Pod): void {
    const ns = pod.metadata?.namespace;
    for (const rs of this.ctx.store.all('ReplicaSet', ns)) {
      if (ownerSelector(rs.spec).matches(pod.metadata?.labels)) this.queue.add(objectKey(rs));
    }
  }

  protected sync(rs: ReplicaSet): void {
    const ns = rs.metadata!.namespace!;
    const selector = ownerSelector(rs.spec);
    const pods = claimChildren(
      this.ctx,
      'Pod',
      rs,
      'apps/v1',
      'ReplicaSet',
      selector,
      this.children.ownedBy(rs.metadata?.uid),
      this.children.orphans(ns),
    );
    let active = pods.filter(isPodActive);
    if (!isDeleting(rs)) active = this.manageReplicas(rs, active);
    this.updateStatus(rs, active);
  }

  private manageReplicas(rs: ReplicaSet, active: Pod[]): Pod[] {
    const want = rs.spec?.replicas ?? 1;
    const diff = active.length - want;
    if (diff < 0) {
      const created: Pod[] = [];
      for (let i = 0; i < Math.min(-diff, BURST_REPLICAS); i++) {
        const pod = this.createPod(rs);
        if (!pod) break;
        created.push(pod);
      }
      return [...active, ...created];
    }
    if (diff > 0) {
      const victims = podsToDelete(active, Math.min(diff, BURST_REPLICAS));
      for (const pod of victims) {
        this.deletePodOf(rs, pod);
      }
      const gone = new Set(victims);
      return active.filter((p) => !gone.has(p));
    }
    return active;
  }

  private createPod(rs: ReplicaSet): Pod | undefined {
    const ns = rs.metadata!.namespace!;
    const pod = podFromTemplate(rs.spec?.template, ns, newControllerRef(rs, 'apps/v1', 'ReplicaSet'), {
      generateName: `${rs.metadata!.name}-`,
    });
    return this.createPodFor(rs, pod);
  }

  private updateStatus(rs: ReplicaSet, active: Pod[]): void {
    const now = this.ctx.clock.now();
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const templateLabels = rs.spec?.template?.metadata?.labels;
    let fullyLabeled = 0;
    let ready = 0;
    let available = 0;
    let nextAvailable: number | undefined;
    // One pass: this runs on every pod event, over every pod of the ReplicaSet.
    for (const pod of active) {
      if (labelsContain(pod.metadata?.labels, templateLabels)) fullyLabeled++;
      const since = readySince(pod);
      if (since === undefined) continue;
      ready++;
      const availableAt = since + minReady * 1000;
      if (minReady === 0 || availableAt <= now) available++;
      else nextAvailable = Math.min(nextAvailable ?? Infinity, availableAt - now);
    }
    const status: ReplicaSetStatus = omitZero<ReplicaSetStatus>(
      {
        replicas: active.length,
        fullyLabeledReplicas: fullyLabeled,
        readyReplicas: ready,
        availableReplicas: available,
        observedGeneration: rs.metadata?.generation,
      },
      ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'],
    );
    if (rs.status?.conditions) status.conditions = rs.status.conditions;
    if (canonicalJson(status) !== canonicalJson(rs.status ?? {})) {
      this.ctx.api.setStatus('ReplicaSet', rs.metadata!.namespace, rs.metadata!.name!, status);
    }
    if (nextAvailable !== undefined) this.queue.addAfter(objectKey(rs), nextAvailable);
  }
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * getPodsToDelete's order (ActivePodsWithRanks): unscheduled before scheduled, Pending
 * before Unknown before Running, not ready before ready, more pods on the same node
 * first, ready for less time first, more restarts first, newer first. Upstream compares
 * times in logarithmic buckets (LogarithmicScaleDown); we compare them exactly.
 */
export function podsToDelete(pods: Pod[], count: number): Pod[] {
  const perNode = new Map<string, number>();
  for (const p of pods) {
    const node = p.spec?.nodeName;
    if (node) perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  const rank = (p: Pod): number => (p.spec?.nodeName ? perNode.get(p.spec.nodeName)! : 0);
  const created = (p: Pod): number => Date.parse(p.metadata?.creationTimestamp ?? '') || 0;
  const sorted = [...pods].sort((a, b) => {
    const aBound = a.spec?.nodeName ? 1 : 0;
    const bBound = b.spec?.nodeName ? 1 : 0;
    if (aBound !== bBound) return aBound - bBound;
    const aPhase = PHASE_RANK[a.status?.phase ?? 'Pending'] ?? 0;
    const bPhase = PHASE_RANK[b.status?.phase ?? 'Pending'] ?? 0;
    if (aPhase !== bPhase) return aPhase - bPhase;
    const aReady = isPodReady(a) ? 1 : 0;
    const bReady = isPodReady(b) ? 1 : 0;
    if (aReady !== bReady) return aReady - bReady;
    if (rank(a) !== rank(b)) return rank(b) - rank(a);
    if (aReady && bReady) {
      const diff = (readySince(b) ?? 0) - (readySince(a) ?? 0);
      if (diff !== 0) return diff;
    }
    if (restartCount(a) !== restartCount(b)) return restartCount(b) - restartCount(a);
    const age = created(b) - created(a);
    if (age !== 0) return age;
    return (b.metadata?.name ?? '') < (a.metadata?.name ?? '') ? -1 : 1;
  });
  return sorted.slice(0, count);
}
