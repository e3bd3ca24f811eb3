// A watch stream's newline-delimited events, each line handed on as it completes, and the
// stream paused once its lines have held the main thread for a slice of time within one
// macrotask. One socket read can bring a megabyte of lines (an Events first sync at 100k
// pods: thousands of events, ~50 ms to parse and keep); paused, the rest waits in the
// stream's buffer (and the kernel's) while the keys and frames queued meanwhile go first,
// and it goes on in the next macrotask.

/** The most time one macrotask spends on a stream's lines before the stream pauses for a turn. */
export const WATCH_SLICE_MS = 4;

export interface PausableStream {
  pause(): unknown;
  resume(): unknown;
}

export interface WatchLinesOptions {
  sliceMs?: number;
  /** Real milliseconds (injectable for tests). */
  now?: () => number;
  /** Runs `fn` on the next macrotask (setImmediate; injectable for tests). */
  nextTurn?: (fn: () => void) => void;
}

export class WatchLines {
  private partial = '';
  /** now() when this macrotask's first chunk came; undefined until one comes. */
  private sliceStart: number | undefined;
  private paused = false;
  private readonly sliceMs: number;
  private readonly now: () => number;
  private readonly nextTurn: (fn: () => void) => void;

  /** `onLine` gets each non-blank line; false from it stops the reading (the stream ended or failed). */
  constructor(
    private readonly stream: PausableStream,
    private readonly onLine: (line: string) => boolean,
    options: WatchLinesOptions = {},
  ) {
    this.sliceMs = options.sliceMs ?? WATCH_SLICE_MS;
    this.now = options.now ?? (() => performance.now());
    this.nextTurn = options.nextTurn ?? ((fn) => setImmediate(fn));
  }

  /** One chunk of the stream's text. */
  push(chunk: string): void {
    if (this.sliceStart === undefined) {
      this.sliceStart = this.now();
      this.nextTurn(() => (this.sliceStart = undefined));
    }
    const text = this.partial === '' ? chunk : this.partial + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const line = text.slice(start, nl);
      start = nl + 1;
      if (line.trim() === '') continue;
      if (!this.onLine(line)) return;
    }
    this.partial = text.slice(start);
    if (!this.paused && this.now() - this.sliceStart >= this.sliceMs) {
      this.paused = true;
      this.stream.pause();
      this.nextTurn(() => {
        this.paused = false;
        this.stream.resume();
      });
    }
  }
}
