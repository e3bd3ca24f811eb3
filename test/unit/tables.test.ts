// Cells of the per-kind Tables, string for string against what k/k's printers print.
import { describe, expect, it } from 'vitest';
import type { CronJob, DaemonSet, Deployment, Job, Kind, KubeObject, Namespace, Node, ReplicaSet, StatefulSet } from '../../src/kube/types.js';
import { formatLabels, formatLabelSelector, tableFor } from '../../src/kube/tables/index.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const CREATED = '2025-06-01T11:55:00Z'; // AGE 5m
const AGO = (s: number): string => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z');

function cells(kind: Kind, obj: KubeObject): (string | number | boolean)[] {
  return tableFor(kind, [obj], NOW, 'None').rows[0]!.cells;
}
function headers(kind: Kind): string[] {
  return tableFor(kind, [], NOW, 'None').columnDefinitions.map((c) => `${c.name}${c.priority ? '*' : ''}:${c.type}`);
}

const containers = [
  { name: 'app', image: 'nginx:1.27' },
  { name: 'sidecar', image: 'busybox:1.36' },
];
const template = { spec: { containers } };

describe('columns (name:type, * = priority 1)', () => {
  it.each<[Kind, string[]]>([
    ['Node', ['Name:string', 'Status:string', 'Roles:string', 'Age:string', 'Version:string', 'Internal-IP*:string', 'External-IP*:string', 'OS-Image*:string', 'Kernel-Version*:string', 'Container-Runtime*:string']],
    ['Namespace', ['Name:string', 'Status:string', 'Age:string']],
    ['Deployment', ['Name:string', 'Ready:string', 'Up-to-date:string', 'Available:string', 'Age:string', 'Containers*:string', 'Images*:string', 'Selector*:string']],
    ['ReplicaSet', ['Name:string', 'Desired:integer', 'Current:integer', 'Ready:integer', 'Age:string', 'Containers*:string', 'Images*:string', 'Selector*:string']],
    ['StatefulSet', ['Name:string', 'Ready:string', 'Age:string', 'Containers*:string', 'Images*:string']],
    ['DaemonSet', ['Name:string', 'Desired:integer', 'Current:integer', 'Ready:integer', 'Up-to-date:integer', 'Available:integer', 'Node Selector:string', 'Age:string', 'Containers*:string', 'Images*:string', 'Selector*:string']],
    ['Job', ['Name:string', 'Status:string', 'Completions:string', 'Duration:string', 'Age:string', 'Containers*:string', 'Images*:string', 'Selector*:string']],
    ['CronJob', ['Name:string', 'Schedule:string', 'Timezone:string', 'Suspend:boolean', 'Active:integer', 'Last Schedule:string', 'Age:string', 'Containers*:string', 'Images*:string', 'Selector*:string']],
  ])('%s', (kind, expected) => {
    expect(headers(kind)).toEqual(expected);
    const t = tableFor(kind, [], NOW, 'None');
    expect(t.columnDefinitions[0]!.format).toBe('name');
    expect(t.columnDefinitions.every((c) => c.description.length > 0)).toBe(true);
  });
});

