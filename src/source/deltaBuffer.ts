// Deltas collected between flushes and delivered as one batch, so a burst of watch events
// costs the UI one update. A RESET drops whatever was buffered before it.
import type { Delta, DeltaBatch } from './types.js';

export type Schedule = (fn: () => void) => void;

/** One flush per ~frame by default (Ink redraws at most 30 times a second anyway). */
export const frameSchedule: Schedule = (fn) => {
  setTimeout(fn, 16);
};

export class DeltaBuffer<T> {
  private buffer: Delta<T>[] = [];
  /** The pending RESET's objects, once copied so ADDED deltas can be appended to them. */
  private resetObjects: T[] | undefined;
  private scheduled = false;
  private stopped = false;
  /** Least real time between two flushes (0: every schedule); see pace(). */
  private gapMs = 0;
  private lastFlushAt = -Infinity;
  private gapTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly deliver: (batch: DeltaBatch<T>) => void,
    private readonly schedule: Schedule = frameSchedule,
  ) {}

  push(delta: Delta<T>): void {
    if (this.stopped) return;
    if (delta.type === 'RESET') {
      this.buffer = [];
      this.resetObjects = undefined;
    }
    // ADDED right behind a pending RESET joins it: a streamed list's first frame is one
    // RESET, as a first list page is (the caller's array is copied before it grows).
    const only = this.buffer.length === 1 ? this.buffer[0]! : undefined;
    if (delta.type === 'ADDED' && only?.type === 'RESET') {
      if (!this.resetObjects) {
        this.resetObjects = [...only.objects];
        this.buffer[0] = { type: 'RESET', objects: this.resetObjects };
      }
      this.resetObjects.push(delta.object);
      return;
    }
    this.buffer.push(delta);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flushWhenDue());
  }

  /**
   * While a sync pours in thousands of objects, fewer and larger batches: each one costs the
   * UI a frame, and frames drawn then compete with reading the stream. 0 restores one flush
   * per schedule. The first flush is never held back.
   */
  pace(gapMs: number): void {
    this.gapMs = gapMs;
  }

  private flushWhenDue(): void {
    const wait = this.lastFlushAt + this.gapMs - performance.now();
    if (wait <= 0 || this.stopped) return this.flush();
    // Timers may fire a fraction of a millisecond early: due again is checked, not assumed.
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      this.flushWhenDue();
    }, Math.ceil(wait));
  }

  /** True while deltas wait for their flush. */
  get pending(): boolean {
    return this.buffer.length > 0;
  }

  flush(): void {
    this.scheduled = false;
    if (this.stopped || this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.resetObjects = undefined;
    this.lastFlushAt = performance.now();
    this.deliver(batch);
  }

  stop(): void {
    this.stopped = true;
    if (this.gapTimer !== undefined) clearTimeout(this.gapTimer);
    this.buffer = [];
    this.resetObjects = undefined;
  }
}
