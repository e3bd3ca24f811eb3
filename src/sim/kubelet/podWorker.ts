// One pod's state machine on its node (the kubelet's pod worker + SyncPod + PLEG, folded
// into timers). Every step is a timer at the exact simulated time it happens; nothing
// polls. Status changes within one instant are written once, at the end of that instant.
//
// Sync model (documented in k8s-semantics.md terms):
// - A container's exit is seen at once; the exit's sync decides the restart. The first
//   crash (or one after a reset) restarts at once; otherwise the container waits for the
//   crash-loop back-off and the sync emits Warning BackOff.
// - A sync that ended in a back-off requeues the pod after `errorResyncMs` (10 s); the
//   reason it recorded (CrashLoopBackOff, ImagePullBackOff) shows from that next sync on,
//   as the kubelet generates the status before it acts. So a crashed container shows
//   `Error` first, then `CrashLoopBackOff`.
// - Restarts and pull retries happen exactly when their back-off runs out.
import { ApiError } from '../../kube/apiError.js';
import { rfc3339 } from '../../kube/duration.js';
import { memoryBytes } from '../../kube/quantity.js';
import { computeQosClass } from '../../kube/qos.js';
import type { Pod, Probe } from '../../kube/types.js';
import { BehaviourError, containerBehaviour, formatGoDuration, oomAfterMs } from '../behaviour/index.js';
import type { TimerHandle } from '../clock.js';
import type { CoreEventOptions, EventType } from '../context.js';
import { ContainerRecord } from './containerRecord.js';
import { MIN_GRACE_SECONDS, type KubeletHost } from './host.js';
import {
  defaultPullPolicy,
  FAILED_PULL_MS,
  firstPullMs,
  imageId,
  imageSizeBytes,
  normaliseImage,
  pullNotFoundError,
  repullMs,
} from './images.js';
import type { PodPhase } from './phase.js';
import { buildPodStatus, type PodStatusSource } from './podStatus.js';
import { ContainerProbes, type ProbeHost } from './probes.js';

const DEADLINE_MESSAGE = 'Pod was active on the node longer than the specified deadline';

export class PodWorker implements ProbeHost, PodStatusSource {
  pod: Pod;
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly init: ContainerRecord[];
  readonly main: ContainerRecord[];
  readonly all: ContainerRecord[];
  readonly qosClass: string;

  sandboxReady = false;
  podIP = '';
  hostIP = '';
  startTimeMs = 0;
  private startTimeText: string | undefined;
  forced: { reason: string; message: string } | undefined;
  writtenPhase: PodPhase | undefined;

  private readonly probes = new Map<ContainerRecord, ContainerProbes>();
  private lastPullError = new Map<ContainerRecord, string>();
  private initDone = false;
  /** Graceful deletion in progress (the pod has a deletionTimestamp). */
  private deletion: { graceS: number; capAt: number | undefined } | undefined;
  /** The pod stops for good without being deleted: completion, failed init, active deadline. */
  private ending: 'completion' | 'deadline' | undefined;
  private finished = false;
  private disposed = false;

  private queue: ContainerRecord[] = [];
  private busy: ContainerRecord | undefined;
  private pumping = false;

  private sandboxTimer: TimerHandle | undefined;
  private deadlineTimer: TimerHandle | undefined;
  private resyncTimer: TimerHandle | undefined;
  private flushTimer: TimerHandle | undefined;
  private version = 0;
  private writtenVersion = -1;

  constructor(
    private readonly host: KubeletHost,
    pod: Pod,
  ) {
    this.pod = pod;
    const meta = pod.metadata!;
    this.uid = meta.uid ?? '';
    this.namespace = meta.namespace ?? 'default';
    this.name = meta.name ?? '';
    const spec = pod.spec!;
    const waitingReason = (spec.initContainers?.length ?? 0) > 0 ? 'PodInitializing' : 'ContainerCreating';
    const make = (c: NonNullable<typeof spec.containers>[number], list: 'init' | 'main'): ContainerRecord => {
      const rec = new ContainerRecord(c, list, waitingReason, normaliseImage(c.image ?? ''));
      try {
        rec.behaviour = containerBehaviour(pod, c);
      } catch (err) {
        if (!(err instanceof BehaviourError)) throw err;
        rec.configError = err.message;
      }
      return rec;
    };
    this.init = (spec.initContainers ?? []).map((c) => make(c, 'init'));
    this.main = (spec.containers ?? []).map((c) => make(c, 'main'));
    this.all = [...this.init, ...this.main];
    this.qosClass = computeQosClass(pod);
  }

