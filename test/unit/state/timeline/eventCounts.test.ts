// A pod's recorded event counts (src/state/timeline/eventCounts.ts) answer as a Map would,
// below and past the number of events it holds in a flat array.
import { describe, expect, it } from 'vitest';
import { EventCounts } from '../../../../src/state/timeline/eventCounts.js';

describe('EventCounts', () => {
  it.each([0, 1, 5, 16, 17, 40])('answers as a Map with %d events, counts rewritten and read back', (events) => {
    const counts = new EventCounts();
    const reference = new Map<string, number>();
    for (let round = 1; round <= 3; round++) {
      for (let i = 0; i < events; i++) {
        const key = `uid-${i}`;
        counts.set(key, round * (i + 1));
        reference.set(key, round * (i + 1));
      }
      for (let i = 0; i <= events; i++) {
        expect(counts.get(`uid-${i}`)).toBe(reference.get(`uid-${i}`));
        expect(counts.has(`uid-${i}`)).toBe(reference.has(`uid-${i}`));
      }
    }
    expect(counts.get('never')).toBeUndefined();
  });
});
