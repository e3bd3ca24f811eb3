// The pod view's "Volumes, Services & Node" pane (issue 11): whether each volume is mounted or
// why not, the Services selecting the pod and whether it is in their endpoints now, and for a
// pod on an unreachable node since when and when it is evicted. Ink frames, manual clock.
import { afterEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../src/kube/types.js';
import { loadScenario, resolveScenarioPath } from '../../src/sim/scenario/index.js';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import type { WorldLookup } from '../../src/state/podWorld.js';
import { nodeReachability, serviceFacts, volumeFacts } from '../../src/state/podWorldFacts.js';
import { mount, type Mounted } from './helpers.js';
import { createTestSimulator } from './testSimulator.js';

let mounted: Mounted | undefined;
let stopSim: (() => void) | undefined;
afterEach(() => {
  mounted?.unmount();
  stopSim?.();
});

async function openPod(scenario: string, advanceMs: number, pick: (pods: Pod[]) => Pod): Promise<{ frame: string; pod: Pod }> {
  const sim = createTestSimulator(await loadScenario(resolveScenarioPath(scenario)));
  stopSim = () => sim.stop();
  sim.clock.advance(advanceMs);
  const pod = pick([...sim.store.all('Pod', 'default')]);
  const app = new AppState({ source: new SimSource(sim), namespace: 'default', frameMs: 0, realNow: () => 0 });
  mounted = await mount(app, { columns: 160, rows: 60 });
  await mounted.press('filter');
  await mounted.type(`^default ${pod.metadata!.name} `);
  await mounted.press('submit');
  await mounted.press('open');
  return { frame: mounted.frame(), pod };
}

const named = (name: string) => (pods: Pod[]) => pods.find((p) => p.metadata?.name === name)!;

describe('pod view: volumes, services and node', () => {
  it('a claim that does not exist is named as the reason its volume is not mounted', async () => {
    const { frame } = await openPod('storage', 20_000, named('reports'));
    expect(frame).toContain('▸ Phase & conditions');
    expect(frame).toContain('  Volumes, Services & Node');
    expect(frame).toMatch(/^ {2}data +\(pvc reports-data\) not mounted: persistentvolumeclaim "reports-data" not found$/m);
    expect(frame).toMatch(/^Volumes: +kube-api-access-\w+ pending \(waits for the pod to be scheduled\)$/m);
    expect(frame).toMatch(/^Services: +none select this pod$/m);
  });

  it('a bound claim shows mounted with its volume; an unbound one says so', async () => {
    const bound = await openPod('storage', 60_000, named('db-0'));
    expect(bound.frame).toMatch(/^Volumes: +data mounted \(pvc data-db-0, bound to pvc-[0-9a-f-]{36}\), kube-api-access-\w+ mounted$/m);
    mounted?.unmount();
    stopSim?.();
    const unbound = await openPod('storage', 20_000, named('cache-warmer'));
    expect(unbound.frame).toMatch(/^ {2}cache +\(pvc cache\) not mounted: claim is Pending \(unbound\)$/m);
  });

  it('a missing ConfigMap keeps its volume from mounting', async () => {
    const { frame } = await openPod('missing-config', 20_000, (pods) => pods.find((p) => p.spec?.volumes?.some((v) => v.configMap?.name === 'nginx-conf'))!);
    expect(frame).toMatch(/^ {2}conf +\(configMap nginx-conf\) not mounted: configmap "nginx-conf" not found$/m);
  });

  it('the Services that select the pod and whether it is in their endpoints', async () => {
    const { frame } = await openPod('services', 20_000, (pods) => pods.find((p) => p.metadata?.labels?.['app'] === 'web')!);
    expect(frame).toMatch(/Services: +web \(ClusterIP 10\.\d+\.\d+\.\d+ 80\/TCP\): in endpoints, ready; /);
  });

  it('a pod on an unreachable node: since when, and when it is evicted', async () => {
    // sim-node-2 stops at 2 m; Unknown at 2 m 40 s; its pods are evicted 300 s later.
    const { frame } = await openPod('node-failure', 200_000, (pods) => pods.find((p) => p.spec?.nodeName === 'sim-node-2' && p.metadata?.labels?.['app'] === 'web')!);
    expect(frame).toMatch(/^Node sim-node-2 unreachable since 2026-01-01T00:02:4\dZ \(\d+s ago\); evicted at 2026-01-01T00:07:4\dZ \(in 4m\d+s\)$/m);
  });
});

describe('podWorldFacts', () => {
  const lookup = (over: Partial<WorldLookup> = {}): WorldLookup => ({
    configMap: () => undefined,
    secret: () => undefined,
    claim: () => undefined,
    services: () => [],
    endpoints: () => undefined,
    node: () => undefined,
    ...over,
  });
  const pod: Pod = {
    metadata: { name: 'p', uid: 'u1', labels: { app: 'web' } },
    spec: {
      nodeName: 'n1',
      containers: [],
      volumes: [
        { name: 'cfg', configMap: { name: 'c', items: [{ key: 'k', path: 'k' }] } },
        { name: 'opt', secret: { secretName: 's', optional: true } },
        { name: 'tmp', emptyDir: {} },
      ],
      tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    },
    status: { podIP: '10.0.0.5' },
  };

  it('volumes: a missing key, an optional missing Secret, a volume with nothing to wait for', () => {
    const facts = volumeFacts(pod, lookup({ configMap: () => ({ data: { other: 'x' } }) }));
    expect(facts).toEqual([
      { name: 'cfg', source: 'configMap c', state: 'waiting', detail: 'configmap references non-existent config key: k' },
      { name: 'opt', source: 'secret s', state: 'pending', detail: 'being set up' },
      { name: 'tmp', source: 'emptyDir', state: 'pending', detail: 'being set up' },
    ]);
  });

  it('services: ready, not ready, not listed; a Service without a selector selects nothing', () => {
    const svc = (name: string, selector?: Record<string, string>) => ({ metadata: { name }, spec: { selector, clusterIP: '10.96.0.9', ports: [{ port: 80 }] } });
    const facts = serviceFacts(
      pod,
      lookup({
        services: () => [svc('a', { app: 'web' }), svc('b', { app: 'web' }), svc('c', { app: 'web' }), svc('manual')],
        endpoints: (name) =>
          name === 'a' ? { subsets: [{ addresses: [{ ip: '10.0.0.5', targetRef: { uid: 'u1' } }] }] } : name === 'b' ? { subsets: [{ notReadyAddresses: [{ ip: '10.0.0.5' }] }] } : undefined,
      }),
    );
    expect(facts.map((f) => [f.name, f.endpoint])).toEqual([
      ['a', 'ready'],
      ['b', 'not ready'],
      ['c', 'not in endpoints'],
    ]);
  });

  it('node reachability: the NoExecute taint time plus tolerationSeconds; none for a Ready node', () => {
    const node = (status: string) => ({
      metadata: { name: 'n1' },
      spec: { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-01-01T00:01:00Z' }] },
      status: { conditions: [{ type: 'Ready', status, lastTransitionTime: '2026-01-01T00:00:50Z' }] },
    });
    expect(nodeReachability(pod, node('Unknown'))).toEqual({ node: 'n1', sinceMs: Date.UTC(2026, 0, 1, 0, 0, 50), evictAtMs: Date.UTC(2026, 0, 1, 0, 6, 0) });
    expect(nodeReachability(pod, node('True'))).toBeUndefined();
    const forever = { ...pod, spec: { ...pod.spec!, tolerations: [{ operator: 'Exists' }] } };
    expect(nodeReachability(forever, node('Unknown'))?.evictAtMs).toBeUndefined();
  });
});
