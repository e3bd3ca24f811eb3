// A bounded ring of timeline entries: pushing is O(1); the oldest recorded fall off.
import type { TimelineEntry } from './types.js';

/** Entries kept per pod. */
export const TIMELINE_RING_ENTRIES = 200;

export class TimelineRing {
  private readonly buf: TimelineEntry[] = [];
  private start = 0;
  /** How many entries fell off the front. */
  dropped = 0;

  constructor(readonly capacity = TIMELINE_RING_ENTRIES) {}

  push(entry: TimelineEntry): void {
    if (this.buf.length < this.capacity) {
      this.buf.push(entry);
      return;
    }
    this.buf[this.start] = entry;
    this.start = (this.start + 1) % this.capacity;
    this.dropped++;
  }

  get size(): number {
    return this.buf.length;
  }

  /** Oldest recorded first. */
  toArray(): TimelineEntry[] {
    return [...this.buf.slice(this.start), ...this.buf.slice(0, this.start)];
  }
}
