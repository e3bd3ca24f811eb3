// The StatefulSet controller (pkg/controller/statefulset): pods <sts>-0 … <sts>-N-1 with
// stable names. OrderedReady creates one at a time, each after the previous is Running and
// Ready (and available for minReadySeconds), and removes from the highest ordinal down;
// Parallel does both at once. RollingUpdate replaces pods not at the update revision from
// the highest ordinal down to the partition, one at a time. Each template is a
// ControllerRevision (getStatefulSetRevisions): a template seen before moves its revision to
// the next number (how `kubectl rollout undo` rolls back), and revisions no pod runs are
// trimmed to revisionHistoryLimit. Each pod's claims from volumeClaimTemplates
// (`<template>-<sts>-<ordinal>`, see statefulSetClaims.ts) are created before the pod and kept
// when it is replaced, so a replacement mounts the same volume. Not modelled: adoption of
// orphan pods and revisions, persistentVolumeClaimRetentionPolicy.whenScaled: Delete.
import type { ControllerRevision, Pod, StatefulSet } from '../../kube/types.js';
import type { SimContext } from '../context.js';
import type { Watch } from '../store.js';
import { WorkloadController } from './base.js';
import { canonicalJson } from './hash.js';
import { CONTROLLER_REVISION_HASH, equalRevision, hashControllerRevision, nextRevision, ownerAnnotations, REVISION_LABEL, revisionRaw, templatePatch } from './history.js';
import { ControllerHistory } from './historyControl.js';
import { newControllerRef } from './keys.js';
import { omitZero } from './omitZero.js';
import { isDeleting, isPodAvailable, isRunningAndReady, isTerminal } from './podState.js';
import { podFromTemplate } from './podTemplate.js';
import { claimsForPod, withClaimVolumes } from './statefulSetClaims.js';
import { errorText } from '../../kube/errorText.js';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export { REVISION_LABEL } from './history.js';

type StatefulSetStatus = NonNullable<StatefulSet['status']>;

export class StatefulSetController extends WorkloadController<'StatefulSet', 'Pod'> {
  private readonly history: ControllerHistory;

  constructor(ctx: SimContext) {
    super(ctx, 'StatefulSet', 'Pod', 'statefulset-controller');
    this.history = new ControllerHistory(ctx);
  }

  protected override extraWatches(): Watch[] {
    return [this.history.subscribe((cr) => this.enqueueOwnerOf(cr))];
  }

  protected sync(sts: StatefulSet): void {
    const name = sts.metadata!.name!;
    const replicas = sts.spec?.replicas ?? 1;
    const byOrdinal = new Map<number, Pod>();
    for (const p of this.children.ownedBy(sts.metadata?.uid)) {
      const ord = ordinalOf(name, p.metadata?.name);
      if (ord !== undefined) byOrdinal.set(ord, p);
    }
    if (isDeleting(sts)) {
      const s = sts.status;
      if (s?.currentRevision && s.updateRevision) this.updateStatus(sts, byOrdinal, s.currentRevision, s.updateRevision, replicas, s.collisionCount ?? 0);
      return;
    }
    const revisions = this.history.owned(sts);
    const { current, update, collisionCount } = this.revisions(sts, revisions);
    const currentRevision = current.metadata!.name!;
    const updateRevision = update.metadata!.name!;
    this.reconcile(sts, byOrdinal, replicas, currentRevision, updateRevision);
    this.updateStatus(sts, byOrdinal, currentRevision, updateRevision, replicas, collisionCount);
    this.truncateHistory(sts, byOrdinal, this.history.owned(sts), current, update);
  }

