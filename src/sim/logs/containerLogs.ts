// The simulator's container logs: one LogInstance per containerID, learnt from the pods in the
// store (a new containerID in a status is a new instance, its terminated state its end), the
// newest INSTANCES_KEPT per container. Output is derived on demand (render.ts), so the cost at
// rest is a few small records per container however chatty it is; followers get lines on the
// simulated clock, batched, with a timer only while someone follows.
import type { Container, ContainerStatus, Pod } from '../../kube/types.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { Store, Watch } from '../store.js';
import { INSTANCES_KEPT, LogInstance, type LogLine } from './instance.js';
import { nextLineAt, readAfter, readInstance, type LogCursor, type ReadOptions } from './render.js';

/** Simulated time a follower waits at least between two deliveries (lines due sooner are batched). */
export const FOLLOW_STEP_MS = 50;

interface PodLogs {
  uid: string;
  containers: Map<string, LogInstance[]>;
}

export interface Follow {
  stop(): void;
}

export interface FollowHandlers {
  lines(lines: LogLine[]): void;
  /** The instance ended (or its pod is gone) and every line it wrote was delivered. */
  end(): void;
}

function specOf(pod: Pod, name: string): Container | undefined {
  return pod.spec?.containers?.find((c) => c.name === name) ?? pod.spec?.initContainers?.find((c) => c.name === name);
}

/** A status time (whole seconds) made exact with the moment it was observed, when that fits. */
function instant(iso: string | undefined, observedMs: number): number {
  const t = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(t)) return observedMs;
  return observedMs >= t && observedMs - t < 1000 ? observedMs : t;
}

class Follower {
  private timer: TimerHandle | undefined;
  private immediate: NodeJS.Immediate | undefined;
  stopped = false;

  constructor(
    private readonly logs: ContainerLogs,
    readonly inst: LogInstance,
    private readonly cursor: LogCursor,
    private readonly handlers: FollowHandlers,
  ) {}

  pump(): void {
    if (this.stopped) return;
    this.cancel();
    const clock = this.logs.clock;
    const now = clock.now();
    const lines = readAfter(this.inst, this.cursor, now);
    if (lines.length > 0) this.handlers.lines(lines);
    if (this.stopped) return;
    const next = nextLineAt(this.inst, this.cursor);
    if (next <= now) {
      this.immediate = setImmediate(() => this.pump());
      return;
    }
    if (this.inst.end && !Number.isFinite(next)) {
      this.finish();
      return;
    }
    if (Number.isFinite(next)) this.timer = clock.setTimer(Math.max(next, now + FOLLOW_STEP_MS), () => this.pump());
  }

  finish(): void {
    if (this.stopped) return;
    this.stop();
    this.handlers.end();
  }

  stop(): void {
    this.stopped = true;
    this.cancel();
    this.logs.forget(this);
  }

  private cancel(): void {
    if (this.timer !== undefined) this.logs.clock.clearTimer(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }
}

export class ContainerLogs {
  private readonly pods = new Map<string, PodLogs>();
  private readonly followers = new Map<LogInstance, Set<Follower>>();
  private watch: Watch | undefined;

  constructor(
    private readonly store: Store,
    readonly clock: Clock,
  ) {}

