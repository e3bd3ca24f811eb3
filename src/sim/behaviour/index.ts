export {
  ANNOTATION_PREFIX,
  isSimKey,
  parseDurationOr,
  parseExitCode,
  parsePull,
  parseSimValue,
  SIM_KEYS,
  type ParsedValue,
  type PullBehaviour,
  type SimKey,
  type SimValues,
  type ValueProblem,
} from './annotationValues.js';
export { behaviourErrors, containerBehaviour, type ContainerBehaviour } from './containerBehaviour.js';
export { BehaviourError } from './errors.js';
export { formatGoDuration, parseGoDuration } from '../../kube/goDuration.js';
export { cpuMillisAt, defaultCpuRange, METRICS_WINDOW_MS, readCpuRange, type CpuRange } from './cpuUsage.js';
export { memoryBytesAt, oomAfterMs, parseMemorySchedule, readMemorySchedule, type MemoryProblem, type MemorySchedule } from './memorySchedule.js';
export {
  ALWAYS_PASS,
  parseProbeSchedule,
  probePasses,
  readProbeSchedule,
  segmentEndAfter,
  type ProbeProblem,
  type ProbeSchedule,
} from './probeSchedule.js';
export { commandLine, defaultPreStopMs, defaultRun, defaultShutdownMs, imageBaseName } from './specDefaults.js';
