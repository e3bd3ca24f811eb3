// The DaemonSet controller (pkg/controller/daemon): one pod per node that admits it. Pods
// are not bound here: each carries a required node affinity on metadata.name, and the
// scheduler places it. RollingUpdate with maxSurge 0 replaces old pods within
// maxUnavailable; OnDelete leaves them. Failed daemon pods are killed and recreated
// after a per-node back-off (1 s doubling, capped at 15 min). Each template is a
// ControllerRevision named <ds>-<template hash> (constructHistory): a template seen before
// moves its revision to the next number (how `kubectl rollout undo` rolls back), pods carry
// its hash as controller-revision-hash, and revisions no pod runs are trimmed to
// revisionHistoryLimit.
import { ApiError } from '../../kube/apiError.js';
import type { ControllerRevision, DaemonSet, Node, Pod, PodSpec, Toleration } from '../../kube/types.js';
import type { SimContext } from '../context.js';
import type { Watch } from '../store.js';
import { WorkloadController } from './base.js';
import { canonicalJson, computeHash } from './hash.js';
import { byRevisionNumber, ownerAnnotations, REVISION_LABEL, revisionRaw, templatePatch } from './history.js';
import { ControllerHistory } from './historyControl.js';
import { scaledValue } from './intOrPercent.js';
import { newControllerRef, objectKey } from './keys.js';
import { daemonNodeFit } from './nodeFit.js';
import { omitZero } from './omitZero.js';
import { isDeleting, isPodAvailable, isPodReady } from './podState.js';
import { podFromTemplate } from './podTemplate.js';
import { defaultedTemplate } from './templateDefaults.js';

type DaemonSetStatus = NonNullable<DaemonSet['status']>;

const FAILED_BACKOFF_START_MS = 1_000;
const FAILED_BACKOFF_MAX_MS = 15 * 60_000;

/** AddOrUpdateDaemonPodTolerations, in upstream's order. */
export const DAEMON_TOLERATIONS: readonly Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];
const NETWORK_UNAVAILABLE: Toleration = { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' };

/** The spec a daemon pod for `node` gets: template + daemon tolerations + node affinity. */
export function daemonPodSpec(template: PodSpec | undefined, nodeName: string): PodSpec {
  const spec: PodSpec = structuredClone(template ?? { containers: [] });
  const tolerations = [...(spec.tolerations ?? [])];
  const wanted = [...DAEMON_TOLERATIONS, ...(spec.hostNetwork ? [NETWORK_UNAVAILABLE] : [])];
  for (const t of wanted) {
    if (!tolerations.some((x) => x.key === t.key && x.effect === t.effect)) tolerations.push({ ...t });
  }
  spec.tolerations = tolerations;
  const nodeAffinity = spec.affinity?.nodeAffinity;
  spec.affinity = {
    ...spec.affinity,
    nodeAffinity: {
      ...nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
      },
    },
  };
  return spec;
}

