// A full sync through `sim serve` while 500 writes a second land on the server ends with the
// view built from the informer's deltas equal to the server's LIST, and no delta duplicated or
// out of order (test/bench/syncUnderWrites.ts). Not timed.
//
// Sizes, measured on the 2-core machine (docs/benchmarks.md, "Sync under writes at 100k"):
// - watch-list streaming at 100,000 pods, as the issue asks: 14 s in the suite at load 16–19,
//   51 s at load 16 before the wait compared only once deltas went quiet (store, server and
//   informer share this one process), so it fits the suite.
// - paged LIST at 10,000 pods with the server's watch history cut to 20 events: at 100k the
//   paged list took 73–79 s under load, longer than the default 20,000-event history lasts at
//   500 writes/s (40 s), so the watch after it gets 410 and relists — another 80 s and more,
//   several minutes in all, too long for the suite. The cut history takes the same path (list
//   outlives history, 410, relist under writes) at a tenth of the size, on any machine: a
//   10k list of 20 pages took 0.36 s here, 180 writes at 500/s (500 events were not enough
//   on a quiet machine). The test asserts the relist happened.
import { describe, expect, it } from 'vitest';
import { syncUnderWrites } from '../bench/syncUnderWrites.js';

describe('a sync under 500 writes/s ends equal to the server\'s LIST', () => {
  it('100k pods, watch-list streaming', async () => {
    const r = await syncUnderWrites({ pods: 100_000, writesPerSecond: 500, watchList: true, timeoutMs: 480_000 });
    expect({ differences: r.differences, anomalies: r.anomalies }).toEqual({ differences: [], anomalies: [] });
    expect(r.writes).toBeGreaterThan(250);
  }, 600_000);

  it('10k pods, paged LIST outliving a 20-event watch history, a relist, then watch', async () => {
    const r = await syncUnderWrites({ pods: 10_000, writesPerSecond: 500, watchList: false, historySize: 20, timeoutMs: 120_000 });
    expect({ differences: r.differences, anomalies: r.anomalies }).toEqual({ differences: [], anomalies: [] });
    expect(r.counters.relists).toBeGreaterThan(0);
    expect(r.writes).toBeGreaterThan(250);
  }, 180_000);
});
