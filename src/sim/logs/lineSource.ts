// A container instance's output as sequences of lines, each line a pure function of its index:
// nothing is stored, so a container that writes a thousand lines a second for a week costs no
// more memory than one that wrote a single line. Times are milliseconds after the instance
// started (fractions allowed: a rate of 10,000 lines/s puts lines 0.1 ms apart).

export type LogStream = 'stdout' | 'stderr';

/** What a line's text may depend on besides its index. */
export interface LineContext {
  namespace: string;
  pod: string;
  container: string;
  /** The instance's start, epoch milliseconds. */
  startMs: number;
  /** How many instances of this container ran before this one (the restart count it started with). */
  restarts: number;
}

export interface LineSource {
  readonly stream: LogStream;
  /** Lines in all; Infinity for a source that never stops. */
  readonly count: number;
  /** When line k is written (non-decreasing in k). */
  atMs(k: number): number;
  text(k: number, ctx: LineContext): string;
  /** How many lines are written at or before `ms`. */
  countThrough(ms: number): number;
}

/** A text that may depend on the line's time and sequence number (1-based within its source). */
export type LineText = (ctx: LineContext, atMs: number, n: number) => string;

export const fixedText =
  (text: string): LineText =>
  () =>
    text;

export interface TimedLine {
  atMs: number;
  text: LineText;
}

/** Lines at given times (sorted here, stable). */
export class FixedLines implements LineSource {
  private readonly lines: TimedLine[];

  constructor(
    readonly stream: LogStream,
    lines: readonly TimedLine[],
  ) {
    this.lines = [...lines].sort((a, b) => a.atMs - b.atMs);
  }

  get count(): number {
    return this.lines.length;
  }

  atMs(k: number): number {
    return this.lines[k]!.atMs;
  }

  text(k: number, ctx: LineContext): string {
    const line = this.lines[k]!;
    return line.text(ctx, ctx.startMs + line.atMs, k + 1);
  }

  countThrough(ms: number): number {
    let lo = 0;
    let hi = this.lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.lines[mid]!.atMs <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Line k at `fromMs + k × periodMs`, `count` of them (Infinity: until the instance ends).
 * A period of 0 writes every line at `fromMs` (a burst).
 */
export class PeriodicLines implements LineSource {
  constructor(
    readonly stream: LogStream,
    readonly fromMs: number,
    readonly periodMs: number,
    readonly count: number,
    private readonly line: LineText,
  ) {}

  atMs(k: number): number {
    return this.fromMs + k * this.periodMs;
  }

  text(k: number, ctx: LineContext): string {
    return this.line(ctx, ctx.startMs + this.atMs(k), k + 1);
  }

  countThrough(ms: number): number {
    if (ms < this.fromMs) return 0;
    if (this.periodMs === 0) return this.count;
    // The epsilon keeps a line due exactly at `ms` from being lost to float rounding.
    return Math.min(this.count, Math.floor((ms - this.fromMs) / this.periodMs + 1e-9) + 1);
  }
}
