// A de-duplicated work queue, as client-go's workqueue is for controllers: a key queued
// twice before it is processed is processed once. Draining happens in a zero-delay clock
// timer, so a burst of watch events (one create, ten status updates) costs one sync.
import type { Clock, TimerHandle } from '../clock.js';

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

  private drain(): void {
    this.drainTimer = undefined;
    const keys = [...this.queued];
    this.queued.clear();
    for (const key of keys) {
      if (this.stopped) return;
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
