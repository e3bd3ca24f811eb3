// The Job controller (pkg/controller/job), 1.33 behaviour: pods carry the
// batch.kubernetes.io/job-tracking finalizer until their outcome is counted; failures are
// retried after the job back-off (10 s doubling, capped at 6 min) until backoffLimit (with
// restartPolicy OnFailure, until the container restarts of its pods reach it); the
// interim conditions SuccessCriteriaMet / FailureTarget come first, and Complete / Failed
// only once no pod is still terminating. Only the NonIndexed completion mode is modelled
// (no podFailurePolicy, successPolicy or backoffLimitPerIndex).
import { rfc3339 } from '../../kube/duration.js';
import type { Job, Pod } from '../../kube/types.js';
import type { SimContext } from '../context.js';
import { WorkloadController } from './base.js';
import { canonicalJson } from './hash.js';
import { newControllerRef, objectKey } from './keys.js';
import { isDeleting, isPodActive, isPodReady, isTerminal } from './podState.js';
import { podFromTemplate } from './podTemplate.js';
import { podsToDelete } from './replicaSet.js';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
const DEFAULT_BACKOFF_MS = 10_000;
const MAX_BACKOFF_MS = 360_000;

type JobStatus = NonNullable<Job['status']>;
type JobCondition = NonNullable<JobStatus['conditions']>[number];

interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime: number;
}

const SUCCESS_REASON = 'CompletionsReached';
const SUCCESS_MESSAGE = 'Reached expected number of succeeded pods';
const BACKOFF_REASON = 'BackoffLimitExceeded';
const BACKOFF_MESSAGE = 'Job has reached the specified backoff limit';
const DEADLINE_REASON = 'DeadlineExceeded';
const DEADLINE_MESSAGE = 'Job was active longer than specified deadline';

/**
 * pastBackoffLimitOnFailure: with restartPolicy OnFailure the kubelet restarts containers in
 * place, so the controller counts the container restarts of its Pending and Running pods.
 */
export function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const pod of pods) {
    const phase = pod.status?.phase;
    if (phase !== 'Running' && phase !== 'Pending') continue;
    for (const st of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) restarts += st.restartCount ?? 0;
  }
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

export class JobController extends WorkloadController<'Job', 'Pod'> {
  private readonly backoff = new Map<string, BackoffRecord>();

  constructor(ctx: SimContext) {
    super(ctx, 'Job', 'Pod', 'job-controller');
  }

  protected sync(job: Job): void {
    const uid = job.metadata!.uid!;
    const pods = this.children.ownedBy(uid);
    if (isDeleting(job)) {
      for (const p of pods) this.releasePod(p);
      this.backoff.delete(uid);
      return;
    }
    if (finishedCondition(job)) {
      for (const p of pods) this.releasePod(p);
      this.backoff.delete(uid);
      this.handleTtl(job);
      return;
    }
    const now = this.ctx.clock.now();
    const spec = job.spec!;
    const policy = spec.podReplacementPolicy ?? 'TerminatingOrFailed';
    let succeeded = job.status?.succeeded ?? 0;
    let failed = job.status?.failed ?? 0;
    const record = this.backoff.get(uid) ?? { failuresAfterLastSuccess: 0, lastFailureTime: 0 };
    // Count finished pods that still hold our finalizer, then let them go.
    for (const p of pods) {
      if (!p.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER)) continue;
      if (p.status?.phase === 'Succeeded') {
        succeeded++;
        record.failuresAfterLastSuccess = 0;
      } else if (isPodFailed(p, policy)) {
        failed++;
        record.failuresAfterLastSuccess++;
        record.lastFailureTime = Math.max(record.lastFailureTime, finishTime(p, now));
      } else continue;
      this.releasePod(p);
    }
    this.backoff.set(uid, record);

    let active = pods.filter(isPodActive);
    const terminatingPods = (): number => this.children.ownedBy(uid).filter((p) => isDeleting(p) && !isTerminal(p)).length;
    const status: JobStatus = { ...(job.status ?? {}) };
    const conditions: JobCondition[] = [...(status.conditions ?? [])];
    const nowIso = rfc3339(now);

