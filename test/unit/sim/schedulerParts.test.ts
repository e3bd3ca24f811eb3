import { describe, expect, it } from 'vitest';
import type { Container, Node, Pod } from '../../../src/kube/types.js';
import { fitErrorMessage, truncateMessage } from '../../../src/sim/scheduler/fitError.js';
import { preFilterNodeNames, requiredNodeMatcher } from '../../../src/sim/scheduler/nodeAffinity.js';
import { podRequests } from '../../../src/sim/scheduler/podResources.js';
import { backoffMs } from '../../../src/sim/scheduler/schedulingQueue.js';
import { leastAllocatedScore } from '../../../src/sim/scheduler/score.js';
import { effectiveTaints, firstUntoleratedTaint, toleratesTaint } from '../../../src/sim/scheduler/taints.js';

function c(name: string, cpu?: string, memory?: string, restartPolicy?: string): Container {
  const requests: Record<string, string> = {};
  if (cpu) requests['cpu'] = cpu;
  if (memory) requests['memory'] = memory;
  return { name, image: 'x', resources: { requests }, ...(restartPolicy ? { restartPolicy } : {}) };
}

function podWith(spec: Partial<NonNullable<Pod['spec']>>): Pod {
  return { metadata: { name: 'p', namespace: 'd' }, spec: { containers: [], ...spec } };
}

describe('podRequests (effective requests with init containers and sidecars)', () => {
  it('takes the larger of the containers sum and the biggest init container', () => {
    const pod = podWith({ containers: [c('a', '100m', '64Mi'), c('b', '200m', '64Mi')], initContainers: [c('init', '1', '32Mi')] });
    expect(podRequests(pod)).toEqual({ cpuMillis: 1000, memoryBytes: 128 * 1024 * 1024 });
  });

  it('adds sidecars to the main containers and to the init containers that start after them', () => {
    const before = podWith({ containers: [c('a', '300m')], initContainers: [c('side', '50m', undefined, 'Always'), c('init', '500m')] });
    expect(podRequests(before).cpuMillis).toBe(550);
    const after = podWith({ containers: [c('a', '300m')], initContainers: [c('init', '500m'), c('side', '50m', undefined, 'Always')] });
    expect(podRequests(after).cpuMillis).toBe(500);
    const small = podWith({ containers: [c('a', '300m')], initContainers: [c('init', '100m'), c('side', '50m', undefined, 'Always')] });
    expect(podRequests(small).cpuMillis).toBe(350);
  });

  it('adds the pod overhead, and uses 100m / 200Mi for unset requests when scoring', () => {
    const pod = podWith({ containers: [c('a'), c('b', '0')], overhead: { cpu: '250m', memory: '120Mi' } });
    expect(podRequests(pod)).toEqual({ cpuMillis: 250, memoryBytes: 120 * 1024 * 1024 });
    expect(podRequests(pod, true)).toEqual({ cpuMillis: 350, memoryBytes: (2 * 200 + 120) * 1024 * 1024 });
  });
});

