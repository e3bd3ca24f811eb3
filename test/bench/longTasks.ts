// The main thread's long tasks in a V8 CPU profile (`node --cpu-prof`): each unbroken run of
// busy samples (anything but `(idle)`) longer than a threshold, with where its time went. A
// key that arrives during one waits for its end, so these bound a keystroke's latency from
// below. Used on the TUI's profile over the binary bench's keys (`--keys-profile=DIR`).
//
// node dist/test/bench/longTasks.js PROFILE.cpuprofile [FROM_US TO_US] [--over=MS] [--top=N]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface LongTask {
  /** Start on the profile's clock (µs, the machine's monotonic clock). */
  atUs: number;
  ms: number;
  /**
   * The run's samples at most 2 sampling intervals each: a sample that stands for a longer
   * gap is the process waiting for a core (a loaded machine), not the main thread working.
   */
  cpuMs: number;
  gcMs: number;
  /** Self time by function, most first. */
  self: { name: string; ms: number }[];
  /** Inclusive time by function, most first (the stack's frames the time passed through). */
  inclusive: { name: string; ms: number }[];
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '~/');
  return `${functionName || '(anonymous)'} ${file ? `${file.split('/').slice(-2).join('/')}:${lineNumber + 1}` : ''}`.trim();
}

const top = (m: Map<string, number>, n: number): { name: string; ms: number }[] =>
  [...m]
    .filter(([name]) => !name.startsWith('(root)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10 }));

/** Busy runs longer than `overMs` whose start lies in [fromUs, toUs]. */
export function longTasks(profile: CpuProfile, fromUs = -Infinity, toUs = Infinity, overMs = 8, topN = 8): LongTask[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out: LongTask[] = [];
  const intervals = [...profile.timeDeltas].sort((a, b) => a - b);
  const capUs = 2 * (intervals[Math.floor(intervals.length / 2)] ?? 1000);
  let run: { atUs: number; us: number; cpuUs: number; gcUs: number; self: Map<string, number>; inclusive: Map<string, number> } | undefined;
  const close = (): void => {
    if (run && run.us > overMs * 1000 && run.atUs >= fromUs && run.atUs <= toUs) {
      out.push({ atUs: run.atUs, ms: Math.round(run.us / 100) / 10, cpuMs: Math.round(run.cpuUs / 100) / 10, gcMs: Math.round(run.gcUs / 100) / 10, self: top(run.self, topN), inclusive: top(run.inclusive, topN * 2) });
    }
    run = undefined;
  };
  // The frame under (root) a sample ran from (onStreamRead, processImmediate, listOnTimeout…):
  // a busy run whose entry changes is two tasks back to back (GC and (program) belong to the
  // task they interrupt). Tasks with the same entry back to back (two setImmediate slices)
  // stay one run: a profile has no task boundaries.
  const entryOf = (id: number): number => {
    let at = id;
    for (let up = parent.get(at); up !== undefined && parent.get(up) !== undefined; up = parent.get(up)) at = up;
    return at;
  };
  let entry: number | undefined;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const weight = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(profile.samples[i]!)!;
    const fn = node.callFrame.functionName;
    if (fn === '(idle)') {
      close();
      entry = undefined;
      continue;
    }
    if (fn !== '(garbage collector)' && fn !== '(program)') {
      const e = entryOf(node.id);
      if (entry !== undefined && e !== entry) close();
      entry = e;
    }
    run ??= { atUs: t, us: 0, cpuUs: 0, gcUs: 0, self: new Map(), inclusive: new Map() };
    run.us += weight;
    run.cpuUs += Math.min(weight, capUs);
    if (node.callFrame.functionName === '(garbage collector)') run.gcUs += weight;
    const name = label(node);
    run.self.set(name, (run.self.get(name) ?? 0) + weight);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const n = label(byId.get(id)!);
      if (seen.has(n)) continue;
      seen.add(n);
      run.inclusive.set(n, (run.inclusive.get(n) ?? 0) + weight);
    }
  }
  close();
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, from, to] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const over = process.argv.find((a) => a.startsWith('--over='));
  const topArg = process.argv.find((a) => a.startsWith('--top='));
  if (!path) {
    process.stderr.write('usage: node dist/test/bench/longTasks.js PROFILE.cpuprofile [FROM_US TO_US] [--over=MS] [--top=N]\n');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  // --keys=BENCH.json: each key of the binary bench's keyLog, with the busy time from its arrival to its frame.
  const keysArg = process.argv.find((a) => a.startsWith('--keys='));
  if (keysArg) {
    const bench = JSON.parse(readFileSync(keysArg.slice(7), 'utf8')) as { binary: Record<string, { keyLog?: { key: string; atUs?: number; inTuiMs: number }[] }> };
    for (const r of Object.values(bench.binary)) {
      for (const k of r.keyLog ?? []) {
        const at = k.atUs;
        if (at === undefined) continue;
        const until = at + k.inTuiMs * 1000;
        // Tasks that started up to 50 ms before the key and ran into its wait count too.
        const within = longTasks(profile, at - 50_000, until, 0, 4).filter((task) => task.atUs + task.ms * 1000 > at);
        const busy = within.reduce((n, task) => n + task.ms, 0);
        process.stdout.write(`${k.key} ${k.inTuiMs} ms (busy ${Math.round(busy * 10) / 10}): ${within.map((task) => task.inclusive.slice(0, 6).map((f) => `${f.name} ${f.ms}`).join(' < ')).join(' || ')}\n`);
      }
    }
  }
  const fromUs = from ? Number(from) : undefined;
  const tasks = longTasks(profile, fromUs, to ? Number(to) : undefined, over ? Number(over.slice(7)) : undefined, topArg ? Number(topArg.slice(6)) : undefined);
  const base = fromUs ?? profile.startTime;
  for (const task of tasks) {
    process.stdout.write(`+${Math.round((task.atUs - base) / 1000)} ms: ${task.ms} ms (at most ${task.cpuMs} ms working, GC ${task.gcMs})\n`);
    process.stdout.write(`  self: ${task.self.map((s) => `${s.name} ${s.ms}`).join('; ')}\n`);
    process.stdout.write(`  through: ${task.inclusive.map((s) => `${s.name} ${s.ms}`).join('; ')}\n`);
  }
  process.stdout.write(`${tasks.length} tasks over the threshold\n`);
}
