// The real binary under churn: `podscope sim serve` with a generated cluster (5 % of the pods
// crash-looping) in one process (churnServe.ts: the same server code, with an IPC channel),
// the TUI (`podscope --kubeconfig … -A`) under tmux with PODSCOPE_DELTA_LOG
// (src/cli/deltaLog.ts) in another, and two kinds of writes, each a MODIFIED event on the TUI's
// pods watch: real API writes from this process (churnWriter.ts: merge patches of one
// annotation over HTTPS, one request each), and writes the server process makes through its
// engine's API on this one's word (churnStamper.ts), which reach rates the HTTP API cannot.
//
// 0. The server settles first (a one-item LIST answers within a second, three times running):
//    a 100k simulator is saturated for minutes after its pods exist.
// 1. The full sync, against `kubectl get pods -A` on the same server.
// 2. Write rates in steps over HTTP (`steps`: what the server takes): for each, how far behind
//    the screen is (screen time − send time of every write, p50/p95/max) and whether it stays
//    bounded (churnLag.ts); the highest rate the server took at which it did is the rate absorbed.
// 3. Stays live: writes at a steady rate for --churn-seconds, counting what the TUI's watches
//    went through (syncs, relists, watches opened, drops) from its own counters.
// 4. In-process steps (`stampSteps`: the lag at 1k/2k/5k deltas a second), last: a rate the
//    TUI cannot keep up with ends in a cut-off watch and a relist, which the live run must not see.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readSync, closeSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeltaLogLine } from '../../src/cli/deltaLog.js';
import type { WatchCounters, WatchEnd } from '../../src/source/types.js';
import { cpuSeconds, kubectlListing, kubectlRetried, POD_ROW, rssKb, running, serve, settle, shownCount, sleep, startTui, stop, until } from './binary.js';
import { absorbedPerSecond, lagOf, type LagSummary } from './churnLag.js';
import { ChurnStamper } from './churnStamper.js';
import { ChurnWriter, type Target, type WriteRecord } from './churnWriter.js';

export interface ChurnBenchOptions {
  pods: number;
  /** Writes per second asked of the HTTP writer in each step of its rate sweep. */
  rates: number[];
  /** Writes per second made in the server's process (churnStamper.ts) in each step of the second sweep. */
  stampRates: number[];
  stepSeconds: number;
  /** The stay-live run: its length and its steady write rate. */
  churnSeconds: number;
  churnPerSecond: number;
  /** How many pods the writes go round (the first of the server's LIST). */
  targets?: number;
  /** Also time `kubectl get pods -A` for the sync ratio. */
  kubectl?: boolean;
  /** The longest wait for the TUI to sync (default: minutes, for 100k pods). */
  waitMs?: number;
  /**
   * Profile the TUI (`node --cpu-prof`, the profile written to this folder when it quits) under
   * the in-process steps alone: no HTTP steps, no live run; the TUI quits with `q` after the
   * last step. `profileWindow` gives the steps' span on the machine's monotonic clock (the
   * profile's own time base, µs) for cpuProfileWindow.ts.
   */
  profileDir?: string;
}

/** How long a step's last writes may take to reach the screen before they count as unseen. */
const DRAIN_MS = 15_000;
const now = (): number => performance.timeOrigin + performance.now();
/** CLOCK_MONOTONIC in µs: the time base of a V8 CPU profile, the same in every process of the machine. */
const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);
const CHURN_SERVE = join(import.meta.dirname, 'churnServe.js');

/** Reads the delta log as it grows: only new complete lines each time. */
export class DeltaLogReader {
  readonly lines: DeltaLogLine[] = [];
  private offset = 0;
  private partial = '';
  constructor(private readonly path: string) {}

  read(): DeltaLogLine[] {
    let size: number;
    try {
      size = statSync(this.path).size;
    } catch {
      return this.lines;
    }
    if (size <= this.offset) return this.lines;
    const buf = Buffer.alloc(size - this.offset);
    const fd = openSync(this.path, 'r');
    try {
      readSync(fd, buf, 0, buf.length, this.offset);
    } finally {
      closeSync(fd);
    }
    this.offset = size;
    const parts = (this.partial + buf.toString('utf8')).split('\n');
    this.partial = parts.pop()!;
    for (const p of parts) if (p.trim() !== '') this.lines.push(JSON.parse(p) as DeltaLogLine);
    return this.lines;
  }

