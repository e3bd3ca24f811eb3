// Event names are `<involved name>.<%x of the unix-nano timestamp>` (client-go makeEvent).
// Simulated time has millisecond resolution, so events within one millisecond take
// successive nanoseconds: names stay unique and replay identically.

export class EventNamer {
  private lastMs = Number.NaN;
  private seq = 0;

  name(involvedName: string, nowMs: number): string {
    this.skip(nowMs);
    const nanos = BigInt(Math.floor(nowMs)) * 1_000_000n + BigInt(this.seq);
    return `${involvedName}.${nanos.toString(16)}`;
  }

  /** Takes the next name's nanosecond without formatting it (for an event that is dropped). */
  skip(nowMs: number): void {
    if (nowMs === this.lastMs) {
      this.seq++;
    } else {
      this.lastMs = nowMs;
      this.seq = 0;
    }
  }
}
