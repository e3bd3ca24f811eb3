// What the kubelet knows about one container of a pod: the runtime's view (current
// instance, previous termination, restart count) plus the kubelet's own bookkeeping
// (the reason cache, back-off waits, probes, an in-flight stop). Its API status object
// is rebuilt only when `version` moves.
import { rfc3339 } from '../../kube/duration.js';
import type { Container, ContainerState, ContainerStatus } from '../../kube/types.js';
import type { ContainerBehaviour } from '../behaviour/index.js';
import type { TimerHandle } from '../clock.js';
import type { ImageRef } from './images.js';
import { isSidecar } from './phase.js';

export type ContainerKind = 'init' | 'sidecar' | 'main';

export interface Termination {
  exitCode: number;
  reason: string;
  message?: string;
  startedMs: number;
  finishedMs: number;
  containerID: string;
}

/** The reason cache: why the kubelet could not (re)start the container. */
export interface WaitingReason {
  reason: string;
  message?: string;
}

/** An in-flight stop (kuberuntime killContainer): preStop → wait for turn → SIGTERM → SIGKILL. */
export interface StopState {
  step: 'preStop' | 'turn' | 'term';
  /** Seconds of grace left for the next step. */
  remainingS: number;
  stepStartMs: number;
  /** A liveness/startup kill (the container may restart), not a pod-wide stop. */
  probeKill: boolean;
  /** A probe kill: the container restarts per policy afterwards. */
  restartAfter: boolean;
  /** Sidecars wait for main containers and later sidecars to stop first. */
  ordered: boolean;
  timer?: TimerHandle;
  deadlineTimer?: TimerHandle;
}

export class ContainerRecord {
  readonly kind: ContainerKind;
  readonly fieldPath: string;
  readonly image: ImageRef;
  behaviour: ContainerBehaviour | undefined;
  /** A malformed annotation: the container cannot be created. */
  configError: string | undefined;

  // The runtime's view.
  running = false;
  /** Created, not yet started (start-delay). */
  created = false;
  runStartedMs = 0;
  containerID = '';
  reportedImage = '';
  imageID = '';
  restartCount = 0;
  /** Has a container instance ever been created for it. */
  everCreated = false;
  terminated: Termination | undefined;
  lastTerminated: Termination | undefined;

  // The kubelet's bookkeeping.
  started = false;
  ready = false;
  waiting: WaitingReason | undefined;
  /** The back-off the CrashLoopBackOff message shows. */
  waitingBackoffMs = 0;
  backOffEventMessage: string | undefined;
  /** Its key in the crash-loop back-off, built once (every sync of a crash loop looks it up). */
  crashBackoffKey: string | undefined;
  /** Its first start was requested. */
  attempted = false;
  /** `started` was true at least once (sidecars let the next init container go then). */
  startedOnce = false;
  /** Queued for, or going through, pull → create → start. */
  inPipeline = false;
  /** Exited, will restart once the crash-loop back-off allows. */
  crashWait = false;
  /** Failed to pull, retries once the image back-off allows. */
  imageWait = false;
  pullFailures = 0;
  stop: StopState | undefined;

  runTimer: TimerHandle | undefined;
  retryTimer: TimerHandle | undefined;
  pipelineTimer: TimerHandle | undefined;
  probeTimers: (TimerHandle | undefined)[] = [undefined, undefined, undefined];

  /** Bumped on every change the API status shows. */
  version = 0;
  private builtVersion = -1;
  private built: ContainerStatus | undefined;
  private runningState: { startedMs: number; state: ContainerState } | undefined;
  private defaultWaitingState: ContainerState | undefined;

  constructor(
    readonly spec: Container,
    list: 'init' | 'main',
    readonly defaultWaitingReason: string,
    image: ImageRef,
  ) {
    this.kind = list === 'main' ? 'main' : isSidecar(spec) ? 'sidecar' : 'init';
    this.fieldPath = list === 'main' ? `spec.containers{${spec.name}}` : `spec.initContainers{${spec.name}}`;
    this.image = image;
  }

  get name(): string {
    return this.spec.name;
  }

  /** A regular init container that finished its work. */
  get succeeded(): boolean {
    return this.terminated !== undefined && this.terminated.exitCode === 0 && !this.running;
  }

  touch(): void {
    this.version++;
  }

  /** The containerStatuses entry (convertToAPIContainerStatuses), cached per version. */
  status(): ContainerStatus {
    if (this.builtVersion === this.version && this.built) return this.built;
    const s: ContainerStatus = {
      name: this.spec.name,
      state: this.state(),
      lastState: {},
      ready: this.ready,
      restartCount: this.restartCount,
      image: this.everCreated ? this.reportedImage : (this.spec.image ?? ''),
      imageID: this.imageID,
    };
    const shownPrevious = this.running || this.created || !this.terminated ? this.lastTerminated : this.waiting ? this.terminated : this.lastTerminated;
    if (shownPrevious) s.lastState = { terminated: terminatedState(shownPrevious) };
    if (this.containerID) s.containerID = this.containerID;
    s.started = this.started;
    this.built = s;
    this.builtVersion = this.version;
    return s;
  }

  private state(): ContainerState {
    if (this.running) {
      if (this.runningState?.startedMs !== this.runStartedMs) {
        this.runningState = { startedMs: this.runStartedMs, state: { running: { startedAt: rfc3339(this.runStartedMs) } } };
      }
      return this.runningState.state;
    }
    if (this.created) return { waiting: {} };
    if (this.waiting) return waitingState(this.waiting);
    if (this.terminated) return { terminated: terminatedState(this.terminated) };
    return (this.defaultWaitingState ??= { waiting: { reason: this.defaultWaitingReason } });
  }
}

// A status write shares the state objects of the writes before it while the container's
// state is the same: fewer objects, and fewer timestamp strings, per write. Terminations
// and waiting reasons are replaced, never changed, so they key these caches.
const terminatedStates = new WeakMap<Termination, NonNullable<ContainerState['terminated']>>();
const waitingStates = new WeakMap<WaitingReason, ContainerState>();

function waitingState(w: WaitingReason): ContainerState {
  let state = waitingStates.get(w);
  if (!state) {
    state = { waiting: w.message ? { reason: w.reason, message: w.message } : { reason: w.reason } };
    waitingStates.set(w, state);
  }
  return state;
}

export function terminatedState(t: Termination): NonNullable<ContainerState['terminated']> {
  const cached = terminatedStates.get(t);
  if (cached) return cached;
  const out: NonNullable<ContainerState['terminated']> = { exitCode: t.exitCode, reason: t.reason };
  if (t.message) out.message = t.message;
  out.startedAt = rfc3339(t.startedMs);
  out.finishedAt = rfc3339(t.finishedMs);
  out.containerID = t.containerID;
  terminatedStates.set(t, out);
  return out;
}
