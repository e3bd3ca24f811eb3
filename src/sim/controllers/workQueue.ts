// A de-duplicated work queue, as client-go's workqueue is for controllers: a key queued
// twice before it is processed is processed once. Draining happens in a zero-delay clock
// timer, so a burst of watch events (one create, ten status updates) costs one sync.
import type { Clock, TimerHandle } from '../clock.js';

/** Store writes after which a drain leaves the rest of its keys to the next callback (see drain). */
const DRAIN_WRITES = 1_000;

export class WorkQueue {
  private readonly queued = new Set<string>();
  private drainTimer: TimerHandle | undefined;
  /** Delayed re-queues: one timer per key, the earliest wins. */
  private readonly delayed = new Map<string, { at: number; handle: TimerHandle }>();
  private stopped = false;
  /** Consecutive failures per key, for the retry back-off. */
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly process: (key: string) => void,
    /** Told about a failed sync; the key is retried after 5 ms, doubling up to 1000 s (client-go's default). */
    private readonly onError: (key: string, err: unknown) => void = () => {},
    /** How many writes the store has taken so far (its resourceVersion), to bound a drain's work. */
    private readonly writes?: () => number,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    this.queued.add(key);
    if (this.drainTimer === undefined) this.drainTimer = this.clock.after(0, () => this.drain());
  }

  /** Queues `key` once `ms` have passed (AddAfter); an earlier pending request for the key wins. */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const at = this.clock.now() + ms;
    const pending = this.delayed.get(key);
    if (pending && pending.at <= at) return;
    if (pending) this.clock.clearTimer(pending.handle);
    const handle = this.clock.setTimer(at, () => {
      this.delayed.delete(key);
      this.add(key);
    });
    this.delayed.set(key, { at, handle });
  }

  stop(): void {
    this.stopped = true;
    if (this.drainTimer !== undefined) this.clock.clearTimer(this.drainTimer);
    this.drainTimer = undefined;
    for (const { handle } of this.delayed.values()) this.clock.clearTimer(handle);
    this.delayed.clear();
    this.queued.clear();
  }

  /**
   * Syncs the keys queued now. After syncs that wrote DRAIN_WRITES objects or more (100
   * ReplicaSets creating 100k pods) the rest wait for the next timer callback, so a running
   * clock lets I/O in between: in one callback they kept a served API from answering for tens
   * of seconds. Counted in writes, not time, so a test's ordering stays deterministic and a
   * small cluster's queue drains in one callback as before. Keys queued meanwhile wait behind.
   */
  private drain(): void {
    this.drainTimer = undefined;
    const keys = [...this.queued];
    this.queued.clear();
    const writesAtStart = this.writes?.();
    for (let i = 0; i < keys.length; i++) {
      if (this.stopped) return;
      if (i > 0 && writesAtStart !== undefined && this.writes!() - writesAtStart >= DRAIN_WRITES) {
        // Back to the front of the queue, in their order, ahead of keys queued meanwhile.
        const rest = keys.slice(i);
        const later = [...this.queued];
        this.queued.clear();
        for (const key of rest) this.queued.add(key);
        for (const key of later) this.queued.add(key);
        this.drainTimer ??= this.clock.after(0, () => this.drain());
        return;
      }
      const key = keys[i]!;
      try {
        this.process(key);
        this.failures.delete(key);
      } catch (err) {
        const n = (this.failures.get(key) ?? 0) + 1;
        this.failures.set(key, n);
        this.onError(key, err);
        this.addAfter(key, Math.min(5 * 2 ** (n - 1), 1_000_000));
      }
    }
  }
}
