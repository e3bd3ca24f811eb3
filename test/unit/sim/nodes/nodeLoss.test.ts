// Node loss end to end on the manual clock, through the store: the node-failure fixture's
// sim-node-2 stops at 2 m, is Unknown and tainted at 2 m 40 s, its pods are evicted at
// 7 m 40 s and replaced elsewhere with new uids, and its kubelet cleans up when it returns.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Event, Pod } from '../../../../src/kube/types.js';
import type { Simulator } from '../../../../src/sim/engine.js';
import { parseScenario } from '../../../../src/sim/scenario/index.js';
import { createTestSimulator } from '../../../ui/testSimulator.js';

let sim: (Simulator & { clock: import('../../../../src/sim/clock.js').ManualClock }) | undefined;
afterEach(() => {
  sim?.stop();
  sim = undefined;
});

const T0 = Date.UTC(2026, 0, 1);
const S = 1000;

function start(): NonNullable<typeof sim> {
  const scenario = parseScenario(readFileSync('fixtures/node-failure.yaml', 'utf8'), 'fixtures/node-failure.yaml');
  sim = createTestSimulator(scenario);
  return sim;
}

const webPods = (s: Simulator): Pod[] => [...s.store.all('Pod', 'default')].filter((p) => p.metadata?.labels?.app === 'web');
const ready = (p: Pod): string | undefined => p.status?.conditions?.find((c) => c.type === 'Ready')?.status;
const eventsFor = (s: Simulator, name: string): Event[] => [...s.store.all('Event')].filter((e) => e.involvedObject?.name === name);

