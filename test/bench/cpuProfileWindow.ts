// Where a process's CPU went over a span of time, from a V8 CPU profile (`node --cpu-prof`):
// self and inclusive time per function for the samples inside [fromUs, toUs] on the machine's
// monotonic clock (the profile's own time base; the churn bench's `profileWindow` gives the
// span of its in-process steps). Used on the TUI's profile under 5k deltas a second.
//
// node dist/test/bench/cpuProfileWindow.js PROFILE.cpuprofile [FROM_US TO_US] [--top=N]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  name: string;
  ms: number;
  share: number;
}

export interface WindowSummary {
  /** Milliseconds of samples in the window, of them the process waiting, and in GC; shares below are of the busy rest. */
  sampledMs: number;
  idleMs: number;
  gcMs: number;
  self: FunctionTime[];
  inclusive: FunctionTime[];
  /** Self time by source file (the bundle's modules show as the bundle). */
  byFile: FunctionTime[];
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '~/');
  return `${functionName || '(anonymous)'} ${file ? `${file.split('/').slice(-2).join('/')}:${lineNumber + 1}` : ''}`.trim();
}

export function summarize(profile: CpuProfile, fromUs = -Infinity, toUs = Infinity, top = 30): WindowSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byFile = new Map<string, number>();
  let sampledUs = 0;
  let idleUs = 0;
  let gcUs = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    // A sample's weight is the time until the next one.
    const weight = profile.timeDeltas[i + 1] ?? 0;
    if (t < fromUs || t > toUs) continue;
    const node = byId.get(profile.samples[i]!)!;
    sampledUs += weight;
    const name = label(node);
    if (node.callFrame.functionName === '(idle)') idleUs += weight;
    if (node.callFrame.functionName === '(garbage collector)') gcUs += weight;
    self.set(name, (self.get(name) ?? 0) + weight);
    const file = node.callFrame.url.replace(/^.*\//, '') || node.callFrame.functionName;
    byFile.set(file, (byFile.get(file) ?? 0) + weight);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const n = label(byId.get(id)!);
      if (seen.has(n)) continue;
      seen.add(n);
      inclusive.set(n, (inclusive.get(n) ?? 0) + weight);
    }
  }
  const busyUs = sampledUs - idleUs;
  const list = (m: Map<string, number>): FunctionTime[] =>
    [...m]
      .filter(([name]) => !name.startsWith('(idle)') && !name.startsWith('(root)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10, share: busyUs > 0 ? Math.round((us / busyUs) * 1000) / 1000 : 0 }));
  return { sampledMs: Math.round(sampledUs / 1000), idleMs: Math.round(idleUs / 1000), gcMs: Math.round(gcUs / 1000), self: list(self), inclusive: list(inclusive), byFile: list(byFile) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, from, to] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const topArg = process.argv.find((a) => a.startsWith('--top='));
  if (!path) {
    process.stderr.write('usage: node dist/test/bench/cpuProfileWindow.js PROFILE.cpuprofile [FROM_US TO_US] [--top=N]\n');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const summary = summarize(profile, from ? Number(from) : undefined, to ? Number(to) : undefined, topArg ? Number(topArg.slice(6)) : undefined);
  process.stdout.write(`${JSON.stringify(summary, null, 1)}\n`);
}
