import { describe, expect, test } from 'vitest';
import { container, KubeletHarness } from './helpers/kubeletHarness.js';

const PULL = { 'sim.podscope.dev/pull': '1s' };

describe('kubelet init containers and sidecars', () => {
  test('regular init containers run one at a time, then the main containers', () => {
    const h = new KubeletHarness();
    h.createPod(
      'web',
      {
        initContainers: [
          container('migrate', 'busybox:1.36', { command: ['sh', '-c', 'sleep 5'] }),
          container('warm', 'busybox:1.36', { command: ['sh', '-c', 'sleep 3'] }),
        ],
        containers: [container('app', 'nginx:1.25')],
      },
      PULL,
    );
    expect(h.status('web')).toBe('Init:0/2');
    h.at(30);
    expect(h.events('web', (e) => e.reason === 'Started' || e.reason === 'Pulled')).toEqual([
      '2s Normal Pulled Successfully pulled image "busybox:1.36" in 1s (1s including waiting). Image size: 58343736 bytes.',
      '2s Normal Started Started container migrate',
      '7s Normal Pulled Container image "busybox:1.36" already present on machine',
      '7s Normal Started Started container warm',
      '11s Normal Pulled Successfully pulled image "nginx:1.25" in 1s (1s including waiting). Image size: 92976530 bytes.',
      '11s Normal Started Started container app',
    ]);
    expect(h.statusLine('web')).toEqual([
      '0s Pending 0/1 0',
      '0s Init:0/2 0/1 0',
      '7s Init:1/2 0/1 0',
      '10s PodInitializing 0/1 0',
      '11s Running 1/1 0',
    ]);
    const init = h.must('web').status!.initContainerStatuses!;
    expect(init.map((s) => [s.name, s.state?.terminated?.reason, s.ready, s.started])).toEqual([
      ['migrate', 'Completed', true, false],
      ['warm', 'Completed', true, false],
    ]);
  });

  test('Initialized stays False with the incomplete init containers named until they are done', () => {
    const h = new KubeletHarness();
    h.createPod(
      'web',
      {
        initContainers: [container('a', 'busybox:1.36', { command: ['sleep', '5'] }), container('b', 'busybox:1.36', { command: ['sleep', '5'] })],
        containers: [container('app', 'nginx:1.25')],
      },
      PULL,
    );
    const initialized = () => h.must('web').status!.conditions!.find((c) => c.type === 'Initialized');
    expect(initialized()).toEqual({
      type: 'Initialized',
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [a b]',
      lastTransitionTime: '2026-01-01T00:00:00Z',
    });
    h.at(8);
    expect(initialized()!.message).toBe('containers with incomplete status: [b]');
    h.at(13);
    expect(initialized()).toEqual({ type: 'Initialized', status: 'True', lastTransitionTime: '2026-01-01T00:00:12Z' });
  });

  test('a failing init container with restartPolicy Never fails the pod', () => {
    const h = new KubeletHarness();
    h.createPod(
      'job',
      {
        restartPolicy: 'Never',
        initContainers: [container('check', 'busybox:1.36', { command: ['sh', '-c', 'sleep 2; exit 3'] })],
        containers: [container('work', 'busybox:1.36', { command: ['sh', '-c', 'echo done'] })],
      },
      PULL,
    );
    h.at(60);
    const pod = h.must('job');
    expect(pod.status!.phase).toBe('Failed');
    expect(h.status('job')).toBe('Init:Error');
    expect(pod.status!.initContainerStatuses![0]!.state?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    // the status manager's TerminatePod: a container that never ran is reported lost
    expect(pod.status!.containerStatuses![0]!.state).toEqual({
      terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated' },
    });
    expect(pod.status!.conditions!.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      message: 'containers with incomplete status: [check]',
    });
    expect(h.events('job', (e) => e.reason === 'Started')).toEqual(['2s Normal Started Started container check']);
  });

  test('a failing init container with restartPolicy Always is retried with the crash back-off', () => {
    const h = new KubeletHarness();
    h.createPod(
      'web',
      {
        initContainers: [container('check', 'busybox:1.36', { command: ['sh', '-c', 'exit 1'] })],
        containers: [container('app', 'nginx:1.25')],
      },
      PULL,
    );
    h.at(2);
    expect(h.status('web')).toBe('Init:Error');
    h.at(12);
    expect(h.status('web')).toBe('Init:Error');
    h.at(22);
    expect(h.status('web')).toBe('Init:CrashLoopBackOff');
    expect(h.events('web', (e) => e.reason === 'Started').map((l) => l.split(' ')[0])).toEqual(['2s', '2s', '12s']);
    expect(h.must('web').status!.phase).toBe('Pending');
  });

  test('sidecars start first, each after the previous one started, and stop last in reverse order', () => {
    const h = new KubeletHarness();
    h.createPod(
      'web',
      {
        terminationGracePeriodSeconds: 30,
        initContainers: [
          container('proxy', 'envoy:1.30', { restartPolicy: 'Always' }),
          container('logs', 'fluentbit:3', {
            restartPolicy: 'Always',
            startupProbe: { exec: { command: ['true'] }, periodSeconds: 5, failureThreshold: 3 },
          }),
          container('setup', 'busybox:1.36', { command: ['sh', '-c', 'sleep 2'] }),
        ],
        containers: [container('app', 'nginx:1.25'), container('worker', 'nginx:1.25')],
      },
      { ...PULL, 'sim.podscope.dev/shutdown.app': '3s', 'sim.podscope.dev/shutdown.worker': '1s', 'sim.podscope.dev/shutdown': '1s' },
    );
    h.at(20);
    expect(h.events('web', (e) => e.reason === 'Started')).toEqual([
      '2s Normal Started Started container proxy',
      '3s Normal Started Started container logs',
      // the startup probe's first tick (delay 0) passes at once: setup may go
      '4s Normal Started Started container setup',
      '7s Normal Started Started container app',
      '7s Normal Started Started container worker',
    ]);
    expect(h.statusLine('web').at(-1)).toBe('7s Running 4/4 0');

    h.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 30 });
    h.at(40);
    expect(h.events('web', (e) => e.reason === 'Killing')).toEqual([
      '20s Normal Killing Stopping container app',
      '20s Normal Killing Stopping container worker',
      '20s Normal Killing Stopping container logs',
      '20s Normal Killing Stopping container proxy',
    ]);
    const last = h.deleted.find((d) => d.name === 'web')!;
    const finished = (name: string) =>
      [...last.pod.status!.initContainerStatuses!, ...last.pod.status!.containerStatuses!].find((s) => s.name === name)!.state!.terminated!.finishedAt;
    // main containers stop in parallel (worker after 1 s, app after 3 s), then logs, then proxy
    expect(finished('worker')).toBe('2026-01-01T00:00:21Z');
    expect(finished('app')).toBe('2026-01-01T00:00:23Z');
    expect(finished('logs')).toBe('2026-01-01T00:00:24Z');
    expect(finished('proxy')).toBe('2026-01-01T00:00:25Z');
    expect(last.t).toBe(25_000);
    expect(last.pod.status!.phase).toBe('Succeeded');
  });

  test('a sidecar crash restarts on its own and counts in RESTARTS', () => {
    const h = new KubeletHarness();
    h.createPod(
      'web',
      {
        initContainers: [container('proxy', 'envoy:1.30', { restartPolicy: 'Always' })],
        containers: [container('app', 'nginx:1.25')],
      },
      { ...PULL, 'sim.podscope.dev/run.proxy': '10s', 'sim.podscope.dev/exit-code.proxy': '1' },
    );
    h.at(13);
    const pod = h.must('web');
    expect(pod.status!.initContainerStatuses![0]!.restartCount).toBe(1);
    expect(h.statusLine('web').at(-1)).toBe('12s Running 2/2 1');
    expect(pod.status!.phase).toBe('Running');
  });
});
