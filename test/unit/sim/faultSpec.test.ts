// The `sim serve --faults` language: what parses to what, and the words for what does not.
import { describe, expect, it } from 'vitest';
import { FaultSpecError, parseFaultDuration, parseFaultSpec, type FaultSpec } from '../../../src/sim/server/faultSpec.js';

describe('parseFaultSpec', () => {
  it.each<[string, Partial<FaultSpec>]>([
    ['error=5%:503', { seed: 1, errors: [{ code: 503, share: 0.05 }] }],
    ['seed=7, error=1%:500, error=2.5%:429', { seed: 7, errors: [{ code: 500, share: 0.01 }, { code: 429, share: 0.025 }] }],
    ['latency=200ms', { errors: [], latencyMs: { min: 200, max: 200 } }],
    ['latency=100ms..1s', { errors: [], latencyMs: { min: 100, max: 1000 } }],
    ['hang=2%:10s', { errors: [], hang: { share: 0.02, ms: 10_000 } }],
    ['cut-list=10%', { errors: [], cutListShare: 0.1 }],
    ['drop-watch=30s,malformed-watch=1m,expire-watch=1m30s,restart=1h', { errors: [], dropWatchEveryMs: 30_000, malformedWatchEveryMs: 60_000, expireWatchEveryMs: 90_000, restartEveryMs: 3_600_000 }],
  ])('%s', (text, expected) => {
    expect(parseFaultSpec(text)).toMatchObject(expected);
  });

  it.each([
    ['', 'the fault spec is empty (example: error=5%:503,drop-watch=30s)'],
    ['boom', '"boom" is not name=value (rules: seed, error, latency, hang, cut-list, drop-watch, malformed-watch, expire-watch, restart)'],
    ['explode=1', 'unknown fault "explode" (rules: seed, error, latency, hang, cut-list, drop-watch, malformed-watch, expire-watch, restart)'],
    ['error=5%', 'error: expected P%:CODE (for example 5%:503), got "5%"'],
    ['error=5%:404', 'error: the code must be 500, 429 or 503, got "404"'],
    ['error=five:500', 'error: "five" is not a percentage (use 5% or 0.5%)'],
    ['error=150%:500', 'error: a share cannot exceed 100%, got 150%'],
    ['error=60%:500,error=50%:503', 'error: the shares add up to more than 100% (110%)'],
    ['error=1%:500,error=2%:500', 'error is given twice for code 500'],
    ['drop-watch=30', 'drop-watch: "30" is not a duration (use 500ms, 10s, 2m, 1h)'],
    ['drop-watch=0s', 'drop-watch: the duration must be at least 1ms, got "0s"'],
    ['latency=1s..100ms', 'latency: the range 1s..100ms ends before it starts'],
    ['seed=-1', 'seed: "-1" is not a non-negative integer'],
    ['restart=1m,restart=2m', 'restart is given twice'],
  ])('refuses %j', (text, message) => {
    expect(() => parseFaultSpec(text)).toThrow(new FaultSpecError(message));
  });

  it('reads Go-style durations', () => {
    expect(parseFaultDuration('1m30s', 'x')).toBe(90_000);
    expect(parseFaultDuration('250ms', 'x')).toBe(250);
    expect(parseFaultDuration('1.5s', 'x')).toBe(1500);
  });
});
