// The CronJob controller (pkg/controller/cronjob, the v2 controller): one timer per
// CronJob for its next run (100 ms after the scheduled minute, as upstream requeues),
// Jobs named <cronjob>-<scheduled time in minutes since the epoch>, concurrencyPolicy,
// suspend, startingDeadlineSeconds and the history limits. Only UTC is supported for
// spec.timeZone.
import { rfc3339 } from '../../kube/duration.js';
import type { CronJob, Job } from '../../kube/types.js';
import type { SimContext } from '../context.js';
import { WorkloadController } from './base.js';
import { CronSchedule } from './cron.js';
import { canonicalJson } from './hash.js';
import { newControllerRef, objectKey } from './keys.js';
import { finishedCondition } from './job.js';
import { isDeleting } from './podState.js';
import { errorText } from '../../kube/errorText.js';

type CronJobStatus = NonNullable<CronJob['status']>;
type ActiveRef = NonNullable<CronJobStatus['active']>[number];

const NEXT_SCHEDULE_DELTA_MS = 100;
const MAX_MISSED = 100;
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** Go's time.RFC1123Z in UTC: "Mon, 02 Jan 2006 15:04:05 +0000". */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export function jobNameFor(cronJobName: string, scheduledMs: number): string {
  return `${cronJobName}-${Math.floor(scheduledMs / 60_000)}`;
}

export class CronJobController extends WorkloadController<'CronJob', 'Job'> {
  constructor(ctx: SimContext) {
    super(ctx, 'CronJob', 'Job', 'cronjob-controller');
  }

  protected sync(cj: CronJob): void {
    if (isDeleting(cj)) return;
    const ns = cj.metadata!.namespace!;
    const jobs = this.children.ownedBy(cj.metadata?.uid);
    const status: CronJobStatus = { ...(cj.status ?? {}) };
    let active: ActiveRef[] = [...(status.active ?? [])];

    for (const job of jobs) {
      const inActive = active.some((r) => r.uid === job.metadata?.uid);
      const finished = finishedCondition(job);
      if (!finished && !inActive) active.push(activeRef(job));
      else if (finished && inActive) {
        active = active.filter((r) => r.uid !== job.metadata?.uid);
        this.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata!.name}, status: ${finished.type}`);
      }
      if (finished?.type === 'Complete' && job.status?.completionTime) {
        if (!status.lastSuccessfulTime || job.status.completionTime > status.lastSuccessfulTime) status.lastSuccessfulTime = job.status.completionTime;
      }
    }
    const present = new Set(jobs.map((j) => j.metadata?.uid));
    for (const ref of active) {
      if (!present.has(ref.uid)) this.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
    }
    active = active.filter((r) => present.has(r.uid));
    this.cleanupHistory(cj, jobs);

    const finish = (): void => this.writeStatus(cj, { ...status, active: active.length ? active : undefined });
    if (cj.spec?.suspend) return finish();
    const tz = cj.spec?.timeZone;
    if (tz !== undefined && tz !== 'UTC' && tz !== 'Etc/UTC') {
      this.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: "${tz}": the simulator schedules in UTC only`);
      return finish();
    }
    let schedule: CronSchedule;
    try {
      schedule = CronSchedule.parse(cj.spec?.schedule ?? '');
    } catch (err) {
      this.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${cj.spec?.schedule ?? ''}" : ${errorText(err)}`);
      return finish();
    }

