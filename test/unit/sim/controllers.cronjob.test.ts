import { afterEach, describe, expect, it } from 'vitest';
import { rfc3339 } from '../../../src/kube/duration.js';
import type { CronJob, Job } from '../../../src/kube/types.js';
import { CronSchedule } from '../../../src/sim/controllers/cron.js';
import { CronJobController } from '../../../src/sim/controllers/cronJob.js';
import { JobController } from '../../../src/sim/controllers/job.js';
import { createHarness, START, type Harness } from './helpers/controllerHarness.js';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z'));

describe('CronSchedule', () => {
  const cases: [string, string, string][] = [
    ['*/5 * * * *', '2026-01-01T00:00:00Z', '2026-01-01T00:05:00Z'],
    ['*/5 * * * *', '2026-01-01T00:04:59Z', '2026-01-01T00:05:00Z'],
    ['* * * * *', '2026-01-01T00:00:30Z', '2026-01-01T00:01:00Z'],
    ['0 * * * *', '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z'],
    ['30 2 * * *', '2026-01-01T03:00:00Z', '2026-01-02T02:30:00Z'],
    ['0 9-17/4 * * *', '2026-01-01T09:00:00Z', '2026-01-01T13:00:00Z'],
    ['15,45 * * * *', '2026-01-01T00:20:00Z', '2026-01-01T00:45:00Z'],
    ['0 0 * * mon', '2026-01-01T00:00:00Z', '2026-01-05T00:00:00Z'], // 2026-01-01 is a Thursday
    ['0 0 * * 1-5', '2026-01-02T12:00:00Z', '2026-01-05T00:00:00Z'],
    ['0 0 1 jan,jul *', '2026-01-01T00:00:00Z', '2026-07-01T00:00:00Z'],
    ['0 0 13 * 5', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'], // dom and dow both set: OR
    ['0 0 13 * *', '2026-01-01T00:00:00Z', '2026-01-13T00:00:00Z'],
    ['0 0 29 2 *', '2026-01-01T00:00:00Z', '2028-02-29T00:00:00Z'],
    ['0 0 31 * *', '2026-01-31T00:00:00Z', '2026-03-31T00:00:00Z'],
    ['5/20 * * * *', '2026-01-01T00:06:00Z', '2026-01-01T00:25:00Z'],
    ['0 0 ? * SUN', '2026-01-01T00:00:00Z', '2026-01-04T00:00:00Z'],
    ['@hourly', '2026-01-01T00:10:00Z', '2026-01-01T01:00:00Z'],
    ['@daily', '2026-01-01T00:10:00Z', '2026-01-02T00:00:00Z'],
    ['@midnight', '2026-01-01T00:10:00Z', '2026-01-02T00:00:00Z'],
    ['@weekly', '2026-01-01T00:10:00Z', '2026-01-04T00:00:00Z'],
    ['@monthly', '2026-01-01T00:10:00Z', '2026-02-01T00:00:00Z'],
    ['@yearly', '2026-01-01T00:10:00Z', '2027-01-01T00:00:00Z'],
    ['@annually', '2026-01-01T00:10:00Z', '2027-01-01T00:00:00Z'],
  ];
  it.each(cases)('%s after %s → %s', (spec, after, next) => {
    expect(iso(CronSchedule.parse(spec).next(at(after)))).toBe(next);
  });

  const errors: [string, string][] = [
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['@every 5m', '@every is not a standard cron schedule'],
    ['@often', 'unrecognized descriptor: @often'],
    ['TZ=Europe/Paris 0 * * * *', 'TZ and CRON_TZ prefixes are not supported: use spec.timeZone'],
  ];
  it.each(errors)('rejects %s', (spec, message) => {
    expect(() => CronSchedule.parse(spec)).toThrow(message);
  });
});

let h: Harness;
afterEach(() => h?.stop());

function makeCronJob(spec: Partial<NonNullable<CronJob['spec']>> = {}): CronJob {
  const cj = h.api.create('CronJob', {
    metadata: { name: 'hello', namespace: 'default' },
    spec: {
      schedule: '*/5 * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28' }] } } } },
      ...spec,
    },
  });
  h.clock.flush();
  return cj;
}

const jobs = (): Job[] => [...h.store.all('Job', 'default')].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
const cronEvents = (): string[] => h.eventLines('cronjob-controller');
const minutes = (isoTime: string): number => Date.parse(isoTime) / 60_000;

function completeJob(name: string): void {
  const job = h.api.get('Job', 'default', name);
  const now = rfc3339(h.clock.now());
  h.api.setStatus('Job', 'default', name, {
    ...job.status,
    succeeded: 1,
    completionTime: now,
    conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: now }],
  });
  h.clock.flush();
}