  /** getStatefulSetRevisions: the current and update revisions, creating or renumbering the update one. */
  private revisions(sts: StatefulSet, revisions: ControllerRevision[]): { current: ControllerRevision; update: ControllerRevision; collisionCount: number } {
    let collisionCount = sts.status?.collisionCount ?? 0;
    const draft = newRevision(sts, nextRevision(revisions), collisionCount);
    const equal = revisions.filter((r) => equalRevision(r, draft));
    const latest = revisions.at(-1);
    let update: ControllerRevision;
    if (equal.length > 0 && latest && equalRevision(latest, equal.at(-1)!)) {
      update = latest;
    } else if (equal.length > 0) {
      // A template seen before: roll back to it by giving it the next revision number.
      update = this.history.setRevision(equal.at(-1)!, draft.revision!);
    } else {
      const created = this.history.create(sts, draft, collisionCount);
      update = created.revision;
      collisionCount = created.collisionCount;
    }
    const current = revisions.find((r) => r.metadata?.name === sts.status?.currentRevision) ?? update;
    return { current, update, collisionCount };
  }

  /** truncateHistory: revisions no pod runs, beyond revisionHistoryLimit, oldest first. */
  private truncateHistory(sts: StatefulSet, pods: Map<number, Pod>, revisions: ControllerRevision[], current: ControllerRevision, update: ControllerRevision): void {
    const live = new Set([current.metadata!.name!, update.metadata!.name!]);
    for (const p of pods.values()) {
      const rev = p.metadata?.labels?.[REVISION_LABEL];
      if (rev) live.add(rev);
    }
    const history = revisions.filter((r) => !live.has(r.metadata!.name!));
    const excess = history.length - (sts.spec?.revisionHistoryLimit ?? 10);
    for (let i = 0; i < excess; i++) this.history.delete(history[i]!);
  }

