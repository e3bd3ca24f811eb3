import { afterEach, describe, expect, it } from 'vitest';
import type { DaemonSet, Node, Pod } from '../../../src/kube/types.js';
import { DaemonSetController } from '../../../src/sim/controllers/daemonSet.js';
import { createHarness, template, type Harness } from './helpers/controllerHarness.js';

let h: Harness;
afterEach(() => h.stop());

function node(name: string, extra: Partial<Node> = {}): Node {
  return h.api.create('Node', { metadata: { name, labels: { 'kubernetes.io/hostname': name } }, ...extra });
}

function makeDs(): DaemonSet {
  const ds = h.api.create('DaemonSet', {
    metadata: { name: 'fluentd', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'fluentd' } }, template: template({ app: 'fluentd' }, 'fluentd:v1') },
  });
  h.clock.flush();
  return ds;
}

const pinnedTo = (p: Pod): string | undefined =>
  p.spec!.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0]?.matchFields?.[0]?.values?.[0];
const live = (): Pod[] => h.pods().filter((p) => !p.metadata!.deletionTimestamp);
const ds = (): DaemonSet => h.api.get('DaemonSet', 'default', 'fluentd');

describe('DaemonSetController', () => {
  it('runs one pod per node that admits it, pinned by node affinity, with the daemon tolerations', () => {
    h = createHarness();
    node('worker-1');
    node('worker-2');
    node('control-plane', { spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } });
    h.start(new DaemonSetController(h.ctx));
    makeDs();
    const pods = live();
    expect(pods.map(pinnedTo).sort()).toEqual(['worker-1', 'worker-2']);
    const pod = pods[0]!;
    expect(pod.metadata!.name).toMatch(/^fluentd-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.spec!.nodeName).toBeUndefined();
    expect(pod.spec!.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [pinnedTo(pod)] }] }],
        },
      },
    });
    expect(pod.spec!.tolerations!.map((t) => `${t.key}:${t.effect} ${t.operator}${t.tolerationSeconds ? ` ${t.tolerationSeconds}` : ''}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute Exists',
      'node.kubernetes.io/unreachable:NoExecute Exists',
      'node.kubernetes.io/disk-pressure:NoSchedule Exists',
      'node.kubernetes.io/memory-pressure:NoSchedule Exists',
      'node.kubernetes.io/pid-pressure:NoSchedule Exists',
      'node.kubernetes.io/unschedulable:NoSchedule Exists',
    ]);
    expect(Object.keys(pod.metadata!.labels!).sort()).toEqual(['app', 'controller-revision-hash', 'pod-template-generation']);
    expect(pod.metadata!.labels!['pod-template-generation']).toBe('1');
    expect(h.eventLines('daemonset-controller').sort()).toEqual(pods.map((p) => `SuccessfulCreate: Created pod: ${p.metadata!.name}`).sort());
    expect(ds().status).toEqual({
      currentNumberScheduled: 2,
      numberMisscheduled: 0,
      desiredNumberScheduled: 2,
      numberReady: 0,
      observedGeneration: 1,
      updatedNumberScheduled: 2,
      numberUnavailable: 2,
    });
    for (const p of pods) h.runPod(p);
    h.clock.flush();
    expect(ds().status!.numberReady).toBe(2);
    expect(ds().status!.numberAvailable).toBe(2);
    expect(ds().status!.numberUnavailable).toBeUndefined();
  });

  it('follows nodes as they come and go, and honours the nodeSelector', () => {
    h = createHarness();
    node('worker-1');
    h.start(new DaemonSetController(h.ctx));
    makeDs();
    expect(live().map(pinnedTo)).toEqual(['worker-1']);
    node('worker-2');
    h.clock.flush();
    expect(live().map(pinnedTo).sort()).toEqual(['worker-1', 'worker-2']);
    h.api.delete('Node', undefined, 'worker-1');
    h.clock.flush();
    expect(live().map(pinnedTo)).toEqual(['worker-2']);
    const d = ds();
    h.api.update('DaemonSet', { ...d, spec: { ...d.spec!, template: { ...d.spec!.template, spec: { ...d.spec!.template.spec!, nodeSelector: { disk: 'ssd' } } } } });
    h.clock.flush();
    expect(live()).toHaveLength(0);
    expect(ds().status!.desiredNumberScheduled).toBe(0);
  });
});