    if (spec.suspend) {
      this.deletePods(job, active);
      active = [];
      if (!hasTrue(conditions, 'Suspended')) {
        setJobCondition(conditions, jobCondition('Suspended', 'True', 'JobSuspended', 'Job suspended', nowIso));
        this.event(job, 'Normal', 'Suspended', 'Job suspended');
      }
    } else {
      if (hasTrue(conditions, 'Suspended')) {
        setJobCondition(conditions, jobCondition('Suspended', 'False', 'JobResumed', 'Job resumed', nowIso));
        this.event(job, 'Normal', 'Resumed', 'Job resumed');
        status.startTime = nowIso;
      }
      status.startTime ??= nowIso;
    }

    let interim = conditions.find((c) => (c.type === 'FailureTarget' || c.type === 'SuccessCriteriaMet') && c.status === 'True');
    if (!interim && !spec.suspend) {
      const deadlineMs = spec.activeDeadlineSeconds !== undefined ? Date.parse(status.startTime!) + spec.activeDeadlineSeconds * 1000 : undefined;
      const completions = spec.completions;
      if (failed > (spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, active)) interim = jobCondition('FailureTarget', 'True', BACKOFF_REASON, BACKOFF_MESSAGE, nowIso);
      else if (deadlineMs !== undefined && now >= deadlineMs) interim = jobCondition('FailureTarget', 'True', DEADLINE_REASON, DEADLINE_MESSAGE, nowIso);
      else if (completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0) {
        interim = jobCondition('SuccessCriteriaMet', 'True', SUCCESS_REASON, SUCCESS_MESSAGE, nowIso);
      } else if (deadlineMs !== undefined) this.queue.addAfter(objectKey(job), deadlineMs - now);
      if (interim) conditions.push(interim);
    }

    if (interim) {
      this.deletePods(job, active);
      active = [];
      if (terminatingPods() === 0) {
        const terminal = jobCondition(interim.type === 'FailureTarget' ? 'Failed' : 'Complete', 'True', interim.reason!, interim.message!, nowIso);
        conditions.push(terminal);
        if (terminal.type === 'Complete') {
          status.completionTime = nowIso;
          this.event(job, 'Normal', 'Completed', 'Job completed');
        } else this.event(job, 'Warning', terminal.reason!, terminal.message!);
      }
    } else if (!spec.suspend) {
      active = this.managePods(job, active, succeeded, record, now);
    }

