// The sim.podscope.dev/* pod annotations (docs: README, "Simulated container behaviour"): their
// keys and value syntax. The parsers are exported so the kubelet reads values exactly as the
// scenario loader checked them.
import { memoryBytes, QuantityError } from '../../kube/quantity.js';

export const SIM_PREFIX = 'sim.podscope.dev/';

export const SIM_KEYS = [
  'run',
  'exit-code',
  'pull',
  'memory',
  'liveness',
  'readiness',
  'startup',
  'probe-message',
  'shutdown',
  'prestop',
  'start-delay',
] as const;
export type SimKey = (typeof SIM_KEYS)[number];

const DURATION_HINT = 'a Go duration such as 500ms, 10s, 2m or 1h30m';
const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** time.ParseDuration without a sign: milliseconds, or undefined when `text` is not a duration. */
export function parseGoDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  if (s === '') return undefined;
  const re = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < s.length) {
    re.lastIndex = at;
    const m = re.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    at = re.lastIndex;
  }
  return total;
}

export interface MemorySpec {
  startBytes: number;
  /** Growth per simulated second, bytes; 0 when flat. */
  bytesPerSecond: number;
}

function quantityBytes(text: string): number | undefined {
  try {
    return memoryBytes(text);
  } catch (err) {
    if (err instanceof QuantityError) return undefined;
    throw err;
  }
}

/** `64Mi` or `64Mi +8Mi/s`. */
export function parseMemorySpec(text: string): MemorySpec | undefined {
  const m = /^\s*([^\s+]+)\s*(?:\+\s*([^\s/]+)\s*\/\s*s)?\s*$/.exec(text);
  if (!m) return undefined;
  const start = quantityBytes(m[1]!);
  const rate = m[2] === undefined ? 0 : quantityBytes(m[2]);
  if (start === undefined || rate === undefined || start < 0 || rate < 0) return undefined;
  return { startBytes: start, bytesPerSecond: rate };
}

export interface ProbeSegment {
  result: 'pass' | 'fail';
  /** Undefined: lasts forever (only the last segment, without `repeat`). */
  durationMs?: number;
}

export interface ProbeSchedule {
  segments: ProbeSegment[];
  repeat: boolean;
}

/** `pass 30s, fail` / `pass 20s, fail 20s, repeat`; a string says what is wrong. */
export function parseProbeSchedule(text: string): ProbeSchedule | string {
  const items = text.split(',').map((s) => s.trim());
  const repeat = items[items.length - 1] === 'repeat';
  if (repeat) items.pop();
  if (items.length === 0 || items.some((s) => s === '')) return 'expected segments like "pass 30s, fail"';
  const segments: ProbeSegment[] = [];
  for (let i = 0; i < items.length; i++) {
    const m = /^(pass|fail)(?:\s+(\S+))?$/.exec(items[i]!);
    if (!m) return `"${items[i]}" is not "pass <duration>" or "fail <duration>"`;
    const result = m[1] as 'pass' | 'fail';
    if (m[2] === undefined) {
      if (repeat) return `"${items[i]}" needs a duration when the list ends with repeat`;
      if (i !== items.length - 1) return `only the last segment may leave out its duration ("${items[i]}" is not last)`;
      segments.push({ result });
      continue;
    }
    const ms = parseGoDuration(m[2]);
    if (ms === undefined) return `"${m[2]}" is not ${DURATION_HINT}`;
    segments.push({ result, durationMs: ms });
  }
  return { segments, repeat };
}

export type PullSpec = { kind: 'duration'; ms: number } | { kind: 'fail'; times?: number };

/** `3s`, `fail` or `fail N`. */
export function parsePullSpec(text: string): PullSpec | undefined {
  const s = text.trim();
  const fail = /^fail(?:\s+(\d+))?$/.exec(s);
  if (fail) return fail[1] === undefined ? { kind: 'fail' } : { kind: 'fail', times: Number(fail[1]) };
  const ms = parseGoDuration(s);
  return ms === undefined ? undefined : { kind: 'duration', ms };
}

/** A duration, or one of the words allowed for the key (`forever`, `ignore`). */
export function parseDurationOr<W extends string>(text: string, word: W): number | W | undefined {
  const s = text.trim();
  return s === word ? word : parseGoDuration(s);
}

export function parseExitCode(text: string): number | undefined {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n <= 255 ? n : undefined;
}

/** What is wrong with the value of a known key, or undefined when it is fine. */
export function simValueError(key: SimKey, value: string): string | undefined {
  switch (key) {
    case 'run':
      return parseDurationOr(value, 'forever') === undefined ? `"${value}" is not ${DURATION_HINT}, or forever` : undefined;
    case 'shutdown':
      return parseDurationOr(value, 'ignore') === undefined ? `"${value}" is not ${DURATION_HINT}, or ignore` : undefined;
    case 'prestop':
    case 'start-delay':
      return parseGoDuration(value) === undefined ? `"${value}" is not ${DURATION_HINT}` : undefined;
    case 'exit-code':
      return parseExitCode(value) === undefined ? `"${value}" is not an exit code (an integer from 0 to 255)` : undefined;
    case 'pull':
      return parsePullSpec(value) === undefined ? `"${value}" is not ${DURATION_HINT}, fail, or fail N` : undefined;
    case 'memory':
      return parseMemorySpec(value) === undefined ? `"${value}" is not a memory use like 64Mi or 64Mi +8Mi/s` : undefined;
    case 'liveness':
    case 'readiness':
    case 'startup': {
      const parsed = parseProbeSchedule(value);
      return typeof parsed === 'string' ? parsed : undefined;
    }
    case 'probe-message':
      return undefined;
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = above;
    }
  }
  return row[b.length]!;
}

/** The known key closest to an unknown one, when it is close enough to be a typo. */
export function suggestKey(unknown: string): SimKey | undefined {
  let best: SimKey | undefined;
  let bestDistance = Infinity;
  for (const key of SIM_KEYS) {
    const d = editDistance(unknown, key);
    if (d < bestDistance) {
      best = key;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(unknown.length / 3)) ? best : undefined;
}

export interface AnnotationProblem {
  message: string;
  /** Whether the key (unknown name, unknown container) or the value is wrong. */
  on: 'key' | 'value';
}

/**
 * Checks one `sim.podscope.dev/…` annotation of a pod whose containers (init included) are
 * `containers`; returns what is wrong, or undefined.
 */
export function simAnnotationError(fullKey: string, value: string, containers: readonly string[]): AnnotationProblem | undefined {
  const rest = fullKey.slice(SIM_PREFIX.length);
  const dot = rest.indexOf('.');
  const base = dot < 0 ? rest : rest.slice(0, dot);
  const container = dot < 0 ? undefined : rest.slice(dot + 1);
  if (!(SIM_KEYS as readonly string[]).includes(base)) {
    const hint = suggestKey(base);
    const suffix = container === undefined ? '' : `.${container}`;
    const message = hint
      ? `unknown annotation ${fullKey}: did you mean ${SIM_PREFIX}${hint}${suffix}?`
      : `unknown annotation ${fullKey} (known: ${SIM_KEYS.join(', ')})`;
    return { message, on: 'key' };
  }
  if (container !== undefined && !containers.includes(container)) {
    const message = `annotation ${fullKey} names container "${container}", which the pod does not have (containers: ${containers.join(', ') || 'none'})`;
    return { message, on: 'key' };
  }
  const problem = simValueError(base as SimKey, value);
  return problem ? { message: `annotation ${fullKey}: ${problem}`, on: 'value' } : undefined;
}
