// What a user feels, measured on the real binary: `podscope sim serve` with a generated
// cluster (test/bench/cluster.ts) in one process, the TUI (`podscope --kubeconfig … -A`)
// under tmux in another, and `kubectl get pods -A` against the same server as the yardstick.
//
// Figures per size: the simulator's start (until every pod exists), its RSS, how long it then
// took to settle (a one-item LIST answering within a second; the measuring starts then);
// kubectl's first row and full listing, and the server's own cost per page of it (serverPages.ts);
// the TUI's first frame with a pod row and its full sync (the
// header counts every pod), both from the moment tmux starts it; its RSS above the same
// binary on an empty namespace, per pod (2 s after the sync, and again a metrics period later:
// rssSteady*); its CPU while nothing is pressed. At the largest
// size, keystroke → frame latency: the TUI logs when each key's bytes arrived and when each
// frame was written to PODSCOPE_FRAME_LOG (src/cli/frameLog.ts, on the machine's monotonic
// clock, read here on the driver's own: src/cli/benchClock.ts). The
// latency is from the key's arrival to the first frame written after it; the driver's own
// figure (from just before it runs `tmux send-keys` to that frame) is reported beside it,
// as it adds the tmux client's start (several milliseconds on a loaded machine).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { onThisClock } from '../../src/cli/benchClock.js';
import { parseFrameLog, type FrameLogEntry } from '../../src/cli/frameLog.js';
import { TmuxSession } from '../e2e/helpers/tmux.js';
import { clusterScenario } from './cluster.js';
import { serverPages } from './serverPages.js';

export interface BinaryBenchOptions {
  sizes: number[];
  /** Keystrokes are measured at the largest size. */
  keystrokes?: boolean;
  /** Only the TUI's start, sync and keystrokes: no kubectl listing, server pages, empty-namespace start or CPU samples. */
  keysOnly?: boolean;
  /** How long CPU is sampled while nothing is pressed (the full bench: one metrics poll period, 15 s). */
  idleMs?: number;
  /** The longest wait for the TUI to show something (default: minutes, for 100k pods). */
  waitMs?: number;
  /**
   * Profile the TUI of the largest size (`node --cpu-prof` into this folder; it quits with `q`
   * after its keys): `keysWindow` gives the keys' span on the machine's monotonic clock (the
   * profile's time base, for longTasks.ts) and `keyLog` each key's arrival there and latency.
   */
  keysProfileDir?: string;
}

// PODSCOPE_BENCH_ROOT: another checkout's binary (built), to measure a "before" with this driver.
const ROOT = process.env.PODSCOPE_BENCH_ROOT ?? resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/podscope.js');
const now = (): number => performance.timeOrigin + performance.now();
const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs: number, everyMs = 20, screen?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = probe();
    if (got !== undefined && got !== false) return got;
    if (Date.now() > deadline) throw new Error(`bench: timed out after ${timeoutMs} ms waiting for ${what}${screen ? `; the screen:\n${screen()}` : ''}`);
    await sleep(everyMs);
  }
}

/** True while the process exists. */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** user+system CPU seconds of a process so far. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

export interface Served {
  child: ChildProcess;
  kubeconfig: string;
  startMs: number;
  rssMB: number;
}

