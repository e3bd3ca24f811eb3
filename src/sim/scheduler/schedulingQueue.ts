// The scheduler's pod queue (pkg/scheduler/backend/queue): gated pods wait for their
// gates to go; active pods are popped in priority order; a pod that failed waits in the
// unschedulable set until a cluster event may help (or 5 minutes pass), and then sits out
// the rest of its backoff (1 s doubling to 10 s per attempt) before it is active again.
import type { Pod } from '../../kube/types.js';
import type { Clock, TimerHandle } from '../clock.js';

export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;
export const MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;

/** inFlight: popped for an attempt whose outcome is not yet recorded. */
export type QueueState = 'gated' | 'active' | 'inFlight' | 'backoff' | 'unschedulable';

export interface QueuedPod {
  readonly key: string;
  pod: Pod;
  state: QueueState;
  attempts: number;
  lastAttemptMs: number;
  /** PrioritySort's tie-breaker: when the pod (re-)entered the queue. */
  order: number;
  unschedulableSinceMs: number;
  /** The plugins that rejected the pod in its last attempt (for queueing on cluster events). */
  rejectedBy: ReadonlySet<string>;
  timer?: TimerHandle;
}

export function backoffMs(attempts: number): number {
  let d = INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts && d < MAX_BACKOFF_MS; i++) d *= 2;
  return Math.min(d, MAX_BACKOFF_MS);
}

function isGated(pod: Pod): boolean {
  return (pod.spec?.schedulingGates?.length ?? 0) > 0;
}

export class SchedulingQueue {
  private readonly entries = new Map<string, QueuedPod>();
  private readonly active = new Set<QueuedPod>();
  private readonly unschedulable = new Set<QueuedPod>();
  private order = 0;
  private flushTimer: TimerHandle | undefined;

  /** `onActive` is told whenever a pod becomes active (the scheduler arms its batch). */
  constructor(
    private readonly clock: Clock,
    private readonly startedAt: number,
    private readonly onActive: () => void,
  ) {}

  get(key: string): QueuedPod | undefined {
    return this.entries.get(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** A pending pod was added or changed. Returns the entry. */
  upsert(key: string, pod: Pod): QueuedPod {
    const entry = this.entries.get(key);
    if (!entry) {
      const created: QueuedPod = {
        key,
        pod,
        state: 'gated',
        attempts: 0,
        lastAttemptMs: 0,
        order: ++this.order,
        unschedulableSinceMs: 0,
        rejectedBy: new Set(),
      };
      this.entries.set(key, created);
      if (!isGated(pod)) this.activate(created);
      return created;
    }
    const specChanged = entry.pod.spec !== pod.spec;
    entry.pod = pod;
    if (entry.state === 'gated' && !isGated(pod)) this.activate(entry);
    else if (entry.state === 'unschedulable' && specChanged) this.move(entry);
    return entry;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.leaveState(entry);
  }

  hasActive(): boolean {
    return this.active.size > 0;
  }

  /** Takes every active pod, highest priority first, then in queue order. */
  popActive(): QueuedPod[] {
    const batch = [...this.active];
    this.active.clear();
    batch.sort((a, b) => (b.pod.spec?.priority ?? 0) - (a.pod.spec?.priority ?? 0) || a.order - b.order);
    for (const e of batch) e.state = 'inFlight';
    return batch;
  }

  /** The attempt failed: wait for a cluster event (or the 5-minute flush). */
  markUnschedulable(entry: QueuedPod, rejectedBy: ReadonlySet<string>): void {
    if (this.entries.get(entry.key) !== entry) return;
    this.leaveState(entry);
    entry.state = 'unschedulable';
    entry.rejectedBy = rejectedBy;
    entry.order = ++this.order;
    entry.unschedulableSinceMs = this.clock.now();
    this.unschedulable.add(entry);
    this.armFlush();
  }

  /** A cluster event that may help: moves matching unschedulable pods on. */
  moveUnschedulable(mayHelp: (entry: QueuedPod) => boolean): void {
    for (const entry of [...this.unschedulable]) if (mayHelp(entry)) this.move(entry);
  }

  stop(): void {
    for (const entry of this.entries.values()) this.leaveState(entry);
    this.entries.clear();
    if (this.flushTimer !== undefined) this.clock.clearTimer(this.flushTimer);
    this.flushTimer = undefined;
  }

  private move(entry: QueuedPod): void {
    const readyAt = entry.lastAttemptMs + backoffMs(entry.attempts);
    const now = this.clock.now();
    if (entry.attempts === 0 || readyAt <= now) {
      this.activate(entry);
      return;
    }
    this.leaveState(entry);
    entry.state = 'backoff';
    entry.timer = this.clock.setTimer(readyAt, () => {
      entry.timer = undefined;
      if (this.entries.get(entry.key) === entry && entry.state === 'backoff') this.activate(entry);
    });
  }

  private activate(entry: QueuedPod): void {
    this.leaveState(entry);
    entry.state = 'active';
    this.active.add(entry);
    this.onActive();
  }

  private leaveState(entry: QueuedPod): void {
    if (entry.timer !== undefined) this.clock.clearTimer(entry.timer);
    entry.timer = undefined;
    this.active.delete(entry);
    this.unschedulable.delete(entry);
  }

  /** flushUnschedulablePodsLeftover runs every 30 s from start while pods wait. */
  private armFlush(): void {
    if (this.flushTimer !== undefined) return;
    const now = this.clock.now();
    const ticks = Math.floor((now - this.startedAt) / UNSCHEDULABLE_FLUSH_PERIOD_MS) + 1;
    this.flushTimer = this.clock.setTimer(this.startedAt + ticks * UNSCHEDULABLE_FLUSH_PERIOD_MS, () => {
      this.flushTimer = undefined;
      const t = this.clock.now();
      this.moveUnschedulable((e) => t - e.unschedulableSinceMs > MAX_IN_UNSCHEDULABLE_MS);
      if (this.unschedulable.size > 0) this.armFlush();
    });
  }
}
