// The pod list keeps a projection of each pod (issue 15's memory goal). Every reader of the
// list's pods must read the same from it as from the whole object: each reader runs on both,
// for every pod of every bundled scenario at several instants of its story, and on a pod as a
// real cluster sends it (managedFields, env, mounts, a big annotation).
import { FIXTURES, INSTANTS } from './projectionFixtures.js';
import { afterEach, describe, expect, it } from 'vitest';
import { conformPod } from '../../../src/kube/conformPod.js';
import { diagnose } from '../../../src/kube/diagnosis/index.js';
import { Interner } from '../../../src/kube/interner.js';
import { podRequestsLimits } from '../../../src/kube/metricsColumns.js';
import { podRow, podSummary } from '../../../src/kube/podColumns.js';
import { isPodProjection, projectPod } from '../../../src/kube/podProjection.js';
import { statusCategory } from '../../../src/kube/statusCategory.js';
import type { Event, Pod } from '../../../src/kube/types.js';
import { loadScenario, resolveScenarioPath } from '../../../src/sim/scenario/index.js';
import { openDeleteDialog, dialogGrace } from '../../../src/state/deleteDialog.js';
import { isFaultyPod, isFaultySummary } from '../../../src/state/faulty.js';
import { graceSecondsLeft } from '../../../src/state/graceCountdown.js';
import { containerStatus, defaultLogContainer, logContainers } from '../../../src/state/logTarget.js';
import { makePodEntry, PodProjector, type PodEntry } from '../../../src/state/podEntry.js';
import { declaredPorts } from '../../../src/state/podPorts.js';
import { attachMode, containerSpec } from '../../../src/state/podAttach.js';
import { containerRunning, shellContainers } from '../../../src/state/podShell.js';
import { ownerOf, podScopeOf } from '../../../src/state/relations.js';
import { diffPod } from '../../../src/state/timeline/podDiff.js';
import { seedDrafts } from '../../../src/state/timeline/seed.js';
import { createTestSimulator } from '../../ui/testSimulator.js';

/** Each reader of the list's pods, as the list calls it (name: where it is read). */
const READERS: Record<string, (pod: Pod, ctx: { nowMs: number; events: Event[] }) => unknown> = {
  'table row (podRow: every column, wide too)': (p, c) => podRow(p, c.nowMs),
  'summary (sort, filter, counts)': (p) => podSummary(p),
  'status category (colour, header counts)': (p) => statusCategory(podSummary(p).status, p),
  'faulty filter (ctrl-z)': (p) => [isFaultyPod(p), isFaultySummary(podSummary(p))],
  'requests and limits (CPU/MEM %)': (p) => podRequestsLimits(p),
  'WHY column (diagnosis summary)': (p, c) => diagnose({ pod: p, events: c.events, nowMs: c.nowMs }).summary,
  'grace countdown': (p, c) => graceSecondsLeft(p, c.nowMs, c.nowMs - 1_000),
  'delete dialog grace': (p) => dialogGrace(openDeleteDialog({ entries: [{ uid: 'u', pod: p, namespace: p.metadata?.namespace ?? '', name: p.metadata?.name ?? '' } as PodEntry], marked: false, hiddenMarks: 0 }, false)!),
  'logs picker': (p) => [defaultLogContainer(p), logContainers(p), logContainers(p).map((n) => containerStatus(p, n))],
  'shell picker': (p) => [shellContainers(p), shellContainers(p).names.map((n) => containerRunning(p, n))],
  'port-forward picker': (p) => declaredPorts(p),
  'attach (kubectl attach -it or output only)': (p) => (p.spec?.containers ?? []).map((c) => attachMode(containerSpec(p, c.name))),
  'jump to owner': (p) => ownerOf(p),
  'labels (filter -l, a workload\'s pods)': (p) => p.metadata?.labels,
  'node\'s pods': (p) => {
    const scope = podScopeOf('Node', { metadata: { name: p.spec?.nodeName ?? '' } });
    return typeof scope === 'string' ? scope : scope.matches(p);
  },
  'timeline seed': (p, c) => seedDrafts(p, c.nowMs),
  'search text (filter)': (p) => makePodEntry(p, new PodProjector()).searchText,
};


type Sim = ReturnType<typeof createTestSimulator>;
let sim: Sim | undefined;
afterEach(() => sim?.stop());

