import { describe, expect, it } from 'vitest';
import { humanDuration, rfc3339, rfc3339Micro, shortHumanDuration, since } from '../../src/kube/duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('humanDuration (apimachinery HumanDuration)', () => {
  it.each([
    // below zero: a 2 s tolerance, then <invalid>
    [-2 * S, '<invalid>'],
    [-1999, '0s'], // truncates to -1 s
    [-1 * S, '0s'],
    [-1, '0s'],
    [0, '0s'],
    [999, '0s'],
    [1 * S, '1s'],
    // seconds up to 2 minutes
    [119 * S + 999, '119s'],
    [120 * S, '2m'],
    // minutes and seconds below 10 minutes
    [121 * S, '2m1s'],
    [3 * M + 20 * S, '3m20s'],
    [5 * M, '5m'],
    [9 * M + 59 * S, '9m59s'],
    // minutes only below 3 hours
    [10 * M, '10m'],
    [10 * M + 59 * S, '10m'],
    [179 * M + 59 * S, '179m'],
    // hours and minutes below 8 hours
    [3 * H, '3h'],
    [3 * H + 1 * M, '3h1m'],
    [7 * H + 5 * M, '7h5m'],
    [7 * H + 59 * M + 59 * S, '7h59m'],
    // hours only below 48 hours
    [8 * H, '8h'],
    [47 * H + 59 * M, '47h'],
    // days and hours below 8 days
    [48 * H, '2d'],
    [2 * D + 3 * H, '2d3h'],
    [7 * D + 23 * H + 59 * M, '7d23h'],
    // days only below 2 years
    [8 * D, '8d'],
    [8 * D + 23 * H, '8d'],
    [400 * D, '400d'],
    [2 * Y - 1, '729d'],
    // years and days below 8 years
    [2 * Y, '2y'],
    [2 * Y + 1 * D, '2y1d'],
    [7 * Y + 364 * D, '7y364d'],
    // years only after that
    [8 * Y, '8y'],
    [8 * Y + 100 * D, '8y'],
    [20 * Y, '20y'],
  ])('%i ms → %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe('shortHumanDuration (apimachinery ShortHumanDuration)', () => {
  it.each([
    [-2 * S, '<invalid>'],
    [-1 * S, '0s'],
    [0, '0s'],
    [59 * S + 999, '59s'],
    [60 * S, '1m'],
    [59 * M + 59 * S, '59m'],
    [60 * M, '1h'],
    [23 * H + 59 * M, '23h'],
    [24 * H, '1d'],
    [364 * D + 23 * H, '364d'],
    [365 * D, '1y'],
    [3 * Y + 200 * D, '3y'],
  ])('%i ms → %s', (ms, expected) => {
    expect(shortHumanDuration(ms)).toBe(expected);
  });
});

describe('since (translateTimestampSince)', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  it.each([
    [undefined, '<unknown>'],
    ['', '<unknown>'],
    ['not a time', '<unknown>'],
    ['2025-06-01T12:00:00Z', '0s'],
    ['2025-06-01T11:57:50Z', '2m10s'],
    ['2025-06-01T12:00:05Z', '<invalid>'],
    ['2025-05-30T09:00:00Z', '2d3h'],
  ])('%s → %s', (ts, expected) => {
    expect(since(ts, now)).toBe(expected);
  });
});

describe('RFC 3339 formatting', () => {
  it('rfc3339 drops the fraction (metav1.Time has whole seconds)', () => {
    expect(rfc3339(Date.parse('2025-06-01T12:00:00.999Z'))).toBe('2025-06-01T12:00:00Z');
    expect(rfc3339(Date.parse('2025-06-01T12:00:00Z'))).toBe('2025-06-01T12:00:00Z');
  });
  it('rfc3339Micro keeps six fraction digits (metav1.MicroTime)', () => {
    expect(rfc3339Micro(Date.parse('2025-06-01T12:00:00.123Z'))).toBe('2025-06-01T12:00:00.123000Z');
    expect(rfc3339Micro(Date.parse('2025-06-01T12:00:00Z'))).toBe('2025-06-01T12:00:00.000000Z');
  });
});
