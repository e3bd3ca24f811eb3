import { describe, expect, test } from 'vitest';
import { formatGoDuration, parseGoDuration } from '../../../src/kube/goDuration.js';

describe('parseGoDuration (time.ParseDuration)', () => {
  test.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['2m', 120_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['.5s', 500],
    ['+3s', 3000],
    ['1500us', 2],
    ['0', 0],
    [' 30s ', 30_000],
  ])('%j → %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  test.each(['', '10', '-1s', '1x', 'abc', '5x', '1m junk', 's', '1.s5'])('%j is not a duration', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});

describe('formatGoDuration (Duration.String)', () => {
  test.each([
    [0, '0s'],
    [393, '393ms'],
    [1234, '1.234s'],
    [10_000, '10s'],
    [300_000, '5m0s'],
    [3_723_000, '1h2m3s'],
    [-1500, '-1.5s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
  });
});
