// One scroll position, clamped to what the content allows when it moves. One that pins to
// the end (a list whose newest line is last) shows its end until the user scrolls away from
// it, and pins again on reaching it.
export class ScrollOffset {
  private top = 0;
  private pinned: boolean;

  constructor(private readonly pinEnd = false) {
    this.pinned = pinEnd;
  }

  /** The first line shown; while pinned to the end, larger than any content (callers clamp). */
  get value(): number {
    return this.pinned ? Number.MAX_SAFE_INTEGER : this.top;
  }

  /** Moves by `delta` within [0, max]. */
  by(delta: number, max: number): void {
    const from = this.pinned ? Math.max(0, max) : this.top;
    this.top = Math.max(0, Math.min(from + delta, Math.max(0, max)));
    this.pinned = this.pinEnd && this.top >= max;
  }

  reset(): void {
    this.top = 0;
    this.pinned = this.pinEnd;
  }
}
