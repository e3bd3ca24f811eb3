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
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly deliver: (batch: DeltaBatch<T>) => void,
    private readonly schedule: Schedule = frameSchedule,
  ) {}

  push(delta: Delta<T>): void {
    if (this.stopped) return;
    if (delta.type === 'RESET') this.buffer = [];
    this.buffer.push(delta);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
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
    this.deliver(batch);
  }

  stop(): void {
    this.stopped = true;
    this.buffer = [];
  }
}
