// Capped exponential back-off with "equal jitter": each delay is half the current step plus
// a random part of the other half, so many clients that dropped together do not return
// together, and no delay is ever below half its step.

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
  /** Returns a number in [0, 1); injectable for tests. */
  random?: () => number;
}

export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly factor: number;
  private readonly random: () => number;
  private step: number;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 500;
    this.maxMs = options.maxMs ?? 30_000;
    this.factor = options.factor ?? 2;
    this.random = options.random ?? Math.random;
    this.step = this.initialMs;
  }

  /** The next delay, in milliseconds; each call doubles the step up to the cap. */
  next(): number {
    const step = this.step;
    this.step = Math.min(this.maxMs, this.step * this.factor);
    return Math.round(step / 2 + (step / 2) * this.random());
  }

  /** After a success: the next failure starts from the initial step again. */
  reset(): void {
    this.step = this.initialMs;
  }
}
