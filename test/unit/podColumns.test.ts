import { describe, expect, it } from 'vitest';
import {
  podReadinessGates,
  podReadyCounts,
  podRow,
  podSummary,
  podStatus,
} from '../../src/kube/podColumns.js';
import { statusCategory } from '../../src/kube/statusCategory.js';
import type { ContainerState, ContainerStatus, Pod, PodCondition } from '../../src/kube/types.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString();

const running: ContainerState = { running: { startedAt: ago(60_000) } };
const waiting = (reason?: string): ContainerState => ({ waiting: reason ? { reason } : {} });
const terminated = (exitCode: number, reason?: string, signal?: number): ContainerState => ({
  terminated: { exitCode, ...(reason ? { reason } : {}), ...(signal ? { signal } : {}) },
});

function cs(name: string, state: ContainerState, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, image: 'img', imageID: '', ready: false, restartCount: 0, state, ...extra };
}
const ready = (name: string, extra: Partial<ContainerStatus> = {}): ContainerStatus =>
  cs(name, running, { ready: true, started: true, ...extra });
const cond = (type: string, status: string, reason?: string): PodCondition => ({
  type,
  status,
  ...(reason ? { reason } : {}),
});

interface PodOpts {
  containers?: string[];
  inits?: string[];
  sidecars?: string[];
  phase?: string;
  reason?: string;
  statuses?: ContainerStatus[];
  initStatuses?: ContainerStatus[];
  conditions?: PodCondition[];
  deleting?: boolean;
}

/** A pod whose init containers are `inits` (regular) interleaved with `sidecars` by name order given. */
function pod(o: PodOpts): Pod {
  const initNames = o.inits ?? [];
  const sidecars = new Set(o.sidecars ?? []);
  return {
    metadata: {
      name: 'p',
      namespace: 'ns',
      creationTimestamp: ago(3 * 60_000 + 20_000),
      ...(o.deleting ? { deletionTimestamp: ago(0) } : {}),
    },
    spec: {
      containers: (o.containers ?? ['app']).map((name) => ({ name, image: 'img' })),
      initContainers: initNames.map((name) => ({
        name,
        image: 'img',
        ...(sidecars.has(name) ? { restartPolicy: 'Always' } : {}),
      })),
    },
    status: {
      phase: o.phase ?? 'Running',
      ...(o.reason ? { reason: o.reason } : {}),
      conditions: o.conditions ?? [],
      containerStatuses: o.statuses ?? [],
      initContainerStatuses: o.initStatuses ?? [],
    },
  };
}

