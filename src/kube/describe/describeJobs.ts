// `kubectl describe job` and `describe cronjob` (kubectl 1.33 describeJob, describeCronJob,
// describeJobTemplate, printActiveJobs), byte for byte.
import { humanDuration } from '../duration.js';
import type { CronJob, Event, Job } from '../types.js';
import { writeEvents } from './events.js';
import { formatLabelSelector, writeAnnotations, writeLabels } from './metadata.js';
import { LEVEL_0, PrefixWriter } from './prefixWriter.js';
import { formatTimestamp, localZone, type ZoneOffset } from './timeFormat.js';
import { writePodTemplate } from './describeWorkloads.js';

type Selector = Parameters<typeof formatLabelSelector>[0];
type JobTemplateSpec = NonNullable<CronJob['spec']>['jobTemplate'];

/** labels.Selector.String() of a LabelSelector ("" when it selects everything). */
function selectorString(sel: Selector | undefined): string {
  if (!sel) return '';
  const s = formatLabelSelector(sel);
  return s === '<none>' ? '' : s;
}

function controllerOf(meta: Job['metadata']): string | undefined {
  const ref = (meta?.ownerReferences ?? []).find((r) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : undefined;
}

/** capIndexesListOrNone: the completed indexes, cut after the first comma past 50 characters. */
function capIndexes(indexes: string | undefined, softLimit: number): string {
  if (!indexes) return '<none>';
  let ix = softLimit;
  for (; ix < indexes.length; ix++) if (indexes[ix] === ',') break;
  return ix >= indexes.length ? indexes : `${indexes.slice(0, ix + 1)}...`;
}

const isSet = <T>(v: T | null | undefined): v is T => v !== undefined && v !== null;

export function describeJob(job: Job, events: Event[], nowMs: number, zone: ZoneOffset = localZone): string {
  const w = new PrefixWriter();
  const meta = job.metadata ?? {};
  const spec = job.spec;
  const status = job.status ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec?.selector)}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, meta.annotations);
  const controller = controllerOf(meta);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
  if (isSet(spec?.parallelism)) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, `Completions:\t${isSet(spec?.completions) ? spec.completions : '<unset>'}\n`);
  if (isSet(spec?.completionMode)) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (isSet(spec?.suspend)) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (isSet(spec?.backoffLimit)) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (isSet(spec?.ttlSecondsAfterFinished)) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatTimestamp(status.startTime, zone)}\n`);
  if (status.completionTime) w.write(LEVEL_0, `Completed At:\t${formatTimestamp(status.completionTime, zone)}\n`);
  if (status.startTime && status.completionTime) w.write(LEVEL_0, `Duration:\t${humanDuration(Date.parse(status.completionTime) - Date.parse(status.startTime))}\n`);
  if (isSet(spec?.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const counts = `${status.active ?? 0} Active${isSet(status.ready) ? ` (${status.ready} Ready)` : ''} / ${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed`;
  w.write(LEVEL_0, `Pods Statuses:\t${counts}\n`);
  if (spec?.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${capIndexes(status.completedIndexes, 50)}\n`);
  writePodTemplate(w, spec?.template, zone);
  writeEvents(w, events, nowMs);
  return w.toString();
}

function writeJobTemplate(w: PrefixWriter, template: JobTemplateSpec | undefined, zone: ZoneOffset): void {
  const spec = template?.spec;
  w.write(LEVEL_0, `Selector:\t${spec?.selector ? selectorString(spec.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, `Parallelism:\t${isSet(spec?.parallelism) ? spec.parallelism : '<unset>'}\n`);
  w.write(LEVEL_0, `Completions:\t${isSet(spec?.completions) ? spec.completions : '<unset>'}\n`);
  if (isSet(spec?.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  writePodTemplate(w, spec?.template, zone);
}

export function describeCronJob(cj: CronJob, events: Event[], nowMs: number, zone: ZoneOffset = localZone): string {
  const w = new PrefixWriter();
  const meta = cj.metadata ?? {};
  const spec = cj.spec;
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, meta.annotations);
  w.write(LEVEL_0, `Schedule:\t${spec?.schedule ?? ''}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec?.concurrencyPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Suspend:\t${isSet(spec?.suspend) ? (spec.suspend ? 'True' : 'False') : '<unset>'}\n`);
  w.write(LEVEL_0, `Successful Job History Limit:\t${isSet(spec?.successfulJobsHistoryLimit) ? spec.successfulJobsHistoryLimit : '<unset>'}\n`);
  w.write(LEVEL_0, `Failed Job History Limit:\t${isSet(spec?.failedJobsHistoryLimit) ? spec.failedJobsHistoryLimit : '<unset>'}\n`);
  w.write(LEVEL_0, `Starting Deadline Seconds:\t${isSet(spec?.startingDeadlineSeconds) ? `${spec.startingDeadlineSeconds}s` : '<unset>'}\n`);
  writeJobTemplate(w, spec?.jobTemplate, zone);
  const last = cj.status?.lastScheduleTime;
  w.write(LEVEL_0, `Last Schedule Time:\t${last ? formatTimestamp(last, zone) : '<unset>'}\n`);
  w.write(LEVEL_0, 'Active Jobs:\t');
  const active = cj.status?.active ?? [];
  if (active.length === 0) w.writeLine('<none>');
  else {
    w.write(LEVEL_0, active.map((j) => j.name ?? '').join(', '));
    w.writeLine('');
  }
  writeEvents(w, events, nowMs);
  return w.toString();
}