  /** The pods watch's counters as last logged. */
  podCounters(): WatchCounters | undefined {
    for (let i = this.lines.length - 1; i >= 0; i--) {
      const c = this.lines[i]!.watch?.Pod as WatchCounters | undefined;
      if (c) return c;
    }
    return undefined;
  }

  /** The pods watch's ends logged between two times (epoch ms), oldest first. */
  podEnds(from: number, to: number): WatchEnd[] {
    return this.lines.flatMap((l) => l.ends?.Pod ?? []).filter((e) => e.at >= from && e.at <= to);
  }

  seen(): Set<number> {
    const out = new Set<number>();
    for (const l of this.lines) for (const s of l.seqs) out.add(s);
    return out;
  }
}

/**
 * The in-process sweep: at each rate the server process stamps pods through its engine for a
 * step, and the lag is read from the TUI's delta log as for the HTTP writer's steps.
 */
/** A step of the in-process sweep, with the TUI's CPU from the step's start until its last write was drawn (or the drain gave up). */
type StampStep = LagSummary & { askedPerSecond: number; serverCpuShare: number; tuiCpuShare: number; tuiCpuMicrosPerDelta: number };

async function stampSteps(server: ChildProcess, tuiPid: number, targets: Target[], log: DeltaLogReader, options: ChurnBenchOptions): Promise<StampStep[]> {
  const stamper = new ChurnStamper(server, targets);
  const out: StampStep[] = [];
  for (const rate of options.stampRates) {
    const from = now();
    const cpu0 = cpuSeconds(tuiPid);
    const run = await stamper.run(rate, options.stepSeconds * 1000);
    const to = from + options.stepSeconds * 1000;
    await drained(log, run.writes);
    const cpuMs = (cpuSeconds(tuiPid) - cpu0) * 1000;
    const until = now();
    let deltas = 0;
    for (const line of log.read()) if (line.t >= from && line.t <= until) deltas += line.deltas;
    out.push({
      askedPerSecond: rate,
      serverCpuShare: run.serverCpuShare,
      tuiCpuShare: Math.round((cpuMs / (until - from)) * 100) / 100,
      tuiCpuMicrosPerDelta: Math.round((cpuMs * 1000) / Math.max(1, deltas)),
      ...lagOf(run.writes, log.read(), from, to),
    });
  }
  return out;
}

async function drained(log: DeltaLogReader, writes: WriteRecord[]): Promise<void> {
  const deadline = Date.now() + DRAIN_MS;
  let waiting = writes.filter((w) => w.ackMs !== undefined).map((w) => w.seq);
  while (waiting.length > 0 && Date.now() < deadline) {
    await sleep(100);
    log.read();
    const seen = log.seen();
    waiting = waiting.filter((s) => !seen.has(s));
  }
}

/**
 * How the pods watches that ended in a span ended: a count per kind of end (a timeout is the
 * server's routine end at the timeoutSeconds the TUI asked for, not a drop), and each one that
 * was not a timeout, at seconds from the span's start.
 */
export function endsSummary(ends: WatchEnd[], from: number): { byHow: Record<string, number>; notTimeouts: { atS: number; how: WatchEnd['how']; openS: number; askedS: number; initial?: boolean; message?: string }[] } {
  const byHow: Record<string, number> = {};
  for (const e of ends) byHow[e.how] = (byHow[e.how] ?? 0) + 1;
  const notTimeouts = ends
    .filter((e) => e.how !== 'timeout')
    .map((e) => ({
      atS: Math.round((e.at - from) / 100) / 10,
      how: e.how,
      openS: Math.round(e.openMs / 100) / 10,
      askedS: Math.round(e.askedMs / 1000),
      ...(e.initial ? { initial: true } : {}),
      ...(e.message ? { message: e.message } : {}),
    }));
  return { byHow, notTimeouts };
}

function difference(end: WatchCounters | undefined, start: WatchCounters | undefined): WatchCounters | undefined {
  if (!end || !start) return undefined;
  return { syncs: end.syncs - start.syncs, relists: end.relists - start.relists, watches: end.watches - start.watches, drops: end.drops - start.drops };
}

