// Pure helpers of the Deployment controller (pkg/controller/deployment/util).
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../../kube/types.js';
import { canonicalJson } from './hash.js';
import { resolveFenceposts } from './intOrPercent.js';
import { defaultedTemplate } from './templateDefaults.js';

export const REVISION = 'deployment.kubernetes.io/revision';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** Annotations a Deployment never copies onto its ReplicaSets (skipCopyAnnotation). */
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

export type DeploymentStatus = NonNullable<Deployment['status']>;
export type DeploymentCondition = NonNullable<DeploymentStatus['conditions']>[number];

export const replicasOf = (d: Deployment): number => d.spec?.replicas ?? 1;
export const rsReplicas = (rs: ReplicaSet | undefined): number => rs?.spec?.replicas ?? 0;
export const isRollingUpdate = (d: Deployment): boolean => (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const r = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(r?.maxSurge, r?.maxUnavailable, replicasOf(d)).surge;
}

export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  const r = d.spec?.strategy?.rollingUpdate;
  const { unavailable } = resolveFenceposts(r?.maxSurge, r?.maxUnavailable, replicasOf(d));
  return Math.min(unavailable, replicasOf(d));
}

export const sumSpec = (rss: (ReplicaSet | undefined)[]): number => rss.reduce((n, rs) => n + rsReplicas(rs), 0);
export const sumStatus = (rss: (ReplicaSet | undefined)[]): number => rss.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0);
export const sumReady = (rss: (ReplicaSet | undefined)[]): number => rss.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0);
export const sumAvailable = (rss: (ReplicaSet | undefined)[]): number => rss.reduce((n, rs) => n + (rs?.status?.availableReplicas ?? 0), 0);

export const activeReplicaSets = (rss: (ReplicaSet | undefined)[]): ReplicaSet[] => rss.filter((rs): rs is ReplicaSet => rs !== undefined && rsReplicas(rs) > 0);

const created = (rs: ReplicaSet): number => Date.parse(rs.metadata?.creationTimestamp ?? '') || 0;

/** ReplicaSetsByCreationTimestamp: oldest first, ties by name. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return created(a) - created(b) || ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1);
}

export function revisionOf(rs: ReplicaSet | Deployment | undefined): number {
  const n = Number(rs?.metadata?.annotations?.[REVISION] ?? '');
  return Number.isInteger(n) ? n : 0;
}

/** ReplicaSetsByRevision: lowest revision first, ties by creation. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  return revisionOf(a) - revisionOf(b) || byCreation(a, b);
}

function withoutHash(template: PodTemplateSpec | undefined): unknown {
  const t = defaultedTemplate(template);
  const labels = { ...(t.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH];
  return { ...t, metadata: { ...t.metadata, labels } };
}

/** EqualIgnoreHash: the templates are the same apart from the pod-template-hash label (both taken with defaults). */
export function templatesEqual(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return canonicalJson(withoutHash(a)) === canonicalJson(withoutHash(b));
}

/** sync.go's limit on the revision-history annotation's length. */
const MAX_REVISION_HISTORY_CHARS = 2000;

/**
 * SetNewReplicaSetAnnotations' revision-history: `old` appended to the comma list, the
 * oldest entries dropped to stay within 2000 characters; undefined when nothing changes.
 */
export function appendRevisionHistory(current: string | undefined, old: string): string | undefined {
  if (!current) return old;
  const revisions = current.split(',');
  let total = current.length + old.length + 1;
  let start = 0;
  while (total > MAX_REVISION_HISTORY_CHARS && start < revisions.length) {
    total -= revisions[start]!.length + 1;
    start++;
  }
  if (total > MAX_REVISION_HISTORY_CHARS) return undefined;
  return [...revisions.slice(start), old].join(',');
}

export function copiedAnnotations(d: Deployment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) if (!NOT_COPIED.has(k)) out[k] = v;
  return out;
}

export function desiredAnnotation(rs: ReplicaSet): number | undefined {
  const v = rs.metadata?.annotations?.[DESIRED_REPLICAS];
  return v === undefined ? undefined : Number(v);
}

/** NewRSNewReplicas: how big the new ReplicaSet may be now. */
export function newRsNewReplicas(d: Deployment, allRss: (ReplicaSet | undefined)[], newRs: ReplicaSet | undefined): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const current = sumSpec(allRss);
  const maxTotal = replicasOf(d) + maxSurge(d);
  if (current >= maxTotal) return rsReplicas(newRs);
  const scaleUp = Math.min(maxTotal - current, replicasOf(d) - rsReplicas(newRs));
  return rsReplicas(newRs) + scaleUp;
}

/** DeploymentComplete. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus | undefined): boolean {
  const want = replicasOf(d);
  return (
    (status?.updatedReplicas ?? 0) === want &&
    (status?.replicas ?? 0) === want &&
    (status?.availableReplicas ?? 0) === want &&
    (status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated/ready/available pods or fewer old ones than last time. */
export function deploymentProgressing(d: Deployment, next: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

export function newCondition(type: string, status: 'True' | 'False' | 'Unknown', reason: string, message: string, now: string): DeploymentCondition {
  return { type, status, reason, message, lastUpdateTime: now, lastTransitionTime: now };
}

/**
 * SetDeploymentCondition: unchanged status and reason → no-op; same status keeps its
 * lastTransitionTime; the condition moves to the end of the list.
 */
export function setCondition(status: DeploymentStatus, cond: DeploymentCondition): void {
  const current = getCondition(status, cond.type);
  if (current && current.status === cond.status && current.reason === cond.reason) return;
  const next = { ...cond };
  if (current && current.status === cond.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  const kept = (status.conditions ?? []).filter((c) => c.type !== type);
  status.conditions = kept.length ? kept : undefined;
}
