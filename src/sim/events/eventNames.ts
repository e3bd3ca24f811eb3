// Event names are `<involved name>.<%x of the unix-nano timestamp>` (client-go makeEvent).
// Simulated time has millisecond resolution, so events within one millisecond take
// successive nanoseconds: names stay unique and replay identically.

export class EventNamer {
  private lastMs = Number.NaN;
  private seq = 0;

  name(involvedName: string, nowMs: number): string {
    return this.format(involvedName, nowMs, this.reserve(nowMs));
  }

  /**
   * Takes the next name's nanosecond and returns it, to be formatted later by `format` only if
   * the event is written (most of a crash loop's events are dropped by the spam filter).
   */
  reserve(nowMs: number): number {
    if (nowMs === this.lastMs) {
      this.seq++;
    } else {
      this.lastMs = nowMs;
      this.seq = 0;
    }
    return this.seq;
  }

  format(involvedName: string, nowMs: number, seq: number): string {
    const nanos = BigInt(Math.floor(nowMs)) * 1_000_000n + BigInt(seq);
    return `${involvedName}.${nanos.toString(16)}`;
  }

  /** Takes the next name's nanosecond without formatting it (for an event that is dropped). */
  skip(nowMs: number): void {
    this.reserve(nowMs);
  }
}
