// The simulator's only source of time. Timers live in one priority queue, so the cost of
// a pending timer is O(log n) and nothing scans every pod on a tick.

export type TimerHandle = number;

export interface Clock {
  /** Simulated time, epoch milliseconds. */
  now(): number;
  /** Runs fn when simulated time reaches `at` (epoch ms). Timers due at the same time run in the order set. */
  setTimer(at: number, fn: () => void): TimerHandle;
  /** Runs fn after `ms` simulated milliseconds. */
  after(ms: number, fn: () => void): TimerHandle;
  clearTimer(handle: TimerHandle): void;
  /** How many simulated seconds pass per real second (1 for a manual clock's viewers). */
  readonly speed: number;
  /** Called when a timer callback throws; the clock keeps running. */
  onError: (err: unknown) => void;
}

/**
 * A clock an operator can hold and step (rehearsing on the simulator): paused, simulated time
 * stands still and no timer fires; a step moves it forward, firing each timer due on the way
 * at its own time.
 */
export interface ControllableClock extends Clock {
  readonly paused: boolean;
  pause(): void;
  resume(): void;
  setSpeed(speed: number): void;
  /** Moves simulated time forward by `ms`, paused or not. */
  step(ms: number): void;
  /** Moves to the earliest pending timer and fires what is due then; returns its time, or undefined when none is pending. */
  stepToNext(): number | undefined;
  nextTimerAt(): number | undefined;
}

export function isControllable(clock: Clock): clock is ControllableClock {
  const c = clock as Partial<ControllableClock>;
  return typeof c.pause === 'function' && typeof c.step === 'function' && typeof c.stepToNext === 'function';
}

function checkSpeed(speed: number): void {
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`speed must be a positive number, got ${speed}`);
}

interface Entry {
  at: number;
  seq: number;
  fn: () => void;
  /** Position in the heap array, kept current so a cancelled timer leaves at once. */
  index: number;
}

/**
 * A binary min-heap ordered by (at, seq). Cancelling removes the entry right away: a
 * re-armed timer (an Event's TTL, a pod's resync) would otherwise stay in the heap, and
 * in memory, until its original time came.
 */
export class TimerQueue {
  private heap: Entry[] = [];
  private live = new Map<number, Entry>();
  private seq = 0;

  push(at: number, fn: () => void): TimerHandle {
    const entry: Entry = { at, seq: ++this.seq, fn, index: this.heap.length };
    this.live.set(entry.seq, entry);
    this.heap.push(entry);
    this.siftUp(entry);
    return entry.seq;
  }

  cancel(handle: TimerHandle): void {
    const entry = this.live.get(handle);
    if (entry === undefined) return;
    this.live.delete(handle);
    this.removeAt(entry.index);
  }

  get size(): number {
    return this.live.size;
  }

  /** The time of the earliest timer, or undefined. */
  peekTime(): number | undefined {
    return this.heap[0]?.at;
  }

  /** Removes and returns the earliest timer if it is due at or before `t`. */
  popDue(t: number): Entry | undefined {
    const top = this.heap[0];
    if (!top || top.at > t) return undefined;
    this.live.delete(top.seq);
    this.removeAt(0);
    return top;
  }

  private removeAt(i: number): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (i === heap.length) return;
    heap[i] = last;
    last.index = i;
    if (i > 0 && before(last, heap[(i - 1) >> 1]!)) this.siftUp(last);
    else this.siftDown(last);
  }

  private siftUp(entry: Entry): void {
    const heap = this.heap;
    let i = entry.index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!before(entry, p)) break;
      heap[i] = p;
      p.index = i;
      i = parent;
    }
    heap[i] = entry;
    entry.index = i;
  }

  private siftDown(entry: Entry): void {
    const heap = this.heap;
    const n = heap.length;
    let i = entry.index;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(heap[r]!, heap[l]!) ? r : l;
      const c = heap[child]!;
      if (!before(c, entry)) break;
      heap[i] = c;
      c.index = i;
      i = child;
    }
    heap[i] = entry;
    entry.index = i;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

function rethrow(err: unknown): never {
  throw err;
}

