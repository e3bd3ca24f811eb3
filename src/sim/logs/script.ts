// The `sim.podscope.dev/logs` annotation: what a container prints besides (or instead of) what
// its spec makes it print. One clause a line (a YAML block scalar, `|`):
//
//   at 0s: starting {pod}                      one line, that long after the start
//   at 2s stderr: cache is cold                stdout unless the clause says stderr
//   every 10s: heartbeat {n}                   one line a period, from the start
//   every 500ms from 5s until 1m: tick {n}     …between two times of the run
//   rate 1000/s: GET /items/{n} 200            N lines a second, evenly spaced (from/until too)
//   burst 200 at 30s stderr: retry {n}         N lines at one instant
//   exit: panic: connection refused            a last line when the process exits on its own
//                                              with a non-zero code (several: in order)
//   replace                                    drop what the spec would print
//   # a comment
//
// The text is everything after `: `, or a JSON string when it starts with `"` (leading
// spaces, tabs). Placeholders: {n} (1-based count within the clause and instance), {date}
// (`date`'s format), {time} (RFC 3339, milliseconds), {pod}, {namespace}, {container},
// {restarts}; `{{` and `}}` are literal braces.
import { parseGoDuration } from '../../kube/goDuration.js';
import type { LineText, LogStream } from './lineSource.js';
import { dateCommand } from './timeFormat.js';

export type LogClause =
  | { kind: 'at'; atMs: number; stream: LogStream; text: LineText }
  | { kind: 'every'; periodMs: number; fromMs: number; untilMs: number; stream: LogStream; text: LineText }
  | { kind: 'burst'; count: number; atMs: number; stream: LogStream; text: LineText }
  | { kind: 'exit'; stream: LogStream; text: LineText };

export interface LogScript {
  clauses: readonly LogClause[];
  /** The script replaces what the spec prints, instead of adding to it. */
  replace: boolean;
}

/** Why a value was refused: the line of the value (1-based) and what is wrong there. */
export interface LogScriptProblem {
  line: number;
  source: string;
  why: string;
}

export const MAX_RATE_PER_SECOND = 100_000;
export const MAX_BURST = 1_000_000;

const PLACEHOLDERS = ['n', 'date', 'time', 'pod', 'namespace', 'container', 'restarts'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

const DURATION_HINT = 'a Go duration such as 500ms, 10s or 1m30s';

class LineProblem extends Error {}

function duration(text: string, what: string): number {
  const ms = parseGoDuration(text);
  if (ms === undefined) throw new LineProblem(`${what} ${JSON.stringify(text)} is not ${DURATION_HINT}`);
  return ms;
}

function positiveInteger(text: string, what: string, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new LineProblem(`${what} ${JSON.stringify(text)} is not a whole number from 1 to ${max}`);
  }
  return Number(text);
}

/** Compiles `text {n} at {time}` into a LineText; unknown placeholders and lone braces are refused. */
export function compileTemplate(template: string): LineText {
  const parts: ({ literal: string } | { placeholder: Placeholder })[] = [];
  let literal = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    if ((ch === '{' || ch === '}') && template[i + 1] === ch) {
      literal += ch;
      i++;
    } else if (ch === '{') {
      const end = template.indexOf('}', i);
      const name = end < 0 ? '' : template.slice(i + 1, end);
      const placeholder = PLACEHOLDERS.find((p) => p === name);
      if (placeholder === undefined) {
        const shown = end < 0 ? template.slice(i) : `{${name}}`;
        throw new LineProblem(`unknown placeholder ${shown} (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}; {{ and }} for braces)`);
      }
      if (literal) parts.push({ literal });
      literal = '';
      parts.push({ placeholder });
      i = end;
    } else if (ch === '}') {
      throw new LineProblem('a lone "}" (write }} for a brace)');
    } else {
      literal += ch;
    }
  }
  if (literal) parts.push({ literal });
  if (parts.every((p) => 'literal' in p)) {
    const text = literal && parts.length === 1 ? literal : parts.map((p) => ('literal' in p ? p.literal : '')).join('');
    return () => text;
  }
  return (ctx, atMs, n) => {
    let out = '';
    for (const p of parts) {
      if ('literal' in p) {
        out += p.literal;
        continue;
      }
      switch (p.placeholder) {
        case 'n': out += String(n); break;
        case 'date': out += dateCommand(atMs); break;
        case 'time': out += new Date(Math.floor(atMs)).toISOString(); break;
        case 'pod': out += ctx.pod; break;
        case 'namespace': out += ctx.namespace; break;
        case 'container': out += ctx.container; break;
        case 'restarts': out += String(ctx.restarts); break;
      }
    }
    return out;
  };
}