describe('taints and tolerations', () => {
  it('matches as ToleratesTaint does', () => {
    const taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
    expect(toleratesTaint({ operator: 'Exists' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'k', operator: 'Exists', effect: 'NoExecute' }, taint)).toBe(false);
    expect(toleratesTaint({ key: 'k', value: 'v' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'k', operator: 'Equal', value: 'w' }, taint)).toBe(false);
    expect(toleratesTaint({ key: 'other', operator: 'Exists' }, taint)).toBe(false);
  });

  it('ignores PreferNoSchedule and reports the first untolerated taint in node order', () => {
    const taints = [
      { key: 'soft', effect: 'PreferNoSchedule' },
      { key: 'a', value: '1', effect: 'NoExecute' },
      { key: 'b', value: '2', effect: 'NoSchedule' },
    ];
    expect(firstUntoleratedTaint(taints, [{ key: 'a', operator: 'Exists' }])).toEqual(taints[2]);
    expect(firstUntoleratedTaint(taints, [])).toEqual(taints[1]);
  });

  it('treats a node that is not Ready as tainted not-ready (or unreachable when Unknown)', () => {
    const node = (status?: string, taints?: Node['spec'] extends infer S ? (S extends { taints?: infer T } ? T : never) : never): Node => ({
      metadata: { name: 'n' },
      spec: { taints },
      status: { conditions: status ? [{ type: 'Ready', status }] : [] },
    });
    expect(effectiveTaints(node('True'))).toEqual([]);
    expect(effectiveTaints(node('False'))).toEqual([{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]);
    expect(effectiveTaints(node(undefined))).toEqual([{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]);
    expect(effectiveTaints(node('Unknown'))).toEqual([{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }]);
    const tainted = [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }];
    expect(effectiveTaints(node('Unknown', tainted))).toEqual(tainted);
  });
});

describe('node affinity', () => {
  const node = (name: string, labels: Record<string, string>): Node => ({ metadata: { name, labels } });
  const affinity = (terms: unknown[]): Pod =>
    podWith({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms as never } } } });

  it('ORs terms, ANDs requirements, and rejects malformed or empty terms', () => {
    const m = requiredNodeMatcher(
      affinity([
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'gpu', operator: 'DoesNotExist' }] },
        { matchExpressions: [{ key: 'gen', operator: 'Lt', values: ['nope'] }] },
        {},
        { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['x', 'y'] }, { key: 'metadata.name', operator: 'In', values: ['z'] }] },
      ]),
    )!;
    expect(m(node('a1', { zone: 'a' }))).toBe(true);
    expect(m(node('a2', { zone: 'a', gpu: '1' }))).toBe(false);
    expect(m(node('b1', { zone: 'b', gen: '1' }))).toBe(false);
    expect(m(node('z', {}))).toBe(true);
  });

  it('combines nodeSelector with affinity, and has no matcher when neither is set', () => {
    expect(requiredNodeMatcher(podWith({}))).toBeUndefined();
    const m = requiredNodeMatcher({
      ...affinity([{ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }]),
      spec: { ...affinity([{ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }]).spec!, nodeSelector: { disk: 'ssd' } },
    })!;
    expect(m(node('n', { zone: 'a' }))).toBe(false);
    expect(m(node('n', { zone: 'a', disk: 'ssd' }))).toBe(true);
  });

  it('pre-filters to the node names every term pins (DaemonSet pods)', () => {
    expect(preFilterNodeNames(affinity([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }]))).toEqual(new Set(['n1']));
    expect(
      preFilterNodeNames(
        affinity([
          { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] },
          { matchExpressions: [{ key: 'zone', operator: 'Exists' }] },
        ]),
      ),
    ).toBeUndefined();
    expect(
      preFilterNodeNames(
        affinity([
          {
            matchFields: [
              { key: 'metadata.name', operator: 'In', values: ['n1'] },
              { key: 'metadata.name', operator: 'In', values: ['n2'] },
            ],
          },
        ]),
      ),
    ).toEqual(new Set());
  });
});

describe('messages, scores and backoff', () => {
  it('formats a PreFilter rejection without the per-node histogram', () => {
    expect(fitErrorMessage(3, { nodeStatuses: new Map(), preFilterMsg: 'pod affinity terms conflict' }, 'preemption: x')).toBe(
      '0/3 nodes are available: pod affinity terms conflict. preemption: x',
    );
  });

  it('truncates long event notes to 1024 characters with " ..."', () => {
    const long = 'x'.repeat(2000);
    expect(truncateMessage(long)).toHaveLength(1024);
    expect(truncateMessage(long).endsWith('x ...')).toBe(true);
    expect(truncateMessage('short')).toBe('short');
  });

  it('scores least allocated in whole points', () => {
    expect(leastAllocatedScore(1000, 4000, 2 * 1024 ** 3, 8 * 1024 ** 3)).toBe(75);
    expect(leastAllocatedScore(1001, 4000, 0, 8 * 1024 ** 3)).toBe(87);
    expect(leastAllocatedScore(5000, 4000, 0, 0)).toBe(0);
  });

  it('backs off 1 s, doubling per attempt, up to 10 s', () => {
    expect([1, 2, 3, 4, 5, 6].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });
});
