// k9s's usage cells from metrics objects and specs: millicores, MiB, whole percentages
// rounded down, "n/a" against nothing; requests fall back to limits; sidecars count.
import { describe, expect, it } from 'vitest';
import { nodeUsageCells, percentOf, podMetricsUsage, podRequestsLimits, podUsageCells, toMc, toMi } from '../../../src/kube/metricsColumns.js';
import type { PodMetrics } from '../../../src/kube/metricsTypes.js';
import type { Pod } from '../../../src/kube/types.js';

describe('formats', () => {
  it.each([
    [0, '0'],
    [12, '12'],
    [1500, '1500'],
  ])('toMc(%d) = %s', (v, want) => expect(toMc(v)).toBe(want));
  it.each([
    [0, '0'],
    [1024 * 1024 - 1, '0'],
    [64 * 1024 * 1024, '64'],
    [100 * 1024 * 1024 + 5, '100'],
  ])('toMi(%d) = %s', (v, want) => expect(toMi(v)).toBe(want));
  it.each([
    [5, 0, 'n/a'],
    [0, 100, '0'],
    [50, 100, '50'],
    [99.9, 100, '99'],
    [250, 100, '250'],
  ])('percentOf(%d, %d) = %s', (v, t, want) => expect(percentOf(v, t)).toBe(want));
});

describe('podMetricsUsage', () => {
  it('sums containers, rounding cpu up to millicores and memory up to bytes', () => {
    const m = { containers: [{ name: 'a', usage: { cpu: '1500001n', memory: '10Mi' } }, { name: 'b', usage: { cpu: '2m', memory: '1Ki' } }] } as PodMetrics;
    expect(podMetricsUsage(m)).toEqual({ cpuMillis: 4, memBytes: 10 * 1024 * 1024 + 1024 });
  });
});

describe('podRequestsLimits', () => {
  it('sums app containers and sidecars; a container without requests requests its limits', () => {
    const pod: Pod = {
      spec: {
        initContainers: [
          { name: 'init', resources: { requests: { cpu: '1' } } },
          { name: 'side', restartPolicy: 'Always', resources: { requests: { cpu: '50m', memory: '32Mi' } } },
        ],
        containers: [
          { name: 'a', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } } },
          { name: 'b', resources: { limits: { cpu: '300m', memory: '256Mi' } } },
        ],
      },
    };
    expect(podRequestsLimits(pod)).toEqual({ cpuRequest: 450, cpuLimit: 500, memRequest: (32 + 64 + 256) * 1024 * 1024, memLimit: 384 * 1024 * 1024 });
  });
});

describe('cells', () => {
  it('a pod without metrics uses nothing', () => {
    expect(podUsageCells(undefined, { cpuRequest: 100, cpuLimit: 0, memRequest: 0, memLimit: 0 })).toEqual({
      cpu: '0', mem: '0', cpuOfRequest: '0', cpuOfLimit: 'n/a', memOfRequest: 'n/a', memOfLimit: 'n/a',
    });
  });
  it('a node: usage of allocatable, n/a without metrics', () => {
    const node = { status: { allocatable: { cpu: '4', memory: '8Gi' } } };
    expect(nodeUsageCells({ cpuMillis: 400, memBytes: 2 * 1024 ** 3 }, node)).toEqual({ cpu: '400', cpuOfAllocatable: '10', mem: '2048', memOfAllocatable: '25' });
    expect(nodeUsageCells(undefined, node).cpu).toBe('n/a');
  });
});