  start(): void {
    if (this.watch) return;
    this.watch = this.store.watch('Pod', {}, (ev) => {
      const pod = ev.object;
      const key = `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
      if (ev.type === 'DELETED') this.dropPod(key);
      else this.observe(key, pod);
    });
  }

  stop(): void {
    this.watch?.stop();
    this.watch = undefined;
    for (const set of [...this.followers.values()]) for (const f of [...set]) f.finish();
  }

  /** The kept instances of a container, oldest first (the last is the newest). */
  instances(namespace: string, pod: string, container: string): readonly LogInstance[] {
    return this.pods.get(`${namespace}/${pod}`)?.containers.get(container) ?? [];
  }

  /** The instance with this containerID, if it is still kept. */
  instance(namespace: string, pod: string, container: string, containerID: string): LogInstance | undefined {
    return this.instances(namespace, pod, container).find((i) => i.containerID === containerID);
  }

  /** What the instance has written so far (see readInstance). */
  read(inst: LogInstance, options: ReadOptions = {}): LogLine[] {
    return readInstance(inst, this.clock.now(), options).lines;
  }

  /**
   * Reads as `read` does, hands those lines over, then the new ones as the simulated clock
   * reaches them, and calls `end` once the instance has ended and its last line is delivered.
   */
  follow(inst: LogInstance, options: ReadOptions, handlers: FollowHandlers): Follow {
    const { lines, cursor } = readInstance(inst, this.clock.now(), options);
    const follower = new Follower(this, inst, cursor, handlers);
    let set = this.followers.get(inst);
    if (!set) this.followers.set(inst, (set = new Set()));
    set.add(follower);
    if (lines.length > 0) handlers.lines(lines);
    follower.pump();
    return follower;
  }

  /** How many instances are kept (diagnostics, the bench). */
  get instanceCount(): number {
    let n = 0;
    for (const p of this.pods.values()) for (const list of p.containers.values()) n += list.length;
    return n;
  }

  forget(f: Follower): void {
    const set = this.followers.get(f.inst);
    set?.delete(f);
    if (set?.size === 0) this.followers.delete(f.inst);
  }

  private dropPod(key: string): void {
    const entry = this.pods.get(key);
    if (!entry) return;
    this.pods.delete(key);
    for (const list of entry.containers.values()) {
      for (const inst of list) for (const f of [...(this.followers.get(inst) ?? [])]) f.pump(), f.finish();
    }
  }

  private observe(key: string, pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    let entry = this.pods.get(key);
    if (entry && entry.uid !== uid) this.dropPod(key);
    entry = this.pods.get(key);
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    if (statuses.length === 0) return;
    if (!entry) this.pods.set(key, (entry = { uid, containers: new Map() }));
    for (const s of statuses) this.observeContainer(entry, pod, s);
  }

  private observeContainer(entry: PodLogs, pod: Pod, s: ContainerStatus): void {
    const spec = specOf(pod, s.name);
    if (!spec) return;
    const now = this.clock.now();
    const last = s.lastState?.terminated;
    if (last?.containerID) {
      const inst = this.ensure(entry, pod, spec, last.containerID, last.startedAt, now, Math.max(0, (s.restartCount ?? 1) - 1));
      this.end(inst, last.exitCode, last.reason ?? '', last.finishedAt, now);
    }
    const running = s.state?.running;
    if (running && s.containerID) this.ensure(entry, pod, spec, s.containerID, running.startedAt, now, s.restartCount ?? 0);
    const terminated = s.state?.terminated;
    if (terminated?.containerID) {
      const inst = this.ensure(entry, pod, spec, terminated.containerID, terminated.startedAt, now, s.restartCount ?? 0);
      this.end(inst, terminated.exitCode, terminated.reason ?? '', terminated.finishedAt, now);
    }
  }

  private ensure(entry: PodLogs, pod: Pod, spec: Container, containerID: string, startedAt: string | undefined, now: number, restarts: number): LogInstance {
    let list = entry.containers.get(spec.name);
    if (!list) entry.containers.set(spec.name, (list = []));
    for (const i of list) if (i.containerID === containerID) return i;
    const startMs = instant(startedAt, now);
    const ctx = { namespace: pod.metadata?.namespace ?? '', pod: pod.metadata?.name ?? '', container: spec.name, startMs, restarts };
    const inst = new LogInstance(containerID, startMs, ctx, pod, spec);
    list.push(inst);
    list.sort((a, b) => a.startMs - b.startMs);
    while (list.length > INSTANCES_KEPT) {
      const gone = list.shift()!;
      for (const f of [...(this.followers.get(gone) ?? [])]) f.finish();
    }
    return inst;
  }

  private end(inst: LogInstance, exitCode: number, reason: string, finishedAt: string | undefined, now: number): void {
    if (inst.end) return;
    const b = inst.behaviourOf();
    const runEnd = b && Number.isFinite(b.runMs) ? inst.startMs + b.runMs : undefined;
    const finished = finishedAt ? Date.parse(finishedAt) : Number.NaN;
    // A run that lasted as long as its behaviour says ended on its own, at that exact instant.
    const natural =
      reason !== 'OOMKilled' &&
      runEnd !== undefined &&
      exitCode === b!.exitCode &&
      (Number.isNaN(finished) || (runEnd >= finished - 1000 && runEnd < finished + 1000));
    inst.end = { atMs: natural ? runEnd : instant(finishedAt, now), exitCode, reason, natural };
    for (const f of [...(this.followers.get(inst) ?? [])]) f.pump();
  }
}

const attached = new WeakMap<Store, ContainerLogs>();

/** The log store of a simulator (one per object store), started on first use. */
export function containerLogsOf(sim: { store: Store; clock: Clock }): ContainerLogs {
  let logs = attached.get(sim.store);
  if (!logs) {
    logs = new ContainerLogs(sim.store, sim.clock);
    attached.set(sim.store, logs);
    logs.start();
  }
  return logs;
}

/** Stops and forgets a simulator's log store (the simulator stops). */
export function detachContainerLogs(store: Store): void {
  attached.get(store)?.stop();
  attached.delete(store);
}
