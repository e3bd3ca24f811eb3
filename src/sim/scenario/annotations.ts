// The sim.podscope.dev/* pod annotations (docs: README, "Simulated container behaviour") as
// the scenario loader checks them. The keys and every value parser are the kubelet's own
// (src/sim/behaviour), so a scenario that loads holds only values the kubelet accepts;
// this file words the problems for a scenario file and suggests keys for typos.
import {
  ANNOTATION_PREFIX,
  isSimKey,
  parseDurationOr,
  parseExitCode,
  parseGoDuration,
  parsePull,
  parseSimValue,
  readMemorySchedule,
  readProbeSchedule,
  SIM_KEYS,
  type ProbeProblem,
  type SimKey,
  type ValueProblem,
} from '../behaviour/index.js';
import { isLogScriptProblem, logScriptProblemText, readLogScript } from '../logs/script.js';

export { parseDurationOr, parseExitCode, parseGoDuration, SIM_KEYS, type SimKey };
export const SIM_PREFIX = ANNOTATION_PREFIX;

const DURATION_HINT = 'a Go duration such as 500ms, 10s, 2m or 1h30m';

export interface MemorySpec {
  startBytes: number;
  /** Growth per simulated second, bytes; 0 when flat. */
  bytesPerSecond: number;
}

/** `64Mi` or `64Mi +8Mi/s`; undefined when malformed. */
export function parseMemorySpec(text: string): MemorySpec | undefined {
  const read = readMemorySchedule(text);
  return 'kind' in read ? undefined : read;
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
  const read = readProbeSchedule(text);
  if ('kind' in read) return probeProblemText(read);
  const segments = read.segments.map((seg): ProbeSegment => {
    const result = seg.pass ? 'pass' : 'fail';
    return Number.isFinite(seg.ms) ? { result, durationMs: seg.ms } : { result };
  });
  return { segments, repeat: read.repeat };
}

export type PullSpec = { kind: 'duration'; ms: number } | { kind: 'fail'; times?: number };

/** `3s`, `fail` or `fail N`. */
export function parsePullSpec(text: string): PullSpec | undefined {
  const pull = parsePull(text);
  if (pull === undefined) return undefined;
  if (pull.kind === 'pull') return { kind: 'duration', ms: pull.ms ?? 0 };
  return Number.isFinite(pull.times) ? { kind: 'fail', times: pull.times } : { kind: 'fail' };
}

function probeProblemText(problem: ProbeProblem): string {
  switch (problem.kind) {
    case 'empty':
      return 'expected segments like "pass 30s, fail"';
    case 'segment':
      return `"${problem.item}" is not "pass <duration>" or "fail <duration>"`;
    case 'needs-duration':
      return problem.repeat
        ? `"${problem.item}" needs a duration when the list ends with repeat`
        : `only the last segment may leave out its duration ("${problem.item}" is not last)`;
    case 'bad-duration':
      return `"${problem.text}" is not ${DURATION_HINT}`;
    case 'zero-cycle':
      return 'a list that ends with repeat needs segments that last longer than 0s in all';
  }
}

function valueProblemText(value: string, problem: ValueProblem): string {
  switch (problem.kind) {
    case 'duration':
      return `"${value}" is not ${DURATION_HINT}${problem.word ? `, or ${problem.word}` : ''}`;
    case 'exit-code':
      return `"${value}" is not an exit code (an integer from 0 to 255)`;
    case 'pull':
      return `"${value}" is not ${DURATION_HINT}, fail, or fail N`;
    case 'image-user':
      return `"${value}" is not a uid or a user name`;
    case 'command':
      return `"${value}" is not not-found`;
    case 'memory':
      return `"${value}" is not a memory use like 64Mi or 64Mi +8Mi/s`;
    case 'cpu':
      return `"${value}" is not a CPU use like 250m or 100m-400m`;
    case 'probe':
      return probeProblemText(problem.problem);
    case 'logs':
      return logScriptProblemText(problem.problem);
  }
}

/** What is wrong with the value of a known key, or undefined when it is fine. */
export function simValueError(key: SimKey, value: string): string | undefined {
  const parsed = parseSimValue(key, value);
  return parsed.ok ? undefined : valueProblemText(value, parsed.problem);
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
  /** For a value of several lines (the `logs` script), the line of the value at fault (1-based). */
  valueLine?: number;
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
  if (!isSimKey(base)) {
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
  if (base === 'logs') {
    const script = readLogScript(value);
    if (!isLogScriptProblem(script)) return undefined;
    return { message: `annotation ${fullKey}: ${logScriptProblemText(script)}`, on: 'value', valueLine: script.line };
  }
  const problem = simValueError(base, value);
  return problem ? { message: `annotation ${fullKey}: ${problem}`, on: 'value' } : undefined;
}
