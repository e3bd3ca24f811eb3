// The start pipeline (kuberuntime startContainer): one container at a time goes through
// image pull, create and start, as SyncPod's start loop does. Part of the executor: it
// writes the records it is handed and reports the outcomes back to the pod worker.
import { memoryBytes } from '../../kube/quantity.js';
import { formatGoDuration, oomAfterMs } from '../behaviour/index.js';
import type { TimerHandle } from '../clock.js';
import type { ContainerRecord, NotRunning, Retry, WaitingReason } from './containerRecord.js';
import { defaultPullPolicy, FAILED_PULL_MS, firstPullMs, imageId, imageSizeBytes, pullNotFoundError, repullMs } from './images.js';
import type { StepHost } from './stepHost.js';
import { invalidImageNameMessage } from './imageReference.js';

export interface PipelineHost extends StepHost {
  /** A pull failed; the image back-off runs until `retryAtMs`. */
  pullFailed(rec: ContainerRecord, retryAtMs: number): void;
  /** The instance runs: the worker arms its exit and its probes. */
  running(rec: ContainerRecord, startedMs: number, exit: { afterMs: number; exitCode: number; reason: string }): void;
  /** The pipeline moved on past a started container (a started sidecar lets the next init container go). */
  afterStart(rec: ContainerRecord): void;
  imageKey(rec: ContainerRecord): string;
  /** generateContainerConfig's failure (a missing ConfigMap, Secret or key in the env), if any. */
  containerConfigError(rec: ContainerRecord): string | undefined;
  /** The config could not be built: the pod worker syncs again after its error back-off. */
  configFailed(rec: ContainerRecord): void;
  /** An injected fault: pulls of this container's image fail for now. */
  pullForcedToFail(rec: ContainerRecord): boolean;
  /** The runtime created the container but could not start its process (RunContainerError, exit 128 StartError). */
  startFailed(rec: ContainerRecord, message: string): void;
}

