// The Deployment controller (pkg/controller/deployment): one ReplicaSet per pod template,
// named <deployment>-<pod-template-hash>, rolled by the RollingUpdate or Recreate
// strategy, with the revision annotations, scaling events and status conditions upstream
// writes. Paused deployments only scale; rollback (the deprecated rollbackTo) is not modelled.
import { ApiError } from '../../kube/apiError.js';
import { rfc3339 } from '../../kube/duration.js';
import type { Deployment, Pod, ReplicaSet } from '../../kube/types.js';
import type { SimContext } from '../context.js';
import type { Watch } from '../store.js';
import { WorkloadController } from './base.js';
import { claimChildren, ownerSelector } from './claim.js';
import {
  activeReplicaSets,
  byCreation,
  byRevision,
  copiedAnnotations,
  deploymentComplete,
  deploymentProgressing,
  desiredAnnotation,
  DESIRED_REPLICAS,
  getCondition,
  isRollingUpdate,
  MAX_REPLICAS,
  maxSurge,
  maxUnavailable,
  newCondition,
  newRsNewReplicas,
  POD_TEMPLATE_HASH,
  removeCondition,
  replicasOf,
  REVISION,
  REVISION_HISTORY,
  appendRevisionHistory,
  revisionOf,
  rsReplicas,
  setCondition,
  sumAvailable,
  sumReady,
  sumSpec,
  sumStatus,
  templatesEqual,
  type DeploymentStatus,
} from './deploymentUtil.js';
import { canonicalJson, computeHash } from './hash.js';
import { controllerRefOf, newControllerRef, objectKey } from './keys.js';
import { omitZero } from './omitZero.js';
import { OwnedIndex } from './ownedIndex.js';
import { defaultedTemplate } from './templateDefaults.js';
import { isDeleting } from './podState.js';

const PROGRESSING = 'Progressing';
const AVAILABLE = 'Available';
const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
const TIMED_OUT = 'ProgressDeadlineExceeded';

interface Rollout {
  d: Deployment;
  newRs: ReplicaSet | undefined;
  oldRss: ReplicaSet[];
}

export class DeploymentController extends WorkloadController<'Deployment', 'ReplicaSet'> {
  /** Pods by their ReplicaSet's uid: Recreate waits until the old ones are gone. */
  private readonly podsByRs = new OwnedIndex<Pod>();

  constructor(ctx: SimContext) {
    super(ctx, 'Deployment', 'ReplicaSet', 'deployment-controller');
  }

  protected override extraWatches(): Watch[] {
    return [
      this.ctx.store.watch('Pod', {}, (ev) => {
        if (ev.type === 'DELETED') this.podsByRs.remove(ev.object);
        else this.podsByRs.upsert(ev.object);
        if (ev.type !== 'DELETED') return;
        const ref = controllerRefOf(ev.object);
        if (ref?.kind !== 'ReplicaSet') return;
        const rs = this.ctx.store.get('ReplicaSet', ev.object.metadata?.namespace, ref.name);
        if (rs) this.enqueueOwnerOf(rs);
      }),
    ];
  }

  protected override onOrphanEvent(rs: ReplicaSet): void {
    for (const d of this.ctx.store.all('Deployment', rs.metadata?.namespace)) {
      if (ownerSelector(d.spec).matches(rs.metadata?.labels)) this.queue.add(objectKey(d));
    }
  }

  protected sync(d: Deployment): void {
    const rsList = claimChildren(
      this.ctx,
      'ReplicaSet',
      d,
      'apps/v1',
      'Deployment',
      ownerSelector(d.spec),
      this.children.ownedBy(d.metadata?.uid),
      this.children.orphans(d.metadata!.namespace!),
    );
    if (isDeleting(d)) {
      const r = this.replicaSets(d, rsList, false);
      this.syncDeploymentStatus(r);
      return;
    }
    d = this.checkPausedConditions(d);
    if (d.spec?.paused || this.isScalingEvent(d, rsList)) {
      this.syncScale(d, rsList);
      return;
    }
    if (isRollingUpdate(d)) this.rolloutRolling(d, rsList);
    else this.rolloutRecreate(d, rsList);
  }

