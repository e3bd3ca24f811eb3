// A targeted probe for one figure: the real binary's first frame with rows on a small
// cluster over `sim serve` (issue 15: <= 2x `kubectl get pods -A`'s first row at 16 pods).
// One settled simulator; per round kubectl's first row, then the TUI from each of several
// checkouts in turn (the order alternates per round), so a change is measured back to back
// against the same server and the same load.
//
//   node dist/test/bench/startProbe.js --pods=16 --rounds=10 --roots=/work/main,.
//
// Per TUI run, from its start trace (PODSCOPE_START_TRACE, src/cli/startTrace.ts): the wall
// time from just before tmux starts it to the first frame with rows (as the binary bench's
// firstFrameMs, which reads the frame log's write time of the same frame), the CPU it had
// used by then, each phase's time from the process's start and the CPU by then, and whether
// V8 refused the start path's code caches (codeCacheRejected). Medians per checkout, the
// load average before each round, and every run's figures: JSON on stdout.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { onThisClock } from '../../src/cli/benchClock.js';
import { TmuxSession } from '../e2e/helpers/tmux.js';
import { kubectlGet, serve, settle, sleep, stop, until } from './binary.js';

const now = (): number => performance.timeOrigin + performance.now();

interface Phase {
  at: number;
  cpu: number;
  /** `ui`: whether V8 took the TUI chunk's code cache (`code-cache=accepted`). */
  note?: string;
}

type Run = Record<string, number>;

function readTrace(path: string): Map<string, Phase> | undefined {
  if (!existsSync(path)) return undefined;
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const phases = new Map(lines.map((l) => l.split(' ')).map(([name, at, cpu, note]) => [name!, { at: onThisClock(Number(at)), cpu: Number(cpu), note }]));
  return phases.has('rows') ? phases : undefined;
}

async function startOnce(dir: string, root: string, kubeconfig: string, name: string, nodeArgs: string[]): Promise<Run> {
  const trace = join(dir, `start-${name}`);
  rmSync(trace, { force: true });
  const t0 = now();
  const session = TmuxSession.start({
    command: `exec ${[process.execPath, ...nodeArgs].join(' ')} ${join(root, 'bin/podscope.js')} --kubeconfig ${kubeconfig} -A`,
    name,
    cwd: dir,
    columns: 200,
    rows: 50,
    env: { ...process.env, PODSCOPE_START_TRACE: trace },
  });
  try {
    const phases = await until(`${root}: a frame with rows`, () => readTrace(trace), 30_000, 10, () => session.screen());
    const start = phases.get('start')!;
    const rows = phases.get('rows')!;
    const run: Run = { wallMs: round(rows.at - t0), cpuMs: round(rows.cpu), execMs: round(start.at - t0) };
    const cache = phases.get('ui')?.note;
    if (cache !== undefined) run.codeCacheRejected = cache === 'code-cache=rejected' ? 1 : 0;
    for (const [phase, p] of phases) {
      if (phase === 'start') continue;
      run[`${phase}Ms`] = round(p.at - start.at);
      run[`${phase}CpuMs`] = round(p.cpu);
    }
    // A profiled start writes its profile as it exits: give it the time to get there first.
    if (nodeArgs.length > 0) {
      session.press('q');
      const quit = (): boolean => {
        try {
          return session.display('#{pane_dead}') === '1';
        } catch {
          return true; // the session ended with its pane
        }
      };
      await until(`${root}: the TUI to quit`, quit, 10_000, 50);
    }
    return run;
  } finally {
    session.kill();
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

function medians(runs: Run[]): Run {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k] ?? NaN))]));
}

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const pods = Number(flag('pods') ?? 16);
const rounds = Number(flag('rounds') ?? 10);
const roots = (flag('roots') ?? '.').split(',').map((r) => resolve(r));
// --node-args=--cpu-prof,--cpu-prof-dir=/tmp/x: flags for the TUI's node (a profile of each start).
const nodeArgs = (flag('node-args') ?? '').split(',').filter((a) => a !== '');

const dir = mkdtempSync(join(tmpdir(), 'podscope-startprobe-'));
const served = await serve(dir, pods);
try {
  await settle(served.kubeconfig, 120_000);
  const kubectlFirstRow: number[] = [];
  const load: number[] = [];
  const runs = new Map<string, Run[]>(roots.map((r) => [r, []]));
  for (let round = 0; round < rounds; round++) {
    load.push(Math.round(loadavg()[0]! * 10) / 10);
    kubectlFirstRow.push(Math.round((await kubectlGet(served.kubeconfig)).firstRowMs));
    const order = round % 2 === 0 ? roots : [...roots].reverse();
    for (const [i, root] of order.entries()) {
      await sleep(200);
      runs.get(root)!.push(await startOnce(dir, root, served.kubeconfig, `r${round}-${i}`, nodeArgs));
    }
  }
  const kubectlMedian = median(kubectlFirstRow);
  const out = {
    pods,
    rounds,
    load,
    kubectlFirstRowMs: kubectlFirstRow,
    kubectlFirstRowMedianMs: kubectlMedian,
    byRoot: Object.fromEntries(
      roots.map((root) => {
        const m = medians(runs.get(root)!);
        return [root, { median: m, wallVsKubectlMedian: Math.round((m.wallMs! / kubectlMedian) * 100) / 100, runs: runs.get(root) }];
      }),
    ),
  };
  process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
} finally {
  await stop(served.child);
  rmSync(dir, { recursive: true, force: true });
}