  // ---- ProbeHost and small helpers -------------------------------------------------

  now(): number {
    return this.host.ctx.clock.now();
  }

  at(ms: number, fn: () => void): TimerHandle {
    return this.host.ctx.clock.setTimer(ms, fn);
  }

  clear(handle: TimerHandle | undefined): void {
    if (handle !== undefined) this.host.ctx.clock.clearTimer(handle);
  }

  get startTime(): string {
    return (this.startTimeText ??= rfc3339(this.startTimeMs));
  }

  private get restartPolicy(): string {
    return this.pod.spec?.restartPolicy ?? 'Always';
  }

  private get podGraceS(): number {
    return this.pod.spec?.terminationGracePeriodSeconds ?? 30;
  }

  /** format.Pod: `name_namespace(uid)`. */
  private get podRef(): string {
    return `${this.name}_${this.namespace}(${this.uid})`;
  }

  private get stopping(): boolean {
    return this.deletion !== undefined || this.ending !== undefined;
  }

  private readonly eventOptions = new Map<ContainerRecord | undefined, CoreEventOptions>();

  private event(rec: ContainerRecord | undefined, type: EventType, reason: string, message: string): void {
    let options = this.eventOptions.get(rec);
    if (!options) {
      options = rec ? { component: 'kubelet', host: this.host.nodeName, fieldPath: rec.fieldPath } : { component: 'kubelet', host: this.host.nodeName };
      this.eventOptions.set(rec, options);
    }
    this.host.ctx.recorder.event(this.pod, type, reason, message, options);
  }

  /** `Back-off restarting failed container <c> in pod <pod>`, built once per container. */
  private crashBackOffMessage(rec: ContainerRecord): string {
    return (rec.backOffEventMessage ??= `Back-off restarting failed container ${rec.name} in pod ${this.podRef}`);
  }

  /** Something the status shows changed: write it once at the end of this instant. */
  private changed(rec?: ContainerRecord): void {
    rec?.touch();
    this.version++;
    if (this.flushTimer === undefined && !this.disposed) {
      this.flushTimer = this.at(this.now(), () => {
        this.flushTimer = undefined;
        this.flush(false);
      });
    }
  }

  private flush(final: boolean): void {
    if (this.disposed || (!final && this.version === this.writtenVersion)) return;
    const current = this.host.ctx.store.get('Pod', this.namespace, this.name);
    if (!current || current.metadata?.uid !== this.uid) return;
    const status = buildPodStatus(this, current, this.now(), final);
    this.writtenVersion = this.version;
    this.writtenPhase = status.phase as PodPhase;
    this.host.ctx.api.setStatus('Pod', this.namespace, this.name, status);
  }

  // ---- lifecycle entry points (from the kubelet) -----------------------------------

  begin(): void {
    const now = this.now();
    this.startTimeMs = now;
    this.startTimeText = undefined;
    this.hostIP = this.host.hostIP() ?? '';
    this.changed();
    if (this.pod.metadata?.deletionTimestamp) {
      this.beginDeletion();
      return;
    }
    this.sandboxTimer = this.at(now + this.host.timing.sandboxMs, () => this.sandboxUp());
    const deadline = this.pod.spec?.activeDeadlineSeconds;
    if (typeof deadline === 'number' && deadline > 0) {
      this.deadlineTimer = this.at(this.startTimeMs + deadline * 1000, () => this.deadlineExceeded());
    }
  }

  /** A newer version of the pod (our own status writes included). */
  onUpdate(pod: Pod): void {
    this.pod = pod;
    if (!pod.metadata?.deletionTimestamp || this.disposed) return;
    const grace = pod.metadata.deletionGracePeriodSeconds ?? 0;
    if (!this.deletion) this.beginDeletion();
    else if (grace < this.deletion.graceS) this.shortenGrace(grace);
  }

