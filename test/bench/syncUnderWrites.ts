// A full sync of N pods through `sim serve`'s HTTP API by the live source's informer while
// the server takes a steady stream of writes (updates, creates, deletes), then a check that
// what the informer holds equals the server's LIST: same uids at the same resourceVersions.
// Correctness, not speed: run at 10k by `npm test`, at 100k by `npm run bench`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject, Pod } from '../../src/kube/types.js';
import { ManualClock } from '../../src/sim/clock.js';
import { Simulator } from '../../src/sim/engine.js';
import { startSimServer } from '../../src/sim/server/server.js';
import { createKubeClient } from '../../src/source/kube/client.js';
import { Informer, type WatchListSupport } from '../../src/source/kube/informer.js';
import { loadKubeconfig, resolveContext } from '../../src/source/kube/kubeconfig.js';

const TOKEN = 'sync-token';

export interface SyncUnderWritesOptions {
  pods: number;
  writesPerSecond: number;
  /** Stream the list (sendInitialEvents) or page it. */
  watchList: boolean;
  /** Give up (and fail) after this long. */
  timeoutMs?: number;
}

export interface SyncUnderWritesResult {
  pods: number;
  writes: number;
  syncMs: number;
  convergedMs: number;
  /** Differences between the informer and the server's LIST at the end: empty when they agree. */
  differences: string[];
}

/** A realistic Running pod (status, conditions, IPs), stored directly so the engine stays out of the way. */
function pod(i: number): Pod {
  const name = `pod-${String(i).padStart(6, '0')}`;
  return {
    metadata: { name, namespace: `team-${i % 10}`, labels: { app: `app-${i % 50}`, tier: 'web' }, annotations: { 'sim.podscope.dev/run': 'forever' } },
    spec: { nodeName: `node-${i % 100}`, containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
    status: {
      phase: 'Running',
      podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      hostIP: '192.168.0.1',
      startTime: '2026-01-01T00:00:00Z',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: '2026-01-01T00:00:01Z' })),
      containerStatuses: [{ name: 'app', image: 'docker.io/library/nginx:1.27', imageID: 'docker.io/library/nginx@sha256:0123', containerID: `containerd://${i.toString(16).padStart(12, '0')}`, ready: true, started: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:01Z' } } }],
      qosClass: 'Burstable',
    },
  } as Pod;
}

function keyOf(p: KubeObject): string {
  return `${p.metadata!.namespace}/${p.metadata!.name}`;
}

export async function syncUnderWrites(options: SyncUnderWritesOptions): Promise<SyncUnderWritesResult> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const sim = new Simulator({ clock: new ManualClock(Date.UTC(2026, 0, 1)), seed: 3 });
  for (let i = 0; i < options.pods; i++) sim.store.create('Pod', pod(i));
  const server = await startSimServer({ sim, token: TOKEN });
  const dir = mkdtempSync(join(tmpdir(), 'podscope-sync-'));
  const kubeconfig = join(dir, 'config');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- {name: s, cluster: {server: "${server.url}", insecure-skip-tls-verify: true}}\nusers:\n- {name: u, user: {token: ${TOKEN}}}\ncontexts:\n- {name: s, context: {cluster: s, user: u}}\ncurrent-context: s\n`,
  );
  const support: WatchListSupport = { refused: false };
  const informer = new Informer<Pod>({
    client: await createKubeClient(resolveContext(loadKubeconfig([kubeconfig]))),
    kind: 'Pod',
    scope: { namespace: undefined },
    onBatch: () => {},
    watchList: options.watchList ? support : undefined,
  });
  let writes = 0;
  let next = options.pods;
  const t0 = performance.now();
  // Writes every 10 ms, as many as are due: 80 % status-like updates, 10 % creates, 10 % deletes.
  const writer = setInterval(() => {
    const due = Math.floor(((performance.now() - t0) / 1000) * options.writesPerSecond);
    for (; writes < due; writes++) {
      const roll = writes % 10;
      if (roll === 0) {
        sim.store.create('Pod', pod(next++));
        continue;
      }
      const victim = pod((writes * 7919) % next);
      const current = sim.store.get('Pod', victim.metadata!.namespace, victim.metadata!.name!);
      if (!current) continue;
      if (roll === 1) sim.store.remove('Pod', current.metadata!.namespace, current.metadata!.name!);
      else sim.store.update('Pod', { ...current, metadata: { ...current.metadata, resourceVersion: undefined, annotations: { ...current.metadata!.annotations, beat: String(writes) } } });
    }
  }, 10);
  informer.start();
  let syncMs = NaN;
  let differences: string[] = [];
  try {
    await until(() => informer.hasSynced, t0 + timeoutMs, 'the informer to sync');
    syncMs = performance.now() - t0;
    // Writes go on a little past the sync, through the live watch.
    const stopAt = performance.now() + 1_000;
    await until(() => performance.now() >= stopAt, stopAt + 5_000, 'a second of writes after the sync');
    clearInterval(writer);
    const want = (): Map<string, string> => new Map(sim.store.list('Pod').items.map((p) => [keyOf(p), `${p.metadata!.uid}@${p.metadata!.resourceVersion}`]));
    const have = (): Map<string, string> => new Map(informer.items().map((p) => [keyOf(p), `${p.metadata!.uid}@${p.metadata!.resourceVersion}`]));
    const diff = (): string[] => {
      const w = want();
      const h = have();
      const out: string[] = [];
      for (const [k, v] of w) if (h.get(k) !== v) out.push(`${k}: server ${v}, informer ${h.get(k) ?? 'missing'}`);
      for (const [k, v] of h) if (!w.has(k)) out.push(`${k}: informer ${v}, not on the server`);
      return out;
    };
    const deadline = performance.now() + Math.max(10_000, timeoutMs - (performance.now() - t0));
    while ((differences = diff()).length > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  } finally {
    clearInterval(writer);
    informer.stop();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { pods: options.pods, writes, syncMs: Math.round(syncMs), convergedMs: Math.round(performance.now() - t0), differences: differences.slice(0, 20) };
}

async function until(cond: () => boolean, deadline: number, what: string): Promise<void> {
  while (!cond()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