export function kubectl(kubeconfig: string, args: string[]): string {
  const r = spawnSync('kubectl', ['--kubeconfig', kubeconfig, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/**
 * `podscope sim serve` on a generated cluster of `pods` (more flags in `extra`), once every pod exists.
 * `entry`: another script taking the binary's arguments, run with an IPC channel (the churn bench's churnServe.js).
 * `nodeArgs`: flags for node itself (e.g. `--cpu-prof`).
 */
export async function serve(dir: string, pods: number, extra: string[] = [], crashLooping?: number, entry?: string, nodeArgs: string[] = []): Promise<Served> {
  const scenario = join(dir, `cluster-${pods}.yaml`);
  writeFileSync(scenario, clusterScenario({ pods, crashLooping }));
  const kubeconfig = join(dir, `kc-${pods}`);
  const t0 = now();
  const child = spawn(process.execPath, [...nodeArgs, entry ?? BIN, 'sim', 'serve', '--scenario', scenario, '--port', '0', '--kubeconfig-out', kubeconfig, ...extra], {
    stdio: entry ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  try {
    await waitReady();
  } catch (err) {
    await stop(child); // a simulator that never got ready must not outlive the bench
    throw err;
  }
  return { child, kubeconfig, startMs: now() - t0, rssMB: rssKb(child.pid!) / 1024 };

  async function waitReady(): Promise<void> {
    await until('sim serve to listen', () => out.includes('Press Ctrl-C') || child.exitCode !== null, 600_000, 50);
    if (child.exitCode !== null) throw new Error(`sim serve exited: ${out}`);
    await until(
      `${pods} pods on the server`,
      () => {
        // A server busy creating 100k pods may miss kubectl's 10 s TLS handshake: ask again.
        let text: string;
        try {
          text = kubectl(kubeconfig, ['get', '--raw', '/api/v1/pods?limit=1']);
        } catch {
          return false;
        }
        const page = JSON.parse(text) as { items: unknown[]; metadata: { remainingItemCount?: number } };
        return page.items.length + (page.metadata.remainingItemCount ?? 0) >= pods;
      },
      900_000,
      500,
    );
  }
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGINT');
  await until('sim serve to stop', () => child.exitCode !== null, 30_000, 50).catch(() => child.kill('SIGKILL'));
}

/** kubectl get pods -A: when its first pod row and its last line arrived. */
export async function kubectlGet(kubeconfig: string): Promise<{ firstRowMs: number; totalMs: number; rows: number }> {
  const t0 = now();
  const child = spawn('kubectl', ['--kubeconfig', kubeconfig, 'get', 'pods', '-A'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let firstRowMs = NaN;
  let lines = 0;
  let partial = '';
  child.stdout!.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop()!;
    lines += parts.length;
    if (Number.isNaN(firstRowMs) && lines >= 2) firstRowMs = now() - t0;
  });
  await new Promise((r) => child.on('close', r));
  return { firstRowMs, totalMs: now() - t0, rows: lines - 1 };
}

/** `kubectl …`, asked again while the server is too busy to finish a TLS handshake in kubectl's 10 s. */
export async function kubectlRetried(kubeconfig: string, args: string[], attempts = 10): Promise<string> {
  for (let i = 1; ; i++) {
    try {
      return kubectl(kubeconfig, args);
    } catch (err) {
      if (i >= attempts) throw err;
      await sleep(1_000);
    }
  }
}

/**
 * Right after its pods exist the simulator is at its busiest (every container starting, the
 * crash loops' first rounds): wait until a one-item LIST answers within a second three times
 * running, so the figures are of the client, not of a server still starting.
 */
export async function settle(kubeconfig: string, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  let quick = 0;
  while (quick < 3) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`bench: the server did not settle in ${timeoutMs} ms`);
    const asked = Date.now();
    try {
      kubectl(kubeconfig, ['get', '--raw', '/api/v1/pods?limit=1']);
      quick = Date.now() - asked < 1_000 ? quick + 1 : 0;
    } catch {
      quick = 0;
    }
    await sleep(500);
  }
  return Date.now() - t0;
}

/** kubectl get pods -A until it lists every pod (a kubectl that could not connect lists nothing: a failed attempt, not a time). */
export async function kubectlListing(kubeconfig: string, pods: number, attempts = 3): Promise<{ firstRowMs: number; totalMs: number; rows: number; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    const k = await kubectlGet(kubeconfig);
    if (k.rows >= pods || attempt >= attempts) return { ...k, attempts: attempt };
  }
}

// A table row (cursor and mark columns, then NAMESPACE with -A) naming a generated pod.
export const POD_ROW = /^[> ][ +*]\S.*\b(web|crash)-\d+-[0-9a-f]+-[a-z0-9]{5}\b/m;

export interface Tui {
  session: TmuxSession;
  pid: number;
  frameLog: string;
  startTrace: string;
}

/** `nodeArgs`: flags for node itself, e.g. `--cpu-prof` (which NODE_OPTIONS does not take). */
export function startTui(dir: string, kubeconfig: string, scope: string[], name: string, env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): { tui: Tui; t0: number } {
  const frameLog = join(dir, `frames-${name}`);
  const startTrace = join(dir, `start-${name}`);
  rmSync(frameLog, { force: true });
  rmSync(startTrace, { force: true });
  const t0 = now();
  const session = TmuxSession.start({
    command: `exec ${[process.execPath, ...nodeArgs].join(' ')} ${BIN} --kubeconfig ${kubeconfig} ${scope.join(' ')}`,
    // A tmux server of its own: the previous start's server, killed moments ago, may still be
    // exiting on a shared socket ("server exited unexpectedly" under load).
    name,
    cwd: ROOT,
    columns: 200,
    rows: 50,
    env: { ...process.env, PODSCOPE_FRAME_LOG: frameLog, PODSCOPE_START_TRACE: startTrace, ...env },
  });
  const pid = Number(session.display('#{pane_pid}'));
  return { tui: { session, pid, frameLog, startTrace }, t0 };
}

/**
 * Where the first frame's time went (PODSCOPE_START_TRACE, src/cli/startTrace.ts): ms from the
 * process's start to each phase, the CPU it had used by the first frame with pods, and the
 * time before the process started (tmux, exec). Empty for a binary without the hook.
 */
function startPhases(tui: Tui, t0: number): Record<string, number> {
  if (!existsSync(tui.startTrace)) return {};
  const phases = new Map(readFileSync(tui.startTrace, 'utf8').trim().split('\n').map((l) => l.split(' ')).map(([name, at, cpu]) => [name!, { at: onThisClock(Number(at)), cpu: Number(cpu) }]));
  const start = phases.get('start');
  if (!start) return {};
  const out: Record<string, number> = { startExecMs: Math.round(start.at - t0) };
  for (const [name, p] of phases) if (name !== 'start') out[`start${name[0]!.toUpperCase()}${name.slice(1)}Ms`] = Math.round(p.at - start.at);
  const rows = phases.get('rows');
  if (rows) out.startRowsCpuMs = Math.round(rows.cpu);
  return out;
}

function logEntries(tui: Pick<Tui, 'frameLog'>): FrameLogEntry[] {
  if (!existsSync(tui.frameLog)) return [];
  // On this driver's clock (now()): the TUI stamps the machine's monotonic clock (src/cli/benchClock.ts).
  return parseFrameLog(readFileSync(tui.frameLog, 'utf8')).map((e) => ({ ...e, at: onThisClock(e.at) }));
}

function frames(tui: Pick<Tui, 'frameLog'>): FrameLogEntry[] {
  return logEntries(tui).filter((e) => e.kind === 'frame');
}

/** How long the bench waits for the frame log's line of a screen it saw (the TUI appends it at the end of that frame's turn). */
const FRAME_LINE_WAIT_MS = 5_000;

/**
 * When the TUI wrote the first frame whose pod count `shows` what the bench waited for (it saw
 * that screen at `seenAt`): that frame's stamp in the TUI's frame log, taken as its write
 * returned — like-for-like with kubectl's first row, timed when its bytes arrive (polling tmux
 * adds up to a poll interval and a capture-pane on top). Never silently: where the log cannot
 * say, the polled `seenAt` stands and `notes` says why.
 */
export async function frameWritten(tui: Pick<Tui, 'frameLog'>, figure: string, t0: number, seenAt: number, shows: (pods: number) => boolean, notes: string[]): Promise<number> {
  const polled = (why: string): number => {
    notes.push(`${figure}: the polled ${Math.round(seenAt - t0)} ms, as ${why}`);
    return seenAt;
  };
  // The screen is there, so its frame was written; its line may still be on its way. A log
  // whose frames carry no pod counts is an older build's: it will not name the frame.
  const found = await until(
    `the frame log's line of the frame that showed ${figure}`,
    () => {
      const all = frames(tui);
      const frame = all.find((f) => f.pods !== undefined && shows(f.pods));
      if (frame) return { frame, all };
      return all.length > 0 && all.every((f) => f.pods === undefined) ? { frame: undefined, all } : undefined;
    },
    FRAME_LINE_WAIT_MS,
    10,
  ).catch(() => ({ frame: undefined, all: frames(tui) }));
  const { frame, all } = found;
  if (all.length === 0) return polled(`the TUI wrote no frame log (an older build, or it could not open ${tui.frameLog})`);
  if (frame === undefined && all.some((f) => f.pods !== undefined)) return polled(`no frame in the log showed it within ${FRAME_LINE_WAIT_MS} ms of the screen`);
  if (frame === undefined) {
    const last = all.filter((f) => f.at <= seenAt).pop();
    if (!last) return polled(`an older build's frame log (no pod counts) has no frame stamped by then: its first is ${round(all[0]!.at - seenAt, 1)} ms after`);
    notes.push(`${figure}: an older build's frame log (no pod counts): the last frame stamped before the screen was seen`);
    return last.at;
  }
  if (frame.at > seenAt) return polled(`the frame that showed it is stamped ${round(frame.at - seenAt, 1)} ms after the screen was seen (the TUI was held between its write and its stamp)`);
  return frame.at;
}

export function shownCount(screen: string): number | undefined {
  const m = /^Pods (\d+):/m.exec(screen);
  return m ? Number(m[1]) : undefined;
}

async function idleCpuPercent(pid: number, ms: number): Promise<number> {
  const before = cpuSeconds(pid);
  await sleep(ms);
  return round(((cpuSeconds(pid) - before) / (ms / 1000)) * 100, 2);
}

interface KeyLatency {
  key: string;
  /** When the key's bytes reached the TUI (epoch ms, the TUI's clock); undefined for a build without key lines. */
  arrivedAt: number | undefined;
  /** From the key's bytes reaching the TUI to the first frame written after them (the TUI's clock). */
  inTuiMs: number;
  /** From just before the driver ran `tmux send-keys` to that frame (includes the tmux client). */
  fromDriverMs: number;
  /** What one tmux client round trip cost just before (what fromDriverMs adds to what a user feels). */
  tmuxMs: number;
}

/** How long a key's line may take to reach the frame log before the key is timed from the driver. */
const KEY_ARRIVAL_WAIT_MS = 2_000;

/**
 * Presses a key and waits for its frame: the first frame written after the key's bytes
 * arrived. A build whose log has no key lines (an older checkout) is measured from the driver.
 */
async function keystroke(tui: Tui, key: string, literal: boolean): Promise<KeyLatency> {
  const seen = logEntries(tui).length;
  const probed = now();
  tui.session.display('#{pane_pid}');
  const sent = now();
  const tmuxMs = sent - probed;
  if (literal) tui.session.type(key);
  else tui.session.press(key);
  const pair = await until(
    `a frame after "${key}"`,
    () => {
      const fresh = logEntries(tui).slice(seen);
      const arrived = fresh.find((e) => e.kind === 'key')?.at;
      // Not yet arrived: a frame the watch data drew meanwhile is not the key's (a build
      // without key lines is measured from the driver after a while).
      if (arrived === undefined && now() - sent < KEY_ARRIVAL_WAIT_MS) return undefined;
      const from = arrived ?? sent;
      const frame = fresh.find((e) => e.kind === 'frame' && e.at >= from);
      return frame ? { arrived, frame: frame.at } : undefined;
    },
    30_000,
    2,
  );
  // Let the frame settle (and any trailing frame go) before the next key.
  await sleep(60);
  return { key, arrivedAt: pair.arrived, inTuiMs: pair.frame - (pair.arrived ?? sent), fromDriverMs: pair.frame - sent, tmuxMs };
}

async function keystrokes(tui: Tui, keyLog?: KeyLatency[]): Promise<Record<string, number>> {
  // Esc that clears the filter is its own group: its frame waits the input filter's hold that
  // tells a lone Esc from a cut escape sequence (HOLD_MS, src/cli/filteredStdin.ts), by design.
  const groups: Record<string, KeyLatency[]> = { scroll: [], filterTyping: [], filterEsc: [], sort: [], openPod: [], describe: [] };
  // Down and back up: every press moves the cursor, also on a 16-pod list (a press at the
  // end of the list changes nothing, draws nothing, and would wait for the next tick).
  for (let i = 0; i < 20; i++) groups.scroll!.push(await keystroke(tui, i < 10 ? 'down' : 'up', false));
  groups.filterTyping!.push(await keystroke(tui, '/', true));
  for (const ch of 'crash-1') groups.filterTyping!.push(await keystroke(tui, ch, true));
  groups.filterTyping!.push(await keystroke(tui, 'enter', false));
  groups.filterEsc!.push(await keystroke(tui, 'esc', false));
  for (const key of ['S', 'S', 'R', 'N']) groups.sort!.push(await keystroke(tui, key, true));
  for (let i = 0; i < 3; i++) {
    groups.openPod!.push(await keystroke(tui, 'enter', false));
    await keystroke(tui, 'esc', false);
    groups.describe!.push(await keystroke(tui, 'd', true));
    await keystroke(tui, 'esc', false);
  }
  keyLog?.push(...Object.values(groups).flat());
  const out: Record<string, number> = {};
  for (const [name, values] of Object.entries(groups)) {
    const inTui = values.map((v) => v.inTuiMs);
    const fromDriver = values.map((v) => v.fromDriverMs);
    out[`${name}P50Ms`] = round(percentile(inTui, 0.5), 1);
    out[`${name}P95Ms`] = round(percentile(inTui, 0.95), 1);
    out[`${name}FromDriverP50Ms`] = round(percentile(fromDriver, 0.5), 1);
    out[`${name}FromDriverP95Ms`] = round(percentile(fromDriver, 0.95), 1);
  }
  out.tmuxRoundTripP50Ms = round(percentile(Object.values(groups).flatMap((g) => g.map((v) => v.tmuxMs)), 0.5), 1);
  return out;
}

export async function benchBinary(options: BinaryBenchOptions): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'podscope-bench-'));
  const results: Record<string, unknown> = {};
  try {
    const largest = Math.max(...options.sizes);
    for (const pods of options.sizes) {
      const served = await serve(dir, pods);
      const r: Record<string, number> = { pods, simStartMs: Math.round(served.startMs), simRssMB: Math.round(served.rssMB) };
      // Where a figure could not be measured as described (src/cli/frameLog.ts), and why.
      const notes: string[] = [];
      try {
        r.simSettleMs = await settle(served.kubeconfig, options.waitMs ?? 900_000);
        if (!options.keysOnly) {
          const k = await kubectlListing(served.kubeconfig, pods);
          Object.assign(r, { kubectlFirstRowMs: Math.round(k.firstRowMs), kubectlAllMs: Math.round(k.totalMs), kubectlRows: k.rows });
          Object.assign(r, await serverPages(served.kubeconfig));
        }

        // The same binary on a namespace with no pods: the memory floor and idle CPU.
        const empty = options.keysOnly ? undefined : startTui(dir, served.kubeconfig, ['-n', 'bench-empty'], `empty-${pods}`);
        if (empty) {
          try {
            await until('the empty namespace on screen', () => shownCount(empty.tui.session.screen()) === 0, options.waitMs ?? 60_000);
            // Idle means after the start: the events watch and the first metrics poll begin
            // within half a second of the first frame (src/cli/startGate.ts).
            await sleep(3_000);
            r.emptyRssMB = round(rssKb(empty.tui.pid) / 1024, 1);
            r.idleCpuPercentEmpty = await idleCpuPercent(empty.tui.pid, options.idleMs ?? 5_000);
            // Steady state: after the idle sample (one metrics period), as rssSteadyMB below.
            r.emptyRssSteadyMB = round(rssKb(empty.tui.pid) / 1024, 1);
          } finally {
            empty.tui.session.kill();
          }
        }

        const profiled = options.keysProfileDir !== undefined && pods === largest;
        // PODSCOPE_KEYS_PROFILE_US: the sampling interval in µs (V8's default 1,000 is coarse for a key's few milliseconds).
        const interval = process.env.PODSCOPE_KEYS_PROFILE_US;
        const profiling = profiled ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options.keysProfileDir!)}`, ...(interval ? [`--cpu-prof-interval=${Number(interval)}`] : [])] : [];
        const { tui, t0 } = startTui(dir, served.kubeconfig, ['-A'], `all-${pods}`, {}, profiling);
        try {
          await until('a pod row', () => POD_ROW.test(tui.session.screen()), options.waitMs ?? 600_000, 20, () => tui.session.screen());
          const firstSeen = now();
          r.firstFrameSeenMs = Math.round(firstSeen - t0);
          await until(`all ${pods} pods counted`, () => (shownCount(tui.session.screen()) ?? 0) >= pods, options.waitMs ?? 900_000, 50);
          const allSeen = now();
          r.fullSyncSeenMs = Math.round(allSeen - t0);
          r.firstFrameMs = Math.round((await frameWritten(tui, 'firstFrameMs', t0, firstSeen, (n) => n > 0, notes)) - t0);
          r.fullSyncMs = Math.round((await frameWritten(tui, 'fullSyncMs', t0, allSeen, (n) => n >= pods, notes)) - t0);
          Object.assign(r, startPhases(tui, t0));
          if (r.startExecMs !== undefined && !(r.startExecMs >= 0 && r.startExecMs <= r.firstFrameSeenMs)) {
            notes.push(`startExecMs: ${r.startExecMs} ms, outside 0 to the first screen seen (${r.firstFrameSeenMs} ms): the start trace's clock disagrees with the bench's`);
          }
          await sleep(2_000);
          r.rssMB = round(rssKb(tui.pid) / 1024, 1);
          if (!options.keysOnly) {
            r.rssKBPerPod = round(((r.rssMB - r.emptyRssMB!) * 1024) / pods, 2);
            r.cpuPercentWhileChurning = await idleCpuPercent(tui.pid, options.idleMs ?? 5_000);
            // The 2 s figure catches what the sync's garbage still holds; this one is after the
            // CPU sample (one metrics period later), against the empty namespace's at the same point.
            r.rssSteadyMB = round(rssKb(tui.pid) / 1024, 1);
            r.rssSteadyKBPerPod = round(((r.rssSteadyMB - r.emptyRssSteadyMB!) * 1024) / pods, 2);
          }
          // A binary without the frame-log hook (an older checkout) gets no keystroke figures.
          if (options.keystrokes !== false && pods === largest && frames(tui).length > 0) {
            const keyLog: KeyLatency[] = [];
            // This driver's clock (the keys' arrivals are read onto it) on the profile's monotonic one (both read here, moments apart).
            const epochToMonoUs = monotonicUs() - now() * 1000;
            const fromUs = monotonicUs();
            Object.assign(r, await keystrokes(tui, keyLog));
            if (profiled) {
              (r as Record<string, unknown>).keysWindow = { fromUs, toUs: monotonicUs() };
              (r as Record<string, unknown>).keyLog = keyLog.map((k) => ({ key: k.key, atUs: k.arrivedAt === undefined ? undefined : Math.round(k.arrivedAt * 1000 + epochToMonoUs), inTuiMs: round(k.inTuiMs, 1) }));
            }
          }
          if (profiled) {
            tui.session.press('q');
            await until('the profiled TUI to quit', () => !running(tui.pid), 60_000, 100);
          }
        } finally {
          tui.session.kill();
        }
        if (!options.keysOnly) {
          r.firstFrameVsKubectlFirstRow = round(r.firstFrameMs / r.kubectlFirstRowMs!, 2);
          r.fullSyncVsKubectlAll = round(r.fullSyncMs / r.kubectlAllMs!, 2);
        }
      } finally {
        await stop(served.child);
      }
      // In the JSON beside the figures (stderr stays for errors: the quick bench in npm test asserts it is empty).
      results[String(pods)] = notes.length > 0 ? { ...r, notes } : r;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