  /** The pod left the store: stop everything, give the IP back. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clear(this.sandboxTimer);
    this.clear(this.deadlineTimer);
    this.clear(this.resyncTimer);
    this.clear(this.flushTimer);
    for (const rec of this.all) this.clearContainerTimers(rec);
    if (this.podIP && !this.pod.spec?.hostNetwork) this.host.releasePodIP(this.podIP);
    this.host.crashBackoff.forgetPrefix(`${this.uid}/`);
  }

  private clearContainerTimers(rec: ContainerRecord): void {
    this.clear(rec.runTimer);
    this.clear(rec.retryTimer);
    this.clear(rec.pipelineTimer);
    rec.runTimer = rec.retryTimer = rec.pipelineTimer = undefined;
    this.probes.get(rec)?.stopAll();
    this.probes.delete(rec);
    if (rec.stop) {
      this.clear(rec.stop.timer);
      this.clear(rec.stop.deadlineTimer);
    }
  }

  // ---- starting ----------------------------------------------------------------------

  private sandboxUp(): void {
    this.sandboxTimer = undefined;
    if (this.stopping) return;
    this.podIP = this.pod.spec?.hostNetwork ? this.hostIP : (this.host.allocatePodIP() ?? '');
    this.sandboxReady = true;
    this.changed();
    this.advance();
  }

  /** computePodActions for starts: the next init container, or every main container. */
  private advance(): void {
    if (!this.sandboxReady || this.stopping) return;
    if (!this.initDone) {
      for (const rec of this.init) {
        if (rec.kind === 'sidecar') {
          if (!rec.attempted) this.enqueue(rec);
          if (!rec.startedOnce) return;
          continue;
        }
        if (rec.succeeded) continue;
        if (!rec.attempted) this.enqueue(rec);
        return;
      }
      this.initDone = true;
      this.changed();
    }
    for (const rec of this.main) if (!rec.attempted) this.enqueue(rec);
  }

  private enqueue(rec: ContainerRecord): void {
    rec.attempted = true;
    rec.inPipeline = true;
    this.queue.push(rec);
    this.pump();
  }

  /** Containers start one after another: pull, create, start (SyncPod's start loop). */
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

  private pipelineDone(rec: ContainerRecord): void {
    rec.inPipeline = false;
    if (this.busy === rec) this.busy = undefined;
    this.pump();
  }

