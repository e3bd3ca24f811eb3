// What a user feels, measured on the real binary: `podscope sim serve` with a generated
// cluster (test/bench/cluster.ts) in one process, the TUI (`podscope --kubeconfig … -A`)
// under tmux in another, and `kubectl get pods -A` against the same server as the yardstick.
//
// Figures per size: the simulator's start (until every pod exists) and its RSS; kubectl's
// first row and full listing; the TUI's first frame with a pod row and its full sync (the
// header counts every pod), both from the moment tmux starts it; its RSS above the same
// binary on an empty namespace, per pod; its CPU while nothing is pressed. At the largest
// size, keystroke → frame latency: the TUI writes each frame's time to PODSCOPE_FRAME_LOG
// (src/cli/frameLog.ts), the driver notes when it sent the key, and the latency is the
// first frame after it (Ink draws at most 30 frames a second, so this includes its throttle).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TmuxSession } from '../e2e/helpers/tmux.js';
import { clusterScenario } from './cluster.js';

export interface BinaryBenchOptions {
  sizes: number[];
  /** Keystrokes are measured at the largest size. */
  keystrokes?: boolean;
  /** How long CPU is sampled while nothing is pressed. */
  idleMs?: number;
  /** The longest wait for the TUI to show something (default: minutes, for 100k pods). */
  waitMs?: number;
}

// PODSCOPE_BENCH_ROOT: another checkout's binary (built), to measure a "before" with this driver.
const ROOT = process.env.PODSCOPE_BENCH_ROOT ?? resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/podscope.js');
const now = (): number => performance.timeOrigin + performance.now();

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs: number, everyMs = 20, screen?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = probe();
    if (got !== undefined && got !== false) return got;
    if (Date.now() > deadline) throw new Error(`bench: timed out after ${timeoutMs} ms waiting for ${what}${screen ? `; the screen:\n${screen()}` : ''}`);
    await sleep(everyMs);
  }
}

