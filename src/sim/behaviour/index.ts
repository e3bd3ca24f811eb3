export { ANNOTATION_PREFIX, behaviourErrors, containerBehaviour, type ContainerBehaviour, type PullBehaviour } from './containerBehaviour.js';
export { BehaviourError } from './errors.js';
export { formatGoDuration, parseGoDuration } from './goDuration.js';
export { oomAfterMs, parseMemorySchedule, type MemorySchedule } from './memorySchedule.js';
export { ALWAYS_PASS, parseProbeSchedule, probePasses, segmentEndAfter, type ProbeSchedule } from './probeSchedule.js';
export { commandLine, defaultPreStopMs, defaultRun, defaultShutdownMs, imageBaseName } from './specDefaults.js';
