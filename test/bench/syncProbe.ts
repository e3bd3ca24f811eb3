// A targeted probe for one figure: the real binary's full sync of a large cluster over
// `sim serve` (issue 15: <= 0.5x `kubectl get pods -A` at 100k). One settled simulator,
// kubectl's listing taken once, then the TUI started from each of several checkouts in
// turn (A B A B …), so a change is measured back to back against the same server.
//
//   node dist/test/bench/syncProbe.js --pods=100000 --rounds=2 --roots=/tmp/base,.
//
// --tui-prof=DIR profiles each TUI (node --cpu-prof), --sim-prof=DIR each simulator.
// --fresh starts a new server (settled, kubectl's listing unless --kubectl=no) for every run:
// on a shared server only the first run pays for the server's first encoding of each pod.
//
// Per TUI run: the full sync by the frame log's write time (as binary.ts times it), the
// TUI's CPU seconds to it, the simulator's CPU seconds over it, the load average before it,
// and the watch counters the delta log saw (a watch-list cut short shows as a drop and a
// second sync) with when the first drop was seen, how each pods watch ended, and when the
// Events watch opened (it waits for the pods' sync). JSON on stdout.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TmuxSession } from '../e2e/helpers/tmux.js';
import { frameWritten, kubectlListing, running, serve, settle, shownCount, stop, until } from './binary.js';

const now = (): number => performance.timeOrigin + performance.now();
/** The monotonic clock a V8 CPU profile is stamped with, in microseconds (cpuProfileWindow.ts). */
const monoUs = (): number => Number(process.hrtime.bigint() / 1000n);

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface DeltaLine {
  t: number;
  deltas: number;
  watch?: Record<string, { syncs: number; relists: number; watches: number; drops: number }>;
  /** How watches ended (a build from before the delta log named them has none). */
  ends?: Record<string, { at: number; how: string; openMs: number; initial?: boolean; message?: string }[]>;
}

async function syncOnce(dir: string, root: string, kubeconfig: string, pods: number, simPid: number, name: string, tuiProf?: string): Promise<Record<string, unknown>> {
  const frameLog = join(dir, `frames-${name}`);
  const deltaLog = join(dir, `deltas-${name}`);
  const stderrLog = join(dir, `stderr-${name}`);
  rmSync(frameLog, { force: true });
  rmSync(deltaLog, { force: true });
  const load = loadavg()[0]!;
  const simCpu0 = cpuSeconds(simPid);
  const t0 = now();
  const monoUs0 = monoUs();
  const session = TmuxSession.start({
    // Its stderr to a file, for a TUI that dies (its pane, and with it the tmux server, goes away).
    command: `exec ${[process.execPath, ...(tuiProf ? ['--cpu-prof', `--cpu-prof-dir=${tuiProf}`] : [])].join(' ')} ${join(root, 'bin/podscope.js')} --kubeconfig ${kubeconfig} -A 2>>${stderrLog}`,
    // A tmux server of its own per run: the previous run's server, killed moments ago, may
    // still be exiting on a shared socket ("no server running" under load).
    name: `sync-${name}`,
    cwd: root,
    columns: 200,
    rows: 50,
    env: { ...process.env, PODSCOPE_FRAME_LOG: frameLog, PODSCOPE_DELTA_LOG: deltaLog },
  });
  const pid = Number(session.display('#{pane_pid}'));
  try {
    await until(
      `all ${pods} pods counted`,
      () => {
        if (!running(pid)) throw new Error(`the TUI exited before its sync; its stderr: ${existsSync(stderrLog) ? readFileSync(stderrLog, 'utf8').slice(-4_000) : '(none)'}`);
        return (shownCount(session.screen()) ?? 0) >= pods;
      },
      900_000,
      50,
      () => session.screen(),
    );
    const seen = now();
    const tuiCpu = cpuSeconds(pid);
    const simCpu = cpuSeconds(simPid) - simCpu0;
    const notes: string[] = [];
    const written = await frameWritten({ frameLog }, 'fullSyncMs', t0, seen, (n) => n >= pods, notes);
    const lines = existsSync(deltaLog)
      ? readFileSync(deltaLog, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as DeltaLine)
      : [];
    let counters: DeltaLine['watch'];
    let firstDropMs: number | undefined;
    let deltasAtDrop = 0;
    let deltas = 0;
    // When the Events watch opened: it waits for the pods' first sync (src/source/kube/kubeSource.ts),
    // so one opened before the sync was seen ran beside it on the server.
    let eventsWatchMs: number | undefined;
    const podEnds: { atMs: number; how: string; openMs: number; initial?: boolean; message?: string }[] = [];
    for (const l of lines) {
      deltas += l.deltas;
      if (l.watch) counters = l.watch;
      if (eventsWatchMs === undefined && (l.watch?.Event?.watches ?? 0) > 0) eventsWatchMs = Math.round(l.t - t0);
      for (const e of l.ends?.Pod ?? []) {
        podEnds.push({ atMs: Math.round(e.at - t0), how: e.how, openMs: e.openMs, ...(e.initial ? { initial: true } : {}), ...(e.message ? { message: e.message } : {}) });
      }
      if (firstDropMs === undefined && (l.watch?.Pod?.drops ?? 0) > 0) {
        firstDropMs = Math.round(l.t - t0);
        deltasAtDrop = deltas;
      }
    }
    return {
      root,
      fullSyncMs: Math.round(written - t0),
      ...(notes.length > 0 ? { notes } : {}),
      tuiCpuS: tuiCpu,
      simCpuS: Math.round(simCpu * 100) / 100,
      load1: Math.round(load * 100) / 100,
      pods: counters?.Pod,
      events: counters?.Event,
      monoUs: [monoUs0, monoUs()],
      firstDropMs,
      deltasAtDrop,
      eventsWatchMs,
      podEnds,
    };
  } finally {
    if (tuiProf) {
      // The profile is written as the TUI exits: quit it rather than kill its terminal.
      session.press('q');
      await until('the profiled TUI to quit', () => !running(pid), 60_000, 100).catch(() => undefined);
    }
    session.kill();
  }
}