  /** checkPausedConditions: Progressing turns Unknown while paused, and says so on resume. */
  private checkPausedConditions(d: Deployment): Deployment {
    if (!hasProgressDeadline(d)) return d;
    const cond = getCondition(d.status, PROGRESSING);
    if (cond?.reason === TIMED_OUT) return d;
    const paused = d.spec?.paused === true;
    const pausedCond = cond?.reason === 'DeploymentPaused';
    if (paused === pausedCond) return d;
    const status = { ...(d.status ?? {}) };
    const next = paused
      ? newCondition(PROGRESSING, 'Unknown', 'DeploymentPaused', 'Deployment is paused', this.nowIso())
      : newCondition(PROGRESSING, 'Unknown', 'DeploymentResumed', 'Deployment is resumed', this.nowIso());
    setCondition(status, next);
    return this.writeStatus(d, status);
  }

  // ---- finding the new and old ReplicaSets -------------------------------------------

  /** getAllReplicaSetsAndSyncRevision. */
  private replicaSets(d: Deployment, rsList: ReplicaSet[], createIfMissing: boolean): Rollout {
    const sorted = [...rsList].sort(byCreation);
    const existing = sorted.find((rs) => templatesEqual(rs.spec?.template, d.spec?.template));
    const oldRss = sorted.filter((rs) => rs !== existing);
    const r: Rollout = { d, newRs: undefined, oldRss };
    const newRevision = String(Math.max(0, ...oldRss.map(revisionOf)) + 1);
    if (existing) {
      r.newRs = this.syncExistingNewRs(r, existing, newRevision);
      return r;
    }
    if (createIfMissing) r.newRs = this.createNewRs(r, newRevision);
    return r;
  }

  private syncExistingNewRs(r: Rollout, rs: ReplicaSet, newRevision: string): ReplicaSet {
    const annotations = { ...(rs.metadata?.annotations ?? {}), ...copiedAnnotations(r.d) };
    const oldRevision = rs.metadata?.annotations?.[REVISION];
    if (revisionOf(rs) < Number(newRevision)) {
      annotations[REVISION] = newRevision;
      // A rollback to this ReplicaSet: its earlier revisions are kept for history.
      if (oldRevision !== undefined) {
        const history = appendRevisionHistory(annotations[REVISION_HISTORY], oldRevision);
        if (history !== undefined) annotations[REVISION_HISTORY] = history;
      }
    }
    const minReady = r.d.spec?.minReadySeconds ?? 0;
    let current = rs;
    if (canonicalJson(annotations) !== canonicalJson(rs.metadata?.annotations ?? {}) || (rs.spec?.minReadySeconds ?? 0) !== minReady) {
      current = this.ctx.api.update('ReplicaSet', {
        ...rs,
        metadata: { ...rs.metadata, resourceVersion: undefined, annotations },
        spec: { ...rs.spec!, minReadySeconds: minReady || undefined },
      });
    }
    this.setDeploymentRevision(r, current.metadata!.annotations![REVISION]!);
    if (hasProgressDeadline(r.d) && !getCondition(r.d.status, PROGRESSING)) {
      const status = { ...(r.d.status ?? {}) };
      setCondition(status, newCondition(PROGRESSING, 'True', 'FoundNewReplicaSet', `Found new replica set "${current.metadata!.name}"`, this.nowIso()));
      r.d = this.writeStatus(r.d, status);
    }
    return current;
  }