/** What containerd and runc say when the container's command is not in the image. */
export function startErrorMessage(command: string): string {
  const why = command.startsWith('/') ? `stat ${command}: no such file or directory` : 'executable file not found in $PATH';
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: ${JSON.stringify(command)}: ${why}: unknown`;
}

/** The state a container that cannot (re)start shows: its reason, beside the exit of its last instance if any. */
export function notRunningWith(from: NotRunning, reason: WaitingReason | undefined, retry: Retry | undefined): NotRunning {
  if (from.is === 'exited') return { is: 'exited', termination: from.termination, reason, retry };
  return { is: 'waiting', reason, retry };
}

export class StartPipeline {
  private queue: ContainerRecord[] = [];
  private busy: ContainerRecord | undefined;
  private timer: TimerHandle | undefined;
  private pumping = false;

  constructor(private readonly w: PipelineHost) {}

  /** Queue a container that is not running for pull → create → start. */
  enqueue(rec: ContainerRecord): void {
    const from = rec.state;
    if (from.is !== 'unstarted' && from.is !== 'waiting' && from.is !== 'exited') throw new Error(`cannot start container ${rec.name} while ${from.is}`);
    rec.state = { is: 'pulling', from };
    this.queue.push(rec);
    this.pump();
  }

  /** The pod is on its way out: drop the queue and the container in flight; returns them. */
  halt(): ContainerRecord[] {
    const dropped = this.queue;
    this.queue = [];
    this.w.clear(this.timer);
    this.timer = undefined;
    if (this.busy) dropped.push(this.busy);
    this.busy = undefined;
    return dropped;
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.busy && this.queue.length > 0) {
        const rec = this.queue.shift()!;
        this.busy = rec;
        this.ensureImage(rec);
      }
    } finally {
      this.pumping = false;
    }
  }

  private done(rec: ContainerRecord): void {
    if (this.busy === rec) this.busy = undefined;
    this.pump();
  }

  private from(rec: ContainerRecord): NotRunning {
    if (rec.state.is !== 'pulling') throw new Error(`container ${rec.name} is not in the start pipeline`);
    return rec.state.from;
  }

  /** It cannot start: show why and leave the pipeline. */
  private fail(rec: ContainerRecord, reason: WaitingReason, retry: Retry | undefined): void {
    rec.state = notRunningWith(this.from(rec), reason, retry);
    this.w.changed(rec);
  }

  private ensureImage(rec: ContainerRecord): void {
    const image = rec.spec.image ?? '';
    // A behaviour annotation the simulator cannot read fails the start for good (no retry).
    if (rec.configError) {
      this.fail(rec, { reason: 'CreateContainerConfigError', message: rec.configError }, undefined);
      this.w.event(rec, 'Warning', 'Failed', `Error: ${rec.configError}`);
      this.done(rec);
      return;
    }
    const invalidName = invalidImageNameMessage(image);
    if (invalidName !== undefined) {
      // EnsureImageExists refuses the reference before any pull; every sync tries again.
      this.w.event(rec, 'Warning', 'InspectFailed', invalidName);
      this.w.event(rec, 'Warning', 'Failed', 'Error: InvalidImageName');
      this.fail(rec, { reason: 'InvalidImageName', message: invalidName }, 'config');
      this.w.configFailed(rec);
      this.done(rec);
      return;
    }
    const policy = rec.spec.imagePullPolicy ?? defaultPullPolicy(image);
    const present = this.w.host.images.has(rec.image);
    if (policy === 'Never' && !present) {
      const message = `Container image "${image}" is not present with pull policy of Never`;
      this.fail(rec, { reason: 'ErrImageNeverPull', message }, undefined);
      this.w.event(rec, 'Warning', 'ErrImageNeverPull', message);
      this.w.event(rec, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
      this.done(rec);
      return;
    }
    if (policy !== 'Always' && present) {
      this.w.event(rec, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
      this.create(rec);
      return;
    }
    this.w.event(rec, 'Normal', 'Pulling', `Pulling image "${image}"`);
    const pull = rec.behaviour!.pull;
    const fails = (pull.kind === 'fail' && rec.pullFailures < pull.times) || this.w.pullForcedToFail(rec);
    let ms = FAILED_PULL_MS;
    if (!fails) ms = pull.kind === 'pull' && pull.ms !== undefined ? pull.ms : present ? repullMs(rec.image) : firstPullMs(rec.image);
    this.timer = this.w.at(this.w.now() + ms, () => {
      this.timer = undefined;
      if (fails) this.pullFailed(rec);
      else this.pulled(rec, ms);
    });
  }

  private pulled(rec: ContainerRecord, ms: number): void {
    this.w.host.images.add(rec.image);
    const took = formatGoDuration(ms);
    this.w.event(
      rec,
      'Normal',
      'Pulled',
      `Successfully pulled image "${rec.spec.image ?? ''}" in ${took} (${took} including waiting). Image size: ${imageSizeBytes(rec.image)} bytes.`,
    );
    this.create(rec);
  }

  private pullFailed(rec: ContainerRecord): void {
    const now = this.w.now();
    rec.pullFailures++;
    const err = pullNotFoundError(rec.image);
    rec.lastPullError = err;
    this.w.event(rec, 'Warning', 'Failed', `Failed to pull image "${rec.spec.image ?? ''}": ${err}`);
    this.w.event(rec, 'Warning', 'Failed', 'Error: ErrImagePull');
    this.fail(rec, { reason: 'ErrImagePull', message: err }, 'image');
    const entry = this.w.host.imageBackoff.next(this.w.imageKey(rec), now);
    this.w.pullFailed(rec, entry.lastUpdateMs + entry.backoffMs);
    this.done(rec);
  }

  private create(rec: ContainerRecord): void {
    // The image is there; the container's config (its environment) is built before it is created.
    const configError = this.w.containerConfigError(rec);
    if (configError !== undefined) {
      this.fail(rec, { reason: 'CreateContainerConfigError', message: configError }, 'config');
      this.w.event(rec, 'Warning', 'Failed', `Error: ${configError}`);
      this.w.configFailed(rec);
      this.done(rec);
      return;
    }
    const from = this.from(rec);
    if (rec.everCreated) {
      rec.restartCount++;
      if (from.is === 'exited') rec.lastTermination = from.termination;
    }
    rec.containerID = `containerd://${this.w.host.ctx.random.hex(64)}`;
    rec.reportedImage = rec.image.full;
    rec.imageID = imageId(rec.image, this.w.host.ctx.random);
    rec.state = { is: 'created' };
    this.w.changed(rec);
    this.w.event(rec, 'Normal', 'Created', `Created container ${rec.name}`);
    this.w.host.instances?.created(this.w.instance(rec), this.w.now());
    const delay = rec.behaviour!.startDelayMs;
    if (delay > 0) {
      this.timer = this.w.at(this.w.now() + delay, () => {
        this.timer = undefined;
        this.start(rec);
      });
    } else {
      this.start(rec);
    }
  }

  private start(rec: ContainerRecord): void {
    const now = this.w.now();
    const b = rec.behaviour!;
    if (b.commandNotFound) {
      const message = startErrorMessage(rec.spec.command?.[0] ?? rec.spec.args?.[0] ?? rec.image.repository.split('/').pop() ?? '');
      this.w.event(rec, 'Warning', 'Failed', `Error: ${message}`);
      this.done(rec);
      this.w.startFailed(rec, message);
      return;
    }
    rec.state = { is: 'running', startedMs: now };
    rec.started = !rec.spec.startupProbe;
    // A regular init container is ready only once it has exited 0.
    rec.ready = rec.kind !== 'init' && rec.started && !rec.spec.readinessProbe;
    if (rec.started) rec.startedOnce = true;
    this.w.changed(rec);
    this.w.event(rec, 'Normal', 'Started', `Started container ${rec.name}`);
    this.w.host.instances?.started(this.w.instance(rec), now);

    let afterMs = b.runMs;
    let exitCode = b.exitCode;
    let reason = exitCode === 0 ? 'Completed' : 'Error';
    const limit = rec.spec.resources?.limits?.memory;
    const oom = oomAfterMs(b.memory, limit === undefined ? undefined : memoryBytes(limit));
    if (oom !== undefined && oom <= afterMs) {
      afterMs = oom;
      exitCode = 137;
      reason = 'OOMKilled';
    }
    this.w.running(rec, now, { afterMs, exitCode, reason });
    this.done(rec);
    this.w.afterStart(rec);
  }
}
