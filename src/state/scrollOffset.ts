// One scroll position, clamped to what the content allows when it moves.
export class ScrollOffset {
  private top = 0;

  get value(): number {
    return this.top;
  }

  /** Moves by `delta` within [0, max]. */
  by(delta: number, max: number): void {
    this.top = Math.max(0, Math.min(this.top + delta, Math.max(0, max)));
  }

  reset(): void {
    this.top = 0;
  }
}
