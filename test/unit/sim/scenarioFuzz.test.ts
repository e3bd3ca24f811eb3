// Seeded fuzzing of scenario files (issue 12, item 13): a small run in npm test; the bench runs more.
import { describe, expect, it } from 'vitest';
import { fuzzScenarios } from '../../fuzz/scenarioFuzz.js';

describe('malformed scenarios', () => {
  it('end in a loaded simulator or a file:line:col error, never another exception or a hang', () => {
    // PODSCOPE_FUZZ_INPUTS / PODSCOPE_FUZZ_SEED scale it up for docs/RELIABILITY.md.
    const r = fuzzScenarios(Number(process.env.PODSCOPE_FUZZ_SEED ?? 1), Number(process.env.PODSCOPE_FUZZ_INPUTS ?? 150));
    if (process.env.PODSCOPE_FUZZ_INPUTS) console.log(JSON.stringify({ scenarios: r.inputs, outcomes: r.outcomes, slowestMs: Math.round(r.slowestMs) }));
    expect(r.crashes, JSON.stringify(r.crashes.slice(0, 2), null, 1)).toEqual([]);
    expect(r.outcomes['scenario-error']).toBeGreaterThan(20);
    expect(r.slowestMs).toBeLessThan(5_000);
  }, 1_800_000);
});
