// Where the real binary's memory goes (issue 15's per-pod RSS goal): the TUI over `sim serve`
// as the binary bench runs it (test/bench/binary.ts), on an empty namespace and on every pod,
// with a preloaded hook (--require) that answers the probe from inside the process:
// process.memoryUsage(), V8's heap spaces and /proc/self/smaps_rollup at several moments after
// the sync, then after a forced full GC (the live heap), and optionally a heap snapshot.
//
//   node dist/test/bench/memoryProbe.js [--pods=10000] [--node-args="--max-semi-space-size=1"]
//     [--env=NAME=VALUE] [--snapshot] [--at=2,10,30] [--series] [--no-empty]
// One JSON document on stdout. Not part of `npm run bench`: a tool to look with.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, settle, shownCount, sleep, startTui, stop, until } from './binary.js';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const pods = Number(arg('pods') ?? 10_000);
const nodeArgs = (arg('node-args') ?? '').split(' ').filter((a) => a !== '');
const env: NodeJS.ProcessEnv = {};
for (const a of args.filter((x) => x.startsWith('--env='))) {
  const [k, ...v] = a.slice('--env='.length).split('=');
  env[k!] = v.join('=');
}
const snapshot = args.includes('--snapshot');
const atSeconds = (arg('at') ?? '2,10,30').split(',').map(Number);
const skipEmpty = args.includes('--no-empty');
// --series: the hook also samples memory every 100 ms and notes each GC and HTTP request with
// its time, reported against the moment the sync was seen (what happens between the bench's
// 2 s and steady reads).
const series = args.includes('--series');

// The hook: polls a command file (a timer that does not keep the process alive), answers in a file.
const HOOK = `
const fs = require('node:fs'), v8 = require('node:v8');
const dir = process.env.PODSCOPE_MEM_PROBE;
const samples = [], gcs = [], requests = [];
let received = 0;
const KINDS = { 1: 'minor', 4: 'major', 8: 'incremental', 16: 'weakcb' };
new (require('node:perf_hooks').PerformanceObserver)((list) => {
  for (const e of list.getEntries()) gcs.push([Math.round(performance.timeOrigin + e.startTime), Math.round(e.duration * 10) / 10, KINDS[e.detail?.kind] ?? e.detail?.kind]);
}).observe({ entryTypes: ['gc'] });
const dc = require('node:diagnostics_channel');
dc.subscribe('http.client.request.start', ({ request }) => {
  const r = [Date.now(), request.path.slice(0, 80), 0, 0];
  requests.push(r);
  request.on('response', (res) => { let n = 0; res.on('data', (c) => { n += c.length; received += c.length; }); res.on('end', () => { r[2] = Date.now(); r[3] = n; }); });
});
if (process.env.PODSCOPE_MEM_SERIES) setInterval(() => {
  const m = process.memoryUsage();
  const old = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space');
  samples.push([Date.now(), m.rss, m.heapTotal, m.heapUsed, m.external, m.arrayBuffers, received, old.space_used_size, old.physical_space_size]);
}, 100).unref();
setInterval(() => {
  const cmdFile = dir + '/cmd-' + process.pid;
  if (!fs.existsSync(cmdFile)) return;
  const [cmd, id] = fs.readFileSync(cmdFile, 'utf8').trim().split(' ');
  fs.rmSync(cmdFile);
  const out = {};
  if (cmd === 'gc') { for (let i = 0; i < 4; i++) globalThis.gc(); }
  if (cmd === 'series') Object.assign(out, { samples, gcs, requests });
  if (cmd === 'snap') out.snapshot = v8.writeHeapSnapshot(dir + '/heap-' + id + '.heapsnapshot');
  out.mem = process.memoryUsage();
  out.spaces = v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size, s.space_used_size, s.physical_space_size]);
  out.smaps = fs.readFileSync('/proc/self/smaps_rollup', 'utf8');
  // Anonymous memory by mapping: glibc's main heap ([heap]), its per-thread arenas (64 MB
  // reservations, mostly untouched), V8's pages and the rest, each with what it has resident.
  const maps = [];
  let cur;
  for (const line of fs.readFileSync('/proc/self/smaps', 'utf8').split('\\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\\S+) \\S+ \\S+ (\\d+)\\s*(.*)$/.exec(line);
    if (head) {
      cur = { size: (parseInt(head[2], 16) - parseInt(head[1], 16)) / 1024, perms: head[3], inode: head[4], name: head[5], rss: 0, anon: 0 };
      maps.push(cur);
      continue;
    }
    const m = /^(Rss|Anonymous):\\s+(\\d+) kB/.exec(line);
    if (m && cur) cur[m[1] === 'Rss' ? 'rss' : 'anon'] = Number(m[2]);
  }
  out.maps = maps.filter((m) => m.anon > 0).map((m) => [m.name || '', m.perms, m.size, m.anon]);
  fs.writeFileSync(dir + '/out-' + id + '.tmp', JSON.stringify(out));
  fs.renameSync(dir + '/out-' + id + '.tmp', dir + '/out-' + id);
}, 100).unref();
`;

interface Answer {
  samples?: number[][];
  gcs?: [number, number, string][];
  requests?: [number, string, number, number][];
  mem: NodeJS.MemoryUsage;
  spaces: [string, number, number, number][];
  smaps: string;
  /** Each mapping with anonymous memory: name, permissions, size and anonymous kB. */
  maps: [string, string, number, number][];
}

