// Resolves the `sim.podscope.dev/*` annotations of one container (README, "What a simulated container does"): the
// per-container key `KEY.<container>` wins over the pod-wide `KEY`; absent keys fall back
// to defaults derived from the spec.
import type { Container, Pod } from '../../kube/types.js';
import { ANNOTATION_PREFIX, parseSimValue, type PullBehaviour, type SimKey, type SimValues, type ValueProblem } from './annotationValues.js';
import { BehaviourError } from './errors.js';
import { defaultCpuRange, type CpuRange } from './cpuUsage.js';
import { DEFAULT_MEMORY, memoryProblemText, type MemorySchedule } from './memorySchedule.js';
import { logScriptProblemText, type LogScript } from '../logs/script.js';
import { ALWAYS_PASS, probeProblemText, type ProbeSchedule } from './probeSchedule.js';
import { defaultPreStopMs, defaultRun, defaultShutdownMs } from './specDefaults.js';

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
  /** The `logs` script; undefined → only what the spec prints. */
  logs: LogScript | undefined;
  /** CPU use over each metrics window (metrics.k8s.io). */
  cpu: CpuRange;
  /** The image's user from `image-user`; undefined → the image table (imageUser.ts). */
  imageUser: string | undefined;
  /** The command's first word is not in the image (`command: not-found`, or a path under /nonexistent). */
  commandNotFound: boolean;
}

const FAILING_IMAGE = /does-not-exist|doesnotexist|nonexistent|invalid/;
/** A command the image cannot have, recognisable by its path (`/nonexistent/…`, `…/does-not-exist`). */
const MISSING_COMMAND = /^\/nonexistent\/|does-not-exist|doesnotexist/;

type Annotations = Record<string, string> | undefined;

/** The kubelet's words for a refused value (BehaviourError puts them after the quoted value). */
function problemText(problem: ValueProblem): string {
  switch (problem.kind) {
    case 'duration':
    case 'pull':
      return 'is not a duration like 500ms, 10s, 2m or 1h30m';
    case 'exit-code':
      return 'is not an exit code (0-255)';
    case 'memory':
      return memoryProblemText(problem.problem);
    case 'probe':
      return probeProblemText(problem.problem);
    case 'logs':
      return logScriptProblemText(problem.problem);
    case 'cpu':
      return 'is not a CPU use like 250m or 100m-400m';
    case 'image-user':
      return 'is not a uid or a user name';
    case 'command':
      return 'is not not-found';
  }
}

/** The value of `KEY.<container>`, else of `KEY`, parsed; undefined when neither is set. */
function value<K extends SimKey>(annotations: Annotations, key: K, container: string): SimValues[K] | undefined {
  if (!annotations) return undefined;
  let fullKey = `${ANNOTATION_PREFIX}${key}.${container}`;
  let text = annotations[fullKey];
  if (text === undefined) {
    fullKey = `${ANNOTATION_PREFIX}${key}`;
    text = annotations[fullKey];
    if (text === undefined) return undefined;
  }
  const parsed = parseSimValue(key, text);
  if (!parsed.ok) throw new BehaviourError(fullKey, text, problemText(parsed.problem));
  return parsed.value;
}

function pullFor(annotations: Annotations, c: Container): PullBehaviour {
  const pull = value(annotations, 'pull', c.name);
  if (pull) return pull;
  return FAILING_IMAGE.test(c.image ?? '') ? { kind: 'fail', times: Infinity } : { kind: 'pull', ms: undefined };
}

/** The container's behaviour; throws BehaviourError naming the first malformed key. */
export function containerBehaviour(pod: Pod, c: Container): ContainerBehaviour {
  const a = pod.metadata?.annotations;
  const derived = defaultRun(c);
  // Read in SIM_KEYS order, so the error is about the first malformed key in that order.
  const run = value(a, 'run', c.name);
  const exitCode = value(a, 'exit-code', c.name);
  const pull = pullFor(a, c);
  const memory = value(a, 'memory', c.name);
  const liveness = value(a, 'liveness', c.name);
  const readiness = value(a, 'readiness', c.name);
  const startup = value(a, 'startup', c.name);
  const probeMessage = value(a, 'probe-message', c.name);
  const shutdown = value(a, 'shutdown', c.name);
  const preStop = value(a, 'prestop', c.name);
  const startDelay = value(a, 'start-delay', c.name);
  const logs = value(a, 'logs', c.name);
  const cpu = value(a, 'cpu', c.name);
  const imageUser = value(a, 'image-user', c.name);
  const command = value(a, 'command', c.name);
  return {
    runMs: run ?? derived.runMs,
    exitCode: exitCode ?? (run !== undefined ? 0 : derived.exitCode),
    pull,
    memory: memory ?? DEFAULT_MEMORY,
    liveness: liveness ?? ALWAYS_PASS,
    readiness: readiness ?? ALWAYS_PASS,
    startup: startup ?? ALWAYS_PASS,
    probeMessage,
    shutdownMs: shutdown ?? defaultShutdownMs(c),
    preStopMs: preStop ?? defaultPreStopMs(c),
    startDelayMs: startDelay ?? 0,
    logs,
    cpu: cpu ?? defaultCpuRange(c),
    imageUser,
    commandNotFound: command === 'not-found' || MISSING_COMMAND.test(c.command?.[0] ?? ''),
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
