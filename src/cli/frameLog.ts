// A hidden instrumentation hook for `npm run bench`: with PODSCOPE_FRAME_LOG=PATH the TUI
// appends one line per key input and per frame written, each with the wall-clock time in
// epoch milliseconds (to 0.01 ms):
//   key 1765000000123.45     bytes arrived from the terminal (before anything handles them)
//   frame 1765000000130.12   a frame is on its way to the terminal (stamped after Ink wrote it)
// Ink calls onRender for every render, also for one whose text equals the last and is not
// written: only renders that wrote bytes count as frames. So a driver can pair each key with
// the first frame after it, in the TUI's own clock (test/bench/binary.ts).
// Off (the default) it costs nothing; on, one small synchronous write per key and per frame.
import { closeSync, openSync, writeSync } from 'node:fs';

export interface FrameLog {
  onRender: () => void;
  close: () => void;
}

/** The output stream as far as the log needs it: how many bytes it has taken so far. */
export interface CountingOutput {
  readonly bytesWritten: number;
}

export interface KeyInput {
  prependListener(event: 'data', listener: (chunk: unknown) => void): unknown;
  off(event: 'data', listener: (chunk: unknown) => void): unknown;
}

export interface FrameLogStreams {
  stdout: CountingOutput;
  stdin?: KeyInput;
  /** Epoch milliseconds (tests pin it). */
  now?: () => number;
}

export function openFrameLog(env: NodeJS.ProcessEnv, streams: FrameLogStreams): FrameLog | undefined {
  const path = env.PODSCOPE_FRAME_LOG;
  if (!path) return undefined;
  const fd = openSync(path, 'a');
  const now = streams.now ?? (() => performance.timeOrigin + performance.now());
  const stamp = (what: 'key' | 'frame'): void => {
    writeSync(fd, `${what} ${now().toFixed(2)}\n`);
  };
  const onKey = (): void => stamp('key');
  streams.stdin?.prependListener('data', onKey);
  let open = true;
  return {
    // Ink calls this between drawing the frame's text and writing it: look once the write is done.
    onRender: () => {
      const before = streams.stdout.bytesWritten;
      queueMicrotask(() => {
        if (open && streams.stdout.bytesWritten > before) stamp('frame');
      });
    },
    close: () => {
      open = false;
      streams.stdin?.off('data', onKey);
      closeSync(fd);
    },
  };
}

export interface FrameLogEntry {
  kind: 'key' | 'frame';
  at: number;
}

/** A frame log's lines; a bare number (the log of older builds) is a frame. */
export function parseFrameLog(text: string): FrameLogEntry[] {
  const out: FrameLogEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^(?:(key|frame) )?(\d+(?:\.\d+)?)$/.exec(line.trim());
    if (m) out.push({ kind: (m[1] as 'key' | 'frame' | undefined) ?? 'frame', at: Number(m[2]) });
  }
  return out;
}
