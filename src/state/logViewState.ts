// The logs view's state: which container(s) it reads, the bounded ring of lines, follow /
// scroll, wrap, timestamps, the `/` pattern (highlight, n/N, filter mode), and the streams.
// Streams only queue lines; applyFrame() moves them into the ring once per frame however
// many arrived, and the view renders only window(): the rows that fit, never the whole ring.
// A followed container that restarts gets boundary marks (exit code and reason, restart
// time, from the pod status the app watches) and a fresh stream for its new instance.
import type { Pod } from '../kube/types.js';
import type { LogEnd, LogReader, LogRequest, SourceLogLine } from '../source/logTypes.js';
import type { Subscription } from '../source/types.js';
import { LOG_RING_LINES, LogRing, type LogEntry, type LogMarkKind, type NewLogEntry } from './logRing.js';
import { compileLogPattern, matches, matchRanges, type LogPattern } from './logSearch.js';
import { containerStatus, currentInstanceId, exitMark, restartMark, runningInstanceId, terminationOf } from './logTarget.js';
import type { StatusLine } from './viewTypes.js';

export interface LogViewHost {
  readonly source: LogReader;
  requestFrame(): void;
  setStatus(text: string, level?: StatusLine['level']): void;
  /** The pod as the pod watch holds it now, by uid; undefined once it is gone. */
  podByUid(uid: string): Pod | undefined;
}

export interface LogViewTarget {
  namespace: string;
  pod: string;
  uid: string;
  /** One container, or every container (then each line carries a `[name]` prefix). */
  containers: readonly string[];
  previous: boolean;
}

export interface LogRow {
  seq: number;
  text: string;
  mark?: LogMarkKind;
  /** [start, end) of pattern matches within this row's text. */
  hits: [number, number][];
  /** This row belongs to the hit n/N last moved to. */
  current: boolean;
}

export interface LogViewOptions {
  capacity?: number;
  /** Lines asked for when a view opens (the newest of the instance). */
  initialTail?: number;
}

interface ContainerStream {
  name: string;
  sub?: Subscription;
  /** The containerID the stream reads (as the status named it when the stream opened). */
  instance?: string;
  ended: boolean;
  exitMarked: boolean;
}

export class LogViewState {
  readonly ring: LogRing;
  follow = true;
  wrap = false;
  timestamps = false;
  /** Show only the lines the pattern matches (marks stay). */
  filterMode = false;
  pattern: LogPattern | undefined;
  /** The seq of the hit n/N last moved to. */
  currentHit: number | undefined;
  /** A live follow's reconnect message, while it lasts. */
  streamStatus: string | undefined;
  private top = 0;
  private pending: NewLogEntry[] = [];
  private readonly streams: ContainerStream[];
  private shown: number[] = [];
  private shownHead = 0;
  private stopped = false;
  private podSeen = false;
  private goneMarked = false;
  private readonly initialTail: number;

  constructor(
    private readonly host: LogViewHost,
    readonly target: LogViewTarget,
    options: LogViewOptions = {},
  ) {
    this.ring = new LogRing(options.capacity ?? LOG_RING_LINES);
    this.initialTail = options.initialTail ?? this.ring.capacity;
    this.streams = target.containers.map((name) => ({ name, ended: false, exitMarked: false }));
  }

  get allContainers(): boolean {
    return this.target.containers.length > 1;
  }

  start(): void {
    const pod = this.host.podByUid(this.target.uid);
    for (const s of this.streams) {
      const st = pod ? containerStatus(pod, s.name) : undefined;
      s.instance = this.target.previous ? st?.lastState?.terminated?.containerID || undefined : currentInstanceId(st);
      this.open(s, this.initialTail);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const s of this.streams) s.sub?.stop();
  }

  /** Lines and marks queued for the next frame (tests and the Idleness seam). */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** True while some stream is still open. */
  get streaming(): boolean {
    return this.streams.some((s) => !s.ended);
  }

  private open(s: ContainerStream, tailLines: number | undefined): void {
    const request: LogRequest = { container: s.name, timestamps: true, previous: this.target.previous, follow: !this.target.previous };
    if (tailLines !== undefined) request.tailLines = tailLines;
    s.ended = false;
    s.exitMarked = false;
    s.sub = this.host.source.logs(this.target.namespace, this.target.pod, request, {
      lines: (batch) => this.queue(s.name, batch),
      end: (how) => this.ended(s, how),
      status: (message) => {
        this.streamStatus = message;
        this.host.setStatus(message ?? `${s.name}: log stream reconnected`, message ? 'warning' : 'info');
      },
    });
  }

  private queue(container: string, batch: readonly SourceLogLine[]): void {
    if (this.stopped) return;
    for (const l of batch) {
      const e: NewLogEntry = { container, text: l.text };
      if (l.time !== undefined) e.time = l.time;
      if (l.partial) e.partial = true;
      this.pending.push(e);
    }
    // Lines beyond what the ring holds would only fall off again.
    if (this.pending.length > 2 * this.ring.capacity) this.pending = this.pending.slice(-this.ring.capacity);
    this.host.requestFrame();
  }