describe('CronJobController', () => {
  it('creates a Job at each scheduled minute, named by the minutes since the epoch', () => {
    h = createHarness();
    h.start(new CronJobController(h.ctx));
    const cj = makeCronJob();
    expect(jobs()).toHaveLength(0);
    expect(h.clock.nextTimerAt()).toBe(START + 5 * 60_000 + 100);
    h.clock.advance(5 * 60_000 + 99);
    expect(jobs()).toHaveLength(0);
    h.clock.advance(1);
    const first = `hello-${minutes('2026-01-01T00:05:00Z')}`;
    expect(jobs().map((j) => j.metadata!.name)).toEqual([first]);
    const job = jobs()[0]!;
    expect(job.metadata!.creationTimestamp).toBe('2026-01-01T00:05:00Z');
    expect(job.metadata!.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-01-01T00:05:00Z' });
    expect(job.metadata!.ownerReferences).toEqual([
      { apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj.metadata!.uid, controller: true, blockOwnerDeletion: true },
    ]);
    const status = h.api.get('CronJob', 'default', 'hello').status!;
    expect(status.lastScheduleTime).toBe('2026-01-01T00:05:00Z');
    expect(status.active).toEqual([
      { kind: 'Job', namespace: 'default', name: first, uid: job.metadata!.uid, apiVersion: 'batch/v1', resourceVersion: job.metadata!.resourceVersion },
    ]);
    h.clock.advance(10 * 60_000);
    expect(jobs().map((j) => j.metadata!.name)).toEqual([first, `hello-${minutes('2026-01-01T00:10:00Z')}`, `hello-${minutes('2026-01-01T00:15:00Z')}`]);
    expect(cronEvents()).toEqual(jobs().map((j) => `SuccessfulCreate: Created job ${j.metadata!.name}`));
  });

  it('records completed jobs, lastSuccessfulTime, and keeps successfulJobsHistoryLimit', () => {
    h = createHarness();
    h.start(new CronJobController(h.ctx));
    makeCronJob({ schedule: '* * * * *', successfulJobsHistoryLimit: 2 });
    const names: string[] = [];
    for (let i = 1; i <= 4; i++) {
      h.clock.advanceTo(START + i * 60_000 + 100);
      const name = `hello-${minutes(START_ISO) + i}`;
      names.push(name);
      completeJob(name);
    }
    expect(jobs().map((j) => j.metadata!.name)).toEqual(names.slice(2));
    const [a, b, c, d] = names;
    expect(cronEvents()).toEqual([
      `SuccessfulCreate: Created job ${a}`,
      `SawCompletedJob: Saw completed job: ${a}, status: Complete`,
      `SuccessfulCreate: Created job ${b}`,
      `SawCompletedJob: Saw completed job: ${b}, status: Complete`,
      `SuccessfulCreate: Created job ${c}`,
      `SawCompletedJob: Saw completed job: ${c}, status: Complete`,
      `SuccessfulDelete: Deleted job ${a}`,
      `SuccessfulCreate: Created job ${d}`,
      `SawCompletedJob: Saw completed job: ${d}, status: Complete`,
      `SuccessfulDelete: Deleted job ${b}`,
    ]);
    const status = h.api.get('CronJob', 'default', 'hello').status!;
    expect(status).toEqual({ lastScheduleTime: '2026-01-01T00:04:00Z', lastSuccessfulTime: '2026-01-01T00:04:00Z' });
  });

  it('Forbid skips a run while the previous Job is active', () => {
    h = createHarness();
    h.start(new CronJobController(h.ctx));
    makeCronJob({ schedule: '* * * * *', concurrencyPolicy: 'Forbid' });
    h.clock.advance(2 * 60_000 + 100);
    expect(jobs()).toHaveLength(1);
    expect(cronEvents().slice(1)).toEqual(['JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid']);
    completeJob(jobs()[0]!.metadata!.name!);
    // The missed 00:02 run starts as soon as the slot is free (no startingDeadlineSeconds).
    expect(jobs().map((j) => j.metadata!.name)).toEqual([`hello-${minutes(START_ISO) + 1}`, `hello-${minutes(START_ISO) + 2}`]);
  });

  it('Replace deletes the active Job before starting the next', () => {
    h = createHarness();
    h.start(new CronJobController(h.ctx), new JobController(h.ctx));
    makeCronJob({ schedule: '* * * * *', concurrencyPolicy: 'Replace' });
    h.clock.advance(60_000 + 100);
    const first = jobs()[0]!.metadata!.name!;
    h.clock.advance(60_000);
    const second = `hello-${minutes(START_ISO) + 2}`;
    expect(jobs().map((j) => j.metadata!.name)).toEqual([second]);
    expect(cronEvents()).toEqual([`SuccessfulCreate: Created job ${first}`, `SuccessfulDelete: Deleted job ${first}`, `SuccessfulCreate: Created job ${second}`]);
  });

  it('does nothing while suspended, then starts the most recent missed run', () => {
    h = createHarness();
    h.start(new CronJobController(h.ctx));
    makeCronJob({ suspend: true });
    h.clock.advance(10 * 60_000 + 30_000);
    expect(jobs()).toHaveLength(0);
    const cj = h.api.get('CronJob', 'default', 'hello');
    h.api.update('CronJob', { ...cj, spec: { ...cj.spec!, suspend: false } });
    h.clock.flush();
    expect(jobs().map((j) => j.metadata!.name)).toEqual([`hello-${minutes('2026-01-01T00:10:00Z')}`]);
  });

  it('reports an unparseable schedule', () => {
    h = createHarness();
    h.start(new CronJobController(h.ctx));
    // Admission refuses such a schedule now, as the apiserver does; one already stored (written
    // before validation, or by a store-level writer) still reaches the controller.
    h.store.create('CronJob', {
      metadata: { name: 'hello', namespace: 'default' },
      spec: { schedule: '*/5 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28' }] } } } } },
    });
    h.clock.flush();
    const e = h.recorder.events.at(-1)!;
    expect([e.type, e.reason, e.message]).toEqual(['Warning', 'UnparseableSchedule', 'unparseable schedule: "*/5 * * *" : expected exactly 5 fields, found 4: [*/5 * * *]']);
    expect(h.clock.pendingTimers).toBe(0);
  });
});

const START_ISO = '2026-01-01T00:00:00Z';
