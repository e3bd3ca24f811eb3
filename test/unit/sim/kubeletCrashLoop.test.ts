import { describe, expect, test } from 'vitest';
import { container, KubeletHarness } from './helpers/kubeletHarness.js';

const crasher = () => container('app', 'busybox:1.36', { command: ['sh', '-c', 'sleep 1; exit 1'] });

function startedAt(h: KubeletHarness, pod: string): number[] {
  return h.recorder.log.filter((e) => e.pod === pod && e.reason === 'Started').map((e) => e.t / 1000);
}

describe('kubelet crash-loop back-off', () => {
  test('restarts at once after the first exit, then after 10, 20, 40, 80, 160, 300, 300 s', () => {
    const h = new KubeletHarness();
    h.createPod('crash', { containers: [crasher()] }, { 'sim.podscope.dev/pull': '2s' });
    h.at(1000);
    const starts = startedAt(h, 'crash');
    expect(starts.slice(0, 9)).toEqual([3, 4, 15, 36, 77, 158, 319, 620, 921]);
    // each run lasts 1 s, so the gap between an exit and the next start is the back-off
    const gaps = starts.slice(1, 9).map((s, i) => s - (starts[i]! + 1));
    expect(gaps).toEqual([0, 10, 20, 40, 80, 160, 300, 300]);
  });

  test('waiting reason, message, restartCount, lastState and STATUS at each step', () => {
    const h = new KubeletHarness();
    const pod = h.createPod('crash', { containers: [crasher()] }, { 'sim.podscope.dev/pull': '2s' });
    const uid = pod.metadata!.uid!;
    const cs = () => h.must('crash').status!.containerStatuses![0]!;

    h.at(5);
    expect(h.status('crash')).toBe('Error');
    expect(cs().restartCount).toBe(1);
    expect(cs().state).toEqual({
      terminated: {
        exitCode: 1,
        reason: 'Error',
        startedAt: '2026-01-01T00:00:04Z',
        finishedAt: '2026-01-01T00:00:05Z',
        containerID: cs().containerID,
      },
    });
    expect(cs().lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error', startedAt: '2026-01-01T00:00:03Z', finishedAt: '2026-01-01T00:00:04Z' });

    h.at(15);
    expect(h.status('crash')).toBe('Running');
    expect(cs().restartCount).toBe(2);
    expect(cs().state).toEqual({ running: { startedAt: '2026-01-01T00:00:15Z' } });
    expect(cs().lastState?.terminated?.finishedAt).toBe('2026-01-01T00:00:05Z');

    h.at(26);
    expect(h.status('crash')).toBe('CrashLoopBackOff');
    expect(cs().state).toEqual({
      waiting: { reason: 'CrashLoopBackOff', message: `back-off 20s restarting failed container=app pod=crash_default(${uid})` },
    });
    expect(cs().restartCount).toBe(2);
    expect(cs().ready).toBe(false);
    expect(cs().lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error', startedAt: '2026-01-01T00:00:15Z', finishedAt: '2026-01-01T00:00:16Z' });

    h.at(88);
    expect(cs().state?.waiting?.message).toBe(`back-off 1m20s restarting failed container=app pod=crash_default(${uid})`);
    h.at(169);
    expect(cs().state?.waiting?.message).toBe(`back-off 2m40s restarting failed container=app pod=crash_default(${uid})`);
    h.at(330);
    expect(cs().state?.waiting?.message).toBe(`back-off 5m0s restarting failed container=app pod=crash_default(${uid})`);
    expect(cs().restartCount).toBe(6);

    expect(h.statusLine('crash').slice(0, 12)).toEqual([
      '0s Pending 0/1 0',
      '0s ContainerCreating 0/1 0',
      '3s Running 1/1 0',
      '4s Running 1/1 1',
      '5s Error 0/1 1',
      '15s Running 1/1 2',
      '16s Error 0/1 2',
      '26s CrashLoopBackOff 0/1 2',
      '36s Running 1/1 3',
      '37s Error 0/1 3',
      '47s CrashLoopBackOff 0/1 3',
      '77s Running 1/1 4',
    ]);
    expect(h.must('crash').status!.phase).toBe('Running');
  });

  test('Warning BackOff on the exit sync and every 10 s resync while backing off', () => {
    const h = new KubeletHarness();
    const pod = h.createPod('crash', { containers: [crasher()] }, { 'sim.podscope.dev/pull': '2s' });
    h.at(77);
    const backOffs = h.events('crash', (e) => e.reason === 'BackOff');
    const msg = `Warning BackOff Back-off restarting failed container app in pod crash_default(${pod.metadata!.uid})`;
    expect(backOffs).toEqual(['5s', '16s', '26s', '37s', '47s', '57s', '67s'].map((t) => `${t} ${msg}`));
    // the correlator folds the repeats into one Event
    const stored = [...h.store.all('Event')].filter((e) => e.reason === 'BackOff');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.count).toBe(7);
    expect(stored[0]!.involvedObject.fieldPath).toBe('spec.containers{app}');
    expect(stored[0]!.source).toEqual({ component: 'kubelet', host: 'node-1' });
  });

  test('the back-off starts over once an exit comes more than 600 s after its last update', () => {
    const h = new KubeletHarness();
    h.createPod('slow', { containers: [container('app', 'busybox:1.36')] }, {
      'sim.podscope.dev/pull': '2s',
      'sim.podscope.dev/run': '590s',
      'sim.podscope.dev/exit-code': '1',
    });
    h.at(4000);
    const starts = startedAt(h, 'slow');
    // exits at 593, 1183 (+10), 1783 (+20), then 2393 is 610 s after the 1783 update: at once again
    expect(starts.slice(0, 6)).toEqual([3, 593, 1193, 1803, 2393, 2993]);
    const gaps = starts.slice(1, 6).map((s, i) => s - (starts[i]! + 590));
    expect(gaps).toEqual([0, 10, 20, 0, 10]);
  });

  test('restartPolicy Never: the container stays terminated and the pod fails', () => {
    const h = new KubeletHarness();
    h.createPod('once', { restartPolicy: 'Never', containers: [crasher()] }, { 'sim.podscope.dev/pull': '2s' });
    h.at(100);
    expect(startedAt(h, 'once')).toEqual([3]);
    expect(h.must('once').status!.phase).toBe('Failed');
    expect(h.status('once')).toBe('Error');
    expect(h.must('once').status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
  });

  test('restartPolicy OnFailure: a clean exit completes the pod (Job-style)', () => {
    const h = new KubeletHarness();
    h.createPod('job', { restartPolicy: 'OnFailure', containers: [container('pi', 'perl:5.34', { command: ['perl', '-e', 'print 1'] })] }, { 'sim.podscope.dev/pull': '2s' });
    h.at(10);
    expect(h.must('job').status!.phase).toBe('Succeeded');
    expect(h.status('job')).toBe('Completed');
    expect(h.must('job').status!.conditions!.map((c) => `${c.type}=${c.status}${c.reason ? `/${c.reason}` : ''}`)).toEqual([
      'PodReadyToStartContainers=False',
      'Initialized=True/PodCompleted',
      'Ready=False/PodCompleted',
      'ContainersReady=False/PodCompleted',
      'PodScheduled=True',
    ]);
  });
});
