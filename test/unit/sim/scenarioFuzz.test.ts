// Seeded fuzzing of scenario files (issue 12, item 13): a small run in npm test; the bench runs more.
import { describe, expect, it } from 'vitest';
import { fuzzScenarios } from '../../fuzz/scenarioFuzz.js';

describe('malformed scenarios', () => {
  it('end in a loaded simulator or a file:line:col error, never another exception or a hang', () => {
    const r = fuzzScenarios(1, 150);
    expect(r.crashes, JSON.stringify(r.crashes.slice(0, 2), null, 1)).toEqual([]);
    expect(r.outcomes['scenario-error']).toBeGreaterThan(20);
    expect(r.slowestMs).toBeLessThan(5_000);
  }, 120_000);
});