    const now = this.ctx.clock.now();
    const deadline = cj.spec?.startingDeadlineSeconds;
    let earliest = Date.parse(status.lastScheduleTime ?? cj.metadata!.creationTimestamp!);
    if (deadline !== undefined) earliest = Math.max(earliest, now - deadline * 1000);
    let scheduled: number | undefined;
    let missed = 0;
    for (let t = schedule.next(earliest); t !== undefined && t <= now; t = schedule.next(t)) {
      scheduled = t;
      if (++missed > MAX_MISSED) {
        // Too many to walk one by one: jump to the latest before now.
        scheduled = latestBefore(schedule, now, t);
        break;
      }
    }
    if (missed > MAX_MISSED) {
      this.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    }
    const nextRun = schedule.next(now);
    if (nextRun !== undefined) this.queue.addAfter(objectKey(cj), nextRun + NEXT_SCHEDULE_DELTA_MS - now);
    if (scheduled === undefined) return finish();
    if (deadline !== undefined && scheduled + deadline * 1000 < now) {
      this.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return finish();
    }
    const name = jobNameFor(cj.metadata!.name!, scheduled);
    if (active.some((r) => r.name === name) || this.ctx.store.get('Job', ns, name)) return finish();
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && active.length > 0) {
      this.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return finish();
    }
    if (policy === 'Replace') {
      for (const ref of active) {
        this.ctx.api.delete('Job', ns, ref.name!, { propagationPolicy: 'Background' });
        this.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${ref.name}`);
      }
      active = [];
    }
    try {
      const job = this.ctx.api.create('Job', this.jobFromTemplate(cj, name, scheduled));
      this.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`);
      active.push(activeRef(job));
      status.lastScheduleTime = rfc3339(scheduled);
    } catch (err) {
      this.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${errorText(err)}`);
    }
    finish();
  }

  private jobFromTemplate(cj: CronJob, name: string, scheduled: number): Job {
    const t = structuredClone(cj.spec?.jobTemplate ?? {});
    return {
      metadata: {
        name,
        namespace: cj.metadata!.namespace,
        labels: t.metadata?.labels,
        annotations: { ...(t.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339(scheduled) },
        ownerReferences: [newControllerRef(cj, 'batch/v1', 'CronJob')],
      },
      spec: t.spec ?? { template: {} },
    };
  }

  /** Finished Jobs beyond successfulJobsHistoryLimit / failedJobsHistoryLimit go, oldest first. */
  private cleanupHistory(cj: CronJob, jobs: Job[]): void {
    const byStart = (a: Job, b: Job): number =>
      (a.status?.startTime ?? a.metadata?.creationTimestamp ?? '') < (b.status?.startTime ?? b.metadata?.creationTimestamp ?? '') ? -1 : 1;
    const succeeded = jobs.filter((j) => finishedCondition(j)?.type === 'Complete' && !isDeleting(j)).sort(byStart);
    const failed = jobs.filter((j) => finishedCondition(j)?.type === 'Failed' && !isDeleting(j)).sort(byStart);
    const limits: [Job[], number | undefined][] = [
      [succeeded, cj.spec?.successfulJobsHistoryLimit ?? 3],
      [failed, cj.spec?.failedJobsHistoryLimit ?? 1],
    ];
    for (const [list, limit] of limits) {
      if (limit === undefined) continue;
      for (const job of list.slice(0, Math.max(0, list.length - limit))) {
        this.ctx.api.delete('Job', job.metadata!.namespace, job.metadata!.name!, { propagationPolicy: 'Background' });
        this.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata!.name}`);
      }
    }
  }

  private writeStatus(cj: CronJob, status: CronJobStatus): void {
    const next = { ...status };
    for (const k of Object.keys(next) as (keyof CronJobStatus)[]) if (next[k] === undefined) delete next[k];
    if (canonicalJson(next) !== canonicalJson(cj.status ?? {})) {
      this.ctx.api.setStatus('CronJob', cj.metadata!.namespace, cj.metadata!.name!, next);
    }
  }
}

function activeRef(job: Job): ActiveRef {
  return {
    kind: 'Job',
    namespace: job.metadata!.namespace,
    name: job.metadata!.name,
    uid: job.metadata!.uid,
    apiVersion: 'batch/v1',
    resourceVersion: job.metadata!.resourceVersion,
  };
}

/** The latest scheduled time at or before `now`, searching back from `now` in growing windows. */
function latestBefore(schedule: CronSchedule, now: number, floor: number): number {
  let window = 60 * 60_000;
  for (;;) {
    const from = Math.max(floor, now - window);
    let latest: number | undefined;
    for (let t = schedule.next(from - 1); t !== undefined && t <= now; t = schedule.next(t)) latest = t;
    if (latest !== undefined || from === floor) return latest ?? floor;
    window *= 24;
  }
}
