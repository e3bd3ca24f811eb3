// A pod's new version projected with its earlier projection at hand keeps the earlier shared
// parts that did not change (no new objects, no interner look-ups: the churn path's cost), and
// is equal to what projecting it alone gives: on every pod of every bundled scenario from one
// instant to the next, and on random changes (values of every kind, also malformed ones) at
// random places of a pod.
import { afterEach, describe, expect, it } from 'vitest';
import { Interner } from '../../../src/kube/interner.js';
import { projectPod } from '../../../src/kube/podProjection.js';
import type { Pod } from '../../../src/kube/types.js';
import { loadScenario, resolveScenarioPath } from '../../../src/sim/scenario/index.js';
import { createTestSimulator } from '../../ui/testSimulator.js';
import { FIXTURES, INSTANTS } from './projectionFixtures.js';

type Sim = ReturnType<typeof createTestSimulator>;
let sim: Sim | undefined;
afterEach(() => sim?.stop());

describe('projecting a new version against the earlier projection', () => {
  it.each(FIXTURES)('equals projecting it alone, every pod of %s from instant to instant', async (fixture) => {
    sim = createTestSimulator(await loadScenario(resolveScenarioPath(fixture)));
    const interner = new Interner();
    const held = new Map<string, Pod>();
    let kept = 0;
    let t = 0;
    for (const at of INSTANTS) {
      sim.clock.advance(at - t);
      t = at;
      for (const pod of sim.store.list('Pod', {}).items) {
        const uid = pod.metadata!.uid!;
        const before = held.get(uid);
        const projected = projectPod(pod, interner, before);
        expect(projected, `${fixture} at ${at / 1000}s, pod ${pod.metadata?.name}`).toEqual(projectPod(pod, new Interner()));
        if (before && before.spec?.containers === projected.spec?.containers) kept++;
        held.set(uid, projected);
      }
    }
    // A pod's containers do not change after it is created: the earlier ones are kept.
    if (held.size > 0) expect(kept).toBeGreaterThan(0);
  });

  it('keeps what did not change and makes anew what did', () => {
    const interner = new Interner();
    const v1 = pod();
    const p1 = projectPod(v1, interner);
    const v2 = pod();
    v2.metadata!.resourceVersion = '2';
    v2.status!.conditions![1]!.status = 'False';
    const p2 = projectPod(v2, interner, p1);
    expect(p2.spec?.containers).toBe(p1.spec?.containers);
    expect(p2.spec?.tolerations).toBe(p1.spec?.tolerations);
    expect(p2.metadata?.ownerReferences).toBe(p1.metadata?.ownerReferences);
    expect(p2.status?.conditions?.[0]).toBe(p1.status?.conditions?.[0]);
    expect(p2.status?.conditions?.[1]).not.toBe(p1.status?.conditions?.[1]);
    expect(p2.status?.conditions?.[1]?.status).toBe('False');
    expect(p2.metadata?.resourceVersion).toBe('2');
    expect(p2).toEqual(projectPod(v2, new Interner()));
  });

  // Changes inside the free-form parts of a shared node (compared as JSON, not picked field by field).
  const INSIDE: Record<string, (p: Pod) => void> = {
    'a probe lost a field': (p) => delete (p.spec!.containers[0]!.readinessProbe as Record<string, unknown>).periodSeconds,
    'a probe gained a field': (p) => ((p.spec!.containers[0]!.readinessProbe as Record<string, unknown>).timeoutSeconds = 2),
    'a probe field changed type': (p) => ((p.spec!.containers[0]!.readinessProbe!.httpGet as Record<string, unknown>).port = 'http'),
    'requests lost a key': (p) => delete p.spec!.containers[0]!.resources!.requests!.memory,
    'limits gained a key': (p) => (p.spec!.containers[0]!.resources!.limits!.cpu = '1'),
    'a request became a number': (p) => ((p.spec!.containers[0]!.resources!.requests as Record<string, unknown>).cpu = 1),
    'a configMap volume lost its name': (p) => delete (p.spec!.volumes![1]!.configMap as Record<string, unknown>).name,
    'a second container went': (p) => p.spec!.containers.pop(),
    'a toleration lost its seconds': (p) => delete p.spec!.tolerations![0]!.tolerationSeconds,
    'a waiting state became terminated': (p) => (p.status!.containerStatuses![1]!.state = { terminated: { exitCode: 1, reason: 'Error' } }),
    'a port became a string': (p) => ((p.spec!.containers[0]!.ports![0] as Record<string, unknown>).containerPort = '80'),
  };

  it.each(Object.keys(INSIDE))('equals projecting it alone when %s', (change) => {
    const interner = new Interner();
    const p1 = projectPod(pod(), interner);
    const v2 = pod();
    INSIDE[change]!(v2);
    const p2 = projectPod(v2, interner, p1);
    expect(p2).toEqual(projectPod(v2, new Interner()));
    expect(p2).not.toEqual(p1);
  });

  it.each([1, 2, 3, 4, 5, 6])('equals projecting it alone after random changes (seed %i)', (seed) => {
    const rand = rng(seed);
    const interner = new Interner();
    let current = pod();
    let projected = projectPod(current, interner);
    for (let step = 0; step < 400; step++) {
      const next = structuredClone(current);
      for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) mutate(next, rand);
      const again = projectPod(next, interner, projected);
      expect(again, `seed ${seed} step ${step}: ${JSON.stringify(next)}`).toEqual(projectPod(next, new Interner()));
      // Now and then a malformed version; later versions start from a good one again.
      current = rand() < 0.7 ? next : pod();
      projected = current === next ? again : projectPod(current, interner, again);
    }
  });
});

