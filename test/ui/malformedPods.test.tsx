// Issue 12 item 5: a client survives whatever a server sends. Pods that parse as JSON but
// break the schema (a number where a string belongs, a string where a list belongs, missing
// metadata…) go through the real App: pod list, pod view (every pane), describe and YAML.
// Nothing may throw; what cannot be shown is marked. Seeded and bounded; PODSCOPE_FUZZ_INPUTS
// asks for a larger run.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { Event, Kind, KindMap, Pod } from '../../src/kube/types.js';
import { AppState } from '../../src/state/appState.js';
import type { ClusterSource, DeltaBatch, Subscription } from '../../src/source/types.js';
import { App } from '../../src/ui/App.js';

const NOW = Date.UTC(2026, 0, 2);

/** A source that serves the pods handed to it, and nothing else. */
class GivenPods implements ClusterSource {
  constructor(private readonly pods: unknown[]) {}
  info() {
    return { context: 'fuzz', cluster: 'fuzz', user: 'fuzz', server: 'fuzz', version: 'v1.33.0' };
  }
  now() {
    return NOW;
  }
  onStatus(l: (s: { phase: 'live' }) => void): Subscription {
    l({ phase: 'live' });
    return { stop: () => undefined };
  }
  watch<K extends Kind>(kind: K, _scope: unknown, onBatch: (b: DeltaBatch<KindMap[K]>) => void): Subscription {
    const objects = (kind === 'Pod' ? this.pods : []) as KindMap[K][];
    setImmediate(() => onBatch([{ type: 'RESET', objects }]));
    return { stop: () => undefined };
  }
  async list<K extends Kind>(kind: K): Promise<KindMap[K][]> {
    return (kind === 'Pod' ? this.pods : []) as KindMap[K][];
  }
  async get() {
    return undefined;
  }
  async delete() {
    return { kind: 'error' as const, message: 'not in this test' };
  }
  watchPods(s: { namespace: string | undefined }, onBatch: (b: DeltaBatch<Pod>) => void): Subscription {
    return this.watch('Pod', s, onBatch);
  }
  watchEvents(s: { namespace: string | undefined }, onBatch: (b: DeltaBatch<Event>) => void): Subscription {
    return this.watch('Event', s, onBatch);
  }
  async listPods() {
    return this.pods as Pod[];
  }
  async listEvents() {
    return [];
  }
  async getPod() {
    return undefined;
  }
  async deletePod() {
    return { kind: 'error' as const, message: 'not in this test' };
  }
  async patch(): Promise<unknown> {
    throw new Error('not in this test');
  }
  logs(): Subscription {
    return { stop: () => undefined };
  }
  async listNamespaces() {
    return ['default'];
  }
  defaultNamespace() {
    return 'default';
  }
  contexts() {
    return ['fuzz'];
  }
  currentContext() {
    return 'fuzz';
  }
  async switchContext() {}
  close() {}
}

