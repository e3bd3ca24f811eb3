// A full sync through `sim serve` while 500 writes a second land on the server ends equal to
// the server's LIST, streamed (watch-list) and paged. Not timed; the 100k version runs in
// `npm run bench` (sync.* figures).
import { describe, expect, it } from 'vitest';
import { syncUnderWrites } from '../bench/syncUnderWrites.js';

describe('a 10k-pod sync under 500 writes/s', () => {
  for (const watchList of [true, false]) {
    it(`ends equal to the server's LIST (${watchList ? 'watch-list streaming' : 'paged LIST, then watch'})`, async () => {
      const r = await syncUnderWrites({ pods: 10_000, writesPerSecond: 500, watchList, timeoutMs: 60_000 });
      expect(r.differences).toEqual([]);
      expect(r.writes).toBeGreaterThan(250);
    }, 90_000);
  }
});
