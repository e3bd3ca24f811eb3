// A token bucket as golang.org/x/time/rate keeps it: starts full, refills continuously.
// Tokens are counted in milliseconds of refill time so the arithmetic stays exact.

export class TokenBucket {
  private credit: number;
  private last: number;
  private readonly capacity: number;

  /** `burst` tokens at most; one token every `refillMs`. */
  constructor(
    burst: number,
    private readonly refillMs: number,
    now: number,
  ) {
    this.capacity = burst * refillMs;
    this.credit = this.capacity;
    this.last = now;
  }

  /** Takes one token if there is one (TryAccept). */
  tryTake(now: number): boolean {
    if (now > this.last) {
      this.credit = Math.min(this.capacity, this.credit + (now - this.last));
      this.last = now;
    }
    if (this.credit < this.refillMs) return false;
    this.credit -= this.refillMs;
    return true;
  }
}
