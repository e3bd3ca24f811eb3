// One pod on its node: the executor of the kubelet's decisions (the pod worker + SyncPod +
// PLEG, folded into timers). computeActions.ts decides what to start, restart, kill or wait
// for; this class performs it and owns every timer (the start pipeline's and the
// termination's through the steps it created). Every step happens at the exact simulated
// time it is due; nothing polls. Status changes within one instant are written once, at
// the end of that instant.
//
// Sync model:
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
import { computeQosClass } from '../../kube/qos.js';
import type { Container, Pod, Probe } from '../../kube/types.js';
import { BehaviourError, containerBehaviour, formatGoDuration, type ContainerBehaviour } from '../behaviour/index.js';
import type { TimerHandle } from '../clock.js';
import type { CoreEventOptions, EventType } from '../context.js';
import { computeActions, type Action, type BackoffView, type PodView } from './computeActions.js';
import { storeConfigSources, type ConfigSources } from './configSources.js';
import { imageUser, runAsNonRootError } from './imageUser.js';
import { containerEnv } from './containerEnv.js';
import { serviceEnvVars, servicesForEnv } from './serviceEnv.js';
import { ContainerRecord, type Termination } from './containerRecord.js';
import { MIN_GRACE_SECONDS, type KubeletHost } from './host.js';
import { normaliseImage } from './images.js';
import type { ContainerInstance } from './instances.js';
import type { PodPhase } from './phase.js';
import { buildPodStatus, type PodStatusSource } from './podStatus.js';
import { PodVolumes } from './podVolumes.js';
import { ContainerProbes, type ProbeHost, type ProbeType } from './probes.js';
import { podRestartPolicy, type RestartPolicy } from './restartPolicy.js';
import { notRunningWith, StartPipeline, type PipelineHost } from './startPipeline.js';
import { TerminationSteps, type StopTimers, type TerminationHost } from './termination.js';
import { TerminationOrder } from './terminationOrder.js';

const DEADLINE_MESSAGE = 'Pod was active on the node longer than the specified deadline';

function behaviourOf(pod: Pod, c: Container): { behaviour?: ContainerBehaviour; configError?: string } {
  try {
    return { behaviour: containerBehaviour(pod, c) };
  } catch (err) {
    if (!(err instanceof BehaviourError)) throw err;
    return { configError: err.message };
  }
}

/** What started a sync: which back-offs it reports (see the sync model above). */
type Trigger = { readonly exit: ContainerRecord } | 'resync' | 'progress';

/** The timers of one container, all owned here (its run's end, a back-off retry, its stop's steps, its probes), and its back-off texts. */
interface ContainerTimers extends StopTimers {
  run: TimerHandle | undefined;
  retry: TimerHandle | undefined;
  probes: ContainerProbes | undefined;
  crashKey: string | undefined;
  backOffMessage: string | undefined;
}

export class PodWorker implements ProbeHost, PodStatusSource, PipelineHost, TerminationHost, PodView, BackoffView {
  pod: Pod;
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly init: ContainerRecord[];
  readonly main: ContainerRecord[];
  readonly all: ContainerRecord[];
  readonly qosClass: string;
  readonly order: TerminationOrder;

  sandboxReady = false;
  podIP = '';
  hostIP = '';
  startTimeMs = 0;
  private startTimeText: string | undefined;
  forced: { reason: string; message: string } | undefined;
  writtenPhase: PodPhase | undefined;

  /** Graceful deletion in progress (the pod has a deletionTimestamp). */
  private deletion: { graceS: number } | undefined;
  /** The pod stops for good without being deleted: completion, failed init, active deadline. */
  private ending: 'completion' | 'deadline' | undefined;
  private finished = false;
  private disposed = false;

  private readonly pipeline: StartPipeline;
  private readonly termination: TerminationSteps;
  /** Per container, in `all` order. */
  private readonly timers: ContainerTimers[];
  private sandboxTimer: TimerHandle | undefined;
  /** The volume manager's wait for this pod's mounts, until the sandbox may be created. */
  private volumes: PodVolumes | undefined;
  private readonly sources: ConfigSources;
  private wakeTimer: { at: number; handle: TimerHandle } | undefined;
  private resyncTimer: TimerHandle | undefined;
  private flushTimer: TimerHandle | undefined;
  private version = 0;
  private writtenVersion = -1;