function goodPod(i: number): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${i}`, namespace: 'default', uid: `uid-${i}`, resourceVersion: String(10 + i), creationTimestamp: '2026-01-01T23:00:00Z', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'rs', controller: true }] },
    spec: {
      nodeName: 'node-1',
      restartPolicy: 'Always',
      containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { requests: { cpu: '100m' } }, env: [{ name: 'A', value: 'b' }], readinessProbe: { httpGet: { path: '/', port: 80 } } }],
      volumes: [{ name: 'data', emptyDir: {} }],
      tolerations: [{ key: 'k', operator: 'Exists' }],
    },
    status: {
      phase: 'Running',
      podIP: '10.0.0.1',
      podIPs: [{ ip: '10.0.0.1' }],
      hostIP: '192.168.0.1',
      startTime: '2026-01-01T23:00:01Z',
      qosClass: 'Burstable',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T23:00:05Z' }],
      containerStatuses: [{ name: 'app', image: 'nginx:1.27', imageID: 'x', ready: true, restartCount: 2, started: true, state: { running: { startedAt: '2026-01-01T23:00:02Z' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-01-01T22:59:00Z' } } }],
    },
  };
}

/** The named shapes, each on its own. */
const NAMED: [string, (p: Record<string, any>) => void][] = [
  ['spec.nodeName: 5', (p) => (p.spec.nodeName = 5)],
  ['a numeric name', (p) => (p.metadata.name = 42)],
  ['no metadata', (p) => delete p.metadata],
  ['metadata: null', (p) => (p.metadata = null)],
  ['containers not an array', (p) => (p.spec.containers = { a: 1 })],
  ['containerStatuses a string', (p) => (p.status.containerStatuses = 'x')],
  ['a container that is a number', (p) => (p.spec.containers = [7])],
  ['labels an array', (p) => (p.metadata.labels = ['a'])],
  ['restartCount a string', (p) => (p.status.containerStatuses[0].restartCount = 'many')],
  ['creationTimestamp garbage', (p) => (p.metadata.creationTimestamp = 'yesterday')],
  ['creationTimestamp a number', (p) => (p.metadata.creationTimestamp = 12)],
  ['state a string', (p) => (p.status.containerStatuses[0].state = 'running')],
  ['conditions an object', (p) => (p.status.conditions = { Ready: true })],
  ['no spec, no status', (p) => (delete p.spec, delete p.status)],
  ['status a string', (p) => (p.status = 'Running')],
  ['ownerReferences a string', (p) => (p.metadata.ownerReferences = 'rs')],
  ['env a map', (p) => (p.spec.containers[0].env = { A: 'b' })],
  ['ports of null', (p) => (p.spec.containers[0].ports = [null])],
  ['podIPs of numbers', (p) => (p.status.podIPs = [1, 2])],
  ['deletionTimestamp true', (p) => (p.metadata.deletionTimestamp = true)],
];

const WRONG: unknown[] = [5, -1, 1.5, 'x', '', true, null, [], [1, 'a'], {}, { a: 1 }, '2026-13-45T99:99:99Z'];

function rng(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n) => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}

/** Replaces one random value somewhere in the object (or deletes it) with something of another type. */
function mutate(obj: Record<string, unknown>, rnd: (n: number) => number): string {
  let node: any = obj;
  const path: string[] = [];
  for (let depth = 0; depth < 8; depth++) {
    const keys = node && typeof node === 'object' ? Object.keys(node) : [];
    if (keys.length === 0) break;
    const k = keys[rnd(keys.length)]!;
    const child = node[k];
    if (child && typeof child === 'object' && rnd(4) !== 0) {
      path.push(k);
      node = child;
      continue;
    }
    path.push(k);
    if (rnd(6) === 0) delete node[k];
    else node[k] = structuredClone(WRONG[rnd(WRONG.length)]);
    break;
  }
  return path.join('.');
}

async function turns(n = 4): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

/** Every view of every pod, rendered: returns the frames' text, throws if anything throws. */
async function showEverything(pods: unknown[]): Promise<string> {
  const app = new AppState({ source: new GivenPods(pods), namespace: undefined, frameMs: 0, realNow: () => 0 });
  app.resize(120, 40);
  app.start();
  const errors: unknown[] = [];
  const r = render(<App app={app} />);
  const frames: string[] = [];
  try {
    await turns();
    frames.push(r.lastFrame() ?? '');
    for (let i = 0; i < pods.length; i++) {
      app.moveTo(i);
      for (const view of ['pod', 'describe', 'yaml'] as const) {
        app.openFocused(view);
        await turns(2);
        frames.push(r.lastFrame() ?? '');
        if (view === 'pod') {
          for (let p = 0; p < 4; p++) {
            app.cyclePane(1);
            await turns(1);
            frames.push(r.lastFrame() ?? '');
          }
        }
        app.back();
        await turns(1);
      }
    }
    app.toggleSort('status');
    app.toggleSort('restarts');
    app.toggleSort('age');
    app.pods.setFilter('web');
    await turns();
    frames.push(r.lastFrame() ?? '');
  } catch (err) {
    errors.push(err);
  } finally {
    r.unmount();
    app.stop();
  }
  if (errors.length > 0) throw errors[0];
  // Ink shows a render error in place of the app (and the real TUI would be gone).
  const crashed = frames.find((f) => /^\s*ERROR\s/m.test(f));
  if (crashed) throw new Error(crashed.split('\n').slice(0, 4).join(' ').replace(/\s+/g, ' '));
  return frames.join('\n');
}

describe('malformed pods from a server', () => {
  it.each(NAMED)('%s: every view renders, the pod is listed and marked', async (_what, breakIt) => {
    const bad = goodPod(1);
    breakIt(bad as Record<string, any>);
    const text = await showEverything([goodPod(0), bad]);
    expect(text).toContain('web-0');
    expect(text).not.toMatch(/internal error|TypeError|Cannot read properties/);
  });

  it('spec.nodeName: 5 shows <invalid> in the NODE column of the list', async () => {
    const bad = goodPod(1) as Record<string, any>;
    bad.spec.nodeName = 5;
    const text = await showEverything([bad]);
    expect(text).toMatch(/web-1 .*<invalid>/);
  });

  const inputs = Number(process.env.PODSCOPE_FUZZ_INPUTS ?? 40);
  const seed = Number(process.env.PODSCOPE_FUZZ_SEED ?? 5);
  it(`${inputs} seeded mutations (seed ${seed}): no view throws`, async () => {
    const rnd = rng(seed);
    const failures: string[] = [];
    for (let done = 0; done < inputs; done += 5) {
      const pods = Array.from({ length: 5 }, (_, i) => {
        const p = goodPod(done + i);
        const paths = [mutate(p, rnd), rnd(2) === 0 ? mutate(p, rnd) : ''];
        return { p, paths };
      });
      try {
        await showEverything(pods.map((x) => x.p));
      } catch (err) {
        failures.push(`${pods.map((x) => x.paths.filter(Boolean).join('+')).join(' | ')}: ${String(err)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
