// A full sync of N pods through `sim serve`'s HTTP API by the live source's informer while
// the server takes a steady stream of writes (updates, creates, deletes), then a check that
// the view built from the informer's deltas (deltaReplica.ts) equals the server's LIST — same
// uids at the same resourceVersions — and that no delta was duplicated or out of order.
// Correctness, not speed: run by `npm test` (test/e2e/syncUnderWrites.test.ts says at which
// sizes, and why) and at 100k by `npm run bench`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pod } from '../../src/kube/types.js';
import { ManualClock } from '../../src/sim/clock.js';
import { Simulator } from '../../src/sim/engine.js';
import { startSimServer } from '../../src/sim/server/server.js';
import { createKubeClient } from '../../src/source/kube/client.js';
import { Informer, type WatchListSupport } from '../../src/source/kube/informer.js';
import type { WatchCounters } from '../../src/source/types.js';
import { loadKubeconfig, resolveContext } from '../../src/source/kube/kubeconfig.js';
import { DeltaReplica, differences as differencesOf, keyOf, versionOf } from './deltaReplica.js';

const TOKEN = 'sync-token';

export interface SyncUnderWritesOptions {
  pods: number;
  writesPerSecond: number;
  /** Stream the list (sendInitialEvents) or page it. */
  watchList: boolean;
  /** Give up (and fail) after this long. */
  timeoutMs?: number;
  /** The server's watch history per kind (the simulator's default: 20,000 events). */
  historySize?: number;
  /** Told the informer's status lines as they change (ms since the writes began), to see why a run failed. */
  onStatus?: (line: string) => void;
}

export interface SyncUnderWritesResult {
  pods: number;
  writes: number;
  syncMs: number;
  convergedMs: number;
  /** Differences between the view built from the deltas and the server's LIST at the end: empty when they agree. */
  differences: string[];
  /** Deltas that a correct informer does not send (duplicated, out of order, of an unknown key): empty. */
  anomalies: string[];
  /** Deltas delivered, RESETs aside. */
  deltas: number;
  /** The informer's own count of syncs, relists, watches and drops. */
  counters: WatchCounters;
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

export async function syncUnderWrites(options: SyncUnderWritesOptions): Promise<SyncUnderWritesResult> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const sim = new Simulator({ clock: new ManualClock(Date.UTC(2026, 0, 1)), seed: 3, historySize: options.historySize });
  for (let i = 0; i < options.pods; i++) sim.store.create('Pod', pod(i));
  const server = await startSimServer({ sim, token: TOKEN });
  const dir = mkdtempSync(join(tmpdir(), 'podscope-sync-'));
  const kubeconfig = join(dir, 'config');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- {name: s, cluster: {server: "${server.url}", insecure-skip-tls-verify: true}}\nusers:\n- {name: u, user: {token: ${TOKEN}}}\ncontexts:\n- {name: s, context: {cluster: s, user: u}}\ncurrent-context: s\n`,
  );
  const support: WatchListSupport = { refused: false };
  const replica = new DeltaReplica();
  const counters: WatchCounters = { syncs: 0, relists: 0, watches: 0, drops: 0 };
  const informer = new Informer<Pod>({
    client: await createKubeClient(resolveContext(loadKubeconfig([kubeconfig]))),
    kind: 'Pod',
    scope: { namespace: undefined },
    onBatch: (batch) => replica.apply(batch),
    counters,
    onStatus: options.onStatus && ((s) => options.onStatus!(`${Math.round(performance.now() - t0)} ms ${s.phase}: ${s.message ?? ''}`)),
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
    const listed = new Map(sim.store.list('Pod').items.map((p) => [keyOf(p), versionOf(p)]));
    // Compared again only once new deltas have come and then 200 ms gone by without any: a
    // comparison of 100k keys every few milliseconds would starve the relist it waits for
    // (server and informer share this thread).
    const deadline = performance.now() + Math.max(10_000, timeoutMs - (performance.now() - t0));
    let compared = -1;
    let seen = replica.batches;
    let quietSince = performance.now();
    for (;;) {
      if (replica.batches !== seen) {
        seen = replica.batches;
        quietSince = performance.now();
      } else if (seen !== compared && performance.now() - quietSince >= 200) {
        compared = seen;
        differences = differencesOf(listed, replica.held);
        if (differences.length === 0) break;
      }
      if (performance.now() >= deadline) {
        differences = differencesOf(listed, replica.held);
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    clearInterval(writer);
    informer.stop();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    pods: options.pods,
    writes,
    syncMs: Math.round(syncMs),
    convergedMs: Math.round(performance.now() - t0),
    differences: differences.slice(0, 20),
    anomalies: replica.anomalies.slice(0, 20),
    deltas: replica.deltas,
    counters,
  };
}

async function until(cond: () => boolean, deadline: number, what: string): Promise<void> {
  while (!cond()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