  constructor(
    readonly host: KubeletHost,
    pod: Pod,
  ) {
    this.pod = pod;
    const meta = pod.metadata!;
    this.uid = meta.uid ?? '';
    this.namespace = meta.namespace ?? 'default';
    this.name = meta.name ?? '';
    const spec = pod.spec!;
    const waitingReason = (spec.initContainers?.length ?? 0) > 0 ? 'PodInitializing' : 'ContainerCreating';
    const make = (c: Container, list: 'init' | 'main', index: number): ContainerRecord => {
      const { behaviour, configError } = behaviourOf(pod, c);
      return new ContainerRecord(c, list, index, waitingReason, normaliseImage(c.image ?? ''), behaviour, configError);
    };
    this.init = (spec.initContainers ?? []).map((c, i) => make(c, 'init', i));
    this.main = (spec.containers ?? []).map((c, i) => make(c, 'main', i));
    this.all = [...this.init, ...this.main];
    this.timers = this.all.map(() => ({ run: undefined, retry: undefined, probes: undefined, step: undefined, cap: undefined, crashKey: undefined, backOffMessage: undefined }));
    this.qosClass = computeQosClass(pod);
    this.order = new TerminationOrder(this.init, this.main);
    this.pipeline = new StartPipeline(this);
    this.termination = new TerminationSteps(this);
    this.sources = storeConfigSources(host.ctx.store);
  }

  // ---- the pod as computeActions sees it (PodView, BackoffView) ----------------------

  get restartPolicy(): RestartPolicy {
    return podRestartPolicy(this.pod.spec?.restartPolicy);
  }

  get stopping(): { graceS: number } | undefined {
    if (this.ending) return { graceS: this.podGraceS };
    return this.deletion;
  }

  get graceS(): number {
    return this.podGraceS;
  }

  /** startTime + activeDeadlineSeconds of the current spec (kept as the spec changes). */
  deadlineMs: number | undefined;

  private deadlineFromSpec(): number | undefined {
    const deadline = this.pod.spec?.activeDeadlineSeconds;
    return typeof deadline === 'number' && deadline > 0 ? this.startTimeMs + deadline * 1000 : undefined;
  }

  get crash() {
    return this.host.crashBackoff;
  }

  get image() {
    return this.host.imageBackoff;
  }

  /** Its key in the crash-loop back-off, built once (every sync of a crash loop looks it up). */
  crashKey(rec: ContainerRecord): string {
    const slot = this.timersOf(rec);
    return (slot.crashKey ??= `${this.uid}/${rec.kind === 'main' ? 'c' : 'i'}/${rec.name}`);
  }

  imageKey(rec: ContainerRecord): string {
    return `${this.uid}_${rec.spec.image ?? ''}`;
  }

  // ---- small helpers ---------------------------------------------------------------

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

  private get podGraceS(): number {
    return this.pod.spec?.terminationGracePeriodSeconds ?? 30;
  }

  /** format.Pod: `name_namespace(uid)`. */
  private get podRef(): string {
    return `${this.name}_${this.namespace}(${this.uid})`;
  }

  /** The record of a container (init or main) by name. */
  container(name: string): ContainerRecord | undefined {
    return this.all.find((r) => r.name === name);
  }

  timersOf(rec: ContainerRecord): ContainerTimers {
    return this.timers[rec.kind === 'main' ? this.init.length + rec.index : rec.index]!;
  }

  instance(rec: ContainerRecord): ContainerInstance {
    return {
      podUid: this.uid,
      namespace: this.namespace,
      pod: this.name,
      container: rec.name,
      kind: rec.kind,
      containerID: rec.containerID,
      restartCount: rec.restartCount,
      image: rec.reportedImage,
      env: rec.env,
    };
  }

  private readonly eventOptions = new Map<ContainerRecord | undefined, CoreEventOptions>();

  event(rec: ContainerRecord | undefined, type: EventType, reason: string, message: string): void {
    let options = this.eventOptions.get(rec);
    if (!options) {
      options = rec ? { component: 'kubelet', host: this.host.nodeName, fieldPath: rec.fieldPath } : { component: 'kubelet', host: this.host.nodeName };
      this.eventOptions.set(rec, options);
    }
    this.host.ctx.recorder.event(this.pod, type, reason, message, options);
  }

  /** `Back-off restarting failed container <c> in pod <pod>`, built once per container. */
  private crashBackOffMessage(rec: ContainerRecord): string {
    const slot = this.timersOf(rec);
    return (slot.backOffMessage ??= `Back-off restarting failed container ${rec.name} in pod ${this.podRef}`);
  }

