import { expect, it } from 'vitest';
import { benchState } from '../../bench/state.js';

it('benchState measures a 100k-pod table and keeps a frame cheap', async () => {
  const r = await benchState(100_000);
  console.log(JSON.stringify(r));
  expect(r.pods).toBe(100_000);
  // Generous ceilings: they catch an O(n) frame or keystroke, not machine noise.
  expect(r.modifyOneMs).toBeLessThan(50);
  expect(r.frameMs).toBeLessThan(250);
});
