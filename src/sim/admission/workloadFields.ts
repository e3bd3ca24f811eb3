// The numeric and schedule fields of workloads the apiserver validates (pkg/apis/apps and
// pkg/apis/batch validation, 1.33): counts may not be negative, a CronJob's schedule must
// parse as robfig/cron's ParseStandard parses it. (Job counts are checked in workloadValidation.)
import type { CronJob, Kind, KindMap } from '../../kube/types.js';
import { CronParseError, CronSchedule } from '../controllers/cron.js';
import { invalidValue, type FieldError } from './fieldErrors.js';

const NON_NEGATIVE: Partial<Record<Kind, readonly string[]>> = {
  Deployment: ['replicas', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds'],
  ReplicaSet: ['replicas', 'minReadySeconds'],
  StatefulSet: ['replicas', 'minReadySeconds', 'revisionHistoryLimit'],
  DaemonSet: ['minReadySeconds', 'revisionHistoryLimit'],
  CronJob: ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'],
};

export function workloadFieldErrors(kind: Kind, obj: KindMap[Kind]): FieldError[] {
  const errs: FieldError[] = [];
  const spec = (obj as { spec?: Record<string, unknown> }).spec;
  for (const key of NON_NEGATIVE[kind] ?? []) {
    const value = spec?.[key];
    if (typeof value === 'number' && value < 0) errs.push(invalidValue(`spec.${key}`, value, 'must be greater than or equal to 0'));
  }
  if (kind === 'CronJob') {
    const schedule = (obj as CronJob).spec?.schedule;
    if (typeof schedule === 'string' && schedule !== '') {
      try {
        CronSchedule.parse(schedule);
      } catch (err) {
        if (!(err instanceof CronParseError)) throw err;
        errs.push(invalidValue('spec.schedule', schedule, err.message));
      }
    }
  }
  return errs;
}