  /** Something the status shows changed: write it once at the end of this instant. */
  changed(rec?: ContainerRecord): void {
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
    this.deadlineMs = this.deadlineFromSpec();
    this.hostIP = this.host.hostIP() ?? '';
    this.changed();
    if (this.pod.metadata?.deletionTimestamp) {
      this.beginDeletion();
      return;
    }
    this.volumes = new PodVolumes(this, this.sources, () => {
      this.sandboxTimer = this.at(this.now() + this.host.timing.sandboxMs, () => this.sandboxUp());
    });
    this.volumes.mount();
    this.sync('progress');
  }

  /** A newer version of the pod (our own status writes included). */
  onUpdate(pod: Pod): void {
    const before = this.pod;
    this.pod = pod;
    if (this.disposed) return;
    if (pod.spec !== before.spec && !pod.metadata?.deletionTimestamp && !this.stopping) {
      // activeDeadlineSeconds set or lowered: every sync checks it against the current spec.
      this.deadlineMs = this.deadlineFromSpec();
      if (this.imagesChanged(pod)) this.sync('resync');
      else if (this.deadlineMs !== this.wakeTimer?.at) this.sync('progress');
    }
    if (!pod.metadata?.deletionTimestamp) return;
    const grace = pod.metadata.deletionGracePeriodSeconds ?? 0;
    if (!this.deletion) this.beginDeletion();
    else if (grace < this.deletion.graceS) this.shortenGrace(grace);
  }

  /** Takes the containers' new images from an updated spec; true when any changed. */
  private imagesChanged(pod: Pod): boolean {
    const specs = pod.spec;
    let changed = false;
    for (const rec of this.all) {
      const spec = (rec.kind === 'main' ? specs?.containers : specs?.initContainers)?.[rec.index];
      if (!spec || spec.name !== rec.name || spec.image === rec.spec.image) continue;
      const next = { ...rec.spec, image: spec.image };
      const { behaviour, configError } = behaviourOf(pod, next);
      rec.redefine(next, normaliseImage(spec.image ?? ''), behaviour, configError);
      changed = true;
    }
    return changed;
  }

  /** The pod left the store: stop everything, give the IP back. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clear(this.sandboxTimer);
    this.volumes?.stop();
    this.clear(this.wakeTimer?.handle);
    this.clear(this.resyncTimer);
    this.clear(this.flushTimer);
    this.pipeline.halt();
    for (const rec of this.all) this.clearContainerTimers(rec);
    if (this.podIP && !this.pod.spec?.hostNetwork) this.host.releasePodIP(this.podIP);
    this.host.crashBackoff.forgetPrefix(`${this.uid}/`);
    this.host.faults.forgetPod(this.uid);
  }

  private clearContainerTimers(rec: ContainerRecord): void {
    const t = this.timersOf(rec);
    this.clear(t.run);
    this.clear(t.retry);
    t.run = t.retry = undefined;
    t.probes?.stopAll();
    t.probes = undefined;
    this.termination.forget(rec);
  }

  private sandboxUp(): void {
    this.sandboxTimer = undefined;
    if (this.stopping) return;
    this.podIP = this.pod.spec?.hostNetwork ? this.hostIP : (this.host.allocatePodIP() ?? '');
    this.sandboxReady = true;
    this.changed();
    this.sync('progress');
  }

  // ---- the sync: decide, then act ------------------------------------------------------

  private sync(trigger: Trigger): void {
    if (trigger === 'resync') {
      this.clear(this.resyncTimer);
      this.resyncTimer = undefined;
    }
    if (this.disposed || this.finished) return;
    let backedOff = false;
    let wakes = false;
    for (const action of computeActions(this, this, this.now())) {
      if (action.do === 'wakeAt') wakes = true;
      if (this.perform(action, trigger)) backedOff = true;
    }
    if (!wakes && this.wakeTimer && !this.stopping) {
      this.clear(this.wakeTimer.handle);
      this.wakeTimer = undefined;
    }
    if (backedOff) this.requeue(this.now() + this.host.timing.errorResyncMs);
  }

  /** Performs one decision; true when it was a back-off this sync reported. */
  private perform(a: Action, trigger: Trigger): boolean {
    switch (a.do) {
      case 'end':
        this.end(a.why);
        return false;
      case 'kill':
        this.termination.kill(a.rec, a.graceS, a.message, { restartAfter: a.restartAfter, ordered: a.ordered, restartNow: a.restartNow });
        return false;
      case 'start':
        this.pipeline.enqueue(a.rec);
        return false;
      case 'restart':
        this.restart(a.rec, a.cause);
        return false;
      case 'backOff':
        return this.backOff(a.rec, a.cause, a.untilMs, a.backoffMs, trigger);
      case 'wakeAt':
        if (this.wakeTimer?.at !== a.atMs) {
          this.clear(this.wakeTimer?.handle);
          this.wakeTimer = { at: a.atMs, handle: this.at(a.atMs, () => this.wake()) };
        }
        return false;
    }
  }