describe('STATUS (printPod)', () => {
  const cases: [string, PodOpts, string][] = [
    ['phase when nothing else applies', { phase: 'Pending' }, 'Pending'],
    ['status.reason replaces the phase', { phase: 'Failed', reason: 'Evicted' }, 'Evicted'],
    ['DeadlineExceeded reason', { phase: 'Failed', reason: 'DeadlineExceeded' }, 'DeadlineExceeded'],
    [
      'PodScheduled=SchedulingGated condition',
      { phase: 'Pending', conditions: [cond('PodScheduled', 'False', 'SchedulingGated')] },
      'SchedulingGated',
    ],
    [
      'init waiting PodInitializing → Init:i/N',
      { phase: 'Pending', inits: ['a', 'b'], initStatuses: [cs('a', waiting('PodInitializing')), cs('b', waiting('PodInitializing'))] },
      'Init:0/2',
    ],
    [
      'init waiting without a reason → Init:i/N',
      { phase: 'Pending', inits: ['a'], initStatuses: [cs('a', waiting())] },
      'Init:0/1',
    ],
    [
      'init running → Init:i/N',
      { phase: 'Pending', inits: ['a', 'b'], initStatuses: [cs('a', terminated(0, 'Completed')), cs('b', running)] },
      'Init:1/2',
    ],
    [
      'init waiting with a reason',
      { phase: 'Pending', inits: ['a'], initStatuses: [cs('a', waiting('ErrImagePull'))] },
      'Init:ErrImagePull',
    ],
    [
      'init crash loop',
      { phase: 'Pending', inits: ['a'], initStatuses: [cs('a', waiting('CrashLoopBackOff'))] },
      'Init:CrashLoopBackOff',
    ],
    [
      'init terminated non-zero with reason',
      { phase: 'Failed', inits: ['a'], initStatuses: [cs('a', terminated(1, 'Error'))] },
      'Init:Error',
    ],
    [
      'init terminated non-zero, signal, no reason',
      { phase: 'Pending', inits: ['a'], initStatuses: [cs('a', terminated(137, undefined, 9))] },
      'Init:Signal:9',
    ],
    [
      'init terminated non-zero, no signal, no reason',
      { phase: 'Pending', inits: ['a'], initStatuses: [cs('a', terminated(2))] },
      'Init:ExitCode:2',
    ],
    [
      'the walk stops at the first unfinished init container',
      {
        phase: 'Pending',
        inits: ['a', 'b', 'c'],
        initStatuses: [cs('a', terminated(0)), cs('b', waiting('ImagePullBackOff')), cs('c', terminated(1, 'Error'))],
      },
      'Init:ImagePullBackOff',
    ],
    [
      'a started sidecar is passed over; the next init container decides',
      {
        phase: 'Pending',
        inits: ['side', 'b'],
        sidecars: ['side'],
        initStatuses: [ready('side'), cs('b', running)],
      },
      'Init:1/2',
    ],
    [
      'a sidecar not yet started stops the walk',
      {
        phase: 'Pending',
        inits: ['side', 'b'],
        sidecars: ['side'],
        initStatuses: [cs('side', running, { started: false }), cs('b', waiting('PodInitializing'))],
      },
      'Init:0/2',
    ],
    [
      'after init: a waiting main container',
      {
        phase: 'Pending',
        inits: ['a'],
        initStatuses: [cs('a', terminated(0, 'Completed'))],
        statuses: [cs('app', waiting('ContainerCreating'))],
      },
      'ContainerCreating',
    ],
    [
      'initializing but Initialized=True: main containers are walked',
      {
        phase: 'Running',
        inits: ['a'],
        initStatuses: [cs('a', waiting('PodInitializing'))],
        conditions: [cond('Initialized', 'True')],
        statuses: [cs('app', waiting('CrashLoopBackOff'))],
      },
      'CrashLoopBackOff',
    ],
    [
      'reverse walk: the lowest index wins (waiting first)',
      {
        containers: ['a', 'b'],
        statuses: [cs('a', waiting('CrashLoopBackOff')), cs('b', terminated(137, 'OOMKilled'))],
      },
      'CrashLoopBackOff',
    ],
    [
      'reverse walk: the lowest index wins (terminated first)',
      {
        containers: ['a', 'b'],
        statuses: [cs('a', terminated(137, 'OOMKilled')), cs('b', waiting('CrashLoopBackOff'))],
      },
      'OOMKilled',
    ],
    ['terminated with reason', { phase: 'Failed', statuses: [cs('app', terminated(1, 'Error'))] }, 'Error'],
    ['terminated, signal, no reason', { statuses: [cs('app', terminated(143, undefined, 15))] }, 'Signal:15'],
    ['terminated, exit code, no reason', { statuses: [cs('app', terminated(3))] }, 'ExitCode:3'],
    ['all running and ready', { statuses: [ready('app')] }, 'Running'],
    ['running, not ready: still the phase', { statuses: [cs('app', running)] }, 'Running'],
    ['succeeded', { phase: 'Succeeded', statuses: [cs('app', terminated(0, 'Completed'))] }, 'Completed'],
    [
      'Completed beside a running ready container, Ready=True → Running',
      {
        containers: ['a', 'b'],
        statuses: [cs('a', terminated(0, 'Completed')), ready('b')],
        conditions: [cond('Ready', 'True')],
      },
      'Running',
    ],
    [
      'Completed beside a running ready container, Ready=False → NotReady',
      {
        containers: ['a', 'b'],
        statuses: [cs('a', terminated(0, 'Completed')), ready('b')],
        conditions: [cond('Ready', 'False')],
      },
      'NotReady',
    ],
    ['deleting a running pod → Terminating', { deleting: true, statuses: [ready('app')] }, 'Terminating'],
    [
      'deleting a pending pod in init → Terminating',
      { deleting: true, phase: 'Pending', inits: ['a'], initStatuses: [cs('a', running)] },
      'Terminating',
    ],
    [
      'deleting a succeeded pod keeps its status',
      { deleting: true, phase: 'Succeeded', statuses: [cs('app', terminated(0, 'Completed'))] },
      'Completed',
    ],
    [
      'deleting a failed pod keeps its status',
      { deleting: true, phase: 'Failed', statuses: [cs('app', terminated(1, 'Error'))] },
      'Error',
    ],
    ['deleting with reason NodeLost → Unknown', { deleting: true, reason: 'NodeLost', statuses: [ready('app')] }, 'Unknown'],
    ['NodeLost without deletion stays NodeLost', { reason: 'NodeLost' }, 'NodeLost'],
  ];
  it.each(cases)('%s', (_name, opts, expected) => {
    expect(podStatus(pod(opts))).toBe(expected);
  });

  it('copes with a pod that has no spec or status at all', () => {
    expect(podStatus({ metadata: { name: 'bare' } })).toBe('');
    expect(podRow({ metadata: { name: 'bare' } }, NOW)).toEqual({
      namespace: '',
      name: 'bare',
      ready: '0/0',
      status: '',
      restarts: '0',
      age: '<unknown>',
      ip: '<none>',
      node: '<none>',
      nominatedNode: '<none>',
      readinessGates: '<none>',
    });
  });
});