/** Time moves only when a test says so; due timers fire in time order. */
export class ManualClock implements ControllableClock {
  /** Reported to viewers only: a manual clock's time moves when a test (or a step) says so. */
  speed = 1;
  /** Reported only, as speed: nothing moves a manual clock on its own. */
  paused = false;
  onError: (err: unknown) => void = rethrow;
  private t: number;
  private queue = new TimerQueue();

  constructor(startMs = Date.UTC(2026, 0, 1, 0, 0, 0)) {
    this.t = startMs;
  }

  now(): number {
    return this.t;
  }

  setTimer(at: number, fn: () => void): TimerHandle {
    return this.queue.push(Math.max(at, this.t), fn);
  }

  after(ms: number, fn: () => void): TimerHandle {
    return this.setTimer(this.t + ms, fn);
  }

  clearTimer(handle: TimerHandle): void {
    this.queue.cancel(handle);
  }

  /** Advances by `ms`, firing every timer due on the way at its own time. */
  advance(ms: number): void {
    this.advanceTo(this.t + ms);
  }

  advanceTo(target: number): void {
    for (;;) {
      const entry = this.queue.popDue(target);
      if (!entry) break;
      if (entry.at > this.t) this.t = entry.at;
      this.run(entry.fn);
    }
    if (target > this.t) this.t = target;
  }

  /** Fires the timers due now (zero-delay work) without moving time. */
  flush(): void {
    this.advanceTo(this.t);
  }

  /** Steps timer by timer until `done()` holds or `maxMs` of simulated time pass; returns whether it held. */
  runUntil(done: () => boolean, maxMs: number): boolean {
    const limit = this.t + maxMs;
    this.flush();
    while (!done()) {
      const next = this.queue.peekTime();
      if (next === undefined || next > limit) {
        this.advanceTo(limit);
        return done();
      }
      this.advanceTo(next);
    }
    return true;
  }

  nextTimerAt(): number | undefined {
    return this.queue.peekTime();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  setSpeed(speed: number): void {
    checkSpeed(speed);
    this.speed = speed;
  }

  step(ms: number): void {
    this.advance(ms);
  }

  stepToNext(): number | undefined {
    const next = this.queue.peekTime();
    if (next !== undefined) this.advanceTo(next);
    return next;
  }

  get pendingTimers(): number {
    return this.queue.size;
  }

  private run(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.onError(err);
    }
  }
}

/** Real milliseconds a RealClock spends firing due timers before it lets I/O in. */
const FIRE_SLICE_MS = 25;

/**
 * Simulated time that follows the wall clock at `speed` times its pace. One real
 * setTimeout is armed at a time, for the earliest simulated timer.
 */
export class RealClock implements ControllableClock {
  /**
   * A failing timer belongs to one object (a pod's probe, a controller's sync); the simulator
   * must outlive it. The failure is kept for diagnostics (see `recentErrors`), never rethrown:
   * a rethrow from a timer ends the process, and with it every object and client.
   * `sim serve` also writes them to stderr (timerErrorLogger).
   */
  onError: (err: unknown) => void = (err) => this.record(err);
  /** The latest timer failures (at most 20, newest last) and how many there were in all. */
  readonly recentErrors: unknown[] = [];
  errorCount = 0;
  private queue = new TimerQueue();
  private baseSim: number;
  private baseReal: number;
  private armed: NodeJS.Timeout | undefined;
  private armedFor = Infinity;
  private stopped = false;
  private _speed: number;
  private _paused = false;

  constructor(speed = 1, startMs = Date.now(), private readonly realNow: () => number = () => performance.now()) {
    checkSpeed(speed);
    this._speed = speed;
    this.baseSim = startMs;
    this.baseReal = realNow();
  }

  get speed(): number {
    return this._speed;
  }

  get paused(): boolean {
    return this._paused;
  }

  now(): number {
    if (this._paused) return this.baseSim;
    return Math.floor(this.baseSim + (this.realNow() - this.baseReal) * this._speed);
  }

  setSpeed(speed: number): void {
    checkSpeed(speed);
    this.setSim(this.now());
    this._speed = speed;
    this.rearm(true);
  }

