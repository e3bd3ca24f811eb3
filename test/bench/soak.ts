// The soak (issue 12): `podscope sim serve --faults …` with a generated cluster in one
// process, the live source (KubeSource, what the TUI runs on a kubeconfig) in this one, a
// steady churn of deletes (the ReplicaSets replace each pod) and annotation patches sent over
// HTTP, for a long simulated span (--speed). Measured:
// - memory once warm and at the end, after a full GC (this process's heap and RSS, the
//   server's RSS), so growth means a leak, not garbage;
// - open file descriptors and active handles (sockets, timers) on both sides, at warm, at the
//   end and (this side) after the source is closed: what stays open past its owner leaks;
// - the view at the end against the server's LIST once the churn stops and the server has
//   settled (faults still on): lost pods, ghosts, stale versions, duplicates delivered.
import { readdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Pod } from '../../src/kube/types.js';
import type { DeltaBatch } from '../../src/source/types.js';
import { createKubeClient, type KubeClient } from '../../src/source/kube/client.js';
import { loadKubeconfig, resolveContext } from '../../src/source/kube/kubeconfig.js';
import { KubeSource } from '../../src/source/kube/kubeSource.js';
import { rssKb, serve, stop } from './binary.js';

export interface SoakOptions {
  pods: number;
  /** Simulated seconds per real second. */
  speed: number;
  /** Real seconds of churn; the first third warms up. */
  seconds: number;
  /** Deletes and patches per real second (half each). */
  writesPerSecond: number;
  /** `sim serve --faults` spec. */
  faults: string;
}

/** Faults that cover every way a watch or list can break, often enough to happen many times in a run. */
export const SOAK_FAULTS = 'seed=12,error=2%:503,error=1%:429,error=1%:500,latency=1ms..20ms,cut-list=5%,drop-watch=9s,malformed-watch=13s,expire-watch=17s,restart=29s';
/** The same kinds of fault, every few seconds, so each happens in a quick run too. */
export const SOAK_FAULTS_QUICK = 'seed=12,error=2%:503,error=1%:429,error=1%:500,latency=1ms..20ms,cut-list=5%,drop-watch=3s,malformed-watch=4s,expire-watch=5s,restart=7s';

const MAX_IN_FLIGHT = 8;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function fdCount(pid: number | 'self'): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** Active handles by type (TCPSocketWrap, Timeout, …), as Node reports them. */
function handles(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of process.getActiveResourcesInfo()) out[t] = (out[t] ?? 0) + 1;
  return out;
}

interface Sample {
  heapMB: number;
  rssMB: number;
  serverRssMB: number;
  fds: number;
  serverFds: number;
  handles: Record<string, number>;
}

function sample(serverPid: number): Sample {
  gc();
  const m = process.memoryUsage();
  return {
    heapMB: round(m.heapUsed / 1048576, 1),
    rssMB: round(m.rss / 1048576, 1),
    serverRssMB: round(rssKb(serverPid) / 1024, 1),
    fds: fdCount('self'),
    serverFds: fdCount(serverPid),
    handles: handles(),
  };
}

/** The view as the TUI's table holds it, with every delta that cannot happen to a consistent stream counted. */
class View {
  readonly pods = new Map<string, Pod>();
  duplicates = 0;
  unknown = 0;
  resets = 0;

  apply = (batch: DeltaBatch<Pod>): void => {
    for (const d of batch) {
      if (d.type === 'RESET') {
        this.resets++;
        this.pods.clear();
        for (const p of d.objects) this.pods.set(p.metadata!.uid!, p);
        continue;
      }
      const uid = d.object.metadata!.uid!;
      if (d.type === 'ADDED' && this.pods.has(uid)) this.duplicates++;
      if (d.type === 'MODIFIED' && !this.pods.has(uid)) this.unknown++;
      if (d.type === 'DELETED') {
        if (!this.pods.delete(uid)) this.unknown++;
      } else this.pods.set(uid, d.object);
    }
  };
}

/** uid → resourceVersion of every pod, by a paged LIST retried whole through the faults. */
async function serverPods(client: KubeClient): Promise<Map<string, string>> {
  for (let attempt = 0; ; attempt++) {
    try {
      const out = new Map<string, string>();
      let cont: string | undefined;
      do {
        const page = await client.list('Pod', { namespace: undefined, limit: 500, continue: cont });
        for (const p of page.items) out.set(p.metadata!.uid!, p.metadata!.resourceVersion!);
        cont = page.continue;
      } while (cont);
      return out;
    } catch (err) {
      if (attempt > 50) throw err;
      await sleep(100);
    }
  }
}

function same(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

async function retry<T>(what: string, fn: () => Promise<T>, attempts = 100): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts) throw new Error(`soak: ${what} kept failing: ${(err as Error).message}`);
      await sleep(100);
    }
  }
}