/** Anonymous memory by kind of mapping, MB: glibc's main heap, mappings the size of a glibc arena (64 MB with their reserve), and the rest by size class. */
function anonymousByKind(maps: Answer['maps']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, , sizeKB, anonKB] of maps) {
    const kind = name === '[heap]' ? 'mallocMainHeap' : name !== '' ? name : sizeKB >= 1024 * 32 ? 'mapping >= 32 MB (malloc arena or reserve)' : sizeKB >= 1024 ? 'mapping 1-32 MB' : 'mapping < 1 MB';
    out[kind] = (out[kind] ?? 0) + anonKB;
  }
  for (const k of Object.keys(out)) out[k] = MB(out[k]! * 1024);
  return out;
}

/** user+system CPU ms of a process so far (/proc/PID/stat, USER_HZ 100). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const MB = (n: number): number => Math.round((n / 1024 / 1024) * 10) / 10;
let asked = 0;

async function ask(dir: string, pid: number, cmd: string): Promise<Record<string, unknown>> {
  const id = String(++asked);
  writeFileSync(join(dir, `cmd-${pid}`), `${cmd} ${id}`);
  const out = join(dir, `out-${id}`);
  await until(`the probe's answer to ${cmd}`, () => existsSync(out), 300_000, 50);
  const a = JSON.parse(readFileSync(out, 'utf8')) as Answer;
  const smaps: Record<string, number> = {};
  for (const m of a.smaps.matchAll(/^(\w+):\s+(\d+) kB/gm)) if (['Rss', 'Anonymous', 'Private_Dirty', 'Shared_Clean', 'Private_Clean', 'Swap'].includes(m[1]!)) smaps[`${m[1]}MB`] = MB(Number(m[2]) * 1024);
  const spaces: Record<string, string> = {};
  for (const [name, size, used, physical] of a.spaces) spaces[name] = `${MB(size)}/${MB(used)}/${MB(physical)}`;
  if (cmd === 'series') return seriesOf(a);
  return {
    rssMB: MB(a.mem.rss),
    heapTotalMB: MB(a.mem.heapTotal),
    heapUsedMB: MB(a.mem.heapUsed),
    externalMB: MB(a.mem.external),
    arrayBuffersMB: MB(a.mem.arrayBuffers),
    ...smaps,
    spacesSizeUsedPhysicalMB: spaces,
    anonymousByKindMB: anonymousByKind(a.maps),
    ...(process.env.MEMPROBE_MAPS ? { maps: a.maps.filter(([, , size]) => size >= 1024 && size < 32 * 1024).map(([name, perms, size, anon]) => `${name || "anon"} ${perms} ${size} kB, ${anon} kB anonymous`) } : {}),
  };
}

let seriesZero = 0;

/** The hook's samples, GCs and requests, ms from the moment the sync was seen (seriesZero). */
function seriesOf(a: Answer): Record<string, unknown> {
  const at = (t: number): number => t - seriesZero;
  return {
    // ms, RSS / heap total / heap used / external / arrayBuffers / bytes received so far / old space used / old space physical MB, every 500 ms
    samples: (a.samples ?? []).filter((_, i) => i % 5 === 0).map(([t, ...mb]) => [at(t!), ...mb.map((n) => MB(n))].join(' ')),
    gcs: (a.gcs ?? []).filter(([, d, kind]) => kind !== 'minor' || d >= 5).map(([t, d, kind]) => `${at(t)} ${kind} ${d}`),
    minorGcs: (a.gcs ?? []).filter(([, , kind]) => kind === 'minor').length,
    requests: (a.requests ?? []).map(([t, path, end, bytes]) => `${at(t)}..${end ? at(end) : '?'} ${path} ${bytes} B`),
  };
}

async function measure(dir: string, pid: number, since: number, label: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const s of atSeconds) {
    const wait = since + s * 1000 - Date.now();
    if (wait > 0) await sleep(wait);
    out[`${label}${s}s`] = await ask(dir, pid, 'stats');
  }
  if (series) out[`${label}Series`] = await ask(dir, pid, 'series');
  out[`${label}AfterGc`] = await ask(dir, pid, 'gc');
  if (snapshot) out[`${label}Snapshot`] = await ask(dir, pid, 'snap');
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'podscope-memprobe-'));
const hook = join(dir, 'hook.cjs');
writeFileSync(hook, HOOK);
const tuiEnv = { ...env, PODSCOPE_MEM_PROBE: dir, ...(series ? { PODSCOPE_MEM_SERIES: '1' } : {}) };
const tuiNodeArgs = ['--expose-gc', '--require', hook, ...nodeArgs];
const result: Record<string, unknown> = { pods, nodeArgs, env, date: new Date().toISOString() };
const served = await serve(dir, pods);
try {
  await settle(served.kubeconfig, 900_000);
  if (!skipEmpty) {
    const empty = startTui(dir, served.kubeconfig, ['-n', 'bench-empty'], 'empty', tuiEnv, tuiNodeArgs);
    try {
      await until('the empty namespace on screen', () => shownCount(empty.tui.session.screen()) === 0, 60_000);
      seriesZero = Date.now();
      // The binary bench reads the empty namespace's RSS 3 s after it shows.
      Object.assign(result, await measure(dir, empty.tui.pid, Date.now() + 1_000, 'empty'));
    } finally {
      empty.tui.session.kill();
    }
  }
  const { tui, t0 } = startTui(dir, served.kubeconfig, ['-A'], 'all', tuiEnv, tuiNodeArgs);
  try {
    await until(`all ${pods} pods counted`, () => (shownCount(tui.session.screen()) ?? 0) >= pods, 900_000, 50);
    result.fullSyncSeenMs = Date.now() - t0;
    seriesZero = Date.now();
    result.fullSyncCpuMs = cpuMs(tui.pid);
    Object.assign(result, await measure(dir, tui.pid, Date.now(), 'all'));
  } finally {
    tui.session.kill();
  }
} finally {
  await stop(served.child);
  if (!snapshot) rmSync(dir, { recursive: true, force: true });
  else result.dir = dir;
}
process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