  private reconcile(sts: StatefulSet, pods: Map<number, Pod>, replicas: number, currentRevision: string, updateRevision: string): void {
    const ordered = (sts.spec?.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
    const minReady = sts.spec?.minReadySeconds ?? 0;
    const now = this.ctx.clock.now();
    const partition = sts.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let ord = 0; ord < replicas; ord++) {
      const pod = pods.get(ord);
      if (pod && isTerminal(pod) && !isDeleting(pod)) {
        this.deletePod(sts, pod, pods, ord);
        if (ordered) return;
        continue;
      }
      if (!pod) {
        const revision = ord < partition ? currentRevision : updateRevision;
        const created = this.createPod(sts, ord, revision);
        if (created) pods.set(ord, created);
        if (ordered) return;
        continue;
      }
      if (isDeleting(pod)) {
        if (ordered) return;
        continue;
      }
      if (ordered && !(isRunningAndReady(pod) && isPodAvailable(pod, minReady, now))) {
        const wait = pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
        if (wait && minReady > 0 && isRunningAndReady(pod)) this.queue.addAfter(`${sts.metadata!.namespace}/${sts.metadata!.name}`, Date.parse(wait) + minReady * 1000 - now);
        return;
      }
    }
    const condemned = [...pods.keys()].filter((o) => o >= replicas).sort((a, b) => b - a);
    for (const ord of condemned) {
      const pod = pods.get(ord)!;
      if (isDeleting(pod)) {
        if (ordered) return;
        continue;
      }
      this.deletePod(sts, pod, pods, ord);
      if (ordered) return;
    }
    if (condemned.length > 0) return;
    if ((sts.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
    for (let ord = replicas - 1; ord >= partition; ord--) {
      const pod = pods.get(ord);
      if (!pod || isDeleting(pod)) return;
      if (pod.metadata?.labels?.[REVISION_LABEL] !== updateRevision) {
        this.deletePod(sts, pod, pods, ord);
        return;
      }
      if (!isRunningAndReady(pod)) return;
    }
  }

  private createPod(sts: StatefulSet, ord: number, revision: string): Pod | undefined {
    const setName = sts.metadata!.name!;
    const name = `${setName}-${ord}`;
    const pod = podFromTemplate(sts.spec?.template, sts.metadata!.namespace!, newControllerRef(sts, 'apps/v1', 'StatefulSet'), { name }, {
      labels: { [REVISION_LABEL]: revision, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ord) },
    });
    pod.spec = withClaimVolumes(sts, ord, { ...pod.spec!, hostname: name });
    if (sts.spec?.serviceName) pod.spec.subdomain = sts.spec.serviceName;
    if (!this.createClaims(sts, ord, name)) return undefined;
    try {
      const stored = this.ctx.api.create('Pod', pod);
      this.event(sts, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${setName} successful`);
      return stored;
    } catch (err) {
      this.event(sts, 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${setName} failed error: ${errorText(err)}`);
      return undefined;
    }
  }

  /** createPersistentVolumeClaims: every claim of the ordinal exists (and is not being deleted) before its pod. */
  private createClaims(sts: StatefulSet, ord: number, podName: string): boolean {
    const setName = sts.metadata!.name!;
    for (const claim of claimsForPod(sts, ord)) {
      const claimName = claim.metadata!.name!;
      const existing = this.ctx.store.get('PersistentVolumeClaim', claim.metadata!.namespace, claimName);
      if (existing) {
        if (!existing.metadata?.deletionTimestamp) continue;
        this.event(sts, 'Warning', 'FailedCreate', `create Pod ${podName} in StatefulSet ${setName} failed error: pvc ${claimName} is being deleted`);
        return false;
      }
      try {
        this.ctx.api.create('PersistentVolumeClaim', claim);
        this.event(sts, 'Normal', 'SuccessfulCreate', `create Claim ${claimName} Pod ${podName} in StatefulSet ${setName} success`);
      } catch (err) {
        this.event(sts, 'Warning', 'FailedCreate', `create Claim ${claimName} for Pod ${podName} in StatefulSet ${setName} failed error: ${errorText(err)}`);
        return false;
      }
    }
    return true;
  }

  private deletePod(sts: StatefulSet, pod: Pod, pods: Map<number, Pod>, ord: number): void {
    const result = this.ctx.api.delete('Pod', pod.metadata!.namespace, pod.metadata!.name!);
    this.event(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata!.name} in StatefulSet ${sts.metadata!.name} successful`);
    if (result.deleted) pods.delete(ord);
    else pods.set(ord, result.object);
  }

  private updateStatus(sts: StatefulSet, pods: Map<number, Pod>, currentRevision: string, updateRevision: string, replicas: number, collisionCount: number): void {
    const now = this.ctx.clock.now();
    const minReady = sts.spec?.minReadySeconds ?? 0;
    let ready = 0;
    let available = 0;
    let current = 0;
    let updated = 0;
    for (const pod of pods.values()) {
      if (isRunningAndReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
      }
      if (isDeleting(pod)) continue;
      const rev = pod.metadata?.labels?.[REVISION_LABEL];
      if (rev === currentRevision) current++;
      if (rev === updateRevision) updated++;
    }
    // Once every replica runs the update revision, it becomes the current one.
    let currentRev = currentRevision;
    let currentCount = current;
    if (updated === replicas && ready === replicas && pods.size === replicas) {
      currentRev = updateRevision;
      currentCount = updated;
    }
    const status: StatefulSetStatus = {
      ...omitZero<Partial<StatefulSetStatus>>(
        {
          observedGeneration: sts.metadata?.generation,
          readyReplicas: ready,
          currentReplicas: currentCount,
          updatedReplicas: updated,
        },
        ['readyReplicas', 'currentReplicas', 'updatedReplicas'],
      ),
      replicas: pods.size,
      availableReplicas: available,
      currentRevision: currentRev,
      updateRevision,
      collisionCount,
    };
    if (sts.status?.conditions) status.conditions = sts.status.conditions;
    if (canonicalJson(status) !== canonicalJson(sts.status ?? {})) {
      this.ctx.api.setStatus('StatefulSet', sts.metadata!.namespace, sts.metadata!.name!, status);
    }
  }
}

/** newRevision: the set's template as revision data, labelled like the template, with the set's annotations. */
function newRevision(sts: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const data = templatePatch(sts.spec?.template);
  const hash = hashControllerRevision(revisionRaw({ data }), collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      labels: { ...(sts.spec?.template?.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH]: hash },
      annotations: ownerAnnotations(sts),
      ownerReferences: [newControllerRef(sts, 'apps/v1', 'StatefulSet')],
    },
    data,
    revision,
  };
}

function ordinalOf(setName: string, podName: string | undefined): number | undefined {
  if (!podName?.startsWith(`${setName}-`)) return undefined;
  const rest = podName.slice(setName.length + 1);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}
