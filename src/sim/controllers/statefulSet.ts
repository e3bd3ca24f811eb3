// The StatefulSet controller (pkg/controller/statefulset): pods <sts>-0 … <sts>-N-1 with
// stable names. OrderedReady creates one at a time, each after the previous is Running and
// Ready (and available for minReadySeconds), and removes from the highest ordinal down;
// Parallel does both at once. RollingUpdate replaces pods not at the update revision from
// the highest ordinal down to the partition, one at a time. Not modelled: volumeClaimTemplates
// (no PVCs in the simulator), ControllerRevision objects, adoption of orphan pods.
import type { Pod, StatefulSet } from '../../kube/types.js';
import type { SimContext } from '../context.js';
import { WorkloadController } from './base.js';
import { canonicalJson, computeHash } from './hash.js';
import { newControllerRef } from './keys.js';
import { omitZero } from './omitZero.js';
import { isDeleting, isPodAvailable, isRunningAndReady, isTerminal } from './podState.js';
import { podFromTemplate } from './podTemplate.js';
import { defaultedTemplate } from './templateDefaults.js';
import { errorText } from '../../kube/errorText.js';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';

type StatefulSetStatus = NonNullable<StatefulSet['status']>;

export class StatefulSetController extends WorkloadController<'StatefulSet', 'Pod'> {
  constructor(ctx: SimContext) {
    super(ctx, 'StatefulSet', 'Pod', 'statefulset-controller');
  }

  protected sync(sts: StatefulSet): void {
    const name = sts.metadata!.name!;
    const replicas = sts.spec?.replicas ?? 1;
    const updateRevision = `${name}-${computeHash(defaultedTemplate(sts.spec?.template), sts.status?.collisionCount)}`;
    const currentRevision = sts.status?.currentRevision ?? updateRevision;
    const byOrdinal = new Map<number, Pod>();
    for (const p of this.children.ownedBy(sts.metadata?.uid)) {
      const ord = ordinalOf(name, p.metadata?.name);
      if (ord !== undefined) byOrdinal.set(ord, p);
    }
    if (!isDeleting(sts)) this.reconcile(sts, byOrdinal, replicas, currentRevision, updateRevision);
    this.updateStatus(sts, byOrdinal, currentRevision, updateRevision, replicas);
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
    pod.spec = { ...pod.spec!, hostname: name };
    if (sts.spec?.serviceName) pod.spec.subdomain = sts.spec.serviceName;
    try {
      const stored = this.ctx.api.create('Pod', pod);
      this.event(sts, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${setName} successful`);
      return stored;
    } catch (err) {
      this.event(sts, 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${setName} failed error: ${errorText(err)}`);
      return undefined;
    }
  }

  private deletePod(sts: StatefulSet, pod: Pod, pods: Map<number, Pod>, ord: number): void {
    const result = this.ctx.api.delete('Pod', pod.metadata!.namespace, pod.metadata!.name!);
    this.event(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata!.name} in StatefulSet ${sts.metadata!.name} successful`);
    if (result.deleted) pods.delete(ord);
    else pods.set(ord, result.object);
  }

  private updateStatus(sts: StatefulSet, pods: Map<number, Pod>, currentRevision: string, updateRevision: string, replicas: number): void {
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
      collisionCount: sts.status?.collisionCount ?? 0,
    };
    if (sts.status?.conditions) status.conditions = sts.status.conditions;
    if (canonicalJson(status) !== canonicalJson(sts.status ?? {})) {
      this.ctx.api.setStatus('StatefulSet', sts.metadata!.namespace, sts.metadata!.name!, status);
    }
  }
}

function ordinalOf(setName: string, podName: string | undefined): number | undefined {
  if (!podName?.startsWith(`${setName}-`)) return undefined;
  const rest = podName.slice(setName.length + 1);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}