  private ensureImage(rec: ContainerRecord): void {
    const image = rec.spec.image ?? '';
    if (rec.configError) {
      rec.waiting = { reason: 'CreateContainerConfigError', message: rec.configError };
      this.changed(rec);
      this.event(rec, 'Warning', 'Failed', `Error: ${rec.configError}`);
      this.pipelineDone(rec);
      return;
    }
    const policy = rec.spec.imagePullPolicy ?? defaultPullPolicy(image);
    const present = this.host.images.has(rec.image);
    if (policy === 'Never' && !present) {
      const message = `Container image "${image}" is not present with pull policy of Never`;
      rec.waiting = { reason: 'ErrImageNeverPull', message };
      this.changed(rec);
      this.event(rec, 'Warning', 'ErrImageNeverPull', message);
      this.event(rec, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
      this.pipelineDone(rec);
      return;
    }
    if (policy !== 'Always' && present) {
      this.event(rec, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
      this.create(rec);
      return;
    }
    this.event(rec, 'Normal', 'Pulling', `Pulling image "${image}"`);
    const pull = rec.behaviour!.pull;
    const fails = pull.kind === 'fail' && rec.pullFailures < pull.times;
    let ms = FAILED_PULL_MS;
    if (!fails) ms = pull.kind === 'pull' && pull.ms !== undefined ? pull.ms : present ? repullMs(rec.image) : firstPullMs(rec.image);
    rec.pipelineTimer = this.at(this.now() + ms, () => {
      rec.pipelineTimer = undefined;
      if (fails) this.pullFailed(rec);
      else this.pulled(rec, ms);
    });
  }

  private pulled(rec: ContainerRecord, ms: number): void {
    this.host.images.add(rec.image);
    const took = formatGoDuration(ms);
    this.event(
      rec,
      'Normal',
      'Pulled',
      `Successfully pulled image "${rec.spec.image ?? ''}" in ${took} (${took} including waiting). Image size: ${imageSizeBytes(rec.image)} bytes.`,
    );
    this.create(rec);
  }

  private pullFailed(rec: ContainerRecord): void {
    const now = this.now();
    rec.pullFailures++;
    const err = pullNotFoundError(rec.image);
    this.lastPullError.set(rec, err);
    this.event(rec, 'Warning', 'Failed', `Failed to pull image "${rec.spec.image ?? ''}": ${err}`);
    this.event(rec, 'Warning', 'Failed', 'Error: ErrImagePull');
    rec.waiting = { reason: 'ErrImagePull', message: err };
    this.changed(rec);
    const entry = this.host.imageBackoff.next(this.imageKey(rec), now);
    rec.imageWait = true;
    rec.retryTimer = this.at(entry.lastUpdateMs + entry.backoffMs, () => this.retryDue(rec));
    this.pipelineDone(rec);
    this.requeue(now + this.host.timing.pullErrorResyncMs);
  }

  private imageKey(rec: ContainerRecord): string {
    return `${this.uid}_${rec.spec.image ?? ''}`;
  }

  private crashKey(rec: ContainerRecord): string {
    return (rec.crashBackoffKey ??= `${this.uid}/${rec.kind === 'main' ? 'c' : 'i'}/${rec.name}`);
  }

  private create(rec: ContainerRecord): void {
    if (rec.everCreated) {
      rec.restartCount++;
      if (rec.terminated) rec.lastTerminated = rec.terminated;
    }
    rec.terminated = undefined;
    rec.waiting = undefined;
    rec.everCreated = true;
    rec.containerID = `containerd://${this.host.ctx.random.hex(64)}`;
    rec.reportedImage = rec.image.full;
    rec.imageID = imageId(rec.image, this.host.ctx.random);
    rec.created = true;
    this.changed(rec);
    this.event(rec, 'Normal', 'Created', `Created container ${rec.name}`);
    const delay = rec.behaviour!.startDelayMs;
    if (delay > 0) {
      rec.pipelineTimer = this.at(this.now() + delay, () => {
        rec.pipelineTimer = undefined;
        this.startRun(rec);
      });
    } else {
      this.startRun(rec);
    }
  }

  private startRun(rec: ContainerRecord): void {
    const now = this.now();
    const b = rec.behaviour!;
    rec.created = false;
    rec.running = true;
    rec.runStartedMs = now;
    rec.started = !rec.spec.startupProbe;
    // A regular init container is ready only once it has exited 0.
    rec.ready = rec.kind !== 'init' && rec.started && !rec.spec.readinessProbe;
    if (rec.started) rec.startedOnce = true;
    this.changed(rec);
    this.event(rec, 'Normal', 'Started', `Started container ${rec.name}`);

    let endMs = b.runMs;
    let exitCode = b.exitCode;
    let reason = exitCode === 0 ? 'Completed' : 'Error';
    const limit = rec.spec.resources?.limits?.memory;
    const oom = oomAfterMs(b.memory, limit === undefined ? undefined : memoryBytes(limit));
    if (oom !== undefined && oom <= endMs) {
      endMs = oom;
      exitCode = 137;
      reason = 'OOMKilled';
    }
    if (Number.isFinite(endMs)) {
      rec.runTimer = this.at(now + endMs, () => {
        rec.runTimer = undefined;
        this.containerExited(rec, exitCode, reason);
      });
    }
    if (rec.spec.livenessProbe || rec.spec.readinessProbe || rec.spec.startupProbe) {
      const probes = new ContainerProbes(this, rec);
      this.probes.set(rec, probes);
      probes.start();
    }
    this.pipelineDone(rec);
    if (rec.kind === 'sidecar' && rec.started) this.advance();
  }

  // ---- exits, restarts and back-off ----------------------------------------------------

  private containerExited(rec: ContainerRecord, exitCode: number, reason: string): void {
    if (!rec.running) return;
    const now = this.now();
    const stop = rec.stop;
    this.clearContainerTimers(rec);
    rec.stop = undefined;
    rec.running = false;
    rec.started = false;
    // A regular init container that finished its work is reported ready.
    rec.ready = rec.kind === 'init' && exitCode === 0;
    rec.terminated = { exitCode, reason, startedMs: rec.runStartedMs, finishedMs: now, containerID: rec.containerID };
    this.changed(rec);
    if (this.stopping) {
      this.afterStop();
      return;
    }
    let restart: boolean;
    if (stop?.probeKill) restart = stop.restartAfter;
    else if (rec.kind === 'sidecar') restart = true;
    else if (rec.kind === 'init') {
      if (exitCode === 0) {
        this.advance();
        return;
      }
      restart = this.restartPolicy !== 'Never';
    } else {
      restart = this.restartPolicy === 'Always' || (this.restartPolicy === 'OnFailure' && exitCode !== 0);
    }
    if (restart) this.restartAfterExit(rec);
    else this.checkEnding();
  }

  /** doBackOff at the exit's sync: restart at once unless the back-off entry is live. */
  private restartAfterExit(rec: ContainerRecord): void {
    const ts = rec.terminated!.finishedMs;
    const key = this.crashKey(rec);
    const live = this.host.crashBackoff.entry(key, ts);
    if (!live) {
      this.host.crashBackoff.next(key, ts);
      this.enqueue(rec);
      return;
    }
    rec.crashWait = true;
    this.event(rec, 'Warning', 'BackOff', this.crashBackOffMessage(rec));
    rec.retryTimer = this.at(ts + live.backoffMs, () => this.retryDue(rec));
    this.requeue(this.now() + this.host.timing.errorResyncMs);
  }

  /** A wait ran out: drop its retry timer and queue the container (pull, create, start). */
  private startOver(rec: ContainerRecord): void {
    this.clear(rec.retryTimer);
    rec.retryTimer = undefined;
    this.enqueue(rec);
  }

  private retryDue(rec: ContainerRecord): void {
    rec.retryTimer = undefined;
    this.sync();
  }

  /** The pod worker's requeue after an error; a later sync replaces it. */
  private requeue(at: number): void {
    this.clear(this.resyncTimer);
    this.resyncTimer = this.at(at, this.resync);
  }

  private readonly resync = (): void => {
    this.resyncTimer = undefined;
    this.sync();
  };

  /** A sync: restarts and pulls whose back-off ran out go ahead; the others report why they wait. */
  private sync(): void {
    this.clear(this.resyncTimer);
    this.resyncTimer = undefined;
    if (this.stopping || this.disposed) return;
    const now = this.now();
    let error = false;
    for (const rec of this.all) {
      if (rec.crashWait) {
        const ts = rec.terminated!.finishedMs;
        const key = this.crashKey(rec);
        const live = this.host.crashBackoff.entry(key, ts);
        if (!live || now - ts >= live.backoffMs) {
          this.host.crashBackoff.next(key, ts);
          rec.crashWait = false;
          this.startOver(rec);
          continue;
        }
        this.event(rec, 'Warning', 'BackOff', this.crashBackOffMessage(rec));
        if (rec.waiting?.reason !== 'CrashLoopBackOff' || rec.waitingBackoffMs !== live.backoffMs) {
          const message = `back-off ${formatGoDuration(live.backoffMs)} restarting failed container=${rec.name} pod=${this.podRef}`;
          rec.waiting = { reason: 'CrashLoopBackOff', message };
          rec.waitingBackoffMs = live.backoffMs;
          this.changed(rec);
        }
        if (rec.retryTimer === undefined) rec.retryTimer = this.at(ts + live.backoffMs, () => this.retryDue(rec));
        error = true;
      } else if (rec.imageWait) {
        const key = this.imageKey(rec);
        if (!this.host.imageBackoff.inBackoffSinceUpdate(key, now)) {
          rec.imageWait = false;
          this.startOver(rec);
          continue;
        }
        const image = rec.spec.image ?? '';
        const backOff = `Back-off pulling image "${image}"`;
        this.event(rec, 'Normal', 'BackOff', backOff);
        this.event(rec, 'Warning', 'Failed', 'Error: ImagePullBackOff');
        const message = `${backOff}: ErrImagePull: ${this.lastPullError.get(rec) ?? ''}`;
        if (rec.waiting?.reason !== 'ImagePullBackOff' || rec.waiting.message !== message) {
          rec.waiting = { reason: 'ImagePullBackOff', message };
          this.changed(rec);
        }
        if (rec.retryTimer === undefined) {
          const entry = this.host.imageBackoff.entry(key, now)!;
          rec.retryTimer = this.at(entry.lastUpdateMs + entry.backoffMs, () => this.retryDue(rec));
        }
        error = true;
      }
    }
    if (error) this.requeue(now + this.host.timing.errorResyncMs);
  }

  // ---- probes (ProbeHost) ------------------------------------------------------------

  probeTargetIP(): string {
    return this.podIP;
  }

  unhealthy(rec: ContainerRecord, message: string): void {
    this.event(rec, 'Warning', 'Unhealthy', message);
  }

  startupSucceeded(rec: ContainerRecord): void {
    rec.started = true;
    rec.startedOnce = true;
    rec.ready = !rec.spec.readinessProbe;
    this.changed(rec);
    if (rec.kind === 'sidecar') this.advance();
  }

  readinessChanged(rec: ContainerRecord): void {
    this.changed(rec);
  }

  probeKill(rec: ContainerRecord, type: 'liveness' | 'startup', probe: Probe): void {
    if (this.stopping || rec.stop || !rec.running) return;
    const restart = rec.kind === 'sidecar' || this.restartPolicy !== 'Never';
    const message = `Container ${rec.name} failed ${type} probe${restart ? ', will be restarted' : ''}`;
    const grace = probe.terminationGracePeriodSeconds ?? this.podGraceS;
    this.killContainer(rec, grace, message, { probeKill: true, restartAfter: restart, ordered: false });
  }

  // ---- stopping ------------------------------------------------------------------------

  /** killContainer: Killing event, preStop, wait for turn (sidecars), SIGTERM, SIGKILL at the end of the grace. */
  private killContainer(
    rec: ContainerRecord,
    graceS: number,
    message: string,
    how: { probeKill: boolean; restartAfter: boolean; ordered: boolean },
  ): void {
    const now = this.now();
    this.event(rec, 'Normal', 'Killing', message);
    this.probes.get(rec)?.holdLiveness();
    rec.stop = { step: 'preStop', remainingS: graceS, stepStartMs: now, ...how };
    const hook = rec.behaviour?.preStopMs;
    if (hook !== undefined && graceS > 0) {
      const hookMs = Math.min(hook, graceS * 1000);
      rec.stop.timer = this.at(now + hookMs, () => this.afterPreStop(rec, graceS - Math.floor(hookMs / 1000)));
    } else {
      this.afterPreStop(rec, graceS);
    }
    this.armDeadline(rec);
  }

  private afterPreStop(rec: ContainerRecord, remainingS: number): void {
    const stop = rec.stop;
    if (!stop) return;
    stop.timer = undefined;
    if (stop.ordered && rec.kind === 'sidecar' && remainingS > 0 && !this.turnReady(rec)) {
      stop.step = 'turn';
      stop.remainingS = remainingS;
      stop.stepStartMs = this.now();
      stop.timer = this.at(this.now() + remainingS * 1000, () => this.endTurnWait(rec));
      return;
    }
    this.sendTerm(rec, remainingS);
  }

  /** waitForTurn returned: the seconds waited (truncated) come off the grace. */
  private endTurnWait(rec: ContainerRecord): void {
    const stop = rec.stop;
    if (!stop || stop.step !== 'turn') return;
    this.clear(stop.timer);
    stop.timer = undefined;
    const waitedS = Math.floor((this.now() - stop.stepStartMs) / 1000);
    this.sendTerm(rec, stop.remainingS - waitedS);
  }

  private sendTerm(rec: ContainerRecord, remainingS: number): void {
    const stop = rec.stop!;
    const graceS = Math.max(remainingS, MIN_GRACE_SECONDS);
    const now = this.now();
    stop.step = 'term';
    stop.remainingS = graceS;
    stop.stepStartMs = now;
    const shutdownMs = rec.behaviour?.shutdownMs ?? Infinity;
    if (shutdownMs < graceS * 1000) {
      stop.timer = this.at(now + shutdownMs, () => this.containerExited(rec, 0, 'Completed'));
    } else {
      stop.timer = this.at(now + graceS * 1000, () => this.containerExited(rec, 137, 'Error'));
    }
  }

  /** A shortened deletion grace: SIGKILL no later than the new cap, whatever step the stop is in. */
  private armDeadline(rec: ContainerRecord): void {
    const cap = this.deletion?.capAt;
    if (cap === undefined || !rec.stop) return;
    this.clear(rec.stop.deadlineTimer);
    rec.stop.deadlineTimer = this.at(cap, () => this.containerExited(rec, 137, 'Error'));
  }

  /** Sidecars stop after every main container and every later sidecar has stopped. */
  private turnReady(rec: ContainerRecord): boolean {
    for (const m of this.main) if (m.running) return false;
    for (let i = this.init.indexOf(rec) + 1; i < this.init.length; i++) {
      const other = this.init[i]!;
      if (other.kind === 'sidecar' && other.running) return false;
    }
    return true;
  }

  /** Stops every running container: main containers first, sidecars in reverse spec order. */
  private stopAll(graceS: number): void {
    for (const rec of this.main) {
      if (rec.running && !rec.stop) this.killContainer(rec, graceS, `Stopping container ${rec.name}`, { probeKill: false, restartAfter: false, ordered: false });
    }
    for (let i = this.init.length - 1; i >= 0; i--) {
      const rec = this.init[i]!;
      if (rec.running && !rec.stop) this.killContainer(rec, graceS, `Stopping container ${rec.name}`, { probeKill: false, restartAfter: false, ordered: true });
    }
    for (const rec of this.all) {
      if (rec.stop?.probeKill) {
        rec.stop.probeKill = false;
        rec.stop.restartAfter = false;
      }
    }
  }

  /** No more starts, restarts or pulls: the pod is on its way out. */
  private haltStarting(): void {
    this.clear(this.sandboxTimer);
    this.clear(this.resyncTimer);
    this.clear(this.deadlineTimer);
    this.sandboxTimer = this.resyncTimer = this.deadlineTimer = undefined;
    for (const rec of this.queue) rec.inPipeline = false;
    this.queue = [];
    const busy = this.busy;
    if (busy) {
      this.clear(busy.pipelineTimer);
      busy.pipelineTimer = undefined;
      busy.inPipeline = false;
      if (busy.created) {
        busy.created = false;
        this.changed(busy);
      }
      this.busy = undefined;
    }
    for (const rec of this.all) {
      this.clear(rec.retryTimer);
      rec.retryTimer = undefined;
      if (rec.crashWait) {
        // A pod on its way out will not restart the container: its real exit shows again.
        rec.crashWait = false;
        rec.waiting = undefined;
        this.changed(rec);
      }
      rec.imageWait = false;
    }
  }

  private beginDeletion(): void {
    const graceS = this.pod.metadata?.deletionGracePeriodSeconds ?? this.podGraceS;
    this.deletion = { graceS, capAt: undefined };
    this.haltStarting();
    if (this.ending) this.shortenGrace(graceS);
    else this.stopAll(graceS);
    this.afterStop();
  }

  private shortenGrace(graceS: number): void {
    const cap = this.now() + Math.max(graceS, MIN_GRACE_SECONDS) * 1000;
    this.deletion!.graceS = graceS;
    if (this.deletion!.capAt !== undefined && this.deletion!.capAt <= cap) return;
    this.deletion!.capAt = cap;
    for (const rec of this.all) this.armDeadline(rec);
  }

  private deadlineExceeded(): void {
    this.deadlineTimer = undefined;
    if (this.stopping) return;
    this.ending = 'deadline';
    this.forced = { reason: 'DeadlineExceeded', message: DEADLINE_MESSAGE };
    this.event(undefined, 'Normal', 'DeadlineExceeded', DEADLINE_MESSAGE);
    this.haltStarting();
    this.changed();
    this.stopAll(this.podGraceS);
    this.afterStop();
  }

  /** A container will not restart: with policy Never/OnFailure the pod may be done. */
  private checkEnding(): void {
    if (this.stopping) return;
    const never = this.restartPolicy === 'Never';
    const initFailed = never && this.init.some((r) => r.kind === 'init' && r.terminated !== undefined && r.terminated.exitCode !== 0);
    const mainsDone =
      this.initDone &&
      this.main.every((r) => !r.running && !r.inPipeline && !r.crashWait && !r.imageWait && r.terminated !== undefined);
    if (!initFailed && !mainsDone) return;
    this.ending = 'completion';
    this.haltStarting();
    this.stopAll(this.podGraceS);
    this.afterStop();
  }

  /** After a container stopped while the pod is stopping: let waiting sidecars go, finish when all are down. */
  private afterStop(): void {
    for (let i = this.init.length - 1; i >= 0; i--) {
      const rec = this.init[i]!;
      if (rec.stop?.step === 'turn' && this.turnReady(rec)) this.endTurnWait(rec);
    }
    if (this.finished || this.all.some((r) => r.running)) return;
    this.finished = true;
    this.clear(this.flushTimer);
    this.flushTimer = undefined;
    this.flush(true);
    if (!this.deletion || this.disposed) return;
    try {
      this.host.ctx.api.delete('Pod', this.namespace, this.name, { gracePeriodSeconds: 0, preconditions: { uid: this.uid } });
    } catch (err) {
      if (!(err instanceof ApiError) || (err.code !== 404 && err.code !== 409)) throw err;
    }
  }
}
