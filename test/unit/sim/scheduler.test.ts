import { describe, expect, it } from 'vitest';
import type { Container, Event, Node, Pod } from '../../../src/kube/types.js';
import { SimApi } from '../../../src/sim/api.js';
import { ManualClock } from '../../../src/sim/clock.js';
import { Recorder } from '../../../src/sim/events/recorder.js';
import { Random } from '../../../src/sim/random.js';
import { Scheduler } from '../../../src/sim/scheduler/scheduler.js';
import { Store } from '../../../src/sim/store.js';

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);

function setup(options: { start?: boolean } = {}) {
  const clock = new ManualClock(T0);
  const random = new Random(11);
  const store = new Store(clock, random, { freezeObjects: true });
  const api = new SimApi(store, clock, random, { admit: (_kind, obj) => obj });
  const recorder = new Recorder(store, clock, random);
  recorder.start();
  const scheduler = new Scheduler({ store, api, clock, random, recorder });
  if (options.start !== false) scheduler.start();
  return { clock, store, api, scheduler };
}

interface NodeOpts {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Node['spec'] extends infer S ? (S extends { taints?: infer T } ? T : never) : never;
  unschedulable?: boolean;
  ready?: 'True' | 'False' | 'Unknown';
}

function addNode(store: Store, name: string, o: NodeOpts = {}): Node {
  return store.create('Node', {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: {
      allocatable: { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110' },
      conditions: [{ type: 'Ready', status: o.ready ?? 'True' }],
    },
  });
}

function container(cpu?: string, memory?: string): Container {
  const requests: Record<string, string> = {};
  if (cpu) requests['cpu'] = cpu;
  if (memory) requests['memory'] = memory;
  return { name: 'app', image: 'nginx', resources: { requests } };
}

function addPod(store: Store, name: string, spec: Partial<NonNullable<Pod['spec']>> = {}, cpu = '500m'): Pod {
  return store.create('Pod', {
    metadata: { name, namespace: 'shop' },
    spec: { containers: [container(cpu)], ...spec },
    status: { phase: 'Pending' },
  });
}

function pod(store: Store, name: string): Pod {
  return store.get('Pod', 'shop', name)!;
}

function scheduledCondition(p: Pod) {
  return p.status?.conditions?.find((c) => c.type === 'PodScheduled');
}

function eventsFor(store: Store, name: string): Event[] {
  return store.list('Event').items.filter((e) => e.involvedObject.name === name);
}

describe('Scheduler: binding', () => {
  it('binds the pods created in one tick, spreading them by least allocation, with PodScheduled and a Scheduled event', () => {
    const { clock, store } = setup();
    for (const n of ['node-c', 'node-a', 'node-b']) addNode(store, n);
    for (let i = 1; i <= 6; i++) addPod(store, `web-${i}`);
    expect(pod(store, 'web-1').spec!.nodeName).toBeUndefined();
    clock.advance(1_500);
    // Unchanged until the zero-delay batch runs... which ran at T0, not now.
    expect([1, 2, 3, 4, 5, 6].map((i) => pod(store, `web-${i}`).spec!.nodeName)).toEqual([
      'node-a',
      'node-b',
      'node-c',
      'node-a',
      'node-b',
      'node-c',
    ]);
    const web1 = pod(store, 'web-1');
    expect(web1.status!.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }]);
    const [ev] = eventsFor(store, 'web-1');
    expect(ev).toMatchObject({
      reason: 'Scheduled',
      type: 'Normal',
      message: 'Successfully assigned shop/web-1 to node-a',
      action: 'Binding',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-control-plane',
      eventTime: '2026-01-01T00:00:00.000000Z',
    });
    expect(ev!.source).toBeUndefined();
  });

  it('schedules pods that existed before it started, and leaves pods of other schedulers alone', () => {
    const { clock, store, scheduler } = setup({ start: false });
    addNode(store, 'node-a');
    addPod(store, 'mine');
    addPod(store, 'theirs', { schedulerName: 'volcano' });
    scheduler.start();
    clock.flush();
    expect(pod(store, 'mine').spec!.nodeName).toBe('node-a');
    expect(pod(store, 'theirs').spec!.nodeName).toBeUndefined();
    expect(eventsFor(store, 'theirs')).toEqual([]);
  });

  it('schedules higher priority first within a batch', () => {
    const { clock, store } = setup();
    addNode(store, 'node-a', { cpu: '1' });
    addPod(store, 'low', {}, '800m');
    addPod(store, 'high', { priority: 1000 }, '800m');
    clock.flush();
    expect(pod(store, 'high').spec!.nodeName).toBe('node-a');
    expect(pod(store, 'low').spec!.nodeName).toBeUndefined();
  });

  it('honours nodeSelector', () => {
    const { clock, store } = setup();
    addNode(store, 'node-a');
    addNode(store, 'node-b', { labels: { disk: 'ssd' } });
    addNode(store, 'node-c');
    addPod(store, 'db', { nodeSelector: { disk: 'ssd' } });
    clock.flush();
    expect(pod(store, 'db').spec!.nodeName).toBe('node-b');
  });

  it('honours required node affinity expressions (In, NotIn, Gt)', () => {
    const { clock, store } = setup();
    addNode(store, 'node-a', { labels: { zone: 'a', gen: '3' } });
    addNode(store, 'node-b', { labels: { zone: 'b', gen: '5' } });
    addNode(store, 'node-c', { labels: { zone: 'c', gen: '7' } });
    addPod(store, 'p', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'zone', operator: 'NotIn', values: ['a'] },
                  { key: 'gen', operator: 'Gt', values: ['6'] },
                ],
              },
            ],
          },
        },
      },
    });
    clock.flush();
    expect(pod(store, 'p').spec!.nodeName).toBe('node-c');
  });

  it('binds a DaemonSet-style pod to the node its matchFields affinity names, even when others are emptier', () => {
    const { clock, store } = setup();
    addNode(store, 'node-a');
    addNode(store, 'node-b', { cpu: '1' });
    addNode(store, 'node-c');
    addPod(store, 'ds-x', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-b'] }] }],
          },
        },
      },
    });
    clock.flush();
    expect(pod(store, 'ds-x').spec!.nodeName).toBe('node-b');
  });

  it('tolerations let a pod onto a tainted node', () => {
    const { clock, store } = setup();
    addNode(store, 'gpu-1', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    addPod(store, 'trainer', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] });
    addPod(store, 'web');
    clock.flush();
    expect(pod(store, 'trainer').spec!.nodeName).toBe('gpu-1');
    expect(pod(store, 'web').spec!.nodeName).toBeUndefined();
  });
});