/** GetTargetNodeName: where the pod is bound, or where its affinity pins it. */
function targetNode(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

export class DaemonSetController extends WorkloadController<'DaemonSet', 'Pod'> {
  /** `<ds uid>/<node>` → back-off for re-creating a failed pod there. */
  private readonly failedBackoff = new Map<string, { delay: number; until: number }>();

  private readonly history: ControllerHistory;

  constructor(ctx: SimContext) {
    super(ctx, 'DaemonSet', 'Pod', 'daemonset-controller');
    this.history = new ControllerHistory(ctx);
  }

  protected override extraWatches(): Watch[] {
    return [
      this.history.subscribe((cr) => this.enqueueOwnerOf(cr)),
      this.ctx.store.watch('Node', {}, () => {
        for (const ds of this.ctx.store.all('DaemonSet')) this.queue.add(objectKey(ds));
      }),
    ];
  }

  protected sync(ds: DaemonSet): void {
    const nodes = [...this.ctx.store.all('Node')].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    const byNode = new Map<string, Pod[]>();
    const orphaned: Pod[] = [];
    for (const p of this.children.ownedBy(ds.metadata?.uid)) {
      const node = targetNode(p);
      if (node === undefined) orphaned.push(p);
      else byNode.set(node, [...(byNode.get(node) ?? []), p]);
    }
    if (isDeleting(ds)) {
      this.updateStatus(ds, nodes, computeHash(defaultedTemplate(ds.spec?.template), ds.status?.collisionCount));
      return;
    }
    const history = this.constructHistory(ds);
    if (!history) return;
    const hash = history.cur.metadata!.labels![REVISION_LABEL]!;
    const known = new Set(nodes.map((n) => n.metadata!.name!));
    for (const [node, pods] of byNode) if (!known.has(node)) this.deletePods(ds, pods);
    for (const node of nodes) this.manageNode(ds, node, byNode, hash);
    this.rollingUpdate(ds, nodes, byNode, hash);
    this.cleanupHistory(ds, history.old);
    this.updateStatus(ds, nodes, hash);
  }

  /**
   * constructHistory: the revision whose data is this template (renumbered to come after the
   * others, or created), and the others. Undefined after a hash collision, which bumps
   * status.collisionCount; the status write brings the DaemonSet back with a new name to try.
   */
  private constructHistory(ds: DaemonSet): { cur: ControllerRevision; old: ControllerRevision[] } | undefined {
    const data = templatePatch(ds.spec?.template);
    const raw = revisionRaw({ data });
    const current: ControllerRevision[] = [];
    const old: ControllerRevision[] = [];
    for (const cr of this.history.owned(ds)) (revisionRaw(cr) === raw ? current : old).push(cr);
    const next = Math.max(0, ...old.map((cr) => cr.revision ?? 0)) + 1;
    if (current.length === 0) {
      const cur = this.snapshot(ds, data, next);
      return cur && { cur, old };
    }
    // dedupCurHistories keeps the highest revision; the sync is serial, so there is one.
    const cur = current.sort(byRevisionNumber).at(-1)!;
    return { cur: (cur.revision ?? 0) < next ? this.history.setRevision(cur, next) : cur, old };
  }

  /** snapshot: a new revision named <ds>-<ComputeHash(template, collisionCount)>. */
  private snapshot(ds: DaemonSet, data: ControllerRevision['data'], revision: number): ControllerRevision | undefined {
    const hash = computeHash(defaultedTemplate(ds.spec?.template), ds.status?.collisionCount);
    const name = `${ds.metadata!.name}-${hash}`;
    try {
      return this.ctx.api.create('ControllerRevision', {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name,
          namespace: ds.metadata!.namespace,
          labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [REVISION_LABEL]: hash },
          annotations: ownerAnnotations(ds),
          ownerReferences: [newControllerRef(ds, 'apps/v1', 'DaemonSet')],
        },
        data,
        revision,
      });
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 409) throw err;
      const existing = this.ctx.store.get('ControllerRevision', ds.metadata!.namespace, name);
      if (existing && revisionRaw(existing) === revisionRaw({ data })) return existing;
      this.ctx.api.setStatus('DaemonSet', ds.metadata!.namespace, ds.metadata!.name!, {
        ...(ds.status ?? { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 }),
        collisionCount: (ds.status?.collisionCount ?? 0) + 1,
      });
      return undefined;
    }
  }

  /** cleanupHistory: old revisions beyond revisionHistoryLimit that no pod runs, lowest revision first. */
  private cleanupHistory(ds: DaemonSet, old: ControllerRevision[]): void {
    let toKill = old.length - (ds.spec?.revisionHistoryLimit ?? 10);
    if (toKill <= 0) return;
    const live = new Set<string>();
    for (const p of this.children.ownedBy(ds.metadata?.uid)) {
      const hash = p.metadata?.labels?.[REVISION_LABEL];
      if (hash) live.add(hash);
    }
    for (const cr of [...old].sort(byRevisionNumber)) {
      if (toKill <= 0) break;
      if (live.has(cr.metadata?.labels?.[REVISION_LABEL] ?? '')) continue;
      this.history.delete(cr);
      toKill--;
    }
  }

  private manageNode(ds: DaemonSet, node: Node, byNode: Map<string, Pod[]>, hash: string): void {
    const name = node.metadata!.name!;
    const fit = daemonNodeFit(daemonPodSpec(ds.spec?.template?.spec, name), node);
    const pods = (byNode.get(name) ?? []).filter((p) => !isDeleting(p));
    const key = `${ds.metadata!.uid}/${name}`;
    if (fit.shouldRun || (fit.shouldContinueRunning && pods.length > 0)) {
      const failed = pods.filter((p) => p.status?.phase === 'Failed');
      const running = pods.filter((p) => p.status?.phase !== 'Failed');
      if (failed.length > 0) {
        const now = this.ctx.clock.now();
        const b = this.failedBackoff.get(key);
        const delay = b ? Math.min(b.delay * 2, FAILED_BACKOFF_MAX_MS) : FAILED_BACKOFF_START_MS;
        if (!b || now >= b.until) {
          for (const p of failed) {
            this.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.metadata!.namespace}/${p.metadata!.name} on node ${name}, will try to kill it`);
          }
          this.deletePods(ds, failed);
          this.failedBackoff.set(key, { delay, until: now + delay });
        } else {
          this.queue.addAfter(objectKey(ds), b.until - now);
        }
        return;
      }
      if (running.length === 0 && fit.shouldRun) {
        const created = this.createPod(ds, name, hash);
        if (created) byNode.set(name, [...(byNode.get(name) ?? []), created]);
      } else if (running.length > 1) {
        // Keep the oldest, remove the rest.
        const sorted = [...running].sort((a, b) => (a.metadata!.creationTimestamp! < b.metadata!.creationTimestamp! ? -1 : 1));
        this.deletePods(ds, sorted.slice(1));
      }
      return;
    }
    this.deletePods(ds, pods);
  }

  /** RollingUpdate, maxSurge 0: unavailable old pods go at once, available ones within maxUnavailable. */
  private rollingUpdate(ds: DaemonSet, nodes: Node[], byNode: Map<string, Pod[]>, hash: string): void {
    const strategy = ds.spec?.updateStrategy;
    if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
    const now = this.ctx.clock.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const eligible = nodes.filter((n) => daemonNodeFit(daemonPodSpec(ds.spec?.template?.spec, n.metadata!.name!), n).shouldRun);
    const maxUnavailable = scaledValue(strategy?.rollingUpdate?.maxUnavailable, eligible.length, true, 1);
    let unavailable = 0;
    const oldAvailable: Pod[] = [];
    for (const n of eligible) {
      const pods = (byNode.get(n.metadata!.name!) ?? []).filter((p) => !isDeleting(p));
      const pod = pods[0];
      if (!pod || !isPodAvailable(pod, minReady, now)) {
        unavailable++;
        if (pod && pod.metadata?.labels?.[REVISION_LABEL] !== hash) this.deletePods(ds, [pod]);
        continue;
      }
      if (pod.metadata?.labels?.[REVISION_LABEL] !== hash) oldAvailable.push(pod);
    }
    for (const pod of oldAvailable) {
      if (unavailable >= maxUnavailable) break;
      this.deletePods(ds, [pod]);
      unavailable++;
    }
  }

  private createPod(ds: DaemonSet, nodeName: string, hash: string): Pod | undefined {
    const pod = podFromTemplate(ds.spec?.template, ds.metadata!.namespace!, newControllerRef(ds, 'apps/v1', 'DaemonSet'), { generateName: `${ds.metadata!.name}-` }, {
      labels: { [REVISION_LABEL]: hash, 'pod-template-generation': String(ds.metadata?.generation ?? 1) },
    });
    pod.spec = daemonPodSpec(pod.spec, nodeName);
    return this.createPodFor(ds, pod);
  }

  private deletePods(ds: DaemonSet, pods: Pod[]): void {
    for (const p of pods) {
      if (isDeleting(p)) continue;
      this.deletePodOf(ds, p);
    }
  }

  private updateStatus(ds: DaemonSet, nodes: Node[], hash: string): void {
    const now = this.ctx.clock.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    const onNode = new Map<string, Pod[]>();
    for (const p of this.children.ownedBy(ds.metadata?.uid)) {
      const node = targetNode(p);
      if (node !== undefined && !isDeleting(p)) onNode.set(node, [...(onNode.get(node) ?? []), p]);
    }
    for (const node of nodes) {
      const name = node.metadata!.name!;
      const pods = onNode.get(name) ?? [];
      const fit = daemonNodeFit(daemonPodSpec(ds.spec?.template?.spec, name), node);
      const scheduled = pods.length > 0;
      if (fit.shouldRun) {
        desired++;
        if (!scheduled) continue;
        current++;
        const pod = [...pods].sort((a, b) => (a.metadata!.creationTimestamp! < b.metadata!.creationTimestamp! ? -1 : 1))[0]!;
        if (isPodReady(pod)) {
          ready++;
          if (isPodAvailable(pod, minReady, now)) available++;
        }
        if (pod.metadata?.labels?.[REVISION_LABEL] === hash) updated++;
      } else if (scheduled) misscheduled++;
    }
    const status: DaemonSetStatus = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      ...omitZero<Partial<DaemonSetStatus>>(
        {
          observedGeneration: ds.metadata?.generation,
          updatedNumberScheduled: updated,
          numberAvailable: available,
          numberUnavailable: desired - available,
        },
        ['observedGeneration', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable'],
      ),
    };
    if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount;
    if (ds.status?.conditions) status.conditions = ds.status.conditions;
    if (canonicalJson(status) !== canonicalJson(ds.status ?? {})) {
      this.ctx.api.setStatus('DaemonSet', ds.metadata!.namespace, ds.metadata!.name!, status);
    }
  }
}
