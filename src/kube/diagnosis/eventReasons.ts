// The Event reasons the diagnosis rules read (rules/*.ts), as one fact: the TUI's bounded event
// store keeps the events a WHY cell can need (state/eventTable.ts) by this set, and a test
// reads the rules' sources to keep it whole.

/**
 * A container's way up (rules/starting.ts): only the newest of them for a container counts —
 * the step it is at — so the store keeps the newest per container and lets the rest go.
 */
export const CONTAINER_STEP_REASONS: ReadonlySet<string> = new Set(['Pulling', 'Pulled', 'Created', 'Started']);

/**
 * The step that ends a container's way up. The starting rule reads the steps only while the
 * container waits to be created (ContainerCreating, PodInitializing); once started, the kubelet
 * reports it running, terminated or backing off, not waiting to be created again. So the
 * store lets a started container's steps go, Started included.
 */
export const CONTAINER_STARTED_REASON = 'Started';

/** Every reason a rule reads, the container steps included. */
export const DIAGNOSIS_EVENT_REASONS: ReadonlySet<string> = new Set([
  ...CONTAINER_STEP_REASONS,
  // startFailure.ts, imagePull.ts
  'Failed',
  // imagePull.ts
  'BackOff',
  // probes.ts
  'Unhealthy',
  // probes.ts (liveness kills), terminating.ts
  'Killing',
  // node.ts
  'NodeNotReady',
  // unschedulable.ts
  'FailedScheduling',
  // mount.ts
  'FailedMount',
]);