describe('Scheduler: FailedScheduling', () => {
  function message(store: Store, name: string): string | undefined {
    return scheduledCondition(pod(store, name))?.message;
  }

  it('reports insufficient cpu exactly as kube-scheduler 1.33 does, with condition and event', () => {
    const { clock, store } = setup();
    addNode(store, 'node-a', { cpu: '1' });
    addNode(store, 'node-b', { cpu: '1', labels: { disk: 'hdd' } });
    addNode(store, 'node-c', { cpu: '1', labels: { disk: 'hdd' } });
    addPod(store, 'filler', {}, '800m');
    clock.flush();
    expect(pod(store, 'filler').spec!.nodeName).toBe('node-a');
    addPod(store, 'big', { affinity: undefined, nodeSelector: undefined }, '500m');
    addPod(store, 'picky', { nodeSelector: { 'kubernetes.io/hostname': 'node-a' } }, '500m');
    clock.flush();
    expect(pod(store, 'big').spec!.nodeName).toBe('node-b');
    const expected =
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.";
    expect(scheduledCondition(pod(store, 'picky'))).toEqual({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message: expected,
      lastTransitionTime: '2026-01-01T00:00:00Z',
    });
    expect(eventsFor(store, 'picky')).toMatchObject([
      {
        type: 'Warning',
        reason: 'FailedScheduling',
        message: expected,
        action: 'Scheduling',
        reportingComponent: 'default-scheduler',
        involvedObject: { kind: 'Pod', name: 'picky', namespace: 'shop' },
      },
    ]);
  });

  it('counts every resource shortage and sorts the reasons as strings', () => {
    const { clock, store } = setup();
    for (let i = 0; i < 12; i++) addNode(store, `n${String(i).padStart(2, '0')}`, { cpu: '1', memory: '1Gi', labels: i < 2 ? { pool: 'x' } : {} });
    store.create('Pod', {
      metadata: { name: 'huge', namespace: 'shop' },
      spec: { containers: [container('500m', '2Gi')], nodeSelector: { pool: 'y' } },
      status: { phase: 'Pending' },
    });
    clock.flush();
    expect(message(store, 'huge')).toBe(
      "0/12 nodes are available: 12 node(s) didn't match Pod's node affinity/selector. preemption: 0/12 nodes are available: 12 Preemption is not helpful for scheduling.",
    );
    store.create('Pod', {
      metadata: { name: 'greedy', namespace: 'shop' },
      spec: { containers: [container('2', '512Mi')], nodeSelector: { pool: 'x' } },
      status: { phase: 'Pending' },
    });
    clock.flush();
    // Sorting is by the whole string: "10 …" comes before "2 …".
    expect(message(store, 'greedy')).toBe(
      "0/12 nodes are available: 10 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu. preemption: 0/12 nodes are available: 12 Preemption is not helpful for scheduling.",
    );
  });

  it('names the untolerated taint, unschedulable nodes and not-ready nodes', () => {
    const { clock, store } = setup();
    addNode(store, 'node-a', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    addNode(store, 'node-b', { unschedulable: true });
    addNode(store, 'node-c', { ready: 'False' });
    addNode(store, 'node-d', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });
    addNode(store, 'node-e', { taints: [{ key: 'soft', value: 'x', effect: 'PreferNoSchedule' }], labels: { pool: 'other' } });
    addPod(store, 'web', { nodeSelector: { pool: 'main' } });
    clock.flush();
    expect(message(store, 'web')).toBe(
      "0/5 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 1 node(s) were unschedulable. preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.",
    );
  });

  it('reports Too many pods and the NodeAffinity PreFilter for a DaemonSet pod whose node is full', () => {
    const { clock, store } = setup();
    addNode(store, 'node-a');
    addNode(store, 'node-b', { pods: '1' });
    addNode(store, 'node-c');
    store.create('Pod', {
      metadata: { name: 'resident', namespace: 'shop' },
      spec: { nodeName: 'node-b', containers: [container()] },
      status: { phase: 'Running' },
    });
    addPod(store, 'ds-y', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-b'] }] }],
          },
        },
      },
    });
    clock.flush();
    expect(message(store, 'ds-y')).toBe(
      "0/3 nodes are available: 1 Too many pods, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });

  it('says so when there are no nodes, and schedules once a node appears', () => {
    const { clock, store } = setup();
    addPod(store, 'early');
    clock.flush();
    expect(message(store, 'early')).toBe('no nodes available to schedule pods');
    clock.advance(5_000);
    addNode(store, 'node-a');
    clock.flush();
    expect(pod(store, 'early').spec!.nodeName).toBe('node-a');
  });

  it('mentions preemptionPolicy=Never', () => {
    const { clock, store } = setup();
    addNode(store, 'node-a', { cpu: '1' });
    addPod(store, 'p', { preemptionPolicy: 'Never' }, '2');
    clock.flush();
    expect(message(store, 'p')).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
  });
});

