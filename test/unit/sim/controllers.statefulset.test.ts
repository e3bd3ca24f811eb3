import { afterEach, describe, expect, it } from 'vitest';
import type { StatefulSet } from '../../../src/kube/types.js';
import { StatefulSetController } from '../../../src/sim/controllers/statefulSet.js';
import { createHarness, template, type Harness } from './helpers/controllerHarness.js';

let h: Harness;
afterEach(() => h.stop());

function makeSts(spec: Partial<NonNullable<StatefulSet['spec']>>): StatefulSet {
  const sts = h.api.create('StatefulSet', {
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 3, serviceName: 'nginx', selector: { matchLabels: { app: 'nginx' } }, template: template({ app: 'nginx' }), ...spec },
  });
  h.clock.flush();
  return sts;
}

const names = (): string[] => h.pods().map((p) => p.metadata!.name!);
const sts = (): StatefulSet => h.api.get('StatefulSet', 'default', 'web');

describe('StatefulSetController', () => {
  it('starts pods in order, each after the previous is Running and Ready', () => {
    h = createHarness();
    h.start(new StatefulSetController(h.ctx));
    makeSts({});
    expect(names()).toEqual(['web-0']);
    const pod = h.pods()[0]!;
    const rev = sts().status!.updateRevision!;
    expect(rev).toMatch(/^web-[4-9bcdf]{1,10}$/);
    expect(pod.metadata!.labels).toEqual({
      app: 'nginx',
      'controller-revision-hash': rev,
      'statefulset.kubernetes.io/pod-name': 'web-0',
      'apps.kubernetes.io/pod-index': '0',
    });
    expect(pod.spec!.hostname).toBe('web-0');
    expect(pod.spec!.subdomain).toBe('nginx');
    h.runPod('web-0', false);
    h.clock.flush();
    expect(names()).toEqual(['web-0']);
    h.runPod('web-0', true);
    h.clock.flush();
    expect(names()).toEqual(['web-0', 'web-1']);
    h.runPod('web-1');
    h.clock.flush();
    h.runPod('web-2');
    h.clock.flush();
    expect(names()).toEqual(['web-0', 'web-1', 'web-2']);
    expect(h.eventLines('statefulset-controller')).toEqual([
      'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate: create Pod web-1 in StatefulSet web successful',
      'SuccessfulCreate: create Pod web-2 in StatefulSet web successful',
    ]);
    expect(sts().status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
      currentRevision: rev,
      updateRevision: rev,
      collisionCount: 0,
    });
  });

  it('creates all pods at once with podManagementPolicy Parallel', () => {
    h = createHarness();
    h.start(new StatefulSetController(h.ctx));
    makeSts({ podManagementPolicy: 'Parallel' });
    expect(names()).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('recreates a deleted pod with the same name once the old one is gone', () => {
    h = createHarness();
    h.start(new StatefulSetController(h.ctx));
    makeSts({ replicas: 1 });
    const first = h.pods()[0]!;
    h.store.update('Pod', /* bound as the binding subresource does: pod updates may not set nodeName */ { ...first, spec: { ...first.spec!, nodeName: 'node-1' } });
    h.runPod('web-0');
    h.api.delete('Pod', 'default', 'web-0', { gracePeriodSeconds: 30 });
    h.clock.flush();
    expect(h.pods()[0]!.metadata!.uid).toBe(first.metadata!.uid);
    h.api.delete('Pod', 'default', 'web-0', { gracePeriodSeconds: 0 });
    h.clock.flush();
    expect(names()).toEqual(['web-0']);
    expect(h.pods()[0]!.metadata!.uid).not.toBe(first.metadata!.uid);
  });

  it('scales down from the highest ordinal, one at a time', () => {
    h = createHarness();
    h.start(new StatefulSetController(h.ctx));
    makeSts({ podManagementPolicy: 'Parallel' });
    for (const n of names()) h.runPod(n);
    h.clock.flush();
    const s = sts();
    h.api.update('StatefulSet', { ...s, spec: { ...s.spec!, replicas: 1, podManagementPolicy: 'OrderedReady' } });
    h.clock.flush();
    expect(names()).toEqual(['web-0']);
    expect(h.eventLines('statefulset-controller').slice(3)).toEqual([
      'SuccessfulDelete: delete Pod web-2 in StatefulSet web successful',
      'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful',
    ]);
  });

  it('rolls a template change from the highest ordinal down', () => {
    h = createHarness();
    h.start(new StatefulSetController(h.ctx));
    makeSts({ podManagementPolicy: 'Parallel', replicas: 2 });
    for (const n of names()) h.runPod(n);
    h.clock.flush();
    const oldRev = sts().status!.currentRevision;
    const s = sts();
    h.api.update('StatefulSet', { ...s, spec: { ...s.spec!, template: template({ app: 'nginx' }, 'nginx:1.28') } });
    h.clock.flush();
    const newRev = sts().status!.updateRevision!;
    expect(newRev).not.toBe(oldRev);
    expect(h.api.get('Pod', 'default', 'web-1').metadata!.labels!['controller-revision-hash']).toBe(newRev);
    expect(h.api.get('Pod', 'default', 'web-0').metadata!.labels!['controller-revision-hash']).toBe(oldRev);
    h.runPod('web-1');
    h.clock.flush();
    expect(h.api.get('Pod', 'default', 'web-0').metadata!.labels!['controller-revision-hash']).toBe(newRev);
    h.runPod('web-0');
    h.clock.flush();
    expect(sts().status!.currentRevision).toBe(newRev);
  });
});
