import { describe, expect, test } from 'vitest';
import { container, KubeletHarness } from './helpers/kubeletHarness.js';

describe('kubelet probes', () => {
  test('liveness failing failureThreshold times: Unhealthy ×3, Killing, restart', () => {
    const h = new KubeletHarness();
    h.createPod(
      'web',
      { containers: [container('app', 'nginx:1.25', { livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5, failureThreshold: 3 } })] },
      { 'sim.podscope.dev/pull': '1s', 'sim.podscope.dev/liveness': 'pass 20s, fail' },
    );
    h.at(34);
    expect(h.events('web', (e) => e.reason !== 'Pulling' && e.reason !== 'Pulled')).toEqual([
      '2s Normal Created Created container app',
      '2s Normal Started Started container app',
      '22s Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500',
      '27s Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500',
      '32s Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500',
      '32s Normal Killing Container app failed liveness probe, will be restarted',
      // nginx exits 1 s after SIGTERM (shutdown default), the first restart is immediate
      '33s Normal Created Created container app',
      '33s Normal Started Started container app',
    ]);
    const cs = h.must('web').status!.containerStatuses![0]!;
    expect(cs.restartCount).toBe(1);
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed', startedAt: '2026-01-01T00:00:02Z', finishedAt: '2026-01-01T00:00:33Z' });
    expect(cs.state).toEqual({ running: { startedAt: '2026-01-01T00:00:33Z' } });
    const unhealthy = [...h.store.all('Event')].filter((e) => e.reason === 'Unhealthy');
    expect(unhealthy.map((e) => e.count)).toEqual([3]);
  });

  test('readiness drives ready, ContainersReady and Ready both ways; transition times move only on change', () => {
    const h = new KubeletHarness();
    h.createPod(
      'web',
      { containers: [container('app', 'nginx:1.25', { readinessProbe: { tcpSocket: { port: 'http' }, periodSeconds: 10, failureThreshold: 1 }, ports: [{ name: 'http', containerPort: 8080 }] })] },
      { 'sim.podscope.dev/pull': '1s', 'sim.podscope.dev/readiness': 'pass 30s, fail 20s, repeat' },
    );
    const cond = (type: string) => h.must('web').status!.conditions!.find((c) => c.type === type)!;
    h.at(3);
    expect(cond('Ready')).toEqual({ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:02Z' });
    h.at(33);
    expect(h.status('web')).toBe('Running');
    expect(h.statusLine('web').at(-1)).toBe('32s Running 0/1 0');
    expect(cond('ContainersReady')).toEqual({
      type: 'ContainersReady',
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [app]',
      lastTransitionTime: '2026-01-01T00:00:32Z',
    });
    expect(cond('Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', lastTransitionTime: '2026-01-01T00:00:32Z' });
    h.at(45);
    expect(cond('Ready').lastTransitionTime).toBe('2026-01-01T00:00:32Z');
    h.at(53);
    expect(cond('Ready')).toEqual({ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:52Z' });
    expect(h.must('web').status!.containerStatuses![0]!.ready).toBe(true);
    expect(h.events('web', (e) => e.reason === 'Unhealthy')).toEqual([
      '32s Warning Unhealthy Readiness probe failed: dial tcp 10.244.1.2:8080: connect: connection refused',
      '42s Warning Unhealthy Readiness probe failed: dial tcp 10.244.1.2:8080: connect: connection refused',
    ]);
  });

  test('a startup probe gates liveness and readiness; started flips when it passes', () => {
    const h = new KubeletHarness();
    h.createPod(
      'web',
      {
        containers: [
          container('app', 'nginx:1.25', {
            startupProbe: { exec: { command: ['cat', '/ready'] }, periodSeconds: 5, failureThreshold: 10 },
            readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 },
          }),
        ],
      },
      { 'sim.podscope.dev/pull': '1s', 'sim.podscope.dev/startup': 'fail 12s, pass', 'sim.podscope.dev/probe-message': 'not yet' },
    );
    h.at(13);
    const cs = () => h.must('web').status!.containerStatuses![0]!;
    expect(cs().started).toBe(false);
    expect(cs().ready).toBe(false);
    h.at(17);
    expect(cs().started).toBe(true);
    // readiness ticks at 2 + 10k: its first tick after startup passed (17 s) is at 22 s
    expect(cs().ready).toBe(false);
    h.at(22);
    expect(cs().ready).toBe(true);
    expect(h.events('web', (e) => e.reason === 'Unhealthy')).toEqual([
      '2s Warning Unhealthy Startup probe failed: not yet',
      '7s Warning Unhealthy Startup probe failed: not yet',
      '12s Warning Unhealthy Startup probe failed: not yet',
    ]);
  });
});
