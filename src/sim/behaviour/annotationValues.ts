// The `sim.podscope.dev/*` annotation keys and the one parser of their values: the kubelet
// reads values with it, and the scenario loader checks them with it, so a scenario that
// loads never holds a value the kubelet refuses. A refused value comes back as a
// structured problem; each reader words it in its own frame.
import { parseGoDuration } from '../../kube/goDuration.js';
import { readCpuRange, type CpuRange } from './cpuUsage.js';
import { isMemoryProblem, readMemorySchedule, type MemoryProblem, type MemorySchedule } from './memorySchedule.js';
import { isLogScriptProblem, readLogScript, type LogScript, type LogScriptProblem } from '../logs/script.js';
import { isProbeProblem, readProbeSchedule, type ProbeProblem, type ProbeSchedule } from './probeSchedule.js';

export const ANNOTATION_PREFIX = 'sim.podscope.dev/';

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
  'logs',
  'cpu',
  'image-user',
  'command',
] as const;
export type SimKey = (typeof SIM_KEYS)[number];

export function isSimKey(text: string): text is SimKey {
  return (SIM_KEYS as readonly string[]).includes(text);
}

export type PullBehaviour =
  /** A pull that succeeds; `ms` undefined → a time derived from the image name. */
  | { kind: 'pull'; ms: number | undefined }
  /** `fail` (times = Infinity) or `fail N`; a failed pull then succeeds with the default time. */
  | { kind: 'fail'; times: number };

/** What each key's value means once parsed. */
export interface SimValues {
  /** Infinity for `forever`. */
  run: number;
  'exit-code': number;
  pull: PullBehaviour;
  memory: MemorySchedule;
  liveness: ProbeSchedule;
  readiness: ProbeSchedule;
  startup: ProbeSchedule;
  'probe-message': string;
  /** Infinity for `ignore`. */
  shutdown: number;
  prestop: number;
  'start-delay': number;
  logs: LogScript;
  cpu: CpuRange;
  /** A uid (digits) or a user name. */
  'image-user': string;
  /** `not-found`: the command is not in the image. */
  command: 'not-found';
}

/** Why a value was refused. */
export type ValueProblem =
  /** Not a Go duration (nor `word`, for the keys that allow one). */
  | { kind: 'duration'; word?: 'forever' | 'ignore' }
  | { kind: 'pull' }
  | { kind: 'image-user' }
  | { kind: 'command' }
  | { kind: 'exit-code' }
  | { kind: 'memory'; problem: MemoryProblem }
  | { kind: 'probe'; problem: ProbeProblem }
  | { kind: 'logs'; problem: LogScriptProblem }
  | { kind: 'cpu' };

export type ParsedValue<K extends SimKey> = { ok: true; value: SimValues[K] } | { ok: false; problem: ValueProblem };

/** A duration, or one of the words allowed for the key (`forever`, `ignore`). */
export function parseDurationOr<W extends string>(text: string, word: W): number | W | undefined {
  const s = text.trim();
  return s === word ? word : parseGoDuration(s);
}

/** An exit code: a decimal integer from 0 to 255. */
export function parseExitCode(text: string): number | undefined {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n <= 255 ? n : undefined;
}

/** `3s`, `fail` or `fail N`. */
export function parsePull(text: string): PullBehaviour | undefined {
  const s = text.trim();
  const fail = /^fail(?:\s+(\d+))?$/.exec(s);
  if (fail) return { kind: 'fail', times: fail[1] === undefined ? Infinity : Number(fail[1]) };
  const ms = parseGoDuration(s);
  return ms === undefined ? undefined : { kind: 'pull', ms };
}

function ok<K extends SimKey>(value: SimValues[K]): ParsedValue<K> {
  return { ok: true, value };
}

function refused<K extends SimKey>(problem: ValueProblem): ParsedValue<K> {
  return { ok: false, problem };
}

function durationOr<K extends SimKey>(text: string, word: 'forever' | 'ignore'): ParsedValue<K> {
  const v = parseDurationOr(text, word);
  if (v === undefined) return refused({ kind: 'duration', word });
  return ok((v === word ? Infinity : v) as SimValues[K]);
}

function duration<K extends SimKey>(text: string): ParsedValue<K> {
  const ms = parseGoDuration(text);
  return ms === undefined ? refused({ kind: 'duration' }) : ok(ms as SimValues[K]);
}

/** Parses the value of one key. */
export function parseSimValue<K extends SimKey>(key: K, text: string): ParsedValue<K> {
  switch (key) {
    case 'run':
      return durationOr(text, 'forever');
    case 'shutdown':
      return durationOr(text, 'ignore');
    case 'prestop':
    case 'start-delay':
      return duration(text);
    case 'exit-code': {
      const code = parseExitCode(text);
      return code === undefined ? refused({ kind: 'exit-code' }) : ok(code as SimValues[K]);
    }
    case 'pull': {
      const pull = parsePull(text);
      return pull === undefined ? refused({ kind: 'pull' }) : ok(pull as SimValues[K]);
    }
    case 'memory': {
      const memory = readMemorySchedule(text);
      return isMemoryProblem(memory) ? refused({ kind: 'memory', problem: memory }) : ok(memory as SimValues[K]);
    }
    case 'liveness':
    case 'readiness':
    case 'startup': {
      const schedule = readProbeSchedule(text);
      return isProbeProblem(schedule) ? refused({ kind: 'probe', problem: schedule }) : ok(schedule as SimValues[K]);
    }
    case 'probe-message':
      return ok(text as SimValues[K]);
    case 'image-user':
      return text.trim() === '' ? refused({ kind: 'image-user' }) : ok(text.trim() as SimValues[K]);
    case 'command':
      return text === 'not-found' ? ok(text as SimValues[K]) : refused({ kind: 'command' });
    case 'logs': {
      const script = readLogScript(text);
      return isLogScriptProblem(script) ? refused({ kind: 'logs', problem: script }) : ok(script as SimValues[K]);
    }
    case 'cpu': {
      const range = readCpuRange(text);
      return range === undefined ? refused({ kind: 'cpu' }) : ok(range as SimValues[K]);
    }
  }
  // Unreachable for a SimKey; keeps the return type total.
  throw new Error(`unknown sim annotation key ${String(key)}`);
}
