// The controllers with the real scheduler, kubelets and event recorder: workloads reach
// their goal states on simulated time alone, and deleting a Deployment cleans up.
import { afterEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/kube/types.js';
import { createAdmission } from '../../../src/sim/admission/index.js';
import { SimApi } from '../../../src/sim/api.js';
import { ManualClock } from '../../../src/sim/clock.js';
import type { Component, SimContext } from '../../../src/sim/context.js';
import { createControllers } from '../../../src/sim/controllers/index.js';
import { Recorder } from '../../../src/sim/events/recorder.js';
import { Kubelet } from '../../../src/sim/kubelet/index.js';
import { defaultNodes } from '../../../src/sim/nodes.js';
import { Random } from '../../../src/sim/random.js';
import { Scheduler } from '../../../src/sim/scheduler/scheduler.js';
import { Store } from '../../../src/sim/store.js';

let components: Component[] = [];
afterEach(() => {
  for (const c of components.reverse()) c.stop();
  const failures = components.flatMap((c) => ((c as { errors?: { key: string }[] }).errors ?? []).map((e) => `${c.constructor.name} ${e.key}`));
  components = [];
  expect(failures).toEqual([]);
});

function cluster(): { ctx: SimContext; clock: ManualClock; store: Store; api: SimApi } {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const random = new Random(7);
  const store = new Store(clock, random, { freezeObjects: true });
  const api = new SimApi(store, clock, random, createAdmission());
  const ctx: SimContext = { store, api, clock, random, recorder: new Recorder(store, clock, random) };
  api.create('Namespace', { metadata: { name: 'default' } });
  for (const node of defaultNodes(clock.now())) api.create('Node', node);
  components = [
    ctx.recorder as Recorder,
    new Scheduler(ctx),
    ...defaultNodes().map((n) => new Kubelet(ctx, n.metadata!.name!)),
    ...createControllers(ctx),
  ];
  for (const c of components) c.start();
  return { ctx, clock, store, api };
}

const running = (pods: Pod[]): Pod[] =>
  pods.filter((p) => p.status?.phase === 'Running' && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));

describe('controllers with the scheduler and kubelets', () => {
  it('a Deployment becomes available, a Job completes, a DaemonSet covers every node, and deleting the Deployment cleans up', () => {
    const { clock, store, api } = cluster();
    api.create('Deployment', {
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    });
    api.create('Job', {
      metadata: { name: 'hello', namespace: 'default' },
      spec: { completions: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'hello', image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'] }] } } },
    });
    api.create('DaemonSet', {
      metadata: { name: 'agent', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'fluentd:v1' }] } } },
    });
    const webPods = (): Pod[] => [...store.all('Pod', 'default')].filter((p) => p.metadata!.labels?.app === 'web');
    const agentPods = (): Pod[] => [...store.all('Pod', 'default')].filter((p) => p.metadata!.labels?.app === 'agent');
    const done = clock.runUntil(() => {
      const d = store.get('Deployment', 'default', 'web');
      const job = store.get('Job', 'default', 'hello');
      return (
        d?.status?.availableReplicas === 3 &&
        job?.status?.conditions?.some((c) => c.type === 'Complete') === true &&
        running(agentPods()).length === 3
      );
    }, 120_000);
    expect(done).toBe(true);
    expect(running(webPods())).toHaveLength(3);
    expect(new Set(agentPods().map((p) => p.spec!.nodeName))).toEqual(new Set(['sim-node-1', 'sim-node-2', 'sim-node-3']));
    const job = store.get('Job', 'default', 'hello')!;
    expect(job.status!.succeeded).toBe(2);
    const d = store.get('Deployment', 'default', 'web')!;
    expect(d.status!.conditions!.map((c) => `${c.type}/${c.reason}`)).toEqual(['Available/MinimumReplicasAvailable', 'Progressing/NewReplicaSetAvailable']);

    const events = [...store.all('Event', 'default')];
    const reasons = (kind: string): string[] => events.filter((e) => e.involvedObject.kind === kind).map((e) => `${e.source?.component} ${e.reason}`);
    expect(reasons('Deployment')).toEqual(['deployment-controller ScalingReplicaSet']);
    expect(reasons('Job').sort()).toEqual(['job-controller Completed', 'job-controller SuccessfulCreate', 'job-controller SuccessfulCreate']);

    const victim = webPods()[0]!;
    api.delete('Pod', 'default', victim.metadata!.name!);
    clock.flush();
    expect(webPods().filter((p) => !p.metadata!.deletionTimestamp)).toHaveLength(3);

    api.delete('Deployment', 'default', 'web');
    expect(clock.runUntil(() => webPods().length === 0, 120_000)).toBe(true);
    expect([...store.all('ReplicaSet', 'default')]).toHaveLength(0);
  });
});
