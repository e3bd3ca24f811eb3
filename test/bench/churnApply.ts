// The TUI's side of the churn bench's in-process steps, in this process, so its CPU can be
// read per delta and profiled without tmux: `sim serve` with the generated cluster in a child
// process (churnServe.ts, which stamps pods through its engine on this process's word, each an
// ordinary MODIFIED on the pods watch over HTTPS), and here what the binary runs on the other
// end — KubeSource's informer parsing the watch lines, AppState batching them per frame, Ink's
// renderer with the bundle's Output drawing 200×50 frames (inkFrame.ts) — with the delta log
// (src/cli/deltaLog.ts) saying when each stamp reached a frame. Everything in this process
// after the sync is the TUI's work, so process.cpuUsage() over a step is the TUI's CPU.
//
// NODE_ENV=production node dist/test/bench/churnApply.js [--pods=10000] [--rates=1000,2000,5000] [--seconds=10]
// (production: React's build as the binary bundles it; add `node --cpu-prof --cpu-prof-dir=DIR`
// for a profile of the TUI's work)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDeltaLog, type DeltaLogLine } from '../../src/cli/deltaLog.js';
import type { WatchCounters } from '../../src/source/types.js';
import { KubeSource } from '../../src/source/kube/kubeSource.js';
import { loadKubeconfig, resolveContext } from '../../src/source/kube/kubeconfig.js';
import { AppState } from '../../src/state/appState.js';
import { METRICS_POLL_MS } from '../../src/state/clusterMetrics.js';
import { kubectlRetried, serve, settle, sleep, stop, until } from './binary.js';
import { DeltaLogReader } from './churn.js';
import { lagOf, type LagSummary } from './churnLag.js';
import { ChurnStamper } from './churnStamper.js';
import type { Target } from './churnWriter.js';
import { mountTui } from './inkFrame.js';

const CHURN_SERVE = join(import.meta.dirname, 'churnServe.js');
const DRAIN_MS = 15_000;
const now = (): number => performance.timeOrigin + performance.now();
const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

export interface ChurnApplyOptions {
  pods: number;
  rates: number[];
  stepSeconds: number;
}

export interface ChurnApplyStep extends LagSummary {
  askedPerSecond: number;
  serverCpuShare: number;
  /** This process's CPU (the TUI's work) from the step's start until its last write was drawn, per delta applied then. */
  cpuMicrosPerDelta: number;
  /** That CPU over the step's wall time, until drawn (1 = one core). */
  cpuShare: number;
  /** Frames Ink rendered over that span. */
  frames: number;
  /** The span on the machine's monotonic clock (µs), the time base of `node --cpu-prof` (cpuProfileWindow.ts). */
  profileWindow: { fromUs: number; toUs: number };
  /** The pods watch's counters after the step (a relist or a drop says the server cut the watch). */
  counters: WatchCounters | undefined;
  /** Deltas applied over that span (every pod delta, stamped or not). */
  deltas: number;
}