  /** Simulated time stands still; no real timer stays armed, so a paused simulator costs nothing. */
  pause(): void {
    if (this._paused) return;
    this.setSim(this.now());
    this._paused = true;
    this.disarm();
  }

  resume(): void {
    if (!this._paused) return;
    this._paused = false;
    this.setSim(this.baseSim);
    this.rearm(true);
  }

  step(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new Error(`a step must be a non-negative number of milliseconds, got ${ms}`);
    this.advanceTo(this.now() + ms);
  }

  stepToNext(): number | undefined {
    const next = this.queue.peekTime();
    if (next !== undefined) this.advanceTo(Math.max(next, this.now()));
    return next;
  }

  nextTimerAt(): number | undefined {
    return this.queue.peekTime();
  }

  /** Fires every timer due up to `target` at its own simulated time, then stands at `target`. */
  private advanceTo(target: number): void {
    if (this.stopped) return;
    this.disarm();
    for (;;) {
      const entry = this.queue.popDue(target);
      if (!entry) break;
      if (entry.at > this.now()) this.setSim(entry.at);
      this.run(entry.fn);
    }
    if (target > this.now()) this.setSim(target);
    this.rearm(true);
  }

  private setSim(t: number): void {
    this.baseSim = t;
    this.baseReal = this.realNow();
  }

  private disarm(): void {
    if (this.armed) clearTimeout(this.armed);
    this.armed = undefined;
    this.armedFor = Infinity;
  }

  private run(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      try {
        this.onError(err);
      } catch (again) {
        this.record(again);
      }
    }
  }

  setTimer(at: number, fn: () => void): TimerHandle {
    const handle = this.queue.push(at, fn);
    if (at < this.armedFor) this.rearm(true);
    return handle;
  }

  after(ms: number, fn: () => void): TimerHandle {
    return this.setTimer(this.now() + ms, fn);
  }

  clearTimer(handle: TimerHandle): void {
    this.queue.cancel(handle);
  }

  private record(err: unknown): void {
    this.errorCount++;
    this.recentErrors.push(err);
    if (this.recentErrors.length > 20) this.recentErrors.shift();
  }

  /** Stops firing timers (the process can exit); pending timers are kept but never run. */
  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  private rearm(force: boolean): void {
    if (this.stopped || this._paused) return;
    const next = this.queue.peekTime();
    if (!force && next === this.armedFor) return;
    if (this.armed) clearTimeout(this.armed);
    this.armed = undefined;
    this.armedFor = Infinity;
    if (next === undefined) return;
    const delayReal = Math.max(0, (next - this.now()) / this._speed);
    this.armedFor = next;
    // Node clamps delays above 2^31-1 ms to 1 ms; re-arm in steps instead.
    this.armed = setTimeout(() => this.fire(), Math.min(delayReal, 2 ** 30));
  }

  private fire(): void {
    this.armed = undefined;
    this.armedFor = Infinity;
    const now = this.now();
    const sliceEnd = this.realNow() + FIRE_SLICE_MS;
    for (let n = 0; ; n++) {
      if (this.stopped || this._paused) return;
      // A burst of due timers (100k pods' first sync) yields to I/O every slice, so a served
      // API keeps answering; the rest fire on the next turn of the event loop, a little late.
      if ((n & 63) === 63 && this.realNow() >= sliceEnd) {
        this.armedFor = now;
        this.armed = setTimeout(() => this.fire(), 0);
        return;
      }
      const entry = this.queue.popDue(now);
      if (!entry) break;
      // An error handler that throws must not stop the remaining timers either (see run).
      this.run(entry.fn);
    }
    this.rearm(true);
  }
}

/**
 * An onError for a served simulator: one line per failure on `write` (no stack trace), the
 * first `limit` failures, then one line saying further ones are counted but not shown.
 */
export function timerErrorLogger(write: (line: string) => void, limit = 20): (err: unknown) => void {
  let seen = 0;
  return (err) => {
    seen++;
    if (seen > limit) {
      if (seen === limit + 1) write(`podscope sim: more simulator timers failed; further failures are not shown\n`);
      return;
    }
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    write(`podscope sim: a simulator timer failed and was skipped; the simulator keeps serving (${what})\n`);
  };
}
