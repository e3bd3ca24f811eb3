// printJob and printCronJob (k/k pkg/printers/internalversion/printers.go, 1.33: Job STATUS
// and CronJob TIMEZONE included).
import { humanDuration, since } from '../duration.js';
import { column, type TableColumnDefinition } from '../table.js';
import type { CronJob, Job } from '../types.js';
import { AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN } from './columns.js';
import { ageAndTemplateCells, boolPtr, formatLabelSelector } from './format.js';

const JOB_SELECTOR_DOC =
  'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors';

export const JOB_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Status', 'string', 'Status of the job.'),
  column(
    'Completions',
    'string',
    'The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.',
  ),
  column('Duration', 'string', 'Time required to complete the job.'),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  column('Selector', 'string', JOB_SELECTOR_DOC, 1),
];

export const CRON_JOB_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
  column(
    'Timezone',
    'string',
    'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones',
  ),
  column(
    'Suspend',
    'boolean',
    'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.',
  ),
  column('Active', 'integer', 'A list of pointers to currently running jobs.'),
  column('Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  column('Selector', 'string', JOB_SELECTOR_DOC, 1),
];

/** hasJobCondition: the first condition of the type decides. */
function hasCondition(job: Job, type: string): boolean {
  const found = job.status?.conditions?.find((c) => c.type === type);
  return found?.status === 'True';
}

export function jobStatus(job: Job): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** `succeeded/completions`; without completions `succeeded/1`, plus ` of <parallelism>` above 1. */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** "" before the job starts; then start to completion, or start to now while it runs. */
export function jobDuration(job: Job, nowMs: number): string {
  const start = job.status?.startTime ? Date.parse(job.status.startTime) : NaN;
  if (Number.isNaN(start)) return '';
  const done = job.status?.completionTime ? Date.parse(job.status.completionTime) : NaN;
  return humanDuration((Number.isNaN(done) ? nowMs : done) - start);
}

export function jobCells(job: Job, nowMs: number): (string | number)[] {
  return [
    job.metadata?.name ?? '',
    jobStatus(job),
    jobCompletions(job),
    jobDuration(job, nowMs),
    ...ageAndTemplateCells(job.metadata, job.spec?.template, nowMs),
    formatLabelSelector(job.spec?.selector),
  ];
}

export function cronJobCells(cj: CronJob, nowMs: number): (string | number)[] {
  const last = cj.status?.lastScheduleTime;
  const jobSpec = cj.spec?.jobTemplate?.spec;
  return [
    cj.metadata?.name ?? '',
    cj.spec?.schedule ?? '',
    cj.spec?.timeZone ?? '<none>',
    boolPtr(cj.spec?.suspend),
    cj.status?.active?.length ?? 0,
    last ? since(last, nowMs) : '<none>',
    ...ageAndTemplateCells(cj.metadata, jobSpec?.template, nowMs),
    formatLabelSelector(jobSpec?.selector),
  ];
}
