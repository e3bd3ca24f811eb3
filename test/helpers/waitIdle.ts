// The one way tests wait for the app (or a source) to settle: turn the event loop until
// nothing is pending for a few turns in a row, and fail loudly, naming what is still
// pending, when it never settles. Never a blind sleep, never a silent give-up.
import type { Idleness } from '../../src/source/types.js';

export interface WaitIdleOptions {
  /** Quiet turns in a row that count as idle (Ink delivers a lone Esc one macrotask late). */
  quietTurns?: number;
  /** Real milliseconds before giving up with an error (a live source flushes on real timers). */
  timeoutMs?: number;
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

export async function waitIdle(target: Idleness, options: WaitIdleOptions = {}): Promise<void> {
  const quietTurns = options.quietTurns ?? 3;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = performance.now() + timeoutMs;
  let quiet = 0;
  let pending: readonly string[] = [];
  for (let turns = 0; ; turns++) {
    await turn();
    pending = target.pendingWork();
    quiet = pending.length > 0 ? 0 : quiet + 1;
    if (quiet >= quietTurns) return;
    if (performance.now() > deadline) {
      throw new Error(`not idle after ${timeoutMs} ms (${turns + 1} event-loop turns); still pending: ${pending.join('; ') || '(nothing right now, but never quiet for long)'}`);
    }
  }
}
