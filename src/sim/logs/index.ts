export { ContainerLogs, containerLogsOf, detachContainerLogs, FOLLOW_STEP_MS, type Follow, type FollowHandlers } from './containerLogs.js';
export { INSTANCES_KEPT, LogInstance, MAX_LOG_BYTES_PER_INSTANCE, type InstanceEnd, type LogLine } from './instance.js';
export { type ReadOptions } from './render.js';
export { readLogScript, type LogScript } from './script.js';
export { dateCommand, rfc3339Nano } from './timeFormat.js';
export { defaultContainerName, formatLogLines } from './format.js';
export { chooseInstance, type InstanceChoice } from './select.js';
