// What the kubelet knows about one container of a pod: where it is in its life (one
// tagged union, `state`) and the data of its current instance beside it (container ID,
// image, restart count, the previous instance's termination). Only the pod worker's
// executor (podWorker.ts and the start/termination steps it calls) writes a record;
// decisions (computeActions.ts) and the status builder only read it. The API status
// object is rebuilt only when `version` moves.
import { rfc3339 } from '../../kube/duration.js';
import type { Container, ContainerState as ApiContainerState, ContainerStatus } from '../../kube/types.js';
import type { ContainerBehaviour } from '../behaviour/index.js';
import type { ImageRef } from './images.js';
import { isSidecar } from './phase.js';

export type ContainerKind = 'init' | 'sidecar' | 'main';

export interface Termination {
  readonly exitCode: number;
  readonly reason: string;
  readonly message?: string;
  readonly startedMs: number;
  readonly finishedMs: number;
  readonly containerID: string;
}

/** The reason cache: why the kubelet could not (re)start the container. */
export interface WaitingReason {
  readonly reason: string;
  readonly message?: string;
}

/** What the container waits for before the next start is tried. */
/** What a not-running container is retried after: its crash-loop back-off, its image back-off, or the next sync (its config could not be built). */
export type Retry = 'crash' | 'image' | 'config';

/** The step an in-flight stop is in (kuberuntime killContainer): preStop → wait for turn → SIGTERM. */
export type StopStep = 'preStop' | 'turn' | 'term';

export interface StopState {
  readonly step: StopStep;
  /** Seconds of grace left for this step. */
  readonly graceLeftS: number;
  readonly stepStartMs: number;
  /** Decided at the kill (a liveness/startup failure): the container restarts after it. */
  readonly restartAfter: boolean;
  /** Killed because its definition changed: it starts again at once, past any back-off. */
  readonly restartNow?: boolean;
  /** Sidecars wait for main containers and later sidecars to stop first. */
  readonly ordered: boolean;
}

/** A liveness or startup probe reached its failure threshold: the next sync kills the instance. */
export interface ProbeFailure {
  readonly type: 'liveness' | 'startup';
  readonly graceS: number;
}

/** A container's state. Not running: `unstarted`, `waiting` (no instance yet) or `exited`. */
export type ContainerState =
  /** No start asked for yet. */
  | { readonly is: 'unstarted' }
  /** No instance was created: shows its reason (or the pod's default reason). */
  | { readonly is: 'waiting'; readonly reason?: WaitingReason; readonly retry?: Retry }
  /** Queued for, or going through, the image pull; shows what it showed before. */
  | { readonly is: 'pulling'; readonly from: NotRunning }
  /** Created, not yet started (start delay). */
  | { readonly is: 'created' }
  | { readonly is: 'running'; readonly startedMs: number; readonly failed?: ProbeFailure }
  | { readonly is: 'stopping'; readonly startedMs: number; readonly stop: StopState }
  /**
   * The instance exited; `restartAfter` overrides the restart policy (a probe kill), `restartNow`
   * restarts it past the back-off (its definition changed).
   */
  | {
      readonly is: 'exited';
      readonly termination: Termination;
      readonly reason?: WaitingReason;
      readonly retry?: Retry;
      readonly restartAfter?: boolean;
      readonly restartNow?: boolean;
    };

export type NotRunning = Extract<ContainerState, { is: 'unstarted' | 'waiting' | 'exited' }>;

const UNSTARTED: ContainerState = { is: 'unstarted' };

export class ContainerRecord {
  readonly kind: ContainerKind;
  readonly fieldPath: string;
  /** The spec the next instance is created from; only its image can change (pod update). */
  private currentSpec: Container;
  private currentImage: ImageRef;
  private currentBehaviour: ContainerBehaviour | undefined;
  private currentConfigError: string | undefined;

  state: ContainerState = UNSTARTED;

  // The current instance.
  containerID = '';
  reportedImage = '';
  imageID = '';
  restartCount = 0;
  /** The previous instance's termination (lastState while another instance runs). */
  lastTermination: Termination | undefined;
  started = false;
  ready = false;
  /** `started` was true at least once (sidecars let the next init container go then). */
  startedOnce = false;
  pullFailures = 0;
  lastPullError = '';
  /** The environment built for the current instance at its creation (makeEnvironmentVariables). */
  env: ReadonlyMap<string, string> | undefined;
  /** The back-off the CrashLoopBackOff message shows. */
  waitingBackoffMs = 0;

  /** Bumped on every change the API status shows. */
  version = 0;
  private builtVersion = -1;
  private built: ContainerStatus | undefined;
  private runningState: { startedMs: number; state: ApiContainerState } | undefined;
  private defaultWaitingState: ApiContainerState | undefined;

  constructor(
    spec: Container,
    list: 'init' | 'main',
    /** Its index in the pod's init containers, or in its containers. */
    readonly index: number,
    readonly defaultWaitingReason: string,
    image: ImageRef,
    behaviour: ContainerBehaviour | undefined,
    configError: string | undefined,
  ) {
    this.kind = list === 'main' ? 'main' : isSidecar(spec) ? 'sidecar' : 'init';
    this.fieldPath = list === 'main' ? `spec.containers{${spec.name}}` : `spec.initContainers{${spec.name}}`;
    this.currentSpec = spec;
    this.currentImage = image;
    this.currentBehaviour = behaviour;
    this.currentConfigError = configError;
  }

