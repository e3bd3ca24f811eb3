// What a container's shell command prints, read the way src/sim/behaviour/specDefaults.ts reads
// its run time: statements in order, `sleep N` moves time on, `echo`/`printf`/`date`/`hostname`
// print (with "$(date)", `date`, $HOSTNAME and the container's literal env expanded), output
// redirected to a file prints nothing, `>&2` goes to stderr, `exit K` ends the script, and a
// `while`/`until`/`for … do … done` loop repeats its body for ever, each pass as long as its
// sleeps. Other commands print nothing.
import type { Container } from '../../kube/types.js';
import { commandLine } from '../behaviour/specDefaults.js';
import { FixedLines, PeriodicLines, type LineContext, type LineSource, type LineText, type LogStream, type TimedLine } from './lineSource.js';
import { strftime } from './timeFormat.js';

const DATE_FORMAT = '%a %b %e %H:%M:%S %Z %Y';

export interface ShellOutput {
  sources: LineSource[];
  /** The script ends with its own `exit K` / `false` (it says why it stops, or not, itself). */
  scriptedExit: boolean;
}

type Piece = string | ((ctx: LineContext, atMs: number) => string);

/** Splits at `;`, `&&`, `||`, `&`, `|` and newlines outside quotes and $( ). `|` keeps the rest as a pipe. */
function statements(script: string): { text: string; piped: boolean }[] {
  const out: { text: string; piped: boolean }[] = [];
  let cur = '';
  let quote: '"' | "'" | '`' | undefined;
  let depth = 0;
  let piped = false;
  const flush = (): void => {
    if (cur.trim() !== '') out.push({ text: cur.trim(), piped });
    cur = '';
    piped = false;
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i]!;
    if (quote) {
      if (ch === '\\' && quote !== "'") {
        cur += ch + (script[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === quote) quote = undefined;
      cur += ch;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      quote = ch;
      cur += ch;
    } else if (ch === '$' && script[i + 1] === '(') {
      depth++;
      cur += '$(';
      i++;
    } else if (ch === ')' && depth > 0) {
      depth--;
      cur += ch;
    } else if (depth === 0 && (ch === ';' || ch === '\n')) {
      flush();
    } else if (depth === 0 && (ch === '&' || ch === '|')) {
      if (ch === '&' && (script[i - 1] === '>' || script[i + 1] === '>')) {
        cur += ch;
        continue;
      }
      const double = script[i + 1] === ch;
      // `a | b`: a's output goes into the pipe, not to the log.
      if (ch === '|' && !double) piped = true;
      if (double) i++;
      flush();
    } else {
      cur += ch;
    }
  }
  flush();
  return out;
}

/** Expands one word's quotes and substitutions into pieces. */
function expandWord(word: string, env: ReadonlyMap<string, string>): Piece[] {
  const pieces: Piece[] = [];
  let lit = '';
  const push = (p: Piece): void => {
    if (typeof p === 'string') lit += p;
    else {
      if (lit) pieces.push(lit);
      lit = '';
      pieces.push(p);
    }
  };
  const substitute = (command: string): Piece => {
    const words = command.trim().split(/\s+/);
    if (words[0] === 'date') {
      const fmt = words[1]?.startsWith('+') ? words.slice(1).join(' ').slice(1).replace(/^['"]|['"]$/g, '') : DATE_FORMAT;
      return (_ctx, at) => strftime(fmt, at);
    }
    if (words[0] === 'hostname') return (ctx) => ctx.pod;
    return '';
  };
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else push(ch);
      continue;
    }
    if (ch === '\\') {
      push(word[i + 1] ?? '');
      i++;
    } else if (ch === quote) {
      quote = undefined;
    } else if (!quote && (ch === '"' || ch === "'")) {
      quote = ch;
    } else if (ch === '$' && word[i + 1] === '(') {
      const end = word.indexOf(')', i);
      push(substitute(word.slice(i + 2, end < 0 ? word.length : end)));
      i = end < 0 ? word.length : end;
    } else if (ch === '`') {
      const end = word.indexOf('`', i + 1);
      push(substitute(word.slice(i + 1, end < 0 ? word.length : end)));
      i = end < 0 ? word.length : end;
    } else if (ch === '$') {
      const m = /^\{?([A-Za-z_][A-Za-z0-9_]*)\}?/.exec(word.slice(i + 1));
      if (!m) {
        push('$');
        continue;
      }
      const name = m[1]!;
      push(name === 'HOSTNAME' ? (ctx: LineContext) => ctx.pod : (env.get(name) ?? ''));
      i += m[0].length;
    } else {
      push(ch);
    }
  }
  if (lit) pieces.push(lit);
  return pieces;
}

/** Words outside quotes (quotes kept for expandWord). */
function words(statement: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let depth = 0;
  for (let i = 0; i < statement.length; i++) {
    const ch = statement[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') {
        cur += ch + (statement[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === quote) quote = undefined;
      cur += ch;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      quote = ch;
      cur += ch;
    } else if (ch === '(' && statement[i - 1] === '$') {
      depth++;
      cur += ch;
    } else if (ch === ')' && depth > 0) {
      depth--;
      cur += ch;
    } else if (/\s/.test(ch) && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  if (cur) out.push(cur);
  return out;
}

function joinPieces(words: Piece[][]): LineText {
  const all: Piece[] = [];
  words.forEach((w, i) => {
    if (i > 0) all.push(' ');
    all.push(...w);
  });
  if (all.every((p) => typeof p === 'string')) {
    const text = all.join('');
    return () => text;
  }
  return (ctx, at) => all.map((p) => (typeof p === 'string' ? p : p(ctx, at))).join('');
}

/** Where a statement's stdout goes: 'stdout', 'stderr', or undefined (a file, /dev/null, a pipe). */
function target(ws: string[], piped: boolean): { stream: LogStream | undefined; rest: string[] } {
  const rest: string[] = [];
  let stream: LogStream | undefined = 'stdout';
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const m = /^(1|2)?(>&|>>?)(.*)$/.exec(w);
    if (!m || w.startsWith('"') || w.startsWith("'")) {
      rest.push(w);
      continue;
    }
    const fd = m[1] ?? '1';
    let dest = m[3]!;
    if (dest === '' && m[2] !== '>&') dest = ws[++i] ?? '';
    if (fd === '2') continue;
    if (m[2] === '>&') stream = dest === '2' ? 'stderr' : stream;
    else if (dest === '/dev/stderr') stream = 'stderr';
    else if (dest !== '/dev/stdout') stream = undefined;
  }
  return { stream: piped ? undefined : stream, rest };
}

interface Printed {
  stream: LogStream;
  text: LineText;
}

/** The lines one statement prints (none for a command that prints nothing the simulator knows). */
function printed(statement: string, piped: boolean, env: ReadonlyMap<string, string>): Printed[] {
  const { stream, rest } = target(words(statement), piped);
  if (stream === undefined || rest.length === 0) return [];
  return commandText(rest, env).map((text) => ({ stream, text }));
}

/** The lines a command writes to its stdout (words without redirections). */
function commandText(rest: string[], env: ReadonlyMap<string, string>): LineText[] {
  if (rest.length === 0) return [];
  const verb = rest[0]!.slice(rest[0]!.lastIndexOf('/') + 1);
  let args = rest.slice(1);
  if (verb === 'echo') {
    while (args[0] !== undefined && /^-[neE]+$/.test(args[0])) args = args.slice(1);
    return [joinPieces(args.map((a) => expandWord(a, env)))];
  }
  if (verb === 'printf' && args.length > 0) {
    const format = expandWord(args[0]!, env).filter((p): p is string => typeof p === 'string').join('');
    const values = args.slice(1).map((a) => expandWord(a, env).filter((p): p is string => typeof p === 'string').join(''));
    let v = 0;
    const text = format.replace(/%[sd]/g, () => values[v++] ?? '').replace(/\\t/g, '\t');
    const lines = text.split('\\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return lines.map((line) => () => line);
  }
  if (verb === 'date') {
    const fmtArg = args.find((a) => a.replace(/^['"]/, '').startsWith('+'));
    const fmt = fmtArg ? expandWord(fmtArg, env).join('').slice(1) : DATE_FORMAT;
    return [(_ctx, at) => strftime(fmt, at)];
  }
  if (verb === 'hostname') return [(ctx) => ctx.pod];
  return [];
}

function sleepMs(ws: string[]): number | undefined {
  if (ws[0] !== 'sleep') return undefined;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(ws[1] ?? '');
  if (!m) return Infinity;
  return Number(m[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]!]!;
}

const LOOP = /^(?<before>.*?)(?:\b(?:while|until)\b[^;\n]*|\bfor\b[^;\n]*)[;\n]\s*do\b(?<body>.*)\bdone\b/s;

/** The container's literal env values ($(…) and valueFrom are not resolved). */
function envOf(c: Container): Map<string, string> {
  const env = new Map<string, string>();
  for (const e of c.env ?? []) if (e.value !== undefined) env.set(e.name, e.value);
  return env;
}

/** The output of the container's command and args, read as a shell script. */
export function shellOutput(c: Container): ShellOutput {
  const script = commandLine(c).trim();
  const env = envOf(c);
  const fixed: Record<LogStream, TimedLine[]> = { stdout: [], stderr: [] };
  const sources: LineSource[] = [];
  let t = 0;
  let scriptedExit = false;
  const loop = LOOP.exec(script);
  const straight = loop ? loop.groups!.before! : script;
  for (const s of statements(straight)) {
    const ws = words(s.text);
    const sleep = sleepMs(ws);
    if (sleep !== undefined) {
      t += sleep;
      if (!Number.isFinite(t)) break;
      continue;
    }
    if (ws[0] === 'exit' || ws[0] === 'false') {
      scriptedExit = ws[0] === 'false' || Number(ws[1] ?? '0') !== 0 || scriptedExit;
      if (ws[0] === 'exit') break;
      continue;
    }
    for (const p of printed(s.text, s.piped, env)) fixed[p.stream].push({ atMs: t, text: p.text });
  }
  if (loop && Number.isFinite(t)) {
    const body = statements(loop.groups!.body!);
    let period = 0;
    const within: { offset: number; p: Printed }[] = [];
    for (const s of body) {
      const sleep = sleepMs(words(s.text));
      if (sleep !== undefined) {
        period += Number.isFinite(sleep) ? sleep : 0;
        continue;
      }
      for (const p of printed(s.text, s.piped, env)) within.push({ offset: period, p });
    }
    // A loop without a sleep spins as fast as the CPU allows: not modelled, so it prints nothing.
    if (period > 0) {
      for (const w of within) sources.push(new PeriodicLines(w.p.stream, t + w.offset, period, Infinity, (ctx, at) => w.p.text(ctx, at, 0)));
    }
  }
  // Lines before the loop come first at an instant they share with its first pass.
  const before: LineSource[] = [];
  for (const stream of ['stdout', 'stderr'] as const) if (fixed[stream].length > 0) before.push(new FixedLines(stream, fixed[stream]));
  return { sources: [...before, ...sources], scriptedExit };
}

/** A file a container's script writes with `>`/`>>`: once (`periodMs` 0) or on every pass of its loop. */
export interface ShellFileWrite {
  /** The path as written in the script (relative ones are from the container's working directory). */
  readonly path: string;
  readonly append: boolean;
  /** After the instance's start. */
  readonly atMs: number;
  readonly periodMs: number;
  /** The lines written each time (each ends with a newline). */
  readonly lines: readonly LineText[];
}

/** Where a statement's stdout goes when that is a file (`> F`, `>> F`, `1> F`); undefined otherwise. */
function fileTarget(ws: string[]): { path: string; append: boolean; rest: string[] } | undefined {
  const rest: string[] = [];
  let file: { path: string; append: boolean } | undefined;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const m = /^(1|2)?(>&|>>?)(.*)$/.exec(w);
    if (!m || w.startsWith('"') || w.startsWith("'")) {
      rest.push(w);
      continue;
    }
    let dest = m[3]!;
    if (dest === '' && m[2] !== '>&') dest = ws[++i] ?? '';
    if (m[1] === '2' || m[2] === '>&') continue;
    const path = dest.replace(/^['"]|['"]$/g, '');
    file = path.startsWith('/dev/') ? undefined : { path, append: m[2] === '>>' };
  }
  return file && rest.length > 0 ? { ...file, rest } : undefined;
}

/**
 * The files the container's command writes, read as shellOutput reads its output: statements
 * before a loop write once at their time, the loop's body on every pass (a loop without a
 * sleep is not modelled). Only what `echo`, `printf`, `date` and `hostname` write is known.
 */
export function shellFileWrites(c: Container): ShellFileWrite[] {
  const script = commandLine(c).trim();
  const env = envOf(c);
  const out: ShellFileWrite[] = [];
  let t = 0;
  const loop = LOOP.exec(script);
  for (const s of statements(loop ? loop.groups!.before! : script)) {
    const ws = words(s.text);
    const sleep = sleepMs(ws);
    if (sleep !== undefined) {
      t += sleep;
      if (!Number.isFinite(t)) return out;
      continue;
    }
    if (ws[0] === 'exit') return out;
    const f = s.piped ? undefined : fileTarget(ws);
    if (f) out.push({ path: f.path, append: f.append, atMs: t, periodMs: 0, lines: commandText(f.rest, env) });
  }
  if (!loop) return out;
  let period = 0;
  const within: { offset: number; path: string; append: boolean; lines: LineText[] }[] = [];
  for (const s of statements(loop.groups!.body!)) {
    const ws = words(s.text);
    const sleep = sleepMs(ws);
    if (sleep !== undefined) {
      period += Number.isFinite(sleep) ? sleep : 0;
      continue;
    }
    const f = s.piped ? undefined : fileTarget(ws);
    if (f) within.push({ offset: period, path: f.path, append: f.append, lines: commandText(f.rest, env) });
  }
  if (period > 0) for (const w of within) out.push({ path: w.path, append: w.append, atMs: t + w.offset, periodMs: period, lines: w.lines });
  return out;
}
