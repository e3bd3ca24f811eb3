// A hidden instrumentation hook for `npm run bench`: with PODSCOPE_FRAME_LOG=PATH the TUI
// appends one line per key input and per frame written, each with its time in ms on the
// machine's monotonic clock (to 0.01 ms; src/cli/benchClock.ts), and a frame with the number
// of pods it showed:
//   key 48123456.78            bytes arrived from the terminal (before anything handles them)
//   frame 48123463.12 pods=16  a frame's bytes were handed to the terminal: the moment its
//                              last write returned
// Ink calls onRender for every render before it writes, also for one whose text equals the
// last and is not written: only renders that wrote bytes in their own turn count as frames.
// The stamp is read as each write returns (the line is appended at the end of the turn): a
// stamp taken at the end of the turn (older builds) carried the rest of the render's turn,
// tens of ms on a first frame, and under load could come after the screen the bench had
// already seen (docs/benchmarks.md, "The frame log's clock"). So a driver can pair each key with the first frame after it, and
// find the frame that first showed pods (or all of them) by what it showed, in one clock
// shared with the driver (test/bench/binary.ts).
// Off (the default) it costs nothing; on, one small synchronous write per key and per frame.
import { closeSync, openSync, writeSync } from 'node:fs';
import { monotonicMs } from './benchClock.js';

export interface FrameLog {
  /** Ink's onRender: a frame is about to be written; `pods` is how many it shows. */
  onRender: (pods?: number) => void;
  close: () => void;
}

/** The terminal's output stream as far as the log needs it: its write, which the log wraps while open. */
export interface FrameOutput {
  write(...args: unknown[]): boolean;
}

export interface KeyInput {
  prependListener(event: 'data', listener: (chunk: unknown) => void): unknown;
  off(event: 'data', listener: (chunk: unknown) => void): unknown;
}

export interface FrameLogStreams {
  stdout: FrameOutput;
  stdin?: KeyInput;
  /** ms on the monotonic clock (tests pin it). */
  now?: () => number;
}

export function openFrameLog(env: NodeJS.ProcessEnv, streams: FrameLogStreams): FrameLog | undefined {
  const path = env.PODSCOPE_FRAME_LOG;
  if (!path) return undefined;
  const fd = openSync(path, 'a');
  const now = streams.now ?? monotonicMs;
  const stamp = (what: 'key' | 'frame', at: number, pods?: number): void => {
    writeSync(fd, `${what} ${at.toFixed(2)}${pods === undefined ? '' : ` pods=${pods}`}\n`);
  };
  const onKey = (): void => stamp('key', now());
  streams.stdin?.prependListener('data', onKey);
  // The render whose writes are awaited: until the end of its turn.
  let rendering: { pods?: number; wroteAt?: number } | undefined;
  const { stdout } = streams;
  const write = stdout.write;
  const counted = function (this: unknown, ...args: unknown[]): boolean {
    const ok = write.apply(this, args);
    if (rendering) rendering.wroteAt = now();
    return ok;
  };
  stdout.write = counted;
  let open = true;
  return {
    onRender: (pods) => {
      const render: { pods?: number; wroteAt?: number } = { pods };
      rendering = render;
      queueMicrotask(() => {
        if (rendering === render) rendering = undefined;
        if (open && render.wroteAt !== undefined) stamp('frame', render.wroteAt, render.pods);
      });
    },
    close: () => {
      open = false;
      rendering = undefined;
      streams.stdin?.off('data', onKey);
      if (stdout.write === counted) stdout.write = write;
      closeSync(fd);
    },
  };
}

export interface FrameLogEntry {
  kind: 'key' | 'frame';
  /** As written: ms on the monotonic clock, or an older build's epoch ms (benchClock.onThisClock reads both). */
  at: number;
  /** How many pods the frame showed (absent in older builds' logs). */
  pods?: number;
}

/** A frame log's lines; a bare number (the log of older builds) is a frame. */
export function parseFrameLog(text: string): FrameLogEntry[] {
  const out: FrameLogEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^(?:(key|frame) )?(\d+(?:\.\d+)?)(?: pods=(\d+))?$/.exec(line.trim());
    if (!m) continue;
    const entry: FrameLogEntry = { kind: (m[1] as 'key' | 'frame' | undefined) ?? 'frame', at: Number(m[2]) };
    if (m[3] !== undefined) entry.pods = Number(m[3]);
    out.push(entry);
  }
  return out;
}