  private ended(s: ContainerStream, how: LogEnd): void {
    if (this.stopped) return;
    s.ended = true;
    if (how.kind === 'error') {
      const text = this.allContainers ? `${s.name}: ${how.message}` : how.message;
      // Not started yet is not a failure: the view starts reading when the status says it runs.
      const waiting = / is waiting to start/.test(how.message) && !this.target.previous;
      this.mark(waiting ? 'info' : 'error', s.name, waiting ? `${text} (its log follows once it starts)` : text);
      this.host.setStatus(text, waiting ? 'info' : 'error');
    }
    this.host.requestFrame();
  }

  private mark(kind: LogMarkKind, container: string, text: string): void {
    this.pending.push({ container, text, mark: kind });
  }

  /** Once per frame: restarts seen in the pod's status, then every queued line into the ring. */
  applyFrame(): void {
    if (this.stopped) return;
    if (!this.target.previous) this.observeRestarts();
    if (this.pending.length === 0) return;
    let batch = this.pending;
    this.pending = [];
    if (batch.length > this.ring.capacity) batch = batch.slice(-this.ring.capacity);
    for (const e of batch) {
      const entry = this.ring.push(e);
      if (this.filterMode && this.isShownInFilter(entry)) this.shown.push(entry.seq);
    }
    this.pruneShown();
  }

  private observeRestarts(): void {
    const pod = this.host.podByUid(this.target.uid);
    if (!pod) {
      // Gone from the watch after being in it: the streams end with it; say why they stopped.
      if (this.podSeen && !this.goneMarked) {
        this.goneMarked = true;
        this.mark('info', '', `■ pod ${this.target.namespace}/${this.target.pod} was deleted`);
      }
      return;
    }
    this.podSeen = true;
    for (const s of this.streams) {
      if (!s.ended) continue;
      const st = containerStatus(pod, s.name);
      if (s.instance && !s.exitMarked) {
        const t = terminationOf(st, s.instance);
        if (t) {
          this.mark('exit', s.name, exitMark(s.name, t));
          s.exitMarked = true;
        }
      }
      const running = runningInstanceId(st);
      if (running && running !== s.instance) {
        if (s.instance) this.mark('restart', s.name, restartMark(s.name, st!));
        s.instance = running;
        this.open(s, undefined);
      }
    }
  }

  // ---- what is shown ---------------------------------------------------------------

  private isShownInFilter(e: LogEntry): boolean {
    return e.mark !== undefined || (this.pattern !== undefined && matches(this.pattern, this.display(e)));
  }

  private pruneShown(): void {
    const first = this.ring.first;
    while (this.shownHead < this.shown.length && this.shown[this.shownHead]! < first) this.shownHead++;
    if (this.shownHead > 4096 && this.shownHead * 2 > this.shown.length) {
      this.shown = this.shown.slice(this.shownHead);
      this.shownHead = 0;
    }
  }

  private rebuildShown(): void {
    this.shown = [];
    this.shownHead = 0;
    if (!this.filterMode) return;
    for (let seq = this.ring.first; seq < this.ring.end; seq++) if (this.isShownInFilter(this.ring.at(seq)!)) this.shown.push(seq);
  }

  /** How many entries are shown (all, or the filter's). */
  get shownCount(): number {
    return this.filterMode ? this.shown.length - this.shownHead : this.ring.length;
  }

  private seqAt(i: number): number {
    return this.filterMode ? this.shown[this.shownHead + i]! : this.ring.first + i;
  }

  /** The index of the first shown entry whose seq is at least `seq`. */
  private indexAtOrAfter(seq: number): number {
    if (!this.filterMode) return Math.max(0, Math.min(seq - this.ring.first, this.ring.length));
    let lo = this.shownHead;
    let hi = this.shown.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.shown[mid]! < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo - this.shownHead;
  }

  /** An entry as the view prints it: `[container] ` when reading several, the timestamp when `t` is on. */
  display(e: LogEntry): string {
    if (e.mark) return e.text;
    const prefix = this.allContainers ? `[${e.container}] ` : '';
    return this.timestamps && e.time !== undefined ? `${prefix}${e.time} ${e.text}` : `${prefix}${e.text}`;
  }

  private rowCount(e: LogEntry, columns: number): number {
    if (!this.wrap) return 1;
    return Math.max(1, Math.ceil(this.display(e).length / Math.max(1, columns)));
  }

  /** The index of the top entry when following: the newest entries that fill `height` rows. */
  private followTop(height: number, columns: number): number {
    let rows = 0;
    let i = this.shownCount;
    while (i > 0 && rows < height) rows += this.rowCount(this.ring.at(this.seqAt(--i))!, columns);
    return i;
  }