function compare(whole: Pod, projected: Pod, nowMs: number, events: Event[], where: string): void {
  for (const [reader, read] of Object.entries(READERS)) {
    expect(read(projected, { nowMs, events }), `${reader}: ${where}`).toEqual(read(conformPod(whole), { nowMs, events }));
  }
}

describe('the list\'s projection of a pod reads the same as the whole pod', () => {
  it('has the fixtures', () => expect(FIXTURES.length).toBeGreaterThanOrEqual(19));

  it.each(FIXTURES)('every reader, every pod of %s, at each instant; the timeline diffs the same', async (fixture) => {
    sim = createTestSimulator(await loadScenario(resolveScenarioPath(fixture)));
    const interner = new Interner();
    let previous = new Map<string, { whole: Pod; projected: Pod }>();
    let t = 0;
    for (const at of INSTANTS) {
      sim.clock.advance(at - t);
      t = at;
      const events = sim.store.list('Event', {}).items;
      const now = new Map<string, { whole: Pod; projected: Pod }>();
      for (const pod of sim.store.list('Pod', {}).items) {
        const uid = pod.metadata!.uid!;
        const projected = projectPod(pod, interner);
        const where = `${fixture} at ${at / 1000}s, pod ${pod.metadata?.namespace}/${pod.metadata?.name}`;
        compare(pod, projected, sim.clock.now(), events.filter((e) => e.involvedObject?.uid === uid), where);
        const before = previous.get(uid);
        if (before) {
          expect(diffPod(before.projected, projected, at), `timeline diff: ${where}`).toEqual(diffPod(conformPod(before.whole), conformPod(pod), at));
        }
        now.set(uid, { whole: pod, projected });
      }
      previous = now;
    }
  });
});

/** A pod as a real cluster's API sends it: server-side apply's managedFields, env, mounts, last-applied-configuration. */
function realPod(i: number): Pod {
  const lastApplied = JSON.stringify({ spec: { containers: [{ name: 'app', env: Array.from({ length: 40 }, (_, k) => ({ name: `VAR_${k}`, value: 'x'.repeat(30) })) }] } });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `api-7d9f8-${i}`,
      namespace: 'prod',
      uid: `uid-${i}`,
      resourceVersion: String(1000 + i),
      creationTimestamp: '2026-12-01T10:00:00Z',
      labels: { app: 'api', 'pod-template-hash': '7d9f8' },
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied, 'kubectl.kubernetes.io/default-container': 'app' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-7d9f8', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }],
      managedFields: [{ manager: 'kube-controller-manager', operation: 'Update', fieldsV1: { 'f:spec': { 'f:containers': {} } } }],
    } as Pod['metadata'],
    spec: {
      nodeName: 'node-a',
      serviceAccountName: 'api',
      securityContext: { runAsNonRoot: true, fsGroup: 2000 },
      containers: [
        {
          name: 'app',
          image: 'registry.example.com/api:1.2.3',
          env: Array.from({ length: 40 }, (_, k) => ({ name: `VAR_${k}`, value: 'x'.repeat(30) })),
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
          volumeMounts: [{ name: `kube-api-access-${i}`, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }, { name: 'config', mountPath: '/etc/api' }],
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        },
      ],
      volumes: [
        { name: `kube-api-access-${i}`, projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3607 } }] } },
        { name: 'config', configMap: { name: 'api-config' } },
      ],
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    } as Pod['spec'],
    status: {
      phase: 'Running',
      podIP: `10.0.0.${i}`,
      podIPs: [{ ip: `10.0.0.${i}` }],
      hostIP: '192.168.1.10',
      startTime: '2026-12-01T10:00:01Z',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-12-01T10:00:09Z' }],
      containerStatuses: [{ name: 'app', image: 'registry.example.com/api:1.2.3', imageID: 'registry.example.com/api@sha256:abc', containerID: `containerd://${i}`, ready: true, started: true, restartCount: 0, state: { running: { startedAt: '2026-12-01T10:00:05Z' } } }],
    },
  } as Pod;
}

