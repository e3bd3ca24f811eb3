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

  constructor(
    private readonly clock: Clock,
    private readonly process: (key: string) => void,
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
      this.process(key);
    }
  }
}
