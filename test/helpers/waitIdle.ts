// The one way tests wait for the app (or a source) to settle: turn the event loop until
// nothing is pending for a few turns in a row, and fail loudly, naming what is still
// pending, when it never settles. Never a blind sleep, never a silent give-up.
import type { Idleness } from '../../src/source/types.js';

export interface WaitIdleOptions {
  /** Quiet turns in a row that count as idle (Ink delivers a lone Esc one macrotask late). */
  quietTurns?: number;
  /** Turns before giving up with an error. */
  maxTurns?: number;
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

export async function waitIdle(target: Idleness, options: WaitIdleOptions = {}): Promise<void> {
  const quietTurns = options.quietTurns ?? 3;
  const maxTurns = options.maxTurns ?? 2000;
  let quiet = 0;
  let pending: readonly string[] = [];
  for (let i = 0; i < maxTurns; i++) {
    await turn();
    pending = target.pendingWork();
    quiet = pending.length > 0 ? 0 : quiet + 1;
    if (quiet >= quietTurns) return;
  }
  throw new Error(`not idle after ${maxTurns} event-loop turns; still pending: ${pending.join('; ') || '(nothing right now, but never quiet for long)'}`);
}
