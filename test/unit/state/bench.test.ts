import { expect, it } from 'vitest';
import { benchState } from '../../bench/state.js';

it('benchState measures a 100k-pod table', async () => {
  const r = await benchState(100_000);
  console.log(JSON.stringify(r));
  expect(r.pods).toBe(100_000);
  // The wall-clock ceilings live in `npm run bench` (test/bench/ceilings.ts): timing on a
  // loaded machine does not belong in the unit suite.
  expect(r.modifyOneMs).toBeGreaterThanOrEqual(0);
  expect(r.frameMs).toBeGreaterThanOrEqual(0);
});