  private createNewRs(r: Rollout, newRevision: string): ReplicaSet | undefined {
    const d = r.d;
    const template = structuredClone(defaultedTemplate(d.spec?.template));
    const hash = computeHash(template, d.status?.collisionCount);
    template.metadata = { ...template.metadata, labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash } };
    const selector = structuredClone(d.spec?.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
    const name = `${d.metadata!.name}-${hash}`;
    const draft: ReplicaSet = {
      metadata: {
        name,
        namespace: d.metadata!.namespace,
        labels: { ...template.metadata.labels },
        annotations: {
          ...copiedAnnotations(d),
          [REVISION]: newRevision,
          [DESIRED_REPLICAS]: String(replicasOf(d)),
          [MAX_REPLICAS]: String(replicasOf(d) + maxSurge(d)),
        },
        ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')],
      },
      spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds, selector, template },
    };
    const replicas = newRsNewReplicas(d, [...r.oldRss, draft], draft);
    draft.spec!.replicas = replicas;
    let created: ReplicaSet;
    try {
      created = this.ctx.api.create('ReplicaSet', draft);
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 409) throw err;
      const clash = this.ctx.store.get('ReplicaSet', d.metadata!.namespace, name);
      if (clash && controllerRefOf(clash)?.uid === d.metadata?.uid && templatesEqual(clash.spec?.template, d.spec?.template)) return clash;
      // A hash collision: bump collisionCount so the next sync picks another name.
      r.d = this.writeStatus(d, { ...(d.status ?? {}), collisionCount: (d.status?.collisionCount ?? 0) + 1 });
      this.queue.add(objectKey(d));
      return undefined;
    }
    if (replicas > 0) this.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${replicas}`);
    this.setDeploymentRevision(r, newRevision);
    if (hasProgressDeadline(r.d)) {
      const status = { ...(r.d.status ?? {}) };
      setCondition(status, newCondition(PROGRESSING, 'True', 'NewReplicaSetCreated', `Created new replica set "${name}"`, this.nowIso()));
      r.d = this.writeStatus(r.d, status);
    }
    return created;
  }

  private setDeploymentRevision(r: Rollout, revision: string): void {
    if (r.d.metadata?.annotations?.[REVISION] === revision) return;
    r.d = this.ctx.api.update('Deployment', {
      ...r.d,
      metadata: { ...r.d.metadata, resourceVersion: undefined, annotations: { ...(r.d.metadata?.annotations ?? {}), [REVISION]: revision } },
    });
  }

  // ---- scaling ------------------------------------------------------------------------

  /** scaleReplicaSetAndRecordEvent + scaleReplicaSet: size and the replicas annotations. */
  private scaleRs(r: Rollout, rs: ReplicaSet, newScale: number): ReplicaSet {
    const d = r.d;
    const oldScale = rsReplicas(rs);
    const desired = String(replicasOf(d));
    const max = String(replicasOf(d) + maxSurge(d));
    const annotations = rs.metadata?.annotations ?? {};
    if (oldScale === newScale && annotations[DESIRED_REPLICAS] === desired && annotations[MAX_REPLICAS] === max) return rs;
    const updated = this.ctx.api.update('ReplicaSet', {
      ...rs,
      metadata: { ...rs.metadata, resourceVersion: undefined, annotations: { ...annotations, [DESIRED_REPLICAS]: desired, [MAX_REPLICAS]: max } },
      spec: { ...rs.spec!, replicas: newScale },
    });
    if (oldScale !== newScale) {
      const op = newScale > oldScale ? 'up' : 'down';
      this.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata!.name} from ${oldScale} to ${newScale}`);
    }
    if (r.newRs?.metadata?.name === updated.metadata?.name) r.newRs = updated;
    r.oldRss = r.oldRss.map((o) => (o.metadata?.name === updated.metadata?.name ? updated : o));
    return updated;
  }

  private isScalingEvent(d: Deployment, rsList: ReplicaSet[]): boolean {
    const r = this.replicaSets(d, rsList, false);
    return activeReplicaSets([...r.oldRss, r.newRs]).some((rs) => {
      const desired = desiredAnnotation(rs);
      return desired !== undefined && desired !== replicasOf(r.d);
    });
  }

  /** sync: scale the active ReplicaSets (proportionally during a rollout), then the status. */
  private syncScale(d: Deployment, rsList: ReplicaSet[]): void {
    const r = this.replicaSets(d, rsList, false);
    this.scale(r);
    if (r.d.spec?.paused) this.cleanup(r);
    this.syncDeploymentStatus(r);
  }

  private scale(r: Rollout): void {
    const want = replicasOf(r.d);
    const active = activeReplicaSets([...r.oldRss, r.newRs]);
    const activeOrLatest =
      active.length === 1 ? active[0] : active.length === 0 ? (r.newRs ?? [...r.oldRss].sort(byCreation).at(-1)) : undefined;
    if (activeOrLatest) {
      if (rsReplicas(activeOrLatest) !== want) this.scaleRs(r, activeOrLatest, want);
      return;
    }
    const newRs = r.newRs;
    if (newRs && desiredAnnotation(newRs) === want && rsReplicas(newRs) === want && (newRs.status?.availableReplicas ?? 0) === want) {
      for (const old of activeReplicaSets(r.oldRss)) this.scaleRs(r, old, 0);
      return;
    }
    if (!isRollingUpdate(r.d)) return;
    const allowed = want > 0 ? want + maxSurge(r.d) : 0;
    const toAdd = allowed - sumSpec(active);
    if (toAdd === 0) return;
    // Larger first; newer first when adding, older first when removing.
    const ordered = [...active].sort((a, b) => rsReplicas(b) - rsReplicas(a) || (toAdd > 0 ? byCreation(b, a) : byCreation(a, b)));
    const sizes = new Map<ReplicaSet, number>();
    let added = 0;
    for (const rs of ordered) {
      const proportion = this.proportion(r.d, rs, toAdd, added);
      sizes.set(rs, rsReplicas(rs) + proportion);
      added += proportion;
    }
    const first = ordered[0]!;
    sizes.set(first, Math.max(0, sizes.get(first)! + toAdd - added));
    for (const rs of ordered) this.scaleRs(r, rs, sizes.get(rs)!);
  }

  /** GetProportion / getReplicaSetFraction, using the max-replicas annotation. */
  private proportion(d: Deployment, rs: ReplicaSet, toAdd: number, added: number): number {
    if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
    let fraction: number;
    if (replicasOf(d) === 0) fraction = -rsReplicas(rs);
    else {
      const deploymentReplicas = replicasOf(d) + maxSurge(d);
      const annotated = Number(rs.metadata?.annotations?.[MAX_REPLICAS] ?? d.status?.replicas ?? 0);
      fraction = annotated > 0 ? Math.round((rsReplicas(rs) * deploymentReplicas) / annotated) - rsReplicas(rs) : 0;
    }
    const allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  // ---- strategies ---------------------------------------------------------------------

  private rolloutRolling(d: Deployment, rsList: ReplicaSet[]): void {
    const r = this.replicaSets(d, rsList, true);
    if (this.reconcileNewRs(r)) {
      this.syncRolloutStatus(r);
      return;
    }
    if (this.reconcileOldRss(r)) {
      this.syncRolloutStatus(r);
      return;
    }
    if (deploymentComplete(r.d, r.d.status)) this.cleanup(r);
    this.syncRolloutStatus(r);
  }

  private reconcileNewRs(r: Rollout): boolean {
    const newRs = r.newRs;
    if (!newRs) return false;
    const want = replicasOf(r.d);
    if (rsReplicas(newRs) === want) return false;
    if (rsReplicas(newRs) > want) {
      this.scaleRs(r, newRs, want);
      return true;
    }
    const next = newRsNewReplicas(r.d, [...r.oldRss, newRs], newRs);
    if (next === rsReplicas(newRs)) return false;
    this.scaleRs(r, newRs, next);
    return true;
  }

  private reconcileOldRss(r: Rollout): boolean {
    const oldActive = activeReplicaSets(r.oldRss);
    if (sumSpec(oldActive) === 0) return false;
    const all = [...r.oldRss, r.newRs];
    const minAvailable = replicasOf(r.d) - maxUnavailable(r.d);
    const newUnavailable = rsReplicas(r.newRs) - (r.newRs?.status?.availableReplicas ?? 0);
    const maxScaledDown = sumSpec(all) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    // cleanupUnhealthyReplicas: old pods that are not available go first, oldest ReplicaSet first.
    let cleaned = 0;
    for (const rs of [...oldActive].sort(byCreation)) {
      if (cleaned >= maxScaledDown) break;
      const unhealthy = rsReplicas(rs) - (rs.status?.availableReplicas ?? 0);
      if (rsReplicas(rs) === 0 || unhealthy <= 0) continue;
      const down = Math.min(maxScaledDown - cleaned, unhealthy);
      this.scaleRs(r, rs, rsReplicas(rs) - down);
      cleaned += down;
    }
    // scaleDownOldReplicaSetsForRollingUpdate: then available old pods, down to minAvailable.
    const available = sumAvailable([...r.oldRss, r.newRs]);
    let scaledDown = 0;
    if (available > minAvailable) {
      const total = available - minAvailable;
      for (const rs of [...r.oldRss].sort(byCreation)) {
        if (scaledDown >= total) break;
        if (rsReplicas(rs) === 0) continue;
        const down = Math.min(rsReplicas(rs), total - scaledDown);
        this.scaleRs(r, rs, rsReplicas(rs) - down);
        scaledDown += down;
      }
    }
    return cleaned + scaledDown > 0;
  }

  private rolloutRecreate(d: Deployment, rsList: ReplicaSet[]): void {
    const r = this.replicaSets(d, rsList, false);
    let scaledDown = false;
    for (const rs of activeReplicaSets(r.oldRss)) {
      this.scaleRs(r, rs, 0);
      scaledDown = true;
    }
    if (scaledDown || this.oldPodsRunning(r)) {
      this.syncRolloutStatus(r);
      return;
    }
    if (!r.newRs) {
      const created = this.replicaSets(r.d, [...r.oldRss], true);
      r.d = created.d;
      r.newRs = created.newRs;
    }
    if (r.newRs) this.scaleRs(r, r.newRs, replicasOf(r.d));
    if (deploymentComplete(r.d, r.d.status)) this.cleanup(r);
    this.syncRolloutStatus(r);
  }

  /** oldPodsRunning: any pod of an old ReplicaSet not yet Succeeded/Failed, terminating ones included. */
  private oldPodsRunning(r: Rollout): boolean {
    if (sumStatus(r.oldRss) > 0) return true;
    return r.oldRss.some((rs) =>
      this.podsByRs.ownedBy(rs.metadata?.uid).some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed'),
    );
  }

  /** cleanupDeployment: old ReplicaSets beyond revisionHistoryLimit that are scaled to zero. */
  private cleanup(r: Rollout): void {
    const limit = r.d.spec?.revisionHistoryLimit ?? 10;
    const alive = r.oldRss.filter((rs) => !isDeleting(rs)).sort(byRevision);
    const diff = alive.length - limit;
    for (let i = 0; i < diff; i++) {
      const rs = alive[i]!;
      if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0) continue;
      if ((rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      this.ctx.api.delete('ReplicaSet', rs.metadata!.namespace, rs.metadata!.name!);
    }
  }

  // ---- status -------------------------------------------------------------------------

  private calculateStatus(r: Rollout): DeploymentStatus {
    const all = [...r.oldRss, r.newRs];
    const available = sumAvailable(all);
    const status: DeploymentStatus = omitZero<DeploymentStatus>(
      {
        observedGeneration: r.d.metadata?.generation,
        replicas: sumStatus(all),
        updatedReplicas: sumStatus([r.newRs]),
        readyReplicas: sumReady(all),
        availableReplicas: available,
        unavailableReplicas: Math.max(0, sumSpec(all) - available),
        collisionCount: r.d.status?.collisionCount,
      },
      ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'],
    );
    if (status.collisionCount === undefined) delete status.collisionCount;
    if (r.d.status?.conditions) status.conditions = [...r.d.status.conditions];
    const now = this.nowIso();
    if (available >= replicasOf(r.d) - maxUnavailable(r.d)) {
      setCondition(status, newCondition(AVAILABLE, 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now));
    } else {
      setCondition(status, newCondition(AVAILABLE, 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now));
    }
    return status;
  }

  private syncDeploymentStatus(r: Rollout): void {
    r.d = this.writeStatus(r.d, this.calculateStatus(r));
  }

  private syncRolloutStatus(r: Rollout): void {
    const d = r.d;
    const next = this.calculateStatus(r);
    if (!hasProgressDeadline(d)) removeCondition(next, PROGRESSING);
    const current = getCondition(d.status, PROGRESSING);
    const complete = (next.replicas ?? 0) === (next.updatedReplicas ?? 0) && current?.reason === NEW_RS_AVAILABLE;
    const subject = r.newRs ? `ReplicaSet "${r.newRs.metadata!.name}"` : `Deployment "${d.metadata!.name}"`;
    const now = this.nowIso();
    if (hasProgressDeadline(d) && !complete) {
      if (deploymentComplete(d, next)) {
        setCondition(next, newCondition(PROGRESSING, 'True', NEW_RS_AVAILABLE, `${subject} has successfully progressed.`, now));
      } else if (deploymentProgressing(d, next)) {
        const cond = newCondition(PROGRESSING, 'True', 'ReplicaSetUpdated', `${subject} is progressing.`, now);
        if (current?.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(next, PROGRESSING);
        setCondition(next, cond);
      } else if (this.timedOut(d, next)) {
        setCondition(next, newCondition(PROGRESSING, 'False', TIMED_OUT, `${subject} has timed out progressing.`, now));
      }
    }
    r.d = this.writeStatus(d, next);
    this.requeueStuck(r.d, next);
  }

  private timedOut(d: Deployment, status: DeploymentStatus): boolean {
    const cond = getCondition(status, PROGRESSING);
    if (!cond || cond.reason === NEW_RS_AVAILABLE) return false;
    if (cond.reason === TIMED_OUT) return true;
    const from = Date.parse(cond.lastUpdateTime ?? '');
    return from + (d.spec?.progressDeadlineSeconds ?? 600) * 1000 < this.ctx.clock.now();
  }

  /** requeueStuckDeployment: look again when the progress deadline would pass. */
  private requeueStuck(d: Deployment, status: DeploymentStatus): void {
    const cond = getCondition(status, PROGRESSING);
    if (!hasProgressDeadline(d) || !cond || cond.reason === NEW_RS_AVAILABLE || cond.reason === TIMED_OUT) return;
    if (deploymentComplete(d, status)) return;
    const due = Date.parse(cond.lastUpdateTime ?? '') + (d.spec?.progressDeadlineSeconds ?? 600) * 1000;
    this.queue.addAfter(objectKey(d), Math.max(1000, due - this.ctx.clock.now() + 1000));
  }

  private writeStatus(d: Deployment, status: DeploymentStatus): Deployment {
    if (canonicalJson(status) === canonicalJson(d.status ?? {})) return d;
    return this.ctx.api.setStatus('Deployment', d.metadata!.namespace, d.metadata!.name!, status);
  }

  private nowIso(): string {
    return rfc3339(this.ctx.clock.now());
  }
}

function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s === undefined || s !== 2147483647;
}
