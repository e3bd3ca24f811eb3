// A hidden instrumentation hook for `npm run bench`: with PODSCOPE_START_TRACE=PATH the TUI
// appends `PHASE MS CPU_MS` lines (MS: on the machine's monotonic clock, src/cli/benchClock.ts;
// CPU: the process's user+system time so far, which a loaded machine stretches far less than
// wall time) as its start-up passes each phase — `start` (the process
// began), `main` (the bundle has run), `connected` (the source answered), `pods` (the first
// batch of pods arrived), `ui` (the UI's modules loaded), `frame` (Ink wrote its first frame), `rows` (the first frame with pods) —
// so a driver can tell where the time to the first rows went. A phase may add a word after the
// CPU (`ui` says whether V8 took the TUI chunk's code cache: `code-cache=accepted`). Off (the
// default) it costs nothing.
import { appendFileSync } from 'node:fs';
import { monotonicMs, processStartMs } from './benchClock.js';

export type StartPhase = 'start' | 'main' | 'connected' | 'pods' | 'ui' | 'frame' | 'rows';

export type StartTrace = (phase: StartPhase, note?: string) => void;

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export function openStartTrace(env: NodeJS.ProcessEnv): StartTrace | undefined {
  const path = env.PODSCOPE_START_TRACE;
  if (!path) return undefined;
  const seen = new Set<StartPhase>();
  const mark: StartTrace = (phase, note) => {
    if (seen.has(phase)) return;
    seen.add(phase);
    const cpu = phase === 'start' ? 0 : cpuMs();
    appendFileSync(path, `${phase} ${(phase === 'start' ? processStartMs() : monotonicMs()).toFixed(2)} ${cpu.toFixed(1)}${note ? ` ${note}` : ''}\n`);
  };
  mark('start');
  return mark;
}
