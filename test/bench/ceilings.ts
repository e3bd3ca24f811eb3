// Wall-clock ceilings, checked by `npm run bench` (never by the unit suite, where a loaded
// machine would make them flaky). Generous: they catch an O(n) frame or keystroke, not noise.
import type { benchState } from './state.js';

type StateResult = Awaited<ReturnType<typeof benchState>>;

const STATE_CEILINGS = { modifyOneMs: 50, frameMs: 250 } as const;

/** The ceilings a state benchmark broke, as sentences; empty when within them. */
export function stateCeilingViolations(r: StateResult): string[] {
  const out: string[] = [];
  for (const [key, limit] of Object.entries(STATE_CEILINGS) as [keyof typeof STATE_CEILINGS, number][]) {
    if (!(r[key] < limit)) out.push(`state.${key} = ${r[key]} ms, ceiling ${limit} ms`);
  }
  return out;
}
