// The logs view's lines: a ring of at most `capacity` entries (LOG_RING_LINES by default),
// each with a sequence number that never repeats, so a position survives the oldest lines
// falling off. Pushing is O(1); nothing here is O(N) per frame.

/** The logs view keeps at most this many lines (marks included); older ones fall off the top. */
export const LOG_RING_LINES = 50_000;

export type LogMarkKind = 'exit' | 'restart' | 'error' | 'info';

export interface LogEntry {
  /** Position in the stream of everything the view received; never reused. */
  seq: number;
  container: string;
  /** The kubelet's RFC 3339 nano timestamp (absent on marks). */
  time?: string;
  text: string;
  partial?: boolean;
  /** Set on the view's own lines (a restart boundary, an error), which are not log output. */
  mark?: LogMarkKind;
}

export type NewLogEntry = Omit<LogEntry, 'seq'>;

export class LogRing {
  private readonly buf: (LogEntry | undefined)[];
  private firstSeq = 0;
  private nextSeq = 0;

  constructor(readonly capacity = LOG_RING_LINES) {
    this.buf = new Array<LogEntry | undefined>(capacity);
  }

  /** The oldest kept entry's seq. */
  get first(): number {
    return this.firstSeq;
  }

  /** One past the newest entry's seq. */
  get end(): number {
    return this.nextSeq;
  }

  get length(): number {
    return this.nextSeq - this.firstSeq;
  }

  /** How many entries fell off the top so far. */
  get dropped(): number {
    return this.firstSeq;
  }

  push(entry: NewLogEntry): LogEntry {
    const e = entry as LogEntry;
    e.seq = this.nextSeq++;
    this.buf[e.seq % this.capacity] = e;
    if (this.nextSeq - this.firstSeq > this.capacity) this.firstSeq++;
    return e;
  }

  at(seq: number): LogEntry | undefined {
    if (seq < this.firstSeq || seq >= this.nextSeq) return undefined;
    return this.buf[seq % this.capacity];
  }

  clear(): void {
    this.buf.fill(undefined);
    this.firstSeq = this.nextSeq;
  }
}