export async function benchChurn(options: ChurnBenchOptions): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'podscope-churn-'));
  const r: Record<string, unknown> = { pods: options.pods, stepSeconds: options.stepSeconds, churnSeconds: options.churnSeconds, churnPerSecond: options.churnPerSecond };
  try {
    const served = await serve(dir, options.pods, [], undefined, CHURN_SERVE);
    Object.assign(r, { simStartMs: Math.round(served.startMs), simRssMB: Math.round(served.rssMB) });
    let writer: ChurnWriter | undefined;
    try {
      r.settleMs = await settle(served.kubeconfig, options.waitMs ?? 900_000);
      if (options.kubectl !== false) {
        const k = await kubectlListing(served.kubeconfig, options.pods);
        Object.assign(r, { kubectlAllMs: Math.round(k.totalMs), kubectlRows: k.rows, kubectlAttempts: k.attempts });
      }
      const page = JSON.parse(await kubectlRetried(served.kubeconfig, ['get', '--raw', `/api/v1/pods?limit=${Math.min(options.pods, options.targets ?? 5_000)}`])) as {
        items: { metadata: { namespace: string; name: string } }[];
      };
      const targets: Target[] = page.items.map((p) => ({ namespace: p.metadata.namespace, name: p.metadata.name }));
      r.targets = targets.length;

      const deltaLogPath = join(dir, 'deltas');
      const profiling = options.profileDir !== undefined ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
      const { tui, t0 } = startTui(dir, served.kubeconfig, ['-A'], `churn-${options.pods}`, { PODSCOPE_DELTA_LOG: deltaLogPath }, profiling);
      const log = new DeltaLogReader(deltaLogPath);
      try {
        await until('a pod row', () => POD_ROW.test(tui.session.screen()), options.waitMs ?? 600_000, 20, () => tui.session.screen());
        await until(`all ${options.pods} pods counted`, () => (shownCount(tui.session.screen()) ?? 0) >= options.pods, options.waitMs ?? 900_000, 50, () => tui.session.screen());
        r.fullSyncMs = Math.round(now() - t0);
        if (typeof r.kubectlAllMs === 'number') r.fullSyncVsKubectlAll = Math.round(((r.fullSyncMs as number) / r.kubectlAllMs) * 100) / 100;
        await sleep(1_000);
        log.read();
        const atSync = log.podCounters();
        r.countersAtSync = atSync;
        r.endsAtSync = endsSummary(log.podEnds(t0, now()), t0);

        if (options.profileDir !== undefined) {
          const fromUs = monotonicUs();
          r.stampSteps = await stampSteps(served.child, tui.pid, targets, log, options);
          r.profileWindow = { fromUs, toUs: monotonicUs() };
          tui.session.press('q');
          await until('the profiled TUI to quit', () => !running(tui.pid), 60_000, 100);
          return r;
        }
        writer = new ChurnWriter(served.kubeconfig, targets);
        // Warm the writer's sockets (TLS handshakes) so the first step measures writes, not connects.
        await drained(log, await writer.run(Math.min(200, options.rates[0] ?? 200), 500));
        const steps: (LagSummary & { askedPerSecond: number; skipped: number })[] = [];
        for (const rate of options.rates) {
          const skippedBefore = writer.skipped;
          const from = now();
          const writes = await writer.run(rate, options.stepSeconds * 1000);
          const to = from + options.stepSeconds * 1000;
          await drained(log, writes);
          steps.push({ askedPerSecond: rate, skipped: writer.skipped - skippedBefore, ...lagOf(writes, log.read(), from, to) });
        }
        r.steps = steps;
        r.absorbedWritesPerSecond = absorbedPerSecond(steps);

        // Stays live: a steady rate for the whole run, then what the watches went through. It
        // runs before the in-process steps, whose top rates can outrun the TUI on purpose: a
        // watch cut off there (and its relist) must not be counted against the steady run.
        const before = log.podCounters();
        const from = now();
        const skippedBefore = writer.skipped;
        const writes = await writer.run(options.churnPerSecond, options.churnSeconds * 1000);
        const to = from + options.churnSeconds * 1000;
        await drained(log, writes);
        log.read();
        const after = log.podCounters();
        r.live = {
          ...lagOf(writes, log.lines, from, to),
          skipped: writer.skipped - skippedBefore,
          counters: difference(after, before),
          countersSinceSync: difference(after, atSync),
          // Why each pods watch of the run ended (the TUI's own record, src/source/types.ts WatchEnd).
          ends: endsSummary(log.podEnds(from, now()), from),
          rssMB: Math.round((rssKb(tui.pid) / 1024) * 10) / 10,
        };
        r.stampSteps = await stampSteps(served.child, tui.pid, targets, log, options);
      } finally {
        writer?.close();
        tui.session.kill();
      }
    } finally {
      await stop(served.child);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return r;
}