export async function benchChurnApply(options: ChurnApplyOptions): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'podscope-churn-apply-'));
  const r: Record<string, unknown> = { pods: options.pods, stepSeconds: options.stepSeconds };
  try {
    const served = await serve(dir, options.pods, [], undefined, CHURN_SERVE);
    try {
      r.settleMs = await settle(served.kubeconfig, 900_000);
      const page = JSON.parse(await kubectlRetried(served.kubeconfig, ['get', '--raw', `/api/v1/pods?limit=${Math.min(options.pods, 5_000)}`])) as {
        items: { metadata: { namespace: string; name: string } }[];
      };
      const targets: Target[] = page.items.map((p) => ({ namespace: p.metadata.namespace, name: p.metadata.name }));
      const logPath = join(dir, 'deltas');
      const deltaLog = openDeltaLog({ PODSCOPE_DELTA_LOG: logPath })!;
      const log = new DeltaLogReader(logPath);
      const source = deltaLog.wrap(await KubeSource.connect(resolveContext(loadKubeconfig([served.kubeconfig]))));
      const app = new AppState({ source, namespace: undefined, realNow: () => performance.now(), metricsPollMs: METRICS_POLL_MS });
      app.start();
      const ticker = setInterval(() => app.tick(), 1000);
      app.onChange(deltaLog.applied);
      const t0 = now();
      let renders = 0;
      const tui = await mountTui(app, () => {
        renders++;
        deltaLog.onRender();
      });
      try {
        await until(`all ${options.pods} pods listed`, () => app.pods.size >= options.pods && app.pods.hasSynced, 900_000, 50);
        r.fullSyncMs = Math.round(now() - t0);
        await sleep(2_000);
        const stamper = new ChurnStamper(served.child, targets);
        const steps: ChurnApplyStep[] = [];
        for (const rate of options.rates) {
          const from = now();
          const renders0 = renders;
          const fromUs = monotonicUs();
          let at = log.read().length;
          const cpu0 = process.cpuUsage();
          const run = await stamper.run(rate, options.stepSeconds * 1000);
          const to = from + options.stepSeconds * 1000;
          const waiting = new Set(run.writes.filter((w) => w.ackMs !== undefined).map((w) => w.seq));
          const deadline = Date.now() + DRAIN_MS;
          // The bench's own reading is counted with the TUI's CPU: it looks at each new line once.
          for (;;) {
            const lines = log.read();
            for (; at < lines.length; at++) for (const s of lines[at]!.seqs) waiting.delete(s);
            if (waiting.size === 0 || Date.now() >= deadline) break;
            await sleep(20);
          }
          const cpu = process.cpuUsage(cpu0);
          const until = now();
          const lines = log.read();
          const deltas = deltasBetween(lines, from, until);
          const cpuMs = (cpu.user + cpu.system) / 1000;
          steps.push({
            askedPerSecond: rate,
            serverCpuShare: run.serverCpuShare,
            ...lagOf(run.writes, lines, from, to),
            cpuMicrosPerDelta: Math.round((cpuMs * 1000) / Math.max(1, deltas)),
            cpuShare: Math.round((cpuMs / (until - from)) * 100) / 100,
            frames: renders - renders0,
            profileWindow: { fromUs, toUs: monotonicUs() },
            counters: log.podCounters(),
            deltas,
          });
          await sleep(1_000);
        }
        r.steps = steps;
      } finally {
        tui.unmount();
        clearInterval(ticker);
        app.stop();
        deltaLog.close();
      }
    } finally {
      await stop(served.child);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return r;
}

function deltasBetween(lines: readonly DeltaLogLine[], from: number, to: number): number {
  let n = 0;
  for (const l of lines) if (l.t >= from && l.t <= to) n += l.deltas;
  return n;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const pods = Number(arg('pods') ?? 10_000);
  const rates = (arg('rates') ?? '1000,2000,5000').split(',').map(Number);
  const stepSeconds = Number(arg('seconds') ?? 10);
  if (!Number.isInteger(pods) || pods <= 0 || rates.some((n) => !(n > 0)) || !(stepSeconds > 0)) {
    process.stderr.write('usage: node dist/test/bench/churnApply.js [--pods=10000] [--rates=1000,2000,5000] [--seconds=10]\n');
    process.exit(2);
  }
  // The binary's bundle is built with NODE_ENV=production (React's production build); without it React's development build is measured.
  if (process.env.NODE_ENV !== 'production') process.stderr.write('churnApply: NODE_ENV is not "production": React runs its development build, unlike the binary\n');
  const result = await benchChurnApply({ pods, rates, stepSeconds });
  process.stdout.write(`${JSON.stringify({ load: (await import('node:os')).loadavg(), nodeEnv: process.env.NODE_ENV, ...result }, null, 1)}\n`);
  process.exit(0);
}