  private topIndex(height: number, columns: number): number {
    return this.follow ? this.followTop(height, columns) : Math.min(this.indexAtOrAfter(this.top), Math.max(0, this.shownCount - 1));
  }

  /** The rows on screen: only the visible slice is formatted. */
  window(height: number, columns: number): LogRow[] {
    const start = this.topIndex(height, columns);
    // Following with wrapped lines the newest row sits at the bottom, so the oldest entry may
    // only partly fit: followTop stopped as soon as the rows filled the screen, so this is bounded.
    if (this.follow && this.wrap) return this.collect(start, Infinity, columns).slice(-height);
    return this.collect(start, height, columns);
  }

  private collect(start: number, limit: number, columns: number): LogRow[] {
    const rows: LogRow[] = [];
    const count = this.shownCount;
    const w = Math.max(1, columns);
    for (let i = start; i < count && rows.length < limit; i++) {
      const e = this.ring.at(this.seqAt(i))!;
      const text = this.display(e);
      const hits = this.pattern && !e.mark ? matchRanges(this.pattern, text) : [];
      const current = e.seq === this.currentHit;
      if (!this.wrap) {
        rows.push({ seq: e.seq, text, mark: e.mark, hits, current });
        continue;
      }
      for (let at = 0; at < Math.max(1, text.length) && rows.length < limit; at += w) {
        const local = hits.filter(([a, b]) => b > at && a < at + w).map(([a, b]): [number, number] => [Math.max(0, a - at), Math.min(w, b - at)]);
        rows.push({ seq: e.seq, text: text.slice(at, at + w), mark: e.mark, hits: local, current });
      }
    }
    return rows;
  }

  // ---- keys ------------------------------------------------------------------------

  /** Moves by `delta` entries; up pauses follow, reaching the end again resumes it. */
  scroll(delta: number, height: number, columns: number): void {
    const count = this.shownCount;
    if (count === 0) return;
    const from = this.topIndex(height, columns);
    const lastTop = this.followTop(height, columns);
    const to = Math.max(0, Math.min(from + delta, count - 1));
    if (delta > 0 && to >= lastTop) {
      this.follow = true;
      return;
    }
    if (delta < 0 || !this.follow) {
      this.follow = false;
      this.top = this.seqAt(to);
    }
  }

  scrollToTop(): void {
    this.follow = false;
    this.top = this.shownCount > 0 ? this.seqAt(0) : 0;
  }

  resumeFollow(): void {
    this.follow = true;
  }

  toggleWrap(): void {
    this.wrap = !this.wrap;
  }

  toggleTimestamps(): void {
    this.timestamps = !this.timestamps;
    if (this.filterMode) this.rebuildShown();
  }

  setPattern(text: string): void {
    this.pattern = compileLogPattern(text);
    this.currentHit = undefined;
    if (this.pattern === undefined) this.filterMode = false;
    this.rebuildShown();
  }

  /** Filter mode on or off; off without a pattern to filter by. */
  toggleFilterMode(): boolean {
    if (!this.filterMode && this.pattern === undefined) return false;
    const keep = this.follow ? undefined : this.top;
    this.filterMode = !this.filterMode;
    this.rebuildShown();
    if (keep !== undefined) this.top = keep;
    return true;
  }

  /**
   * n / N: the next (or previous) shown line the pattern matches, from the last hit or the
   * top of the screen, wrapping around; the view pauses with it a few rows from the top.
   * Returns what the status line should say, or undefined when it found one in its direction.
   */
  jump(direction: 1 | -1, height: number, columns: number): string | undefined {
    const p = this.pattern;
    if (!p) return 'no search pattern: / sets one';
    const count = this.shownCount;
    if (count === 0) return `no lines match /${p.text}/`;
    const from = this.currentHit !== undefined && this.ring.at(this.currentHit) ? this.indexAtOrAfter(this.currentHit) : this.topIndex(height, columns) - (direction > 0 ? 1 : 0);
    let wrapped = false;
    for (let step = 1; step <= count; step++) {
      let i = from + direction * step;
      if (i >= count || i < 0) wrapped = true;
      i = ((i % count) + count) % count;
      const e = this.ring.at(this.seqAt(i))!;
      if (e.mark || !matches(p, this.display(e))) continue;
      this.currentHit = e.seq;
      this.follow = false;
      this.top = this.seqAt(Math.max(0, i - Math.min(3, Math.floor(height / 4))));
      return wrapped ? `search wrapped to the ${direction > 0 ? 'top' : 'bottom'}` : undefined;
    }
    return `no lines match /${p.text}/`;
  }

  /** Everything shown (not only the screen), as the view prints it: what ctrl-s saves. */
  shownText(): string {
    const out: string[] = [];
    for (let i = 0; i < this.shownCount; i++) out.push(this.display(this.ring.at(this.seqAt(i))!));
    return out.length === 0 ? '' : `${out.join('\n')}\n`;
  }
}
