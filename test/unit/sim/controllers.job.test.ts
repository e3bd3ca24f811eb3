import { afterEach, describe, expect, it } from 'vitest';
import type { Job, Pod } from '../../../src/kube/types.js';
import { GarbageCollector } from '../../../src/sim/controllers/garbageCollector.js';
import { JobController } from '../../../src/sim/controllers/job.js';
import { createHarness, START, type Harness } from './helpers/controllerHarness.js';

let h: Harness;
afterEach(() => h.stop());

function makeJob(spec: Partial<NonNullable<Job['spec']>>): Job {
  const job = h.api.create('Job', {
    metadata: { name: 'pi', namespace: 'default' },
    spec: {
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } },
      ...spec,
    },
  });
  h.clock.flush();
  return job;
}

const job = (): Job => h.api.get('Job', 'default', 'pi');
const activePods = (): Pod[] => h.pods().filter((p) => !['Succeeded', 'Failed'].includes(p.status?.phase ?? '') && !p.metadata!.deletionTimestamp);
const conditions = (): string[] => (job().status?.conditions ?? []).map((c) => `${c.type}=${c.status} ${c.reason}: ${c.message}`);

describe('JobController', () => {
  it('runs completions=3 with parallelism=2 to Complete', () => {
    h = createHarness();
    h.start(new JobController(h.ctx));
    const created = makeJob({ completions: 3, parallelism: 2 });
    const uid = created.metadata!.uid!;
    let pods = activePods();
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.metadata!.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata!.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
      expect(p.metadata!.labels).toEqual({
        'batch.kubernetes.io/controller-uid': uid,
        'batch.kubernetes.io/job-name': 'pi',
        'controller-uid': uid,
        'job-name': 'pi',
      });
      expect(p.metadata!.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect(job().status).toEqual({ startTime: '2026-01-01T00:00:00Z', active: 2, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    h.runPod(pods[0]!);
    h.clock.flush();
    expect(job().status!.ready).toBe(1);

    h.clock.advance(5_000);
    h.finishPod(pods[0]!, 'Succeeded');
    h.clock.flush();
    // Counted, so the finalizer is gone; a third pod replaces the finished one.
    expect(h.api.get('Pod', 'default', pods[0]!.metadata!.name!).metadata!.finalizers).toBeUndefined();
    expect(job().status!.succeeded).toBe(1);
    pods = activePods();
    expect(pods).toHaveLength(2);
    h.finishPod(pods[0]!, 'Succeeded');
    h.clock.flush();
    expect(activePods()).toHaveLength(1);
    h.clock.advance(5_000);
    h.finishPod(activePods()[0]!, 'Succeeded');
    h.clock.flush();
    expect(job().status).toEqual({
      startTime: '2026-01-01T00:00:00Z',
      completionTime: '2026-01-01T00:00:10Z',
      ready: 0,
      terminating: 0,
      succeeded: 3,
      uncountedTerminatedPods: {},
      conditions: job().status!.conditions,
    });
    expect(conditions()).toEqual([
      'SuccessCriteriaMet=True CompletionsReached: Reached expected number of succeeded pods',
      'Complete=True CompletionsReached: Reached expected number of succeeded pods',
    ]);
    const lines = h.eventLines('job-controller');
    expect(lines.filter((l) => l.startsWith('SuccessfulCreate: Created pod: pi-'))).toHaveLength(3);
    expect(lines.at(-1)).toBe('Completed: Job completed');
    expect(h.recorder.events.at(-1)!.type).toBe('Normal');
  });

  it('retries failures after 10 s, 20 s … and fails at backoffLimit', () => {
    h = createHarness();
    h.start(new JobController(h.ctx));
    makeJob({ backoffLimit: 2 });
    const createdAt: number[] = [];
    const track = (): void => {
      for (const p of h.pods()) {
        const t = Date.parse(p.metadata!.creationTimestamp!) - START;
        if (!createdAt.includes(t)) createdAt.push(t);
      }
    };
    track();
    for (let i = 0; i < 3; i++) {
      h.clock.advance(5_000);
      h.finishPod(activePods()[0]!, 'Failed');
      h.clock.flush();
      if (i < 2) {
        const before = h.pods().length;
        h.clock.advance(10_000 * 2 ** i - 1);
        expect(h.pods()).toHaveLength(before);
        h.clock.advance(1);
        expect(h.pods()).toHaveLength(before + 1);
        track();
      }
    }
    // pod 1 at 0 s fails at 5 s; pod 2 at 15 s fails at 20 s; pod 3 at 40 s fails at 45 s.
    expect(createdAt).toEqual([0, 15_000, 40_000]);
    expect(job().status!.failed).toBe(3);
    expect(conditions()).toEqual([
      'FailureTarget=True BackoffLimitExceeded: Job has reached the specified backoff limit',
      'Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit',
    ]);
    const last = h.recorder.events.at(-1)!;
    expect([last.type, last.reason, last.message]).toEqual(['Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit']);
    expect(job().status!.completionTime).toBeUndefined();
    expect(h.pods().every((p) => p.metadata!.finalizers === undefined)).toBe(true);
  });

  it('caps the back-off at 6 minutes', () => {
    h = createHarness();
    h.start(new JobController(h.ctx));
    makeJob({ backoffLimit: 20 });
    const gaps: number[] = [];
    for (let i = 0; i < 8; i++) {
      h.finishPod(activePods()[0]!, 'Failed');
      const failedAt = h.clock.now();
      h.clock.flush();
      h.clock.runUntil(() => activePods().length === 1, 3_600_000);
      gaps.push((h.clock.now() - failedAt) / 1000);
    }
    expect(gaps).toEqual([10, 20, 40, 80, 160, 320, 360, 360]);
  });

  it('fails with DeadlineExceeded after activeDeadlineSeconds, deleting the active pod', () => {
    h = createHarness();
    h.start(new JobController(h.ctx));
    makeJob({ activeDeadlineSeconds: 30 });
    const [pod] = activePods();
    h.clock.advance(29_999);
    expect(conditions()).toEqual([]);
    h.clock.advance(1);
    h.clock.flush();
    expect(h.pods()).toHaveLength(0);
    expect(conditions()).toEqual([
      'FailureTarget=True DeadlineExceeded: Job was active longer than specified deadline',
      'Failed=True DeadlineExceeded: Job was active longer than specified deadline',
    ]);
    expect(h.eventLines('job-controller').slice(1)).toEqual([
      `SuccessfulDelete: Deleted pod: ${pod!.metadata!.name}`,
      'DeadlineExceeded: Job was active longer than specified deadline',
    ]);
  });

  it('deletes a finished Job after ttlSecondsAfterFinished, and the GC takes its pods', () => {
    h = createHarness();
    h.start(new JobController(h.ctx), new GarbageCollector(h.ctx));
    makeJob({ ttlSecondsAfterFinished: 100 });
    h.clock.advance(1_000);
    h.finishPod(activePods()[0]!, 'Succeeded');
    h.clock.flush();
    expect(job().status!.completionTime).toBe('2026-01-01T00:00:01Z');
    h.clock.advance(99_999);
    expect(h.store.get('Job', 'default', 'pi')).toBeDefined();
    h.clock.advance(1);
    expect(h.store.get('Job', 'default', 'pi')).toBeUndefined();
    expect(h.pods()).toHaveLength(0);
  });
});