describe('Node', () => {
  const base: Node = {
    metadata: { name: 'n1', creationTimestamp: CREATED, labels: {} },
    spec: {},
    status: {
      conditions: [{ type: 'Ready', status: 'True' }],
      addresses: [
        { type: 'Hostname', address: 'n1' },
        { type: 'InternalIP', address: '172.18.0.2' },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.33.1',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        kernelVersion: '6.8.0-60-generic',
        containerRuntimeVersion: 'containerd://2.1.1',
      } as NonNullable<NonNullable<Node['status']>['nodeInfo']>,
    },
  };
  const node = (patch: (n: Node) => void): Node => {
    const n = structuredClone(base);
    patch(n);
    return n;
  };

  it.each<[string, Node, (string | number)[]]>([
    ['a ready worker', base, ['n1', 'Ready', '<none>', '5m', 'v1.33.1', '172.18.0.2', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.8.0-60-generic', 'containerd://2.1.1']],
    [
      'cordoned, with roles and an external IP',
      node((n) => {
        n.spec!.unschedulable = true;
        n.metadata!.labels = { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'edge', 'node-role.kubernetes.io/': '' };
        n.status!.addresses!.push({ type: 'ExternalIP', address: '203.0.113.7' });
      }),
      ['n1', 'Ready,SchedulingDisabled', 'control-plane,edge,worker', '5m', 'v1.33.1', '172.18.0.2', '203.0.113.7', 'Debian GNU/Linux 12 (bookworm)', '6.8.0-60-generic', 'containerd://2.1.1'],
    ],
    [
      'not ready, empty node info',
      node((n) => {
        n.status!.conditions = [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'Unknown' }];
        n.status!.nodeInfo = { kubeletVersion: '' } as NonNullable<NonNullable<Node['status']>['nodeInfo']>;
        n.status!.addresses = [];
      }),
      ['n1', 'NotReady', '<none>', '5m', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>'],
    ],
    [
      'no Ready condition, cordoned, empty kubernetes.io/role',
      node((n) => {
        n.status!.conditions = [];
        n.spec!.unschedulable = true;
        n.metadata!.labels = { 'kubernetes.io/role': '' };
      }),
      ['n1', 'Unknown,SchedulingDisabled', '<none>', '5m', 'v1.33.1', '172.18.0.2', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.8.0-60-generic', 'containerd://2.1.1'],
    ],
    [
      'the last Ready condition wins; no creation time',
      node((n) => {
        n.status!.conditions = [{ type: 'Ready', status: 'True' }, { type: 'Ready', status: 'False' }];
        delete n.metadata!.creationTimestamp;
      }),
      ['n1', 'NotReady', '<none>', '<unknown>', 'v1.33.1', '172.18.0.2', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.8.0-60-generic', 'containerd://2.1.1'],
    ],
  ])('%s', (_name, n, expected) => {
    expect(cells('Node', n)).toEqual(expected);
  });
});

describe('Namespace', () => {
  it.each<[string, Namespace, (string | number)[]]>([
    ['active', { metadata: { name: 'shop', creationTimestamp: AGO(3 * 86400 + 4 * 3600) }, status: { phase: 'Active' } }, ['shop', 'Active', '3d4h']],
    ['terminating', { metadata: { name: 'old', creationTimestamp: CREATED }, status: { phase: 'Terminating' } }, ['old', 'Terminating', '5m']],
    ['no status', { metadata: { name: 'bare', creationTimestamp: CREATED } }, ['bare', '', '5m']],
  ])('%s', (_name, ns, expected) => {
    expect(cells('Namespace', ns)).toEqual(expected);
  });
});

describe('Deployment', () => {
  const selector = { matchLabels: { app: 'web', tier: 'front' } };
  it.each<[string, Deployment, (string | number)[]]>([
    [
      'rolled out',
      { metadata: { name: 'web', creationTimestamp: CREATED }, spec: { replicas: 3, selector, template }, status: { readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 } },
      ['web', '3/3', 3, 3, '5m', 'app,sidecar', 'nginx:1.27,busybox:1.36', 'app=web,tier=front'],
    ],
    [
      'no status yet, replicas defaulted, set-based selector',
      {
        metadata: { name: 'api', creationTimestamp: CREATED },
        spec: {
          selector: {
            matchExpressions: [
              { key: 'tier', operator: 'In', values: ['web', 'api'] },
              { key: 'canary', operator: 'DoesNotExist' },
              { key: 'app', operator: 'Exists' },
            ],
          },
          template: { spec: { containers: [{ name: 'api', image: 'api:1' }] } },
        },
      } as Deployment,
      ['api', '0/1', 0, 0, '5m', 'api', 'api:1', 'app,!canary,tier in (api,web)'],
    ],
    [
      'scaled to zero, empty selector prints nothing',
      { metadata: { name: 'idle', creationTimestamp: CREATED }, spec: { replicas: 0, selector: {}, template } } as Deployment,
      ['idle', '0/0', 0, 0, '5m', 'app,sidecar', 'nginx:1.27,busybox:1.36', ''],
    ],
    [
      'an invalid selector',
      { metadata: { name: 'bad', creationTimestamp: CREATED }, spec: { replicas: 2, selector: { matchExpressions: [{ key: 'a', operator: 'Bogus' }] }, template }, status: { readyReplicas: 1, updatedReplicas: 2 } } as Deployment,
      ['bad', '1/2', 2, 0, '5m', 'app,sidecar', 'nginx:1.27,busybox:1.36', '<invalid>'],
    ],
  ])('%s', (_name, d, expected) => {
    expect(cells('Deployment', d)).toEqual(expected);
  });
});

describe('ReplicaSet', () => {
  it.each<[string, ReplicaSet, (string | number)[]]>([
    [
      'ready',
      {
        metadata: { name: 'web-97ff8bcd4', creationTimestamp: CREATED },
        spec: { replicas: 3, selector: { matchLabels: { 'pod-template-hash': '97ff8bcd4', app: 'web' } }, template },
        status: { replicas: 3, readyReplicas: 2 },
      },
      ['web-97ff8bcd4', 3, 3, 2, '5m', 'app,sidecar', 'nginx:1.27,busybox:1.36', 'app=web,pod-template-hash=97ff8bcd4'],
    ],
    [
      'empty selector, no status',
      { metadata: { name: 'rs', creationTimestamp: CREATED }, spec: { selector: {}, template } } as ReplicaSet,
      ['rs', 1, 0, 0, '5m', 'app,sidecar', 'nginx:1.27,busybox:1.36', '<none>'],
    ],
    [
      'invalid selector',
      { metadata: { name: 'rs', creationTimestamp: CREATED }, spec: { replicas: 0, selector: { matchExpressions: [{ key: 'a', operator: 'In' }] }, template }, status: { replicas: 0 } } as ReplicaSet,
      ['rs', 0, 0, 0, '5m', 'app,sidecar', 'nginx:1.27,busybox:1.36', '<error>'],
    ],
  ])('%s', (_name, rs, expected) => {
    expect(cells('ReplicaSet', rs)).toEqual(expected);
  });
});

describe('StatefulSet', () => {
  it.each<[string, StatefulSet, (string | number)[]]>([
    ['partly ready', { metadata: { name: 'db', creationTimestamp: CREATED }, spec: { replicas: 3, serviceName: 'db', selector: {}, template }, status: { replicas: 3, readyReplicas: 1 } }, ['db', '1/3', '5m', 'app,sidecar', 'nginx:1.27,busybox:1.36']],
    ['defaults', { metadata: { name: 'db', creationTimestamp: CREATED }, spec: { serviceName: 'db', selector: {}, template: { spec: { containers: [] } } } } as StatefulSet, ['db', '0/1', '5m', '', '']],
  ])('%s', (_name, sts, expected) => {
    expect(cells('StatefulSet', sts)).toEqual(expected);
  });
});

describe('DaemonSet', () => {
  it.each<[string, DaemonSet, (string | number)[]]>([
    [
      'with a node selector',
      {
        metadata: { name: 'agent', creationTimestamp: CREATED },
        spec: { selector: { matchLabels: { name: 'agent' } }, template: { spec: { containers, nodeSelector: { 'kubernetes.io/os': 'linux', disk: 'ssd' } } } },
        status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2, numberMisscheduled: 0 },
      },
      ['agent', 3, 3, 2, 3, 2, 'disk=ssd,kubernetes.io/os=linux', '5m', 'app,sidecar', 'nginx:1.27,busybox:1.36', 'name=agent'],
    ],
    [
      'no node selector, no status',
      { metadata: { name: 'agent', creationTimestamp: CREATED }, spec: { selector: { matchLabels: { name: 'agent' } }, template } } as DaemonSet,
      ['agent', 0, 0, 0, 0, 0, '<none>', '5m', 'app,sidecar', 'nginx:1.27,busybox:1.36', 'name=agent'],
    ],
  ])('%s', (_name, ds, expected) => {
    expect(cells('DaemonSet', ds)).toEqual(expected);
  });
});

describe('Job', () => {
  const selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } };
  const job = (spec: Partial<NonNullable<Job['spec']>>, status: Job['status'], meta: Partial<NonNullable<Job['metadata']>> = {}): Job => ({
    metadata: { name: 'pi', creationTimestamp: CREATED, ...meta },
    spec: { template, selector, ...spec } as Job['spec'],
    status,
  });
  const done = (type: string, status = 'True') => ({ type, status });

  it.each<[string, Job, string, string, string]>([
    ['complete', job({ completions: 1, parallelism: 1 }, { succeeded: 1, startTime: AGO(300), completionTime: AGO(252), conditions: [done('SuccessCriteriaMet'), done('Complete')] }), 'Complete', '1/1', '48s'],
    ['running', job({ completions: 5, parallelism: 2 }, { succeeded: 2, active: 2, startTime: AGO(130) }), 'Running', '2/5', '2m10s'],
    ['not started', job({ completions: 1 }, {}), 'Running', '0/1', ''],
    ['work queue, parallel', job({ parallelism: 3 }, { succeeded: 1, startTime: AGO(10) }), 'Running', '1/1 of 3', '10s'],
    ['work queue, serial', job({ parallelism: 1 }, { startTime: AGO(10) }), 'Running', '0/1', '10s'],
    ['failed', job({ completions: 1, backoffLimit: 0 }, { failed: 1, startTime: AGO(60), conditions: [done('FailureTarget'), done('Failed')] }), 'Failed', '0/1', '60s'],
    ['failure target only', job({ completions: 1 }, { startTime: AGO(60), conditions: [done('FailureTarget')] }), 'FailureTarget', '0/1', '60s'],
    ['suspended', job({ completions: 1, suspend: true }, { conditions: [done('Suspended')] }), 'Suspended', '0/1', ''],
    ['terminating beats suspended', job({ completions: 1 }, { conditions: [done('Suspended')] }, { deletionTimestamp: AGO(1) }), 'Terminating', '0/1', ''],
    ['a False Complete condition', job({ completions: 1 }, { startTime: AGO(5), conditions: [done('Complete', 'False')] }), 'Running', '0/1', '5s'],
  ])('%s', (_name, j, status, completions, duration) => {
    expect(cells('Job', j)).toEqual(['pi', status, completions, duration, '5m', 'app,sidecar', 'nginx:1.27,busybox:1.36', 'batch.kubernetes.io/controller-uid=abc']);
  });
});

describe('CronJob', () => {
  const jobTemplate = { spec: { template } };
  it.each<[string, CronJob, (string | number)[]]>([
    [
      'scheduled, with a time zone',
      {
        metadata: { name: 'nightly', creationTimestamp: AGO(2 * 86400) },
        spec: { schedule: '0 2 * * *', timeZone: 'Europe/Paris', suspend: false, jobTemplate },
        status: { active: [{ name: 'nightly-1' }], lastScheduleTime: AGO(3600) },
      },
      ['nightly', '0 2 * * *', 'Europe/Paris', 'False', 1, '60m', '2d', 'app,sidecar', 'nginx:1.27,busybox:1.36', '<none>'],
    ],
    [
      'never scheduled, suspend unset',
      { metadata: { name: 'hourly', creationTimestamp: CREATED }, spec: { schedule: '@hourly', jobTemplate: { spec: { template, selector: { matchLabels: { a: 'b' } } } } } },
      ['hourly', '@hourly', '<none>', '<unset>', 0, '<none>', '5m', 'app,sidecar', 'nginx:1.27,busybox:1.36', 'a=b'],
    ],
    [
      'suspended',
      { metadata: { name: 'off', creationTimestamp: CREATED }, spec: { schedule: '*/5 * * * *', suspend: true, jobTemplate }, status: {} },
      ['off', '*/5 * * * *', '<none>', 'True', 0, '<none>', '5m', 'app,sidecar', 'nginx:1.27,busybox:1.36', '<none>'],
    ],
  ])('%s', (_name, cj, expected) => {
    expect(cells('CronJob', cj)).toEqual(expected);
  });
});

describe('the Table around the cells', () => {
  const ns: Namespace = { metadata: { name: 'shop', creationTimestamp: CREATED, uid: 'u1' }, status: { phase: 'Active' } };

  it('carries the list metadata, and rows carry the object per includeObject', () => {
    const t = tableFor('Namespace', [ns], NOW, 'Metadata', { listMeta: { resourceVersion: '42' } });
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    expect(t.metadata).toEqual({ resourceVersion: '42' });
    expect(t.rows[0]!.object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: ns.metadata });
    expect(tableFor('Namespace', [ns], NOW, 'Object').rows[0]!.object).toBe(ns);
    expect(tableFor('Namespace', [ns], NOW, 'None').rows[0]!.object).toBeNull();
  });

  it('noHeaders leaves the columns out (watch events after the first)', () => {
    expect(tableFor('Node', [], NOW, 'None', { noHeaders: true }).columnDefinitions).toEqual([]);
  });

  it('pods and events keep their own printers', () => {
    expect(tableFor('Pod', [], NOW, 'None').columnDefinitions.map((c) => c.name).slice(0, 5)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    expect(tableFor('Event', [], NOW, 'None').columnDefinitions[0]!.name).toBe('Last Seen');
  });
});

describe('formatters', () => {
  it.each<[Record<string, string> | undefined, string]>([
    [undefined, '<none>'],
    [{}, '<none>'],
    [{ b: '2', a: '1', 'a.b/c': '' }, 'a.b/c=,a=1,b=2'],
  ])('formatLabels(%j) = %s', (labels, expected) => {
    expect(formatLabels(labels)).toBe(expected);
  });

  it.each<[Parameters<typeof formatLabelSelector>[0], string]>([
    [undefined, '<none>'],
    [{}, '<none>'],
    [{ matchLabels: { b: '2', a: '1' } }, 'a=1,b=2'],
    [{ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod', 'dev'] }, { key: 'app', operator: 'In', values: ['x'] }] }, 'app in (x),env notin (dev,prod)'],
    [{ matchExpressions: [{ key: 'bad key', operator: 'Exists' }] }, '<error>'],
  ])('formatLabelSelector(%j) = %s', (sel, expected) => {
    expect(formatLabelSelector(sel)).toBe(expected);
  });
});
