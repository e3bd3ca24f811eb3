import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet } from '../../../src/kube/types.js';
import { DeploymentController } from '../../../src/sim/controllers/deployment.js';
import { ReplicaSetController } from '../../../src/sim/controllers/replicaSet.js';
import { createHarness, template, type Harness } from './helpers/controllerHarness.js';

let h: Harness;
afterEach(() => h.stop());

function makeDeployment(spec: Partial<NonNullable<Deployment['spec']>>): Deployment {
  const d = h.api.create('Deployment', {
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }), ...spec },
  });
  h.clock.flush();
  return d;
}

const rsList = (): ReplicaSet[] => [...h.store.all('ReplicaSet', 'default')].sort((a, b) => (a.metadata!.creationTimestamp! < b.metadata!.creationTimestamp! ? -1 : 1));
const liveRs = (name: string): ReplicaSet => h.api.get('ReplicaSet', 'default', name);
const podsOf = (rs: ReplicaSet): Pod[] => h.pods().filter((p) => p.metadata!.ownerReferences?.[0]?.uid === rs.metadata!.uid && !p.metadata!.deletionTimestamp);
const deployEvents = (): string[] => h.eventLines('deployment-controller');

function readyAll(rs: ReplicaSet): void {
  for (const p of podsOf(rs)) if (p.status?.phase !== 'Running') h.runPod(p);
  h.clock.flush();
}

function changeImage(image: string): void {
  const d = h.api.get('Deployment', 'default', 'web');
  const t = d.spec!.template;
  h.api.update('Deployment', { ...d, spec: { ...d.spec!, template: { ...t, spec: { ...t.spec!, containers: [{ ...t.spec!.containers[0]!, image }] } } } });
  h.clock.flush();
}