describe('READY', () => {
  const cases: [string, PodOpts, string][] = [
    ['one running ready container', { statuses: [ready('app')] }, '1/1'],
    ['ready but not running does not count', { statuses: [cs('app', terminated(0, 'Completed'), { ready: true })] }, '0/1'],
    ['running but not ready does not count', { statuses: [cs('app', running)] }, '0/1'],
    ['two containers, one ready', { containers: ['a', 'b'], statuses: [ready('a'), cs('b', running)] }, '1/2'],
    [
      'sidecars count in the total; a started ready sidecar counts as ready',
      {
        inits: ['side', 'setup'],
        sidecars: ['side'],
        initStatuses: [ready('side'), cs('setup', terminated(0, 'Completed'))],
        statuses: [ready('app')],
      },
      '2/2',
    ],
    [
      'a started sidecar that is not ready',
      {
        inits: ['side'],
        sidecars: ['side'],
        initStatuses: [cs('side', running, { started: true, ready: false })],
        statuses: [ready('app')],
      },
      '1/2',
    ],
    [
      'while initializing only sidecars before the stop are counted',
      {
        phase: 'Pending',
        inits: ['side', 'setup'],
        sidecars: ['side'],
        initStatuses: [ready('side'), cs('setup', running)],
        statuses: [cs('app', waiting('PodInitializing'))],
      },
      '1/2',
    ],
  ];
  it.each(cases)('%s', (_name, opts, expected) => {
    const { ready: r, total } = podReadyCounts(pod(opts));
    expect(`${r}/${total}`).toBe(expected);
    expect(podRow(pod(opts), NOW).ready).toBe(expected);
  });
});

describe('RESTARTS', () => {
  const lastTerm = (finishedAgoMs: number): Partial<ContainerStatus> => ({
    lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(finishedAgoMs) } },
  });
  const cases: [string, PodOpts, string, number][] = [
    ['no restarts', { statuses: [ready('app')] }, '0', 0],
    ['restarts with a last termination time', { statuses: [ready('app', { restartCount: 3, ...lastTerm(130_000) })] }, '3 (2m10s ago)', 3],
    ['restarts without a last termination time', { statuses: [ready('app', { restartCount: 2 })] }, '2', 2],
    [
      'the latest finishedAt among containers wins',
      {
        containers: ['a', 'b'],
        statuses: [ready('a', { restartCount: 1, ...lastTerm(3_600_000) }), ready('b', { restartCount: 1, ...lastTerm(45_000) })],
      },
      '2 (45s ago)',
      2,
    ],
    [
      'initialized: sidecar and main restarts, not the regular init container',
      {
        inits: ['side', 'setup'],
        sidecars: ['side'],
        initStatuses: [
          ready('side', { restartCount: 1, ...lastTerm(600_000) }),
          cs('setup', terminated(0, 'Completed'), { restartCount: 5, ...lastTerm(30_000) }),
        ],
        statuses: [ready('app', { restartCount: 2, ...lastTerm(300_000) })],
      },
      '3 (5m ago)',
      3,
    ],
    [
      'initializing: init restarts up to the stop, main containers ignored',
      {
        phase: 'Pending',
        inits: ['a', 'b'],
        initStatuses: [
          cs('a', terminated(0, 'Completed'), { restartCount: 1, ...lastTerm(200_000) }),
          cs('b', waiting('CrashLoopBackOff'), { restartCount: 4, ...lastTerm(20_000) }),
        ],
        statuses: [cs('app', waiting('PodInitializing'), { restartCount: 9, ...lastTerm(1_000) })],
      },
      '5 (20s ago)',
      5,
    ],
    [
      'initializing: init containers after the stop are not counted',
      {
        phase: 'Pending',
        inits: ['a', 'b'],
        initStatuses: [
          cs('a', waiting('CrashLoopBackOff'), { restartCount: 4, ...lastTerm(20_000) }),
          cs('b', waiting('PodInitializing'), { restartCount: 7 }),
        ],
      },
      '4 (20s ago)',
      4,
    ],
  ];
  it.each(cases)('%s', (_name, opts, expected, count) => {
    expect(podRow(pod(opts), NOW).restarts).toBe(expected);
    expect(podSummary(pod(opts)).restarts).toBe(count);
  });
});