  get spec(): Container {
    return this.currentSpec;
  }

  get image(): ImageRef {
    return this.currentImage;
  }

  /** How its instances behave (from the annotations and the spec's image and command). */
  get behaviour(): ContainerBehaviour | undefined {
    return this.currentBehaviour;
  }

  /** A malformed annotation: the container cannot be created. */
  get configError(): string | undefined {
    return this.currentConfigError;
  }

  get name(): string {
    return this.currentSpec.name;
  }

  /** The pod's update changed the container's image: the next instance is created from this. */
  redefine(spec: Container, image: ImageRef, behaviour: ContainerBehaviour | undefined, configError: string | undefined): void {
    this.currentSpec = spec;
    this.currentImage = image;
    this.currentBehaviour = behaviour;
    this.currentConfigError = configError;
    this.touch();
  }

  /** Its running instance was created from an older definition (kuberuntime containerChanged). */
  get definitionChanged(): boolean {
    return this.running && this.reportedImage !== this.currentImage.full;
  }

  /** An instance is up (running, or being stopped). */
  get running(): boolean {
    return this.state.is === 'running' || this.state.is === 'stopping';
  }

  /** An instance has been created for it at some point. */
  get everCreated(): boolean {
    return this.containerID !== '';
  }

  /** The exit of its latest instance, while it is not running again. */
  get exit(): Termination | undefined {
    const s = this.state.is === 'pulling' ? this.state.from : this.state;
    return s.is === 'exited' ? s.termination : undefined;
  }

  /** A regular init container that finished its work. */
  get succeeded(): boolean {
    return this.state.is === 'exited' && this.state.termination.exitCode === 0;
  }

  touch(): void {
    this.version++;
  }

  /** The containerStatuses entry (convertToAPIContainerStatuses), cached per version. */
  status(): ContainerStatus {
    if (this.builtVersion === this.version && this.built) return this.built;
    const shown = this.state.is === 'pulling' ? this.state.from : this.state;
    const s: ContainerStatus = {
      name: this.spec.name,
      state: this.apiState(shown),
      lastState: {},
      ready: this.ready,
      restartCount: this.restartCount,
      image: this.everCreated ? this.reportedImage : (this.spec.image ?? ''),
      imageID: this.imageID,
    };
    const previous = shown.is === 'exited' && shown.reason && !shown.restartNow ? shown.termination : this.lastTermination;
    if (previous) s.lastState = { terminated: terminatedState(previous) };
    if (this.containerID) s.containerID = this.containerID;
    s.started = this.started;
    this.built = s;
    this.builtVersion = this.version;
    return s;
  }

  private runningSince(startedMs: number): ApiContainerState {
    if (this.runningState?.startedMs !== startedMs) {
      this.runningState = { startedMs, state: { running: { startedAt: rfc3339(startedMs) } } };
    }
    return this.runningState.state;
  }

  private apiState(shown: Exclude<ContainerState, { is: 'pulling' }>): ApiContainerState {
    switch (shown.is) {
      case 'running':
      case 'stopping':
        return this.runningSince(shown.startedMs);
      case 'created':
        return { waiting: {} };
      case 'exited':
        // Replaced for a changed definition: shown running until the new instance starts (see podWorker).
        if (shown.restartNow) return this.runningSince(shown.termination.startedMs);
        return shown.reason ? waitingState(shown.reason) : { terminated: terminatedState(shown.termination) };
      case 'waiting':
        if (shown.reason) return waitingState(shown.reason);
        break;
      case 'unstarted':
        break;
    }
    return (this.defaultWaitingState ??= { waiting: { reason: this.defaultWaitingReason } });
  }
}

// A status write shares the state objects of the writes before it while the container's
// state is the same: fewer objects, and fewer timestamp strings, per write. Terminations
// and waiting reasons are replaced, never changed, so they key these caches.
const terminatedStates = new WeakMap<Termination, NonNullable<ApiContainerState['terminated']>>();
const waitingStates = new WeakMap<WaitingReason, ApiContainerState>();

function waitingState(w: WaitingReason): ApiContainerState {
  let state = waitingStates.get(w);
  if (!state) {
    state = { waiting: w.message ? { reason: w.reason, message: w.message } : { reason: w.reason } };
    waitingStates.set(w, state);
  }
  return state;
}

export function terminatedState(t: Termination): NonNullable<ApiContainerState['terminated']> {
  const cached = terminatedStates.get(t);
  if (cached) return cached;
  const out: NonNullable<ApiContainerState['terminated']> = { exitCode: t.exitCode, reason: t.reason };
  if (t.message) out.message = t.message;
  out.startedAt = rfc3339(t.startedMs);
  out.finishedAt = rfc3339(t.finishedMs);
  out.containerID = t.containerID;
  terminatedStates.set(t, out);
  return out;
}