describe('node loss (node-failure fixture)', () => {
  it('stopped at t: Unknown and tainted at t+40 s, pods not ready; evicted at t+340 s; replaced elsewhere; cleaned up on return', () => {
    const s = start();
    const { clock, store } = s;
    expect(clock.now()).toBe(T0);
    expect(clock.runUntil(() => webPods(s).filter((p) => ready(p) === 'True').length === 3, 60 * S)).toBe(true);
    const lostPods = webPods(s).filter((p) => p.spec?.nodeName === 'sim-node-2');
    expect(lostPods.length).toBeGreaterThan(0);
    const lostUids = new Set(lostPods.map((p) => p.metadata!.uid));

    // Leases: one per node in kube-node-lease, renewed every 10 s.
    clock.advanceTo(T0 + 115 * S);
    const lease = store.get('Lease', 'kube-node-lease', 'sim-node-2')!;
    expect(lease.spec).toEqual({ holderIdentity: 'sim-node-2', leaseDurationSeconds: 40, renewTime: '2026-01-01T00:01:50.000000Z' });
    expect(lease.metadata?.ownerReferences?.[0]).toMatchObject({ apiVersion: 'v1', kind: 'Node', name: 'sim-node-2' });

    // t = 2 m: stopped (after that instant's renewal).
    clock.advanceTo(T0 + 120 * S);
    expect(store.get('Node', undefined, 'sim-node-2')!.metadata!.annotations!['sim.podscope.dev/node-state']).toBe('stopped');
    expect(store.get('Lease', 'kube-node-lease', 'sim-node-2')!.spec!.renewTime).toBe('2026-01-01T00:02:00.000000Z');
    clock.advanceTo(T0 + 159 * S);
    expect(store.get('Node', undefined, 'sim-node-2')!.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True');
    expect(store.get('Lease', 'kube-node-lease', 'sim-node-2')!.spec!.renewTime).toBe('2026-01-01T00:02:00.000000Z');

    // t + 40 s: Unknown, tainted, pods not ready.
    clock.advanceTo(T0 + 160 * S);
    const node = store.get('Node', undefined, 'sim-node-2')!;
    expect(node.status!.conditions!.map((c) => [c.type, c.status, c.reason, c.message, c.lastTransitionTime])).toEqual([
      ['MemoryPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', '2026-01-01T00:02:40Z'],
      ['DiskPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', '2026-01-01T00:02:40Z'],
      ['PIDPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', '2026-01-01T00:02:40Z'],
      ['Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', '2026-01-01T00:02:40Z'],
    ]);
    expect(node.spec!.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: '2026-01-01T00:02:40Z' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-01-01T00:02:40Z' },
    ]);
    expect(eventsFor(s, 'sim-node-2').map((e) => [e.reason, e.message, e.source?.component])).toContainEqual([
      'NodeNotReady',
      'Node sim-node-2 status is now: NodeNotReady',
      'node-controller',
    ]);
    for (const p of lostPods) {
      const now = store.get('Pod', 'default', p.metadata!.name!)!;
      expect(ready(now)).toBe('False');
      expect(now.status!.phase).toBe('Running');
      expect(now.metadata!.deletionTimestamp).toBeUndefined();
      expect(eventsFor(s, p.metadata!.name!).map((e) => [e.type, e.reason, e.message])).toContainEqual(['Warning', 'NodeNotReady', 'Node is not ready']);
    }
    const agentOn2 = [...store.all('Pod', 'kube-system')].find((p) => p.spec?.nodeName === 'sim-node-2')!;
    expect(agentOn2).toBeDefined();

    // t + 340 s - 1: nothing deleted yet; t + 340 s: evicted.
    clock.advanceTo(T0 + 459 * S);
    for (const p of lostPods) expect(store.get('Pod', 'default', p.metadata!.name!)!.metadata!.deletionTimestamp).toBeUndefined();
    clock.advanceTo(T0 + 460 * S);
    for (const p of lostPods) {
      const now = store.get('Pod', 'default', p.metadata!.name!)!;
      expect(now.metadata!.deletionTimestamp).toBe('2026-01-01T00:08:10Z');
      expect(now.status!.conditions!.find((c) => c.type === 'DisruptionTarget')).toEqual({
        type: 'DisruptionTarget',
        status: 'True',
        lastTransitionTime: '2026-01-01T00:07:40Z',
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
      });
      expect(eventsFor(s, p.metadata!.name!).map((e) => [e.reason, e.message, e.source?.component])).toContainEqual([
        'TaintManagerEviction',
        `Marking for deletion Pod default/${p.metadata!.name}`,
        'taint-eviction-controller',
      ]);
    }
    // The DaemonSet pod tolerates unreachable without a time limit: not evicted.
    expect(store.get('Pod', 'kube-system', agentOn2.metadata!.name!)!.metadata!.deletionTimestamp).toBeUndefined();

    // Replacements run elsewhere with new uids; the evicted pods stay Terminating (no kubelet confirms).
    expect(
      clock.runUntil(() => webPods(s).filter((p) => !p.metadata?.deletionTimestamp && ready(p) === 'True').length === 3, 60 * S),
    ).toBe(true);
    const live = webPods(s).filter((p) => !p.metadata?.deletionTimestamp);
    for (const p of live) {
      expect(p.spec!.nodeName).not.toBe('sim-node-2');
      expect(lostUids.has(p.metadata!.uid)).toBe(false);
    }
    clock.advanceTo(T0 + 700 * S);
    for (const p of lostPods) expect(store.get('Pod', 'default', p.metadata!.name!)).toBeDefined();

    // 12 m: back. Ready again, taints gone, the evicted pods are killed and leave.
    clock.advanceTo(T0 + 720 * S);
    expect(store.get('Node', undefined, 'sim-node-2')!.metadata!.annotations!['sim.podscope.dev/node-state']).toBe('running');
    const back = store.get('Node', undefined, 'sim-node-2')!;
    expect(back.status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'True',
      reason: 'KubeletReady',
      message: 'kubelet is posting ready status',
      lastTransitionTime: '2026-01-01T00:12:00Z',
    });
    expect(back.spec!.taints).toBeUndefined();
    expect(clock.runUntil(() => lostPods.every((p) => !store.get('Pod', 'default', p.metadata!.name!)), 60 * S)).toBe(true);
    expect(clock.runUntil(() => ready(store.get('Pod', 'kube-system', agentOn2.metadata!.name!)!) === 'True', 60 * S)).toBe(true);
    expect(webPods(s).filter((p) => ready(p) === 'True')).toHaveLength(3);
  });

  it('PodGC: pods of a deleted node are failed and force-deleted once a pass has seen it missing for 40 s; its kubelet and lease go', () => {
    const s = start();
    const { clock, store, api } = s;
    expect(clock.runUntil(() => webPods(s).filter((p) => ready(p) === 'True').length === 3, 60 * S)).toBe(true);
    const onNode3 = [...store.all('Pod')].filter((p) => p.spec?.nodeName === 'sim-node-3');
    expect(onNode3.length).toBeGreaterThan(1); // a web pod and the agent pod
    clock.advanceTo(T0 + 65 * S);
    api.delete('Node', undefined, 'sim-node-3');
    expect(s.kubelets.kubelet('sim-node-3')).toBeUndefined();
    // PodGC passes every 20 s from its start: the one at 80 s sees the node missing; 40 s later its pods go.
    clock.advanceTo(T0 + 119 * S);
    for (const p of onNode3) {
      const now = store.get('Pod', p.metadata!.namespace, p.metadata!.name!)!;
      expect(now.status!.phase).toBe('Running');
    }
    let seen: Pod | undefined;
    const watch = store.watch('Pod', { filter: (p) => p.metadata?.uid === onNode3[0]!.metadata!.uid }, (ev) => {
      if (ev.type === 'MODIFIED') seen = ev.object;
    });
    clock.advanceTo(T0 + 120 * S);
    watch.stop();
    for (const p of onNode3) expect(store.get('Pod', p.metadata!.namespace, p.metadata!.name!)).toBeUndefined();
    expect(seen!.status!.phase).toBe('Failed');
    expect(seen!.status!.conditions!.at(-1)).toEqual({
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByPodGC',
      message: 'PodGC: node no longer exists',
      lastTransitionTime: '2026-01-01T00:02:00Z',
    });
    expect(clock.runUntil(() => webPods(s).filter((p) => ready(p) === 'True').length === 3, 60 * S)).toBe(true);
    expect(webPods(s).every((p) => p.spec!.nodeName !== 'sim-node-3')).toBe(true);
    expect(clock.runUntil(() => !store.get('Lease', 'kube-node-lease', 'sim-node-3'), 60 * S)).toBe(true);
  });

  it('a Node created through the API gets a kubelet: registered status, a Lease, NodeReady, and its DaemonSet pod runs', () => {
    const s = start();
    const { clock, store, api } = s;
    clock.advanceTo(T0 + 30 * S);
    api.create('Node', { metadata: { name: 'sim-node-4' } });
    const node = store.get('Node', undefined, 'sim-node-4')!;
    expect(node.status!.nodeInfo!.kubeletVersion).toMatch(/^v1\.33\./);
    expect(node.status!.conditions!.map((c) => `${c.type}=${c.status}`)).toEqual(['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True']);
    expect(store.get('Lease', 'kube-node-lease', 'sim-node-4')!.spec!.holderIdentity).toBe('sim-node-4');
    expect(eventsFor(s, 'sim-node-4').map((e) => [e.reason, e.message, e.source?.component, e.source?.host])).toContainEqual([
      'NodeReady',
      'Node sim-node-4 status is now: NodeReady',
      'kubelet',
      'sim-node-4',
    ]);
    const agent = (): Pod | undefined => [...store.all('Pod', 'kube-system')].find((p) => p.spec?.nodeName === 'sim-node-4');
    expect(clock.runUntil(() => ready(agent() ?? {}) === 'True', 60 * S)).toBe(true);
    // Still healthy long after the grace period: the lease keeps it alive between 5-minute status reports.
    clock.advanceTo(T0 + 400 * S);
    expect(store.get('Node', undefined, 'sim-node-4')!.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True');
    expect(store.get('Node', undefined, 'sim-node-4')!.spec?.taints).toBeUndefined();
  });

  it('a bad node-state value is refused with the 422 kubectl shows', () => {
    const s = start();
    const node = s.store.get('Node', undefined, 'sim-node-1')!;
    expect(() =>
      s.api.update('Node', { ...node, metadata: { ...node.metadata, annotations: { ...node.metadata!.annotations, 'sim.podscope.dev/node-state': 'off' } } }),
    ).toThrow('metadata.annotations[sim.podscope.dev/node-state]: Unsupported value: "off": supported values: "running", "stopped"');
  });
});