    const next: JobStatus = {
      ...status,
      conditions: conditions.length ? conditions : undefined,
      active: active.length || undefined,
      ready: active.filter(isPodReady).length,
      terminating: terminatingPods(),
      succeeded: succeeded || undefined,
      failed: failed || undefined,
      uncountedTerminatedPods: {},
    };
    for (const k of Object.keys(next) as (keyof JobStatus)[]) if (next[k] === undefined) delete next[k];
    if (canonicalJson(next) !== canonicalJson(job.status ?? {})) {
      const written = this.ctx.api.setStatus('Job', job.metadata!.namespace, job.metadata!.name!, next);
      if (finishedCondition(written)) this.handleTtl(written);
    }
  }

  /** Creates pods up to parallelism (and the completions still missing), after the back-off. */
  private managePods(job: Job, active: Pod[], succeeded: number, record: BackoffRecord, now: number): Pod[] {
    const parallelism = job.spec?.parallelism ?? 1;
    const completions = job.spec?.completions;
    let want = parallelism;
    if (completions !== undefined) want = Math.max(0, Math.min(parallelism, completions - succeeded));
    else if (succeeded > 0) want = active.length;
    if (active.length > want) {
      const extra = podsToDelete(active, active.length - want);
      this.deletePods(job, extra);
      return active.filter((p) => !extra.includes(p));
    }
    if (active.length === want) return active;
    if (record.failuresAfterLastSuccess > 0) {
      const delay = Math.min(DEFAULT_BACKOFF_MS * 2 ** (record.failuresAfterLastSuccess - 1), MAX_BACKOFF_MS);
      const remaining = record.lastFailureTime + delay - now;
      if (remaining > 0) {
        this.queue.addAfter(objectKey(job), remaining);
        return active;
      }
    }
    const created: Pod[] = [];
    for (let i = active.length; i < want; i++) {
      const pod = this.createPod(job);
      if (!pod) break;
      created.push(pod);
    }
    return [...active, ...created];
  }

  private createPod(job: Job): Pod | undefined {
    const name = job.metadata!.name!;
    const uid = job.metadata!.uid!;
    const labels = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': name,
      'controller-uid': uid,
      'job-name': name,
      ...(job.spec?.template?.metadata?.labels ?? {}),
    };
    const pod = podFromTemplate(job.spec?.template, job.metadata!.namespace!, newControllerRef(job, 'batch/v1', 'Job'), { generateName: `${name}-` }, {
      labels,
      finalizers: [JOB_TRACKING_FINALIZER],
    });
    return this.createPodFor(job, pod);
  }

  private deletePods(job: Job, pods: Pod[]): void {
    for (const p of pods) {
      if (isDeleting(p)) continue;
      this.deletePodOf(job, p);
    }
  }

  /** Removes the tracking finalizer (which completes a pending deletion). */
  private releasePod(pod: Pod): void {
    const finalizers = pod.metadata?.finalizers ?? [];
    if (!finalizers.includes(JOB_TRACKING_FINALIZER)) return;
    const kept = finalizers.filter((f) => f !== JOB_TRACKING_FINALIZER);
    const current = this.ctx.store.get('Pod', pod.metadata!.namespace, pod.metadata!.name!);
    if (!current || current.metadata?.uid !== pod.metadata?.uid) return;
    this.ctx.api.update('Pod', { ...current, metadata: { ...current.metadata, resourceVersion: undefined, finalizers: kept.length ? kept : undefined } });
  }

  /** The TTL-after-finished controller: delete the Job (its pods follow through the GC). */
  private handleTtl(job: Job): void {
    const ttl = job.spec?.ttlSecondsAfterFinished;
    if (ttl === undefined || isDeleting(job)) return;
    const finished = finishedCondition(job);
    const at = Date.parse(job.status?.completionTime ?? finished?.lastTransitionTime ?? '');
    if (Number.isNaN(at)) return;
    const expireAt = at + ttl * 1000;
    const now = this.ctx.clock.now();
    if (now < expireAt) {
      this.queue.addAfter(objectKey(job), expireAt - now);
      return;
    }
    this.ctx.api.delete('Job', job.metadata!.namespace, job.metadata!.name!, { propagationPolicy: 'Background' });
  }
}

export function finishedCondition(job: Job): JobCondition | undefined {
  return job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/** With podReplacementPolicy TerminatingOrFailed, a pod being deleted already counts as failed. */
function isPodFailed(pod: Pod, policy: string): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (pod.status?.phase === 'Succeeded') return false;
  return policy === 'TerminatingOrFailed' && isDeleting(pod);
}

/** getFinishedTime: the last container's finishedAt, else when deletion was asked, else now. */
function finishTime(pod: Pod, now: number): number {
  let latest: number | undefined;
  for (const c of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const t = c.state?.terminated?.finishedAt;
    if (t) latest = Math.max(latest ?? 0, Date.parse(t));
  }
  if (latest !== undefined) return latest;
  const del = pod.metadata?.deletionTimestamp;
  if (del) return Date.parse(del) - (pod.metadata?.deletionGracePeriodSeconds ?? 0) * 1000;
  return now;
}

function jobCondition(type: string, status: 'True' | 'False', reason: string, message: string, now: string): JobCondition {
  return { type, status, lastProbeTime: now, lastTransitionTime: now, reason, message };
}

function hasTrue(conditions: JobCondition[], type: string): boolean {
  return conditions.some((c) => c.type === type && c.status === 'True');
}

function setJobCondition(conditions: JobCondition[], cond: JobCondition): void {
  const i = conditions.findIndex((c) => c.type === cond.type);
  if (i >= 0) conditions[i] = cond;
  else conditions.push(cond);
}