export async function soak(options: SoakOptions): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'podscope-soak-'));
  const served = await serve(dir, options.pods, ['--speed', String(options.speed), '--faults', options.faults], 0);
  const serverPid = served.child.pid!;
  const result: Record<string, unknown> = { pods: options.pods, speed: options.speed, realSeconds: options.seconds, faults: options.faults };
  try {
    const context = resolveContext(loadKubeconfig([served.kubeconfig]));
    const churnClient = await createKubeClient(context);
    const before = { fds: fdCount('self'), handles: handles() };
    const source = await retry('connecting', () => KubeSource.connect(context));
    const view = new View();
    const sub = source.watchPods({ namespace: undefined }, view.apply);
    const synced = performance.now();
    while (view.pods.size < options.pods) {
      if (performance.now() - synced > 300_000) throw new Error(`soak: the view holds ${view.pods.size} of ${options.pods} pods after 5 minutes`);
      await sleep(50);
    }
    result.firstSyncMs = Math.round(performance.now() - synced);

    // Churn: every 100 ms, the writes due, alternating a delete and an annotation patch of a
    // pod the view holds; at most MAX_IN_FLIGHT at once (a write due while they are all out is
    // skipped and counted), so a slow server sees a steady load, not a growing pile of sockets.
    const counts = { deletes: 0, patches: 0, failed: 0, skipped: 0 };
    let inFlight = 0;
    let beat = 0;
    const t0 = performance.now();
    const churn = setInterval(() => {
      const due = Math.floor(((performance.now() - t0) / 1000) * options.writesPerSecond);
      const uids = [...view.pods.values()];
      for (; beat < due; beat++) {
        const p = uids[(beat * 7919) % uids.length];
        if (!p) continue;
        if (inFlight >= MAX_IN_FLIGHT) {
          counts.skipped++;
          continue;
        }
        inFlight++;
        const m = p.metadata!;
        const write =
          beat % 2 === 0
            ? (counts.deletes++, churnClient.delete('Pod', m.namespace, m.name!, { uid: m.uid }))
            : (counts.patches++, churnClient.patch('Pod', m.namespace, m.name!, { metadata: { annotations: { 'soak.podscope.dev/beat': String(beat) } } }, 'application/merge-patch+json'));
        write.catch(() => counts.failed++).finally(() => inFlight--);
      }
    }, 100);
    const warmAt = t0 + (options.seconds * 1000) / 3;
    const samples: { atS: number; heapMB: number; serverRssMB: number }[] = [];
    let warm: Sample | undefined;
    while (performance.now() - t0 < options.seconds * 1000) {
      await sleep(1_000);
      const s = sample(serverPid);
      if (!warm && performance.now() >= warmAt) warm = s;
      samples.push({ atS: Math.round((performance.now() - t0) / 1000), heapMB: s.heapMB, serverRssMB: s.serverRssMB });
    }
    clearInterval(churn);
    const end = sample(serverPid);
    Object.assign(result, counts);

    // The server settles (replacements Running, terminations done) when two LISTs a second apart agree.
    let want = await serverPods(churnClient);
    for (let settle = 0; settle < 120; settle++) {
      await sleep(1_000);
      const again = await serverPods(churnClient);
      if (same(want, again)) break;
      want = again;
    }
    const settledAt = performance.now();
    const have = (): Map<string, string> => new Map([...view.pods.values()].map((p) => [p.metadata!.uid!, p.metadata!.resourceVersion!]));
    while (!same(want, have()) && performance.now() - settledAt < 30_000) await sleep(50);
    const h = have();
    result.convergedAfterSettleMs = Math.round(performance.now() - settledAt);
    result.lost = [...want.keys()].filter((k) => !h.has(k)).length;
    result.ghosts = [...h.keys()].filter((k) => !want.has(k)).length;
    result.stale = [...want].filter(([k, v]) => h.has(k) && h.get(k) !== v).length;
    result.duplicated = view.duplicates;
    result.unknownDeltas = view.unknown;
    result.resets = view.resets;
    result.serverPods = want.size;

    sub.stop();
    source.close();
    // The bench's own writer keeps its connections alive too; they are not the source's.
    churnClient.close?.();
    await sleep(1_000);
    const closed = { fds: fdCount('self'), handles: handles() };
    result.memory = {
      warmHeapMB: warm?.heapMB,
      endHeapMB: end.heapMB,
      heapGrowthPercent: warm ? round(((end.heapMB - warm.heapMB) / warm.heapMB) * 100, 1) : undefined,
      warmServerRssMB: warm?.serverRssMB,
      endServerRssMB: end.serverRssMB,
      serverRssGrowthPercent: warm ? round(((end.serverRssMB - warm.serverRssMB) / warm.serverRssMB) * 100, 1) : undefined,
      endRssMB: end.rssMB,
    };
    result.fds = { before: before.fds, warm: warm?.fds, end: end.fds, afterClose: closed.fds, serverWarm: warm?.serverFds, serverEnd: end.serverFds };
    result.handles = { before: before.handles, warm: warm?.handles, end: end.handles, afterClose: closed.handles };
    result.samples = samples.filter((_, i) => i % Math.max(1, Math.round(samples.length / 20)) === 0);
  } finally {
    await stop(served.child);
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