function textOf(raw: string): LineText {
  let text = raw;
  if (raw.startsWith('"')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new LineProblem(`${raw} is not a complete double-quoted string (JSON escapes: \\" \\t \\\\)`);
    }
    text = parsed as string;
  }
  if (/[\n\r]/.test(text)) throw new LineProblem('a line of text cannot hold a line break: write one clause a line');
  return compileTemplate(text);
}

const HEADER = /^(?<when>at\s+(?<at>\S+)|every\s+(?<every>\S+)(?<everyRange>(?:\s+(?:from|until)\s+\S+)*)|rate\s+(?<rate>\S+?)\/s(?<rateRange>(?:\s+(?:from|until)\s+\S+)*)|burst\s+(?<burst>\S+)\s+at\s+(?<burstAt>\S+)|exit)(?:\s+(?<stream>stdout|stderr))?\s*:(?:\s(?<text>.*))?$/;

function range(text: string | undefined): { fromMs: number; untilMs: number } {
  let fromMs = 0;
  let untilMs = Infinity;
  const seen = new Set<string>();
  for (const m of (text ?? '').matchAll(/(from|until)\s+(\S+)/g)) {
    if (seen.has(m[1]!)) throw new LineProblem(`"${m[1]}" is given twice`);
    seen.add(m[1]!);
    if (m[1] === 'from') fromMs = duration(m[2]!, 'from');
    else untilMs = duration(m[2]!, 'until');
  }
  if (untilMs <= fromMs) throw new LineProblem('"until" must come after "from"');
  return { fromMs, untilMs };
}

function clause(line: string): LogClause | 'replace' {
  if (line === 'replace') return 'replace';
  const m = HEADER.exec(line);
  if (!m?.groups) {
    throw new LineProblem('expected "at <duration>:", "every <duration>:", "rate <N>/s:", "burst <N> at <duration>:", "exit:" or "replace", then the text');
  }
  const g = m.groups;
  const stream: LogStream = g.stream === 'stderr' ? 'stderr' : 'stdout';
  const text = textOf(g.text ?? '');
  if (g.at !== undefined) return { kind: 'at', atMs: duration(g.at, 'at'), stream, text };
  if (g.every !== undefined) {
    const periodMs = duration(g.every, 'every');
    if (periodMs <= 0) throw new LineProblem('"every" needs a period longer than 0s (a burst writes lines at one instant)');
    return { kind: 'every', periodMs, ...range(g.everyRange), stream, text };
  }
  if (g.rate !== undefined) {
    const perSecond = positiveInteger(g.rate, 'rate', MAX_RATE_PER_SECOND);
    return { kind: 'every', periodMs: 1000 / perSecond, ...range(g.rateRange), stream, text };
  }
  if (g.burst !== undefined) {
    return { kind: 'burst', count: positiveInteger(g.burst, 'burst', MAX_BURST), atMs: duration(g.burstAt!, 'at'), stream, text };
  }
  return { kind: 'exit', stream, text };
}

/** Parses the annotation's value; a refused value names its line. */
export function readLogScript(value: string): LogScript | LogScriptProblem {
  const clauses: LogClause[] = [];
  let replace = false;
  const lines = value.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const source = lines[i]!.trim();
    if (source === '' || source.startsWith('#')) continue;
    try {
      const c = clause(source);
      if (c === 'replace') replace = true;
      else clauses.push(c);
    } catch (err) {
      if (!(err instanceof LineProblem)) throw err;
      return { line: i + 1, source, why: err.message };
    }
  }
  if (clauses.length === 0 && !replace) return { line: 1, source: value.trim(), why: 'has no clauses (e.g. "every 1s: tick {n}")' };
  return { clauses, replace };
}

export function isLogScriptProblem(value: LogScript | LogScriptProblem): value is LogScriptProblem {
  return 'why' in value;
}

/** The problem in words, after the quoted value: `line 2 ("every x: hi"): …`. */
export function logScriptProblemText(problem: LogScriptProblem): string {
  return `line ${problem.line} (${JSON.stringify(problem.source)}): ${problem.why}`;
}
