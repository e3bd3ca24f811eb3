import { describe, expect, test } from 'vitest';
import { container, KubeletHarness } from './helpers/kubeletHarness.js';

const sleeper = () =>
  container('app', 'busybox:1.36', {
    command: ['sh', '-c', 'sleep 3600'],
    lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 2'] } } },
  });

describe('kubelet graceful deletion', () => {
  test('grace 5: Killing, preStop, TERM ignored, KILL at 5 s, then DELETED', () => {
    const h = new KubeletHarness();
    h.createPod('web', { containers: [sleeper()] }, { 'sim.podscope.dev/pull': '1s' });
    h.at(10);
    h.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 5 });
    expect(h.status('web')).toBe('Terminating');
    h.at(14.999);
    expect(h.status('web')).toBe('Terminating');
    expect(h.must('web').status!.containerStatuses![0]!.state?.running).toBeDefined();
    h.at(15);
    expect(h.pod('web')).toBeUndefined();
    expect(h.deleted.map((d) => [d.name, d.t])).toEqual([['web', 15_000]]);
    const last = h.deleted[0]!.pod;
    expect(last.status!.phase).toBe('Failed');
    expect(last.status!.containerStatuses![0]!.state?.terminated).toMatchObject({
      exitCode: 137,
      reason: 'Error',
      startedAt: '2026-01-01T00:00:02Z',
      finishedAt: '2026-01-01T00:00:15Z',
    });
    expect(h.events('web', (e) => e.reason === 'Killing')).toEqual(['10s Normal Killing Stopping container app']);
    expect(h.kubelet.podCount).toBe(0);
  });

  test('a container that exits on TERM goes at once after the preStop hook, Completed', () => {
    const h = new KubeletHarness();
    h.createPod('web', { containers: [container('app', 'nginx:1.25', { lifecycle: { preStop: { sleep: { seconds: 3 } } } })] }, { 'sim.podscope.dev/pull': '1s' });
    h.at(10);
    h.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 30 });
    h.at(60);
    // preStop 3 s, then nginx's default shutdown of 1 s
    expect(h.deleted.map((d) => d.t)).toEqual([14_000]);
    expect(h.deleted[0]!.pod.status!.phase).toBe('Succeeded');
    expect(h.deleted[0]!.pod.status!.containerStatuses![0]!.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  test('SIGTERM gets at least 2 s even when preStop used up the grace', () => {
    const h = new KubeletHarness();
    h.createPod('web', { containers: [sleeper()] }, { 'sim.podscope.dev/pull': '1s', 'sim.podscope.dev/prestop': '10s' });
    h.at(10);
    h.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 3 });
    h.at(60);
    expect(h.deleted.map((d) => d.t)).toEqual([15_000]);
  });

  test('a second delete with a longer grace changes nothing; a shorter one shortens the timers', () => {
    const longer = new KubeletHarness();
    longer.createPod('web', { containers: [sleeper()] }, { 'sim.podscope.dev/pull': '1s' });
    longer.at(10);
    longer.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 5 });
    longer.at(11);
    longer.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 60 });
    longer.at(100);
    expect(longer.deleted.map((d) => d.t)).toEqual([15_000]);

    const shorter = new KubeletHarness();
    shorter.createPod('web', { containers: [sleeper()] }, { 'sim.podscope.dev/pull': '1s' });
    shorter.at(10);
    shorter.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 30 });
    shorter.at(20);
    expect(shorter.status('web')).toBe('Terminating');
    // 3 s from the first request (t=10) ran out at t=13: the apiserver makes the deadline now
    // with grace 1, and the kubelet's 2 s floor ends the pod at t=22.
    shorter.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 3 });
    shorter.at(100);
    expect(shorter.deleted.map((d) => d.t)).toEqual([22_000]);
    expect(shorter.deleted[0]!.pod.status!.containerStatuses![0]!.state?.terminated?.exitCode).toBe(137);
  });

  test('force deletion while running stops every timer and frees the IP for the next pod', () => {
    const h = new KubeletHarness();
    h.createPod('a', { containers: [sleeper()] }, { 'sim.podscope.dev/pull': '1s' });
    h.at(5);
    expect(h.must('a').status!.podIP).toBe('10.244.1.2');
    const pending = h.clock.pendingTimers;
    h.api.delete('Pod', 'default', 'a', { gracePeriodSeconds: 0 });
    expect(h.pod('a')).toBeUndefined();
    expect(h.clock.pendingTimers).toBeLessThan(pending);
    h.createPod('b', { containers: [sleeper()] });
    h.at(10);
    expect(h.must('b').status!.podIP).toBe('10.244.1.3');
    expect(h.events('a', (e) => e.t > 5000)).toEqual([]);
  });
});

describe('kubelet OOM and active deadline', () => {
  test('memory crossing limits.memory kills the container OOMKilled, exit 137, at the crossing time', () => {
    const h = new KubeletHarness();
    h.createPod(
      'hog',
      { containers: [container('app', 'nginx:1.25', { resources: { limits: { memory: '128Mi' }, requests: { memory: '128Mi' } } })] },
      { 'sim.podscope.dev/pull': '1s', 'sim.podscope.dev/memory': '64Mi +8Mi/s' },
    );
    h.at(9.999);
    expect(h.status('hog')).toBe('Running');
    h.at(10);
    const cs = h.must('hog').status!.containerStatuses![0]!;
    // the first OOM restarts at once; the kill shows in lastState
    expect(cs.restartCount).toBe(1);
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled', startedAt: '2026-01-01T00:00:02Z', finishedAt: '2026-01-01T00:00:10Z' });
    h.at(18);
    expect(h.status('hog')).toBe('OOMKilled');
    expect(h.must('hog').status!.qosClass).toBe('Burstable');
  });

  test('activeDeadlineSeconds fails the pod with DeadlineExceeded and kills its containers', () => {
    const h = new KubeletHarness();
    h.createPod('job', { activeDeadlineSeconds: 30, terminationGracePeriodSeconds: 5, restartPolicy: 'Never', containers: [sleeper()] }, { 'sim.podscope.dev/pull': '1s', 'sim.podscope.dev/prestop': '0s' });
    h.at(29.999);
    expect(h.must('job').status!.phase).toBe('Running');
    h.at(30);
    const pod = h.must('job');
    expect(pod.status!.phase).toBe('Failed');
    expect(pod.status!.reason).toBe('DeadlineExceeded');
    expect(pod.status!.message).toBe('Pod was active on the node longer than the specified deadline');
    expect(h.status('job')).toBe('DeadlineExceeded');
    expect(h.events('job', (e) => e.t >= 30_000)).toEqual([
      '30s Normal DeadlineExceeded Pod was active on the node longer than the specified deadline',
      '30s Normal Killing Stopping container app',
    ]);
    h.at(35);
    expect(h.must('job').status!.containerStatuses![0]!.state?.terminated).toMatchObject({ exitCode: 137, reason: 'Error', finishedAt: '2026-01-01T00:00:35Z' });
    expect(h.must('job').status!.phase).toBe('Failed');
    expect(h.must('job').status!.reason).toBe('DeadlineExceeded');
  });
});