  private wake(): void {
    this.wakeTimer = undefined;
    this.sync('progress');
  }

  private restart(rec: ContainerRecord, cause: 'crash' | 'image' | 'config' | 'changed'): void {
    const t = this.timersOf(rec);
    this.clear(t.retry);
    t.retry = undefined;
    // A definition change restarts past the back-off, as SyncPod starts it right after the kill.
    if (cause === 'crash') this.host.crashBackoff.next(this.crashKey(rec), rec.exit!.finishedMs);
    const s = rec.state;
    // The reason shown stays until the new instance is created.
    if (s.is === 'exited' || s.is === 'waiting') rec.state = { ...s, retry: undefined };
    this.pipeline.enqueue(rec);
  }

  /** A back-off: at the exit's own sync only the BackOff event; at a resync also the reason it records. */
  private backOff(rec: ContainerRecord, cause: 'crash' | 'image', untilMs: number, backoffMs: number, trigger: Trigger): boolean {
    const s = rec.state;
    if (s.is !== 'exited' && s.is !== 'waiting') return false;
    const t = this.timersOf(rec);
    if (cause === 'crash') {
      const exitSync = typeof trigger !== 'string' && trigger.exit === rec;
      if (!exitSync && trigger !== 'resync') return false;
      this.event(rec, 'Warning', 'BackOff', this.crashBackOffMessage(rec));
      if (exitSync) {
        rec.state = { ...s, retry: 'crash' };
      } else if (s.reason?.reason !== 'CrashLoopBackOff' || rec.waitingBackoffMs !== backoffMs) {
        const message = `back-off ${formatGoDuration(backoffMs)} restarting failed container=${rec.name} pod=${this.podRef}`;
        rec.state = { ...s, reason: { reason: 'CrashLoopBackOff', message } };
        rec.waitingBackoffMs = backoffMs;
        this.changed(rec);
      }
    } else {
      if (trigger !== 'resync') return false;
      const image = rec.spec.image ?? '';
      const backOff = `Back-off pulling image "${image}"`;
      this.event(rec, 'Normal', 'BackOff', backOff);
      this.event(rec, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      const message = `${backOff}: ErrImagePull: ${rec.lastPullError}`;
      if (s.reason?.reason !== 'ImagePullBackOff' || s.reason.message !== message) {
        rec.state = { ...s, reason: { reason: 'ImagePullBackOff', message } };
        this.changed(rec);
      }
    }
    if (t.retry === undefined) t.retry = this.at(untilMs, () => this.retryDue(rec));
    return true;
  }

  private retryDue(rec: ContainerRecord): void {
    this.timersOf(rec).retry = undefined;
    this.sync('resync');
  }

  /** The pod worker's requeue after an error; a later sync replaces it. */
  private requeue(at: number): void {
    this.clear(this.resyncTimer);
    this.resyncTimer = this.at(at, this.resync);
  }

  private readonly resync = (): void => {
    this.resyncTimer = undefined;
    this.sync('resync');
  };

  // ---- what the start pipeline reports (PipelineHost) ----------------------------------

  pullFailed(rec: ContainerRecord, retryAtMs: number): void {
    const t = this.timersOf(rec);
    this.clear(t.retry);
    t.retry = this.at(retryAtMs, () => this.retryDue(rec));
    this.requeue(this.now() + this.host.timing.pullErrorResyncMs);
  }

  containerConfigError(rec: ContainerRecord): string | undefined {
    const node = this.host.ctx.store.get('Node', undefined, this.host.nodeName);
    const downward = { pod: this.pod, podIP: this.podIP, hostIP: this.hostIP, allocatable: node?.status?.allocatable };
    const result = containerEnv(this.namespace, rec.spec, this.sources, this.serviceEnv(), downward);
    if (result.error !== undefined) return result.error;
    // generateContainerConfig checks runAsNonRoot after the environment, against the image's user.
    const nonRoot = runAsNonRootError(this.pod, rec.spec, imageUser(rec.spec.image ?? '', rec.behaviour?.imageUser));
    if (nonRoot !== undefined) return nonRoot;
    rec.env = result.env;
    return undefined;
  }

  startFailed(rec: ContainerRecord, message: string): void {
    if (rec.state.is !== 'created') return;
    const termination = { exitCode: 128, reason: 'StartError', message, startedMs: 0, finishedMs: this.now(), containerID: rec.containerID };
    rec.state = { is: 'exited', termination, reason: { reason: 'RunContainerError', message } };
    rec.started = false;
    rec.ready = false;
    this.reportExit(rec, termination);
  }

  /** The service variables as of now (the container being created sees the Services that exist). */
  private serviceEnv(): [string, string][] {
    const services = servicesForEnv(
      this.namespace,
      this.pod.spec?.enableServiceLinks !== false,
      this.sources.services?.(this.namespace) ?? [],
      this.sources.service?.('default', 'kubernetes'),
    );
    return serviceEnvVars(services);
  }

  configFailed(_rec: ContainerRecord): void {
    this.requeue(this.now() + this.host.timing.errorResyncMs);
  }

  running(rec: ContainerRecord, startedMs: number, exit: { afterMs: number; exitCode: number; reason: string }): void {
    const t = this.timersOf(rec);
    if (Number.isFinite(exit.afterMs)) {
      t.run = this.at(startedMs + exit.afterMs, () => {
        t.run = undefined;
        this.exited(rec, exit.exitCode, exit.reason);
      });
    }
    if (rec.spec.livenessProbe || rec.spec.readinessProbe || rec.spec.startupProbe) {
      t.probes = new ContainerProbes(this, rec, startedMs);
      t.probes.start();
    }
  }

  afterStart(rec: ContainerRecord): void {
    // A started sidecar lets the next init container go; an instance created from a definition
    // that changed meanwhile is replaced at once.
    if ((rec.kind === 'sidecar' && rec.started) || rec.definitionChanged) this.sync('progress');
  }

  // ---- a process ended from inside the container (the simulated shell's `kill`) ----------

  /**
   * The running instance of `container` exits with `exitCode` after `afterMs` (0: now), as a
   * crash would: its exit is seen at once and the restart policy decides. False when it is not
   * running. A later exit of its own (or a kill) that comes first wins, as its timer is the run's.
   */
  endProcess(container: string, exitCode: number, afterMs = 0): boolean {
    const rec = this.all.find((r) => r.name === container);
    if (!rec || !rec.running || this.disposed) return false;
    const t = this.timersOf(rec);
    this.clear(t.run);
    t.run = this.at(this.now() + afterMs, () => {
      t.run = undefined;
      this.exited(rec, exitCode, exitCode === 0 ? 'Completed' : 'Error');
    });
    return true;
  }

  // ---- probes (ProbeHost) ------------------------------------------------------------

  probeTargetIP(): string {
    return this.podIP;
  }

  probeForcedToFail(rec: ContainerRecord, type: ProbeType): boolean {
    return (type === 'liveness' || type === 'readiness') && this.host.faults.active(this.uid, rec.name, type, this.now());
  }

  /** An injected failure: the probe ticks again (a settled probe has no timer armed). */
  wakeProbe(rec: ContainerRecord, type: 'liveness' | 'readiness'): void {
    this.timersOf(rec).probes?.wake(type);
  }

  pullForcedToFail(rec: ContainerRecord): boolean {
    return this.host.faults.active(this.uid, rec.name, 'pull', this.now());
  }

  probed(rec: ContainerRecord, type: ProbeType, pass: boolean, message: string | undefined): void {
    if (message !== undefined) this.event(rec, 'Warning', 'Unhealthy', message);
    this.host.instances?.probed(this.instance(rec), type, pass, message, this.now());
  }

  startupSucceeded(rec: ContainerRecord): void {
    rec.started = true;
    rec.startedOnce = true;
    rec.ready = !rec.spec.readinessProbe;
    this.changed(rec);
    if (rec.kind === 'sidecar') this.sync('progress');
  }

  readinessChanged(rec: ContainerRecord, ready: boolean): void {
    rec.ready = ready;
    this.changed(rec);
  }

  probeFailed(rec: ContainerRecord, type: 'liveness' | 'startup', probe: Probe): void {
    const s = rec.state;
    if (this.stopping || s.is !== 'running') return;
    rec.state = { ...s, failed: { type, graceS: probe.terminationGracePeriodSeconds ?? this.podGraceS } };
    this.sync('progress');
  }

  holdLiveness(rec: ContainerRecord): void {
    this.timersOf(rec).probes?.holdLiveness();
  }

  // ---- exits (TerminationHost) -----------------------------------------------------------

  exited(rec: ContainerRecord, exitCode: number, reason: string): void {
    const s = rec.state;
    if (s.is !== 'running' && s.is !== 'stopping') return;
    const now = this.now();
    this.clearContainerTimers(rec);
    const termination = { exitCode, reason, startedMs: s.startedMs, finishedMs: now, containerID: rec.containerID };
    // A probe kill decided the restart when it killed; Never-policy probe kills fall to the policy, which agrees.
    if (s.is === 'stopping' && s.stop.restartNow) rec.state = { is: 'exited', termination, restartNow: true };
    else if (s.is === 'stopping' && s.stop.restartAfter) rec.state = { is: 'exited', termination, restartAfter: true };
    else rec.state = { is: 'exited', termination };
    // A definition change: SyncPod kills, pulls and starts in one go, so no status is generated
    // between the kill and the new start; the record shows the old instance until then.
    if (!(s.is === 'stopping' && s.stop.restartNow)) {
      rec.started = false;
      // A regular init container that finished its work is reported ready.
      rec.ready = rec.kind === 'init' && exitCode === 0;
    }
    this.reportExit(rec, termination);
  }

  /** An instance ended (exit or failed start): the status, the observers, then the next step. */
  private reportExit(rec: ContainerRecord, termination: Termination): void {
    this.changed(rec);
    this.host.instances?.exited(this.instance(rec), termination);
    if (this.stopping) {
      this.afterStop();
      return;
    }
    this.sync({ exit: rec });
  }

  // ---- stopping for good -----------------------------------------------------------------

  /** No more starts, restarts or pulls: the pod is on its way out. */
  private haltStarting(): void {
    this.clear(this.sandboxTimer);
    this.volumes?.stop();
    this.clear(this.resyncTimer);
    this.clear(this.wakeTimer?.handle);
    this.sandboxTimer = this.resyncTimer = undefined;
    this.wakeTimer = undefined;
    for (const rec of this.pipeline.halt()) {
      const s = rec.state;
      if (s.is === 'pulling') {
        rec.state = s.from.is === 'unstarted' ? s.from : { ...s.from, retry: undefined };
      } else if (s.is === 'created') {
        rec.state = { is: 'waiting' };
        this.changed(rec);
      }
    }
    for (const rec of this.all) {
      const t = this.timersOf(rec);
      this.clear(t.retry);
      t.retry = undefined;
      const s = rec.state;
      if (s.is === 'exited' && s.retry === 'crash') {
        // A pod on its way out will not restart the container: its real exit shows again.
        rec.state = notRunningWith(s, undefined, undefined);
        this.changed(rec);
      } else if ((s.is === 'exited' || s.is === 'waiting') && s.retry === 'image') {
        rec.state = { ...s, retry: undefined };
      }
      this.termination.noRestarts(rec);
    }
  }

  private beginDeletion(): void {
    const graceS = this.pod.metadata?.deletionGracePeriodSeconds ?? this.podGraceS;
    const wasEnding = this.ending !== undefined;
    this.deletion = { graceS };
    this.haltStarting();
    if (wasEnding) this.shortenGrace(graceS);
    else this.sync('progress');
    this.afterStop();
  }

  private shortenGrace(graceS: number): void {
    this.deletion!.graceS = graceS;
    this.termination.cap(this.now() + Math.max(graceS, MIN_GRACE_SECONDS) * 1000, this.all);
  }

  private end(why: 'completion' | 'deadline'): void {
    this.ending = why;
    if (why === 'deadline') {
      this.forced = { reason: 'DeadlineExceeded', message: DEADLINE_MESSAGE };
      this.event(undefined, 'Normal', 'DeadlineExceeded', DEADLINE_MESSAGE);
    }
    this.haltStarting();
    if (why === 'deadline') this.changed();
    this.sync('progress');
    this.afterStop();
  }

  /** After a container stopped while the pod is stopping: let waiting sidecars go, finish when all are down. */
  private afterStop(): void {
    this.termination.turnsMayHaveCome(this.init);
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
