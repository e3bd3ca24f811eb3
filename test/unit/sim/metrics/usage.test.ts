// The simulated usage model: the cpu annotation's parser and defaults, memory along its
// schedule up to the limit, and PodMetrics/NodeMetrics built from pods at an instant.
import { describe, expect, it } from 'vitest';
import { cpuMillisAt, defaultCpuRange, memoryBytesAt, METRICS_WINDOW_MS, readCpuRange, readMemorySchedule } from '../../../../src/sim/behaviour/index.js';
import { cpuQuantity, memoryQuantity, nodeMetricsAt, NODE_OVERHEAD, podMetricsAt, podUsage } from '../../../../src/sim/metrics/index.js';
import type { MemorySchedule } from '../../../../src/sim/behaviour/index.js';
import { quantityNanos } from '../../../../src/kube/quantity.js';
import type { Node, Pod } from '../../../../src/kube/types.js';

const Mi = 1024 * 1024;

describe('readCpuRange', () => {
  it.each([
    ['250m', { minMillis: 250, maxMillis: 250 }],
    ['0.5', { minMillis: 500, maxMillis: 500 }],
    ['100m-400m', { minMillis: 100, maxMillis: 400 }],
    [' 100m - 1 ', { minMillis: 100, maxMillis: 1000 }],
    ['400m-100m', undefined],
    ['fast', undefined],
    ['', undefined],
    ['1-2-3', undefined],
  ])('%j → %j', (text, want) => expect(readCpuRange(text)).toEqual(want));
});

describe('defaultCpuRange', () => {
  it.each([
    [{ requests: { cpu: '200m' }, limits: { cpu: '1' } }, { minMillis: 20, maxMillis: 100 }],
    [{ limits: { cpu: '1' } }, { minMillis: 100, maxMillis: 500 }],
    [{}, { minMillis: 1, maxMillis: 5 }],
  ])('%j → %j', (resources, want) => expect(defaultCpuRange({ name: 'c', resources })).toEqual(want));
});

describe('cpuMillisAt', () => {
  it('stays in the range, is constant within a window and capped by the limit', () => {
    const range = { minMillis: 100, maxMillis: 400 };
    const seen = new Set<number>();
    for (let w = 0; w < 50; w++) {
      const v = cpuMillisAt(range, 'uid/c', w * METRICS_WINDOW_MS, undefined);
      expect(v).toBeGreaterThanOrEqual(100);
      expect(v).toBeLessThanOrEqual(400);
      expect(cpuMillisAt(range, 'uid/c', w * METRICS_WINDOW_MS + METRICS_WINDOW_MS - 1, undefined)).toBe(v);
      expect(cpuMillisAt(range, 'uid/c', w * METRICS_WINDOW_MS, 150)).toBe(Math.min(v, 150));
      seen.add(v);
    }
    expect(seen.size).toBeGreaterThan(40);
  });
});

describe('memoryBytesAt', () => {
  const schedule = readMemorySchedule('50Mi +25Mi/s') as MemorySchedule;
  it.each([
    [0, undefined, 50 * Mi],
    [1000, undefined, 75 * Mi],
    [1000, 100 * Mi, 75 * Mi],
    [5000, 100 * Mi, 100 * Mi],
    [10, undefined, 50 * Mi + 256 * 1024],
  ])('after %i ms (limit %s) → %i bytes', (ms, limit, want) => expect(memoryBytesAt(schedule, ms, limit)).toBe(want));
  it('counts whole 4 KiB pages', () => expect(memoryBytesAt({ startBytes: 10_000, bytesPerSecond: 0 }, 0, undefined)).toBe(8192));
});

function pod(annotations: Record<string, string>, started = '2026-01-01T00:00:00Z'): Pod {
  return {
    metadata: { name: 'p', namespace: 'ns', uid: 'u-1', labels: { app: 'x' }, annotations },
    spec: {
      nodeName: 'n1',
      containers: [
        { name: 'a', image: 'nginx', resources: { limits: { memory: '100Mi' } } },
        { name: 'b', image: 'nginx' },
      ],
    },
    status: {
      phase: 'Running',
      containerStatuses: [
        { name: 'a', ready: true, restartCount: 0, image: 'nginx', imageID: '', state: { running: { startedAt: started } } },
        { name: 'b', ready: false, restartCount: 0, image: 'nginx', imageID: '', state: { waiting: { reason: 'CrashLoopBackOff' } } },
      ],
    },
  };
}

describe('podMetricsAt', () => {
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  it('measures running containers only, on whole seconds, as metrics-server shapes them', () => {
    const p = pod({ 'sim.podscope.dev/memory.a': '40Mi +10Mi/s', 'sim.podscope.dev/cpu': '250m' });
    expect(podMetricsAt(p, t0 + 2_500)).toEqual({
      kind: 'PodMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: { name: 'p', namespace: 'ns', creationTimestamp: '2026-01-01T00:00:02Z', labels: { app: 'x' } },
      timestamp: '2026-01-01T00:00:02Z',
      window: '15s',
      containers: [{ name: 'a', usage: { cpu: '250m', memory: '60Mi' } }],
    });
  });
  it('climbs toward the memory limit and stays at it', () => {
    const p = pod({ 'sim.podscope.dev/memory': '40Mi +10Mi/s' });
    expect(podUsage(p, t0 + 5_000)[0]!.usage.bytes).toBe(90 * Mi);
    expect(podUsage(p, t0 + 60_000)[0]!.usage.bytes).toBe(100 * Mi);
  });
  it('has none for a pod that is not Running or runs nothing', () => {
    expect(podMetricsAt({ ...pod({}), status: { phase: 'Pending' } }, t0)).toBeUndefined();
    const p = pod({});
    p.status!.containerStatuses![0]!.state = { terminated: { exitCode: 0, startedAt: '', finishedAt: '' } as never };
    expect(podMetricsAt(p, t0)).toBeUndefined();
  });
});

describe('nodeMetricsAt', () => {
  it('is the overhead plus its pods', () => {
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const node: Node = { metadata: { name: 'n1', uid: 'node-uid' } };
    const p = pod({ 'sim.podscope.dev/memory': '64Mi', 'sim.podscope.dev/cpu': '100m' });
    const empty = nodeMetricsAt(node, [], t0);
    const busy = nodeMetricsAt(node, [p], t0);
    expect(empty.usage.memory).toBe(memoryQuantity(NODE_OVERHEAD.bytes));
    expect(busy.usage.memory).toBe(memoryQuantity(NODE_OVERHEAD.bytes + 64 * Mi));
    expect(quantityNanos(busy.usage.cpu!) - quantityNanos(empty.usage.cpu!)).toBe(100_000_000n);
    expect(cpuQuantity(100_000_000)).toBe('100m');
  });
});
