// The bench hooks' clock: the machine's monotonic clock, read back on a driver's own
// performance.timeOrigin + performance.now() by a fixed offset.
import { describe, expect, it } from 'vitest';
import { monotonicMs, onThisClock, processStartMs } from '../../../src/cli/benchClock.js';

describe('bench clock', () => {
  it('puts a monotonic stamp on this process’s performance clock', () => {
    const stamp = monotonicMs();
    const here = performance.timeOrigin + performance.now();
    expect(Math.abs(onThisClock(stamp) - here)).toBeLessThan(5);
  });

  it('keeps an older build’s epoch stamp as it is', () => {
    const epoch = performance.timeOrigin + performance.now();
    expect(onThisClock(epoch)).toBe(epoch);
  });

  it("puts this process's start where performance.now() counts from", () => {
    expect(onThisClock(processStartMs())).toBeCloseTo(performance.timeOrigin, 0);
    expect(processStartMs()).toBeLessThan(monotonicMs());
  });
});