function pod(): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-1',
      namespace: 'shop',
      uid: 'uid-1',
      resourceVersion: '1',
      creationTimestamp: '2026-12-01T10:00:00Z',
      labels: { app: 'web', 'pod-template-hash': 'abc' },
      annotations: { 'kubectl.kubernetes.io/default-container': 'app', other: 'x' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-1', controller: true }],
      finalizers: ['example.com/keep'],
    },
    spec: {
      nodeName: 'node-a',
      nodeSelector: { disk: 'ssd' },
      containers: [
        {
          name: 'app',
          image: 'nginx:1.27',
          command: ['nginx'],
          args: ['-g', 'daemon off;'],
          ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
          resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
          readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 },
        },
        { name: 'side', image: 'busybox:1.36' },
      ],
      volumes: [
        { name: 'token', projected: { sources: [] } },
        { name: 'config', configMap: { name: 'web-config' } },
      ],
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    },
    status: {
      phase: 'Running',
      podIP: '10.0.0.1',
      podIPs: [{ ip: '10.0.0.1' }],
      hostIP: '192.168.0.1',
      startTime: '2026-12-01T10:00:01Z',
      conditions: [
        { type: 'Initialized', status: 'True', lastTransitionTime: '2026-12-01T10:00:01Z' },
        { type: 'Ready', status: 'True', lastTransitionTime: '2026-12-01T10:00:09Z' },
      ],
      containerStatuses: [
        { name: 'app', image: 'nginx:1.27', imageID: 'nginx@sha256:1', containerID: 'containerd://1', ready: true, started: true, restartCount: 0, state: { running: { startedAt: '2026-12-01T10:00:05Z' } } },
        { name: 'side', image: 'busybox:1.36', imageID: '', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off' } }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } },
      ],
    },
  } as Pod;
}

/** Values of every kind a field could hold, good and malformed. */
const VALUES: unknown[] = [null, 0, 7, -1.5, true, false, '', 'x', 'True', '2026-12-01T10:00:09Z', 'not a time', [], ['a'], [{ name: 'n' }], {}, { a: 'b' }, { a: 1 }, { running: {} }];

/** One random change somewhere in the tree: a value replaced, a key deleted or added, an item added or removed. */
function mutate(root: Record<string, unknown> | unknown[], rand: () => number): void {
  let node: Record<string, unknown> | unknown[] = root;
  for (let depth = 0; depth < 8; depth++) {
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[Math.floor(rand() * keys.length)]!;
    const child = (node as Record<string | number, unknown>)[key];
    if (typeof child === 'object' && child !== null && rand() < 0.75) {
      node = child as Record<string, unknown> | unknown[];
      continue;
    }
    const roll = rand();
    const value = structuredClone(VALUES[Math.floor(rand() * VALUES.length)]);
    if (Array.isArray(node)) {
      if (roll < 0.3) node.splice(key as number, 1);
      else if (roll < 0.5) node.push(structuredClone(node[0]) ?? value);
      else node[key as number] = value;
    } else if (roll < 0.25) delete node[key as string];
    else if (roll < 0.35) node[`extra${Math.floor(rand() * 3)}`] = value;
    else node[key as string] = value;
    return;
  }
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