describe('DeploymentController', () => {
  it('creates a ReplicaSet named by the template hash, whose pods carry the hash label', () => {
    h = createHarness();
    h.start(new DeploymentController(h.ctx), new ReplicaSetController(h.ctx));
    const d = makeDeployment({});
    const [rs] = rsList();
    const hash = rs!.metadata!.labels!['pod-template-hash']!;
    expect(hash).toMatch(/^[4-9bcdf]{1,10}$/);
    expect(rs!.metadata!.name).toBe(`web-${hash}`);
    expect(rs!.metadata!.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(rs!.metadata!.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata!.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(rs!.spec!.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    const pods = podsOf(rs!);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata!.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata!.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    }
    expect(deployEvents()).toEqual([`ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3`]);
    const live = h.api.get('Deployment', 'default', 'web');
    expect(live.metadata!.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(live.status!.replicas).toBe(3);
    expect(live.status!.updatedReplicas).toBe(3);
    expect(live.status!.unavailableReplicas).toBe(3);
    expect(live.status!.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      // Progress re-sets Progressing, which moves it after Available (SetDeploymentCondition appends).
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
      ['Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "web-${hash}" is progressing.`],
    ]);

    readyAll(rs!);
    const done = h.api.get('Deployment', 'default', 'web').status!;
    expect({ ...done, conditions: undefined }).toEqual({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      conditions: undefined,
    });
    expect(done.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "web-${hash}" has successfully progressed.`],
    ]);
  });

  it('the template hash is deterministic and changes with the template', () => {
    h = createHarness();
    h.start(new DeploymentController(h.ctx), new ReplicaSetController(h.ctx));
    makeDeployment({});
    const first = rsList()[0]!.metadata!.name;
    h.stop();
    const again = createHarness();
    h = again;
    h.start(new DeploymentController(h.ctx), new ReplicaSetController(h.ctx));
    makeDeployment({});
    expect(rsList()[0]!.metadata!.name).toBe(first);
    changeImage('nginx:1.28');
    expect(rsList()).toHaveLength(2);
    expect(rsList()[1]!.metadata!.name).not.toBe(first);
  });

  it('rolls a template change step by step within maxSurge=1 and maxUnavailable=1', () => {
    h = createHarness();
    h.start(new DeploymentController(h.ctx), new ReplicaSetController(h.ctx));
    makeDeployment({ replicas: 4, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } });
    const old = rsList()[0]!;
    readyAll(old);
    const o = old.metadata!.name!;
    changeImage('nginx:1.28');
    const fresh = rsList()[1]!;
    const n = fresh.metadata!.name!;
    expect(fresh.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(deployEvents().slice(1)).toEqual([`ScalingReplicaSet: Scaled up replica set ${n} from 0 to 1`, `ScalingReplicaSet: Scaled down replica set ${o} from 4 to 3`, `ScalingReplicaSet: Scaled up replica set ${n} from 1 to 2`]);
    const sizes = (): [number, number] => [liveRs(o).spec!.replicas!, liveRs(n).spec!.replicas!];
    expect(sizes()).toEqual([3, 2]);
    // Total never above 4+1, available never below 4-1.
    expect(podsOf(liveRs(o))).toHaveLength(3);
    expect(podsOf(liveRs(n))).toHaveLength(2);
    readyAll(liveRs(n));
    expect(sizes()).toEqual([1, 4]);
    readyAll(liveRs(n));
    expect(sizes()).toEqual([0, 4]);
    expect(deployEvents().slice(4)).toEqual([
      `ScalingReplicaSet: Scaled down replica set ${o} from 3 to 1`,
      `ScalingReplicaSet: Scaled up replica set ${n} from 2 to 4`,
      `ScalingReplicaSet: Scaled down replica set ${o} from 1 to 0`,
    ]);
    const d = h.api.get('Deployment', 'default', 'web');
    expect(d.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status!.conditions!.find((c) => c.type === 'Progressing')!.reason).toBe('NewReplicaSetAvailable');
    expect(liveRs(o).metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('1');
  });

  it('rounds percentages as upstream: maxSurge up, maxUnavailable down', () => {
    h = createHarness();
    h.start(new DeploymentController(h.ctx), new ReplicaSetController(h.ctx));
    // 10 replicas, 25%: surge ceil(2.5)=3, unavailable floor(2.5)=2.
    makeDeployment({ replicas: 10 });
    const old = rsList()[0]!;
    expect(old.metadata!.annotations!['deployment.kubernetes.io/max-replicas']).toBe('13');
    readyAll(old);
    changeImage('nginx:1.28');
    const n = rsList()[1]!.metadata!.name!;
    expect(liveRs(n).spec!.replicas).toBe(5); // 3 surge, then 2 more as the old one drops by 2
    expect(liveRs(old.metadata!.name!).spec!.replicas).toBe(8);
  });

  it('Recreate scales the old ReplicaSet to zero and waits for its pods to be gone', () => {
    h = createHarness();
    h.start(new DeploymentController(h.ctx), new ReplicaSetController(h.ctx));
    makeDeployment({ replicas: 2, strategy: { type: 'Recreate' } });
    const old = rsList()[0]!;
    for (const p of podsOf(old)) h.store.update('Pod', /* bound as the binding subresource does: pod updates may not set nodeName */ { ...p, spec: { ...p.spec!, nodeName: 'node-1' } });
    readyAll(old);
    changeImage('nginx:1.28');
    expect(rsList()).toHaveLength(1);
    expect(deployEvents().at(-1)).toBe(`ScalingReplicaSet: Scaled down replica set ${old.metadata!.name} from 2 to 0`);
    // The old pods are terminating (bound, 30 s grace): no new ReplicaSet yet.
    h.clock.advance(10_000);
    expect(rsList()).toHaveLength(1);
    for (const p of h.pods()) h.api.delete('Pod', 'default', p.metadata!.name!, { gracePeriodSeconds: 0 });
    h.clock.flush();
    expect(rsList()).toHaveLength(2);
    expect(deployEvents().at(-1)).toBe(`ScalingReplicaSet: Scaled up replica set ${rsList()[1]!.metadata!.name} from 0 to 2`);
  });

  it('keeps only revisionHistoryLimit old ReplicaSets', () => {
    h = createHarness();
    h.start(new DeploymentController(h.ctx), new ReplicaSetController(h.ctx));
    makeDeployment({ replicas: 1, revisionHistoryLimit: 1 });
    for (const image of ['nginx:a', 'nginx:b', 'nginx:c']) {
      readyAll(rsList().at(-1)!);
      changeImage(image);
    }
    readyAll(rsList().at(-1)!);
    readyAll(rsList().at(-1)!);
    const revisions = rsList().map((rs) => rs.metadata!.annotations!['deployment.kubernetes.io/revision']);
    expect(revisions).toEqual(['3', '4']);
  });

  it('scales a stable deployment through its only ReplicaSet', () => {
    h = createHarness();
    h.start(new DeploymentController(h.ctx), new ReplicaSetController(h.ctx));
    makeDeployment({ replicas: 2 });
    const rs = rsList()[0]!;
    const d = h.api.get('Deployment', 'default', 'web');
    h.api.update('Deployment', { ...d, spec: { ...d.spec!, replicas: 5 } });
    h.clock.flush();
    expect(liveRs(rs.metadata!.name!).spec!.replicas).toBe(5);
    expect(liveRs(rs.metadata!.name!).metadata!.annotations!['deployment.kubernetes.io/desired-replicas']).toBe('5');
    expect(deployEvents().at(-1)).toBe(`ScalingReplicaSet: Scaled up replica set ${rs.metadata!.name} from 2 to 5`);
  });

  it('a paused deployment does not roll out until resumed', () => {
    h = createHarness();
    h.start(new DeploymentController(h.ctx), new ReplicaSetController(h.ctx));
    makeDeployment({ replicas: 1 });
    readyAll(rsList()[0]!);
    const setPaused = (paused: boolean): void => {
      const d = h.api.get('Deployment', 'default', 'web');
      h.api.update('Deployment', { ...d, spec: { ...d.spec!, paused } });
      h.clock.flush();
    };
    setPaused(true);
    changeImage('nginx:1.28');
    expect(rsList()).toHaveLength(1);
    const progressing = (): string => {
      const c = h.api.get('Deployment', 'default', 'web').status!.conditions!.find((x) => x.type === 'Progressing')!;
      return `${c.status} ${c.reason}: ${c.message}`;
    };
    expect(progressing()).toBe('Unknown DeploymentPaused: Deployment is paused');
    setPaused(false);
    expect(rsList()).toHaveLength(2);
    expect(progressing()).toBe(`True ReplicaSetUpdated: ReplicaSet "${rsList()[1]!.metadata!.name}" is progressing.`);
  });

  it('a template written without defaults still matches its defaulted ReplicaSet (no collision loop)', () => {
    h = createHarness();
    h.start(new DeploymentController(h.ctx), new ReplicaSetController(h.ctx));
    makeDeployment({ replicas: 2 });
    readyAll(rsList()[0]!);
    const d = h.api.get('Deployment', 'default', 'web');
    // api.update does not run defaulting, so this template lacks dnsPolicy, restartPolicy, …
    h.api.update('Deployment', { ...d, spec: { ...d.spec!, template: template({ app: 'web' }, 'nginx:2') } });
    h.clock.flush();
    readyAll(rsList()[1]!);
    readyAll(rsList()[1]!);
    expect(rsList()).toHaveLength(2);
    expect(h.api.get('Deployment', 'default', 'web').status!.collisionCount).toBeUndefined();
    expect(rsList().map((rs) => rs.spec!.replicas)).toEqual([0, 2]);
  });
});
