// The clock header's format and the live source's model of it, on injected wall times.
import { describe, expect, it } from 'vitest';
import { formatSimClock, parseSimClock } from '../../../src/kube/simClockHeader.js';
import { readSimClock } from '../../../src/source/kube/simClock.js';

describe('X-Podscope-Sim-Clock', () => {
  it('round-trips now, speed and a scenario name that needs escaping', () => {
    const value = formatSimClock({ nowMs: 1_700_000_000_123, speed: 2.5, scenario: 'my file; v=2.yaml' });
    expect(value).toBe('now=1700000000123; speed=2.5; scenario=my%20file%3B%20v%3D2.yaml');
    expect(parseSimClock(value)).toEqual({ nowMs: 1_700_000_000_123, speed: 2.5, scenario: 'my file; v=2.yaml' });
  });

  it('rejects values that are not a stamp', () => {
    expect(parseSimClock('')).toBeUndefined();
    expect(parseSimClock('now=abc; speed=1')).toBeUndefined();
    expect(parseSimClock('now=100; speed=0')).toBeUndefined();
    expect(parseSimClock('now=100; speed=-2')).toBeUndefined();
    expect(parseSimClock('speed=1')).toBeUndefined();
    expect(parseSimClock('now=100; speed=1; scenario=%E0')).toEqual({ nowMs: 100, speed: 1, scenario: '' });
  });
});

describe('readSimClock', () => {
  it('is absent without a header: the source keeps the wall clock', () => {
    expect(readSimClock(undefined, 0, 10)).toBeUndefined();
    expect(readSimClock('garbage', 0, 10)).toBeUndefined();
  });

  it('places the stamp at the round trip midpoint and runs it forward at the speed', () => {
    // Sent at wall 1000, answered at 1040: the server stamped 50_000 at about wall 1020.
    const clock = readSimClock('now=50000; speed=20; scenario=default', 1000, 1040)!;
    expect(clock.speed).toBe(20);
    expect(clock.scenario).toBe('default');
    expect(clock.now(1020)).toBe(50_000);
    expect(clock.now(1040)).toBe(50_400);
    expect(clock.now(2020)).toBe(70_000);
  });
});