describe('Scheduler: retries', () => {
  function fill(store: Store, clock: ManualClock) {
    addNode(store, 'node-a', { cpu: '1' });
    addPod(store, 'filler', {}, '800m');
    clock.flush();
    addPod(store, 'waiting', {}, '500m');
    clock.flush();
    expect(pod(store, 'waiting').spec!.nodeName).toBeUndefined();
  }

  it('binds a pending pod once a pod on the node is deleted, after the pod backoff (1 s)', () => {
    const { clock, store } = setup();
    fill(store, clock);
    expect(scheduledCondition(pod(store, 'waiting'))!.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
    clock.advance(200);
    store.remove('Pod', 'shop', 'filler');
    clock.advance(799);
    expect(pod(store, 'waiting').spec!.nodeName).toBeUndefined();
    clock.advance(1);
    const bound = pod(store, 'waiting');
    expect(bound.spec!.nodeName).toBe('node-a');
    expect(scheduledCondition(bound)).toEqual({ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-01-01T00:00:01Z' });
  });

  it('frees the resources of pods that finished (Succeeded)', () => {
    const { clock, store } = setup();
    fill(store, clock);
    clock.advance(5_000);
    const filler = pod(store, 'filler');
    store.update('Pod', { ...filler, status: { ...filler.status, phase: 'Succeeded' } });
    clock.flush();
    expect(pod(store, 'waiting').spec!.nodeName).toBe('node-a');
  });

  it('does not retry on unrelated pod changes, but retries every 5 minutes (first 30 s flush after)', () => {
    const { clock, store } = setup();
    fill(store, clock);
    const attempts = () => store.list('Event').items.filter((e) => e.reason === 'FailedScheduling');
    clock.advance(329_999);
    expect(attempts()).toHaveLength(1);
    clock.advance(1);
    // The first write of the condition changed the pod's resourceVersion: a second Event.
    expect(attempts()).toHaveLength(2);
    clock.advance(330_000);
    const series = attempts();
    expect(series).toHaveLength(2);
    expect(series[1]!.series).toEqual({ count: 2, lastObservedTime: '2026-01-01T00:11:00.000000Z' });
  });

  it('leaves gated pods alone until their gates are removed', () => {
    const { clock, store } = setup();
    addNode(store, 'node-a');
    addPod(store, 'gated', { schedulingGates: [{ name: 'example.com/quota' }] });
    clock.advance(60_000);
    const gated = pod(store, 'gated');
    expect(gated.spec!.nodeName).toBeUndefined();
    expect(scheduledCondition(gated)).toEqual({
      type: 'PodScheduled',
      status: 'False',
      reason: 'SchedulingGated',
      message: 'Scheduling is blocked due to non-empty scheduling gates',
      lastTransitionTime: '2026-01-01T00:00:00Z',
    });
    expect(eventsFor(store, 'gated')).toEqual([]);
    store.update('Pod', { ...gated, spec: { ...gated.spec!, schedulingGates: undefined } });
    clock.flush();
    const released = pod(store, 'gated');
    expect(released.spec!.nodeName).toBe('node-a');
    expect(scheduledCondition(released)).toEqual({ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-01-01T00:01:00Z' });
  });

  it('moves unschedulable pods when a node becomes schedulable', () => {
    const { clock, store } = setup();
    const node = addNode(store, 'node-a', { unschedulable: true });
    addPod(store, 'p');
    clock.flush();
    clock.advance(20_000);
    store.update('Node', { ...node, spec: { ...node.spec, unschedulable: false } });
    clock.flush();
    expect(pod(store, 'p').spec!.nodeName).toBe('node-a');
  });

  it('stop() releases its watches and timers', () => {
    const { clock, store, scheduler } = setup();
    fill(store, clock);
    scheduler.stop();
    store.remove('Pod', 'shop', 'filler');
    clock.advance(600_000);
    expect(pod(store, 'waiting').spec!.nodeName).toBeUndefined();
  });
});

describe('Scheduler: scale', () => {
  it('schedules 10k pods created in one tick across 50 nodes, evenly', () => {
    const { clock, store } = setup();
    for (let i = 0; i < 50; i++) addNode(store, `node-${String(i).padStart(2, '0')}`, { cpu: '64', memory: '256Gi', pods: '250' });
    for (let i = 0; i < 10_000; i++) addPod(store, `p-${i}`, {}, '100m');
    clock.flush();
    const perNode = new Map<string, number>();
    for (const p of store.all('Pod')) perNode.set(p.spec!.nodeName!, (perNode.get(p.spec!.nodeName!) ?? 0) + 1);
    expect(perNode.size).toBe(50);
    expect([...perNode.values()].every((n) => n === 200)).toBe(true);
  });

  it('binds 64 pods a timer callback, so a running clock lets I/O in between (a timer set meanwhile runs after the first 64)', () => {
    const { clock, store } = setup();
    addNode(store, 'node-a', { cpu: '64', memory: '256Gi', pods: '250' });
    for (let i = 0; i < 200; i++) addPod(store, `p-${i}`, {}, '100m');
    let boundWhenOtherRan = -1;
    clock.after(0, () => (boundWhenOtherRan = [...store.all('Pod')].filter((p) => p.spec?.nodeName).length));
    clock.flush();
    expect(boundWhenOtherRan).toBe(64);
    expect([...store.all('Pod')].every((p) => p.spec?.nodeName === 'node-a')).toBe(true);
  });
});
