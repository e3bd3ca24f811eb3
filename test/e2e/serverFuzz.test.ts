// Seeded fuzzing of `sim serve` with malformed-but-parseable requests (issue 12, item 15):
// no 5xx, every error a Status, the simulator's timers never fail, and it still serves.
import { afterEach, describe, expect, it } from 'vitest';
import { fuzzServer } from '../fuzz/serverFuzz.js';
import { Harness } from './helpers/serverHarness.js';
import { httpsCall } from './helpers/httpsCall.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('malformed requests', () => {
  it('get 4xx Status answers, never a 5xx, and leave the server serving', async () => {
    h = await Harness.start({ scenario: 'default' });
    const timerFailures: unknown[] = [];
    h.clock.onError = (e) => timerFailures.push(e);
    // PODSCOPE_FUZZ_INPUTS / PODSCOPE_FUZZ_SEED scale it up for docs/RELIABILITY.md.
    const r = await fuzzServer(h, Number(process.env.PODSCOPE_FUZZ_SEED ?? 7), Number(process.env.PODSCOPE_FUZZ_INPUTS ?? 400));
    if (process.env.PODSCOPE_FUZZ_INPUTS) console.log(JSON.stringify({ requests: r.requests, byCode: r.byCode, failures: r.failures.length }));
    expect(r.failures, JSON.stringify(r.failures, null, 1)).toEqual([]);
    expect(timerFailures.map(String)).toEqual([]);
    expect((await httpsCall(h, '/healthz', { token: null })).code).toBe(200);
    expect(Object.keys(r.byCode).length).toBeGreaterThan(3);
  }, 1_800_000);
});
