// A hidden instrumentation hook for `npm run bench`: with PODSCOPE_FRAME_LOG=PATH the TUI
// appends one line per frame Ink writes, the wall-clock time in epoch milliseconds (to
// 0.01 ms), so a driver that sends a key at a known time can tell when the answer was drawn.
// Off (the default) it costs nothing; on, one small synchronous write per frame (≤ 30/s).
import { closeSync, openSync, writeSync } from 'node:fs';

export interface FrameLog {
  onRender: () => void;
  close: () => void;
}

export function openFrameLog(env: NodeJS.ProcessEnv): FrameLog | undefined {
  const path = env.PODSCOPE_FRAME_LOG;
  if (!path) return undefined;
  const fd = openSync(path, 'a');
  return {
    onRender: () => {
      writeSync(fd, `${(performance.timeOrigin + performance.now()).toFixed(2)}\n`);
    },
    close: () => closeSync(fd),
  };
}
