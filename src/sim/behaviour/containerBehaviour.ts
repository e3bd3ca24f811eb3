// Resolves the `sim.podscope.dev/*` annotations of one container (annotations.md): the
// per-container key `KEY.<container>` wins over the pod-wide `KEY`; absent keys fall back
// to defaults derived from the spec.
import type { Container, Pod } from '../../kube/types.js';
import { BehaviourError } from './errors.js';
import { parseGoDuration } from './goDuration.js';
import { DEFAULT_MEMORY, parseMemorySchedule, type MemorySchedule } from './memorySchedule.js';
import { ALWAYS_PASS, parseProbeSchedule, type ProbeSchedule } from './probeSchedule.js';
import { defaultPreStopMs, defaultRun, defaultShutdownMs } from './specDefaults.js';

export const ANNOTATION_PREFIX = 'sim.podscope.dev/';

export type PullBehaviour =
  /** A pull that succeeds; `ms` undefined → a time derived from the image name. */
  | { kind: 'pull'; ms: number | undefined }
  /** `fail` (times = Infinity) or `fail N`; a failed pull then succeeds with the default time. */
  | { kind: 'fail'; times: number };

export interface ContainerBehaviour {
  /** One run's length; Infinity for `forever`. */
  runMs: number;
  exitCode: number;
  pull: PullBehaviour;
  memory: MemorySchedule;
  liveness: ProbeSchedule;
  readiness: ProbeSchedule;
  startup: ProbeSchedule;
  /** Text after `Liveness probe failed: `; undefined → the probe handler's usual message. */
  probeMessage: string | undefined;
  /** Time from SIGTERM to exit 0; Infinity for `ignore` (only SIGKILL stops it). */
  shutdownMs: number;
  /** preStop hook duration; undefined without a hook. */
  preStopMs: number | undefined;
  startDelayMs: number;
}

const FAILING_IMAGE = /does-not-exist|doesnotexist|nonexistent|invalid/;

type Annotations = Record<string, string> | undefined;

function lookup(annotations: Annotations, key: string, container: string): { key: string; value: string } | undefined {
  if (!annotations) return undefined;
  const specific = `${ANNOTATION_PREFIX}${key}.${container}`;
  if (annotations[specific] !== undefined) return { key: specific, value: annotations[specific] };
  const general = `${ANNOTATION_PREFIX}${key}`;
  if (annotations[general] !== undefined) return { key: general, value: annotations[general] };
  return undefined;
}

function duration(entry: { key: string; value: string }): number {
  const ms = parseGoDuration(entry.value);
  if (ms === undefined) throw new BehaviourError(entry.key, entry.value, 'is not a duration like 500ms, 10s, 2m or 1h30m');
  return ms;
}

function parsed<T>(entry: { key: string; value: string }, result: T | string): T {
  if (typeof result === 'string') throw new BehaviourError(entry.key, entry.value, result);
  return result;
}

function pullFor(annotations: Annotations, c: Container): PullBehaviour {
  const entry = lookup(annotations, 'pull', c.name);
  if (!entry) return FAILING_IMAGE.test(c.image ?? '') ? { kind: 'fail', times: Infinity } : { kind: 'pull', ms: undefined };
  const v = entry.value.trim();
  if (v === 'fail') return { kind: 'fail', times: Infinity };
  const m = /^fail\s+(\d+)$/.exec(v);
  if (m) return { kind: 'fail', times: Number(m[1]) };
  return { kind: 'pull', ms: duration(entry) };
}

function probeFor(annotations: Annotations, key: string, c: Container): ProbeSchedule {
  const entry = lookup(annotations, key, c.name);
  return entry ? parsed(entry, parseProbeSchedule(entry.value)) : ALWAYS_PASS;
}

/** The container's behaviour; throws BehaviourError naming the first malformed key. */
export function containerBehaviour(pod: Pod, c: Container): ContainerBehaviour {
  const a = pod.metadata?.annotations;
  const derived = defaultRun(c);
  const run = lookup(a, 'run', c.name);
  const runMs = run ? (run.value.trim() === 'forever' ? Infinity : duration(run)) : derived.runMs;
  const exit = lookup(a, 'exit-code', c.name);
  let exitCode = run ? 0 : derived.exitCode;
  if (exit) {
    if (!/^\d{1,3}$/.test(exit.value.trim()) || Number(exit.value) > 255) {
      throw new BehaviourError(exit.key, exit.value, 'is not an exit code (0-255)');
    }
    exitCode = Number(exit.value);
  }
  const memory = lookup(a, 'memory', c.name);
  const shutdown = lookup(a, 'shutdown', c.name);
  const preStop = lookup(a, 'prestop', c.name);
  const startDelay = lookup(a, 'start-delay', c.name);
  return {
    runMs,
    exitCode,
    pull: pullFor(a, c),
    memory: memory ? parsed(memory, parseMemorySchedule(memory.value)) : DEFAULT_MEMORY,
    liveness: probeFor(a, 'liveness', c),
    readiness: probeFor(a, 'readiness', c),
    startup: probeFor(a, 'startup', c),
    probeMessage: lookup(a, 'probe-message', c.name)?.value,
    shutdownMs: shutdown ? (shutdown.value.trim() === 'ignore' ? Infinity : duration(shutdown)) : defaultShutdownMs(c),
    preStopMs: preStop ? duration(preStop) : defaultPreStopMs(c),
    startDelayMs: startDelay ? duration(startDelay) : 0,
  };
}

/** Every malformed behaviour annotation of a pod (for the scenario loader to report up front). */
export function behaviourErrors(pod: Pod): BehaviourError[] {
  const errors: BehaviourError[] = [];
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    try {
      containerBehaviour(pod, c);
    } catch (err) {
      if (err instanceof BehaviourError && !errors.some((e) => e.key === err.key)) errors.push(err);
      else if (!(err instanceof BehaviourError)) throw err;
    }
  }
  return errors;
}