export function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** user+system CPU seconds of a process so far. */
function cpuSeconds(pid: number): number {
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

/** `podscope sim serve` on a generated cluster of `pods` (more flags in `extra`), once every pod exists. */
export async function serve(dir: string, pods: number, extra: string[] = [], crashLooping?: number): Promise<Served> {
  const scenario = join(dir, `cluster-${pods}.yaml`);
  writeFileSync(scenario, clusterScenario({ pods, crashLooping }));
  const kubeconfig = join(dir, `kc-${pods}`);
  const t0 = now();
  const child = spawn(process.execPath, [BIN, 'sim', 'serve', '--scenario', scenario, '--port', '0', '--kubeconfig-out', kubeconfig, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
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
async function kubectlGet(kubeconfig: string): Promise<{ firstRowMs: number; totalMs: number; rows: number }> {
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

// A table row (cursor and mark columns, then NAMESPACE with -A) naming a generated pod.
const POD_ROW = /^[> ][ +*]\S.*\b(web|crash)-\d+-[0-9a-f]+-[a-z0-9]{5}\b/m;

interface Tui {
  session: TmuxSession;
  pid: number;
  frameLog: string;
  startTrace: string;
}

function startTui(dir: string, kubeconfig: string, scope: string[], name: string): { tui: Tui; t0: number } {
  const frameLog = join(dir, `frames-${name}`);
  const startTrace = join(dir, `start-${name}`);
  rmSync(frameLog, { force: true });
  rmSync(startTrace, { force: true });
  const t0 = now();
  const session = TmuxSession.start({
    command: `exec ${process.execPath} ${BIN} --kubeconfig ${kubeconfig} ${scope.join(' ')}`,
    cwd: ROOT,
    columns: 200,
    rows: 50,
    env: { ...process.env, PODSCOPE_FRAME_LOG: frameLog, PODSCOPE_START_TRACE: startTrace },
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
  const phases = new Map(readFileSync(tui.startTrace, 'utf8').trim().split('\n').map((l) => l.split(' ')).map(([name, at, cpu]) => [name!, { at: Number(at), cpu: Number(cpu) }]));
  const start = phases.get('start');
  if (!start) return {};
  const out: Record<string, number> = { startExecMs: Math.round(start.at - t0) };
  for (const [name, p] of phases) if (name !== 'start') out[`start${name[0]!.toUpperCase()}${name.slice(1)}Ms`] = Math.round(p.at - start.at);
  const rows = phases.get('rows');
  if (rows) out.startRowsCpuMs = Math.round(rows.cpu);
  return out;
}

function frames(tui: Tui): number[] {
  if (!existsSync(tui.frameLog)) return [];
  return readFileSync(tui.frameLog, 'utf8').trim().split('\n').filter(Boolean).map(Number);
}

function shownCount(screen: string): number | undefined {
  const m = /^Pods (\d+):/m.exec(screen);
  return m ? Number(m[1]) : undefined;
}

async function idleCpuPercent(pid: number, ms: number): Promise<number> {
  const before = cpuSeconds(pid);
  await sleep(ms);
  return round(((cpuSeconds(pid) - before) / (ms / 1000)) * 100, 2);
}

/** Presses a key and returns the time to the first frame drawn after it. */
async function keystroke(tui: Tui, key: string, literal: boolean): Promise<number> {
  const seen = frames(tui).length;
  const sent = now();
  if (literal) tui.session.type(key);
  else tui.session.press(key);
  const at = await until(`a frame after "${key}"`, () => frames(tui).slice(seen).find((t) => t > sent), 30_000, 2);
  await sleep(40);
  return at - sent;
}

async function keystrokes(tui: Tui): Promise<Record<string, number>> {
  const groups: Record<string, number[]> = { scroll: [], filterTyping: [], sort: [], openPod: [], describe: [] };
  for (let i = 0; i < 20; i++) groups.scroll!.push(await keystroke(tui, 'down', false));
  groups.filterTyping!.push(await keystroke(tui, '/', true));
  for (const ch of 'crash-1') groups.filterTyping!.push(await keystroke(tui, ch, true));
  groups.filterTyping!.push(await keystroke(tui, 'enter', false));
  groups.filterTyping!.push(await keystroke(tui, 'esc', false));
  for (const key of ['S', 'S', 'R', 'N']) groups.sort!.push(await keystroke(tui, key, true));
  for (let i = 0; i < 3; i++) {
    groups.openPod!.push(await keystroke(tui, 'enter', false));
    await keystroke(tui, 'esc', false);
    groups.describe!.push(await keystroke(tui, 'd', true));
    await keystroke(tui, 'esc', false);
  }
  const out: Record<string, number> = {};
  for (const [name, values] of Object.entries(groups)) {
    out[`${name}P50Ms`] = round(percentile(values, 0.5), 1);
    out[`${name}P95Ms`] = round(percentile(values, 0.95), 1);
  }
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
      try {
        const k = await kubectlGet(served.kubeconfig);
        Object.assign(r, { kubectlFirstRowMs: Math.round(k.firstRowMs), kubectlAllMs: Math.round(k.totalMs), kubectlRows: k.rows });

        // The same binary on a namespace with no pods: the memory floor and idle CPU.
        const empty = startTui(dir, served.kubeconfig, ['-n', 'bench-empty'], `empty-${pods}`);
        try {
          await until('the empty namespace on screen', () => shownCount(empty.tui.session.screen()) === 0, options.waitMs ?? 60_000);
          await sleep(1_000);
          r.emptyRssMB = round(rssKb(empty.tui.pid) / 1024, 1);
          r.idleCpuPercentEmpty = await idleCpuPercent(empty.tui.pid, options.idleMs ?? 5_000);
        } finally {
          empty.tui.session.kill();
        }

        const { tui, t0 } = startTui(dir, served.kubeconfig, ['-A'], `all-${pods}`);
        try {
          await until('a pod row', () => POD_ROW.test(tui.session.screen()), options.waitMs ?? 600_000, 20, () => tui.session.screen());
          r.firstFrameMs = Math.round(now() - t0);
          await until(`all ${pods} pods counted`, () => (shownCount(tui.session.screen()) ?? 0) >= pods, options.waitMs ?? 900_000, 50);
          r.fullSyncMs = Math.round(now() - t0);
          Object.assign(r, startPhases(tui, t0));
          await sleep(2_000);
          r.rssMB = round(rssKb(tui.pid) / 1024, 1);
          r.rssKBPerPod = round(((r.rssMB - r.emptyRssMB!) * 1024) / pods, 2);
          r.cpuPercentWhileChurning = await idleCpuPercent(tui.pid, options.idleMs ?? 5_000);
          // A binary without the frame-log hook (an older checkout) gets no keystroke figures.
          if (options.keystrokes !== false && pods === largest && frames(tui).length > 0) Object.assign(r, await keystrokes(tui));
        } finally {
          tui.session.kill();
        }
        r.firstFrameVsKubectlFirstRow = round(r.firstFrameMs / r.kubectlFirstRowMs!, 2);
        r.fullSyncVsKubectlAll = round(r.fullSyncMs / r.kubectlAllMs!, 2);
      } finally {
        await stop(served.child);
      }
      results[String(pods)] = r;
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