describe('projectPod on a real cluster\'s pod', () => {
  it('reads the same for every reader and keeps none of what only the whole pod\'s views show', () => {
    const interner = new Interner();
    const pod = realPod(1);
    const projected = projectPod(pod, interner);
    compare(pod, projected, Date.parse('2026-12-01T11:00:00Z'), [], 'a real cluster\'s pod');
    const text = JSON.stringify(projected);
    for (const gone of ['managedFields', 'last-applied-configuration', 'VAR_0', 'volumeMounts', 'securityContext', 'kube-api-access', 'serviceAccountName']) expect(text).not.toContain(gone);
    expect(projected.metadata?.annotations).toEqual({ 'kubectl.kubernetes.io/default-container': 'app' });
    expect(text.length * 5).toBeLessThan(JSON.stringify(pod).length);
  });

  // What the bundled scenarios never show: each variant makes one reader read a field they do not.
  const VARIANTS: Record<string, (p: Pod) => Event[] | void> = {
    'a container with stdin and a TTY (attach -it)': (p) => {
      p.spec!.containers[0]!.stdin = true;
      p.spec!.containers[0]!.stdinOnce = true;
      p.spec!.containers[0]!.tty = true;
    },
    'terminating with a preStop hook running': (p) => {
      p.metadata!.deletionTimestamp = '2026-12-01T11:00:20Z';
      p.metadata!.deletionGracePeriodSeconds = 30;
      p.spec!.containers[0]!.lifecycle = { preStop: { exec: { command: ['sh', '-c', 'sleep 20'] } } };
      const at = '2026-12-01T10:59:50Z';
      return [{ metadata: { name: 'k', namespace: 'prod' }, involvedObject: { kind: 'Pod', namespace: 'prod', name: p.metadata!.name!, uid: p.metadata!.uid!, fieldPath: 'spec.containers{app}' }, reason: 'Killing', message: 'Stopping container app', type: 'Normal', count: 1, firstTimestamp: at, lastTimestamp: at }];
    },
    'terminating, held by a finalizer': (p) => {
      p.metadata!.deletionTimestamp = '2026-12-01T10:50:00Z';
      p.metadata!.deletionGracePeriodSeconds = 0;
      p.metadata!.finalizers = ['example.com/hold'];
      p.status!.phase = 'Failed';
      p.status!.containerStatuses![0]!.state = { terminated: { exitCode: 137, reason: 'Error', finishedAt: '2026-12-01T10:50:01Z', startedAt: '2026-12-01T10:00:05Z' } };
      p.status!.containerStatuses![0]!.ready = false;
    },
    'held by a scheduling gate': (p) => {
      delete p.spec!.nodeName;
      p.spec!.schedulingGates = [{ name: 'example.com/quota' }];
      p.status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' }] };
    },
    'waiting for a readiness gate': (p) => {
      p.spec!.readinessGates = [{ conditionType: 'example.com/load-balancer' }];
      p.status!.conditions = [{ type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', lastTransitionTime: '2026-12-01T10:00:09Z' }, { type: 'ContainersReady', status: 'True' }];
    },
    'an init container and a sidecar': (p) => {
      p.spec!.initContainers = [
        { name: 'migrate', image: 'migrate:1', command: ['./migrate', '--wait'] },
        { name: 'proxy', image: 'proxy:1', restartPolicy: 'Always', ports: [{ containerPort: 15000 }] },
      ];
      p.status!.phase = 'Pending';
      p.status!.initContainerStatuses = [
        { name: 'migrate', image: 'migrate:1', imageID: '', ready: false, restartCount: 0, state: { running: { startedAt: '2026-12-01T10:00:02Z' } } },
        { name: 'proxy', image: 'proxy:1', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
      ];
    },
  };

  it.each(Object.keys(VARIANTS))('reads the same for every reader: %s', (variant) => {
    const pod = realPod(3);
    const events = VARIANTS[variant]!(pod) ?? [];
    compare(pod, projectPod(pod, new Interner()), Date.parse('2026-12-01T11:00:00Z'), events, variant);
  });

  it('does not change the pod it is given', () => {
    const pod = realPod(2);
    const before = JSON.stringify(pod);
    projectPod(pod, new Interner());
    expect(JSON.stringify(pod)).toBe(before);
  });

  it('shares what replicas have in common as one frozen object, and keeps what is theirs apart', () => {
    const interner = new Interner();
    const a = projectPod(realPod(1), interner);
    const b = projectPod(realPod(2), interner);
    expect(a.spec!.containers).toBe(b.spec!.containers);
    expect(a.metadata!.labels).toBe(b.metadata!.labels);
    expect(a.metadata!.ownerReferences).toBe(b.metadata!.ownerReferences);
    expect(a.status!.conditions![0]).toBe(b.status!.conditions![0]);
    expect(Object.isFrozen(a.spec!.containers![0])).toBe(true);
    expect(() => {
      (a.spec!.containers![0] as { image: string }).image = 'changed';
    }).toThrow(TypeError);
    expect(a.status!.podIP).toBe('10.0.0.1');
    expect(b.status!.podIP).toBe('10.0.0.2');
    expect(a.status!.containerStatuses).not.toBe(b.status!.containerStatuses);
  });

  it('a shared subtree seen before is the same projection; any change in it projects anew', () => {
    const interner = new Interner();
    const a = projectPod(realPod(1), interner);
    const changed = realPod(2);
    changed.spec!.containers[0]!.image = 'web:2';
    const b = projectPod(changed, interner);
    expect(b.spec!.containers![0]!.image).toBe('web:2');
    expect(b.spec!.containers).not.toBe(a.spec!.containers);
    expect(b).toEqual(projectPod(changed, new Interner()));
    // A malformed subtree is conformed the same way the second time it is seen.
    const bad = { metadata: { name: 'x', namespace: 'ns', uid: 'u' }, spec: { containers: [null, { name: 7 }] } };
    expect(projectPod(bad, interner)).toEqual(projectPod(bad, interner));
    expect(projectPod(bad, interner)).toEqual(projectPod(bad, new Interner()));
  });

  it('is told from a whole pod by what made it, not by a set of projections or a field the JSON can hold', () => {
    const interner = new Interner();
    const pod = realPod(1);
    const projected = projectPod(pod, interner);
    expect(isPodProjection(projected)).toBe(true);
    expect(isPodProjection(pod)).toBe(false);
    expect(isPodProjection(JSON.parse(JSON.stringify(projected)))).toBe(false);
    expect(isPodProjection({ ...pod, constructor: projected.constructor })).toBe(false);
    for (const nothing of [null, undefined, 'pod', 5, []]) expect(isPodProjection(nothing)).toBe(false);
    // What is left of a value that is not a pod is a projection too (empty), so it is not projected again.
    const empty = projectPod(null, interner);
    expect(empty).toEqual({});
    expect(isPodProjection(empty)).toBe(true);
    const projector = new PodProjector();
    expect(projector.project(projected)).toBe(projected);
    expect(projector.isProjection(projected)).toBe(true);
    expect(projector.isProjection(pod)).toBe(false);
  });

  it('gives pods with equal summaries one frozen summary, equal to the pod\'s own', () => {
    const projector = new PodProjector();
    const a = makePodEntry(realPod(1), projector);
    const b = makePodEntry(realPod(2), projector);
    expect(a.summary).toBe(b.summary);
    expect(Object.isFrozen(a.summary)).toBe(true);
    expect(a.summary).toEqual(podSummary(realPod(1)));
    const restarted = realPod(3);
    restarted.status!.containerStatuses![0]!.restartCount = 4;
    const c = makePodEntry(restarted, projector);
    expect(c.summary).not.toBe(a.summary);
    expect(c.summary).toEqual(podSummary(restarted));
    const status = realPod(4);
    status.status!.phase = 'Pending/1/1';
    expect(makePodEntry(status, projector).summary).toEqual(podSummary(status));
  });

  it('keeps each list exactly as long as what it kept (items left out leave no holes)', () => {
    const pod = realPod(1);
    pod.spec!.volumes = [{ name: 'token', projected: { sources: [] } } as never, { name: 'data', persistentVolumeClaim: { claimName: 'data' } } as never, { name: 'tmp', emptyDir: {} } as never];
    pod.status!.conditions = [null as never, { type: 'Ready', status: 'True' }, 7 as never];
    const projected = projectPod(pod, new Interner());
    expect(projected.spec!.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }]);
    expect(projected.status!.conditions).toEqual([{ type: 'Ready', status: 'True' }]);
    for (const list of [projected.spec!.volumes!, projected.status!.conditions!, projected.spec!.containers, projected.status!.containerStatuses!]) {
      expect(Object.keys(list)).toHaveLength(list.length);
      for (let i = 0; i < list.length; i++) expect(i in list).toBe(true);
    }
  });

  it('conforms a malformed pod as conformPod does', () => {
    const bad = { metadata: { name: 5, namespace: 'ns', uid: 'u' }, spec: { nodeName: 7, containers: [null, { name: 'c' }] }, status: { containerStatuses: [{ name: 'c', restartCount: 'x' }] } };
    const projected = projectPod(bad, new Interner());
    for (const [reader, read] of Object.entries(READERS)) {
      expect(read(projected, { nowMs: 0, events: [] }), reader).toEqual(read(conformPod(bad), { nowMs: 0, events: [] }));
    }
  });
});
