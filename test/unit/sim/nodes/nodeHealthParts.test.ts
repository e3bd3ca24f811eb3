// The pure pieces of node loss, table-driven: toleration times, Unknown conditions, taints,
// MarkPodsNotReady, node conditions the kubelet reports, node-state annotations.
import { describe, expect, it } from 'vitest';
import type { Node, Pod, Taint, Toleration } from '../../../../src/kube/types.js';
import { notReadyConditions, unknownConditions, withoutHealthTaints, withUnreachableTaints } from '../../../../src/sim/controllers/nodeHealth.js';
import { evictionDelay } from '../../../../src/sim/controllers/tolerationTime.js';
import { conditionsDiffer, reportedConditions } from '../../../../src/sim/kubelet/nodeConditions.js';
import { makeNode } from '../../../../src/sim/nodes.js';
import { nodeScheduleOf, nodeStateErrors, nodeStateOf } from '../../../../src/sim/nodeState.js';

const T = Date.UTC(2026, 0, 1, 0, 0, 0);
const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const defaults: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

describe('evictionDelay (GetMatchingTolerations + getMinTolerationTime)', () => {
  it.each<[string, Taint[], Toleration[] | undefined, number | 'now' | 'never']>([
    ['no NoExecute taint', [{ key: 'x', effect: 'NoSchedule' }], undefined, 'never'],
    ['untolerated', [unreachable], undefined, 'now'],
    ['DefaultTolerationSeconds: 300 s', [unreachable], defaults, 300_000],
    ['unbounded (DaemonSet)', [unreachable], [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }], 'never'],
    ['zero seconds', [unreachable], [{ operator: 'Exists', tolerationSeconds: 0 }], 'now'],
    ['first matching toleration counts', [unreachable], [{ operator: 'Exists', tolerationSeconds: 60 }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 10 }], 60_000],
    ['smallest over taints', [unreachable, { key: 'b', effect: 'NoExecute' }], [...defaults, { key: 'b', operator: 'Exists', tolerationSeconds: 30 }], 30_000],
    ['one taint untolerated', [unreachable, { key: 'b', effect: 'NoExecute' }], defaults, 'now'],
  ])('%s', (_name, taints, tolerations, want) => {
    expect(evictionDelay(taints, tolerations)).toBe(want);
  });
});

describe('node health', () => {
  it('unknownConditions keeps heartbeats, moves transitions, adds never-updated ones', () => {
    const node = makeNode('n', 0, { now: T });
    node.status!.conditions = node.status!.conditions!.filter((c) => c.type !== 'PIDPressure');
    const got = unknownConditions(node, T + 60_000);
    expect(got.map((c) => [c.type, c.status, c.reason, c.lastHeartbeatTime, c.lastTransitionTime])).toEqual([
      ['MemoryPressure', 'Unknown', 'NodeStatusUnknown', '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z'],
      ['DiskPressure', 'Unknown', 'NodeStatusUnknown', '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z'],
      ['Ready', 'Unknown', 'NodeStatusUnknown', '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z'],
      ['PIDPressure', 'Unknown', 'NodeStatusNeverUpdated', undefined, '2026-01-01T00:01:00Z'],
    ]);
    expect(got.at(-1)!.message).toBe('Kubelet never posted node status.');
    // Already Unknown: nothing moves.
    expect(unknownConditions({ ...node, status: { conditions: got } }, T + 120_000)).toEqual(got);
  });

  it('unreachable taints replace not-ready ones, keep others, and go when Ready', () => {
    const user: Taint = { key: 'dedicated', value: 'db', effect: 'NoSchedule' };
    const tainted = withUnreachableTaints([user, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }], T);
    expect(tainted).toEqual([
      user,
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: '2026-01-01T00:00:00Z' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-01-01T00:00:00Z' },
    ]);
    expect(withUnreachableTaints(tainted, T + 5000)).toEqual(tainted);
    expect(withoutHealthTaints(tainted)).toEqual([user]);
  });

  it('notReadyConditions turns only Ready False, once', () => {
    const pod: Pod = {
      status: {
        conditions: [
          { type: 'ContainersReady', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' },
          { type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' },
        ],
      },
    };
    const next = notReadyConditions(pod, T + 1000)!;
    expect(next).toEqual([
      { type: 'ContainersReady', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' },
      { type: 'Ready', status: 'False', lastTransitionTime: '2026-01-01T00:00:01Z' },
    ]);
    expect(notReadyConditions({ status: { conditions: next } }, T + 2000)).toBeUndefined();
    expect(notReadyConditions({ status: {} }, T)).toBeUndefined();
  });
});

describe('kubelet node conditions', () => {
  it('a report moves heartbeats, and transitions only on change', () => {
    const unknown = unknownConditions(makeNode('n', 0, { now: T }), T + 40_000);
    expect(conditionsDiffer(unknown)).toBe(true);
    const back = reportedConditions(unknown, T + 100_000);
    expect(back.map((c) => [c.type, c.status, c.reason, c.lastHeartbeatTime, c.lastTransitionTime])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', '2026-01-01T00:01:40Z', '2026-01-01T00:01:40Z'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', '2026-01-01T00:01:40Z', '2026-01-01T00:01:40Z'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', '2026-01-01T00:01:40Z', '2026-01-01T00:01:40Z'],
      ['Ready', 'True', 'KubeletReady', '2026-01-01T00:01:40Z', '2026-01-01T00:01:40Z'],
    ]);
    expect(conditionsDiffer(back)).toBe(false);
    const later = reportedConditions(back, T + 400_000);
    expect(later.find((c) => c.type === 'Ready')).toMatchObject({ lastHeartbeatTime: '2026-01-01T00:06:40Z', lastTransitionTime: '2026-01-01T00:01:40Z' });
  });
});

describe('node-state annotations', () => {
  const node = (annotations: Record<string, string>): Node => ({ metadata: { name: 'n', creationTimestamp: '2026-01-01T00:00:00Z', annotations } });
  it.each<[Record<string, string>, string[]]>([
    [{}, []],
    [{ 'sim.podscope.dev/node-state': 'stopped' }, []],
    [{ 'sim.podscope.dev/node-state': 'off' }, ['metadata.annotations[sim.podscope.dev/node-state]']],
    [{ 'sim.podscope.dev/stop-after': 'soon' }, ['metadata.annotations[sim.podscope.dev/stop-after]']],
    [{ 'sim.podscope.dev/start-after': '10m' }, []],
  ])('%j', (annotations, fields) => {
    expect(nodeStateErrors(node(annotations)).map((e) => e.field)).toEqual(fields);
  });
  it('state and schedule', () => {
    expect(nodeStateOf(node({}))).toBe('running');
    expect(nodeStateOf(node({ 'sim.podscope.dev/node-state': 'stopped' }))).toBe('stopped');
    expect(nodeScheduleOf(node({ 'sim.podscope.dev/stop-after': '2m', 'sim.podscope.dev/start-after': '1h' }))).toEqual({ stopAtMs: T + 120_000, startAtMs: T + 3_600_000 });
  });
});