interface Server {
  kubeconfig: string;
  child: ChildProcess;
  /** Ours to stop (not a server given with --kubeconfig). */
  owned: boolean;
}

async function main(): Promise<void> {
  const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const pods = Number(arg('pods') ?? 100_000);
  const rounds = Number(arg('rounds') ?? 2);
  const roots = (arg('roots') ?? '.').split(',').map((r) => resolve(r));
  // --fresh: a new server for every run, settled, then (unless --kubectl=no) kubectl's listing,
  // then the TUI — as the binary bench meets it. Without it one server serves every run, and
  // every run after the first finds the pods' JSON already encoded (src/sim/server/encode.ts
  // keeps a text per object version), which the first run paid for.
  const fresh = process.argv.includes('--fresh');
  const dir = mkdtempSync(join(tmpdir(), 'podscope-syncprobe-'));
  const out: Record<string, unknown> = { pods, roots, fresh };
  const simProf = arg('sim-prof');
  // --tui-prof=DIR: each TUI under `node --cpu-prof` (quit with q after its sync; cut with the run's monoUs).
  const tuiProfArg = arg('tui-prof');
  const tuiProf = tuiProfArg ? resolve(tuiProfArg) : undefined;
  // --kubeconfig=PATH --sim-pid=N: a sim serve already running (settled), left running.
  const given = arg('kubeconfig');
  const servers: Record<string, unknown>[] = [];
  const start = async (): Promise<Server> => {
    const info: Record<string, unknown> = {};
    let server: Server;
    if (given) server = { kubeconfig: resolve(given), child: { pid: Number(arg('sim-pid')) } as ChildProcess, owned: false };
    else {
      const served = await serve(dir, pods, [], undefined, undefined, simProf ? ['--cpu-prof', `--cpu-prof-dir=${resolve(simProf)}`] : []);
      server = { kubeconfig: served.kubeconfig, child: served.child, owned: true };
      info.simStartMs = Math.round(served.startMs);
      try {
        info.simSettleMs = await settle(served.kubeconfig, 900_000);
      } catch (err) {
        await stop(served.child);
        throw err;
      }
    }
    if (arg('kubectl') !== 'no') {
      const load = loadavg()[0]!;
      const k = await kubectlListing(server.kubeconfig, pods);
      info.kubectl = { allMs: Math.round(k.totalMs), rows: k.rows, load1: Math.round(load * 100) / 100 };
    }
    process.stderr.write(`${JSON.stringify(info)}\n`);
    servers.push(info);
    return server;
  };
  let server: Server | undefined;
  try {
    const runs: Record<string, unknown>[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const [i, root] of roots.entries()) {
        if (fresh && server?.owned) await stop(server.child);
        if (fresh || !server) server = await start();
        const run = await syncOnce(dir, root, server.kubeconfig, pods, server.child.pid!, `${r}-${i}`, tuiProf);
        process.stderr.write(`${JSON.stringify(run)}\n`);
        runs.push(run);
      }
    }
    out.servers = servers;
    out.runs = runs;
  } finally {
    if (server?.owned) await stop(server.child);
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
}

await main();