describe('podRow: AGE and the wide columns', () => {
  it('fills <none> where the pod has no IP, node, nomination or gates', () => {
    const row = podRow(pod({ phase: 'Pending' }), NOW);
    expect(row).toEqual({
      namespace: 'ns',
      name: 'p',
      ready: '0/1',
      status: 'Pending',
      restarts: '0',
      age: '3m20s',
      ip: '<none>',
      node: '<none>',
      nominatedNode: '<none>',
      readinessGates: '<none>',
    });
  });

  it('takes podIPs[0], spec.nodeName, status.nominatedNodeName and counts true gates', () => {
    const p = pod({
      statuses: [ready('app')],
      conditions: [cond('example.com/a', 'True'), cond('example.com/b', 'False'), cond('Ready', 'True')],
    });
    p.spec!.nodeName = 'node-1';
    p.spec!.readinessGates = [{ conditionType: 'example.com/a' }, { conditionType: 'example.com/b' }, { conditionType: 'example.com/missing' }];
    p.status!.podIPs = [{ ip: '10.0.0.5' }, { ip: 'fd00::5' }];
    p.status!.podIP = '10.9.9.9';
    p.status!.nominatedNodeName = 'node-2';
    expect(podRow(p, NOW)).toMatchObject({ ip: '10.0.0.5', node: 'node-1', nominatedNode: 'node-2', readinessGates: '1/3' });
    expect(podReadinessGates(p)).toBe('1/3');
  });

  it('only the first condition of a gate type counts', () => {
    const p = pod({ conditions: [cond('g', 'False'), cond('g', 'True')] });
    p.spec!.readinessGates = [{ conditionType: 'g' }];
    expect(podReadinessGates(p)).toBe('0/1');
  });

  it('does not mutate the pod', () => {
    const p = pod({ statuses: [ready('app', { restartCount: 1 })] });
    const before = JSON.stringify(p);
    podRow(p, NOW);
    expect(JSON.stringify(p)).toBe(before);
  });
});

describe('statusCategory (colour meaning)', () => {
  it.each([
    ['Running', 'running'],
    ['Terminating', 'terminating'],
    ['Unknown', 'unknown'],
    ['Completed', 'completed'],
    ['Succeeded', 'completed'],
    ['Pending', 'pending'],
    ['ContainerCreating', 'pending'],
    ['PodInitializing', 'pending'],
    ['SchedulingGated', 'pending'],
    ['NotReady', 'pending'],
    ['Init:0/2', 'pending'],
    ['Init:12/13', 'pending'],
    ['Init:Error', 'failing'],
    ['Init:CrashLoopBackOff', 'failing'],
    ['Init:Signal:9', 'failing'],
    ['Init:ExitCode:2', 'failing'],
    ['CrashLoopBackOff', 'failing'],
    ['Error', 'failing'],
    ['OOMKilled', 'failing'],
    ['ErrImagePull', 'failing'],
    ['ErrImageNeverPull', 'failing'],
    ['ImagePullBackOff', 'failing'],
    ['InvalidImageName', 'failing'],
    ['CreateContainerConfigError', 'failing'],
    ['CreateContainerError', 'failing'],
    ['RunContainerError', 'failing'],
    ['StartError', 'failing'],
    ['ContainerStatusUnknown', 'failing'],
    ['Signal:15', 'failing'],
    ['ExitCode:3', 'failing'],
    ['Evicted', 'failing'],
    ['DeadlineExceeded', 'failing'],
    ['OutOfcpu', 'failing'],
    ['Failed', 'failing'],
    ['SomethingNew', 'unknown'],
  ] as const)('%s → %s', (status, category) => {
    expect(statusCategory(status)).toBe(category);
  });

  it('Running with a container not ready is pending', () => {
    const notReady = pod({ statuses: [cs('app', running)] });
    const allReady = pod({ statuses: [ready('app')] });
    expect(statusCategory(podStatus(notReady), notReady)).toBe('pending');
    expect(statusCategory(podStatus(allReady), allReady)).toBe('running');
  });

  it('an unrecognised status falls back to the pod phase', () => {
    expect(statusCategory('SomethingNew', pod({ phase: 'Failed' }))).toBe('failing');
    expect(statusCategory('SomethingNew', pod({ phase: 'Succeeded' }))).toBe('completed');
    expect(statusCategory('SomethingNew', pod({ phase: 'Running' }))).toBe('running');
    expect(statusCategory('SomethingNew', pod({ phase: 'Pending' }))).toBe('pending');
    expect(statusCategory('SomethingNew', pod({ phase: 'Unknown' }))).toBe('unknown');
  });
});
