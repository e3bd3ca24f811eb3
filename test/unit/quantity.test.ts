import { describe, expect, it } from 'vitest';
import {
  QuantityError,
  compareQuantities,
  cpuMillis,
  memoryBytes,
  parseQuantity,
  quantityNanos,
} from '../../src/kube/quantity.js';

const FORMAT =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const SUFFIX = "unable to parse quantity's suffix";

describe('parseQuantity', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    ['100', 100],
    ['007', 7],
    ['500m', 0.5],
    ['250u', 0.00025],
    ['5n', 5e-9],
    ['1k', 1000],
    ['1M', 1e6],
    ['3G', 3e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['2E', 2e18],
    ['1Ki', 1024],
    ['128Mi', 134217728],
    ['1.5Gi', 1610612736],
    ['1Ti', 2 ** 40],
    ['1Pi', 2 ** 50],
    ['1Ei', 2 ** 60],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1e+3', 1000],
    ['1E-3', 0.001],
    ['1.G', 1e9],
    ['.5', 0.5],
    ['.', 0],
    ['+5', 5],
    ['-5m', -0.005],
    ['-0', 0],
    [' 2 ', 2],
    ['0.1', 0.1],
  ])('%j → %d', (text, value) => {
    expect(parseQuantity(text)).toBe(value);
  });

  it('passes numbers through (JSON may carry a bare number)', () => {
    expect(parseQuantity(2)).toBe(2);
    expect(parseQuantity(0.25)).toBe(0.25);
  });

  it.each([
    ['', FORMAT],
    ['abc', FORMAT],
    ['1x', FORMAT],
    ['1.2.3', FORMAT],
    ['1 Gi', FORMAT],
    ['1ki', SUFFIX],
    ['1e', SUFFIX],
    ['1m5', SUFFIX],
    ['1Gi2', SUFFIX],
    ['--1', SUFFIX],
  ])('%j is refused: %s', (text, why) => {
    expect(() => parseQuantity(text)).toThrow(new QuantityError(`invalid quantity ${JSON.stringify(text)}: ${why}`));
    expect(() => parseQuantity(text)).toThrow(QuantityError);
  });

  it('refuses non-finite numbers and absurd exponents', () => {
    expect(() => parseQuantity(Number.NaN)).toThrow('invalid quantity NaN: not a finite number');
    expect(() => parseQuantity('1e99999')).toThrow('invalid quantity "1e99999": exponent out of range');
  });
});

describe('cpuMillis (MilliValue, rounding up away from zero)', () => {
  it.each([
    [undefined, 0],
    ['0', 0],
    ['100m', 100],
    ['0.1', 100],
    ['0.3', 300],
    ['1', 1000],
    ['1.5', 1500],
    ['2', 2000],
    [2, 2000],
    [0.1, 100],
    ['250u', 1],
    ['1n', 1],
    ['1001u', 2],
    ['-1m', -1],
    ['-250u', -1],
    ['1k', 1_000_000],
  ])('%j → %d', (q, millis) => {
    expect(cpuMillis(q)).toBe(millis);
  });
});

describe('memoryBytes (Value, rounding up)', () => {
  it.each([
    [undefined, 0],
    ['128Mi', 134217728],
    ['1G', 1e9],
    ['1.5Ki', 1536],
    ['500m', 1],
    ['1e3', 1000],
    ['64', 64],
    [1024, 1024],
  ])('%j → %d', (q, bytes) => {
    expect(memoryBytes(q)).toBe(bytes);
  });
});

describe('exact comparison', () => {
  it('keeps nano precision as a bigint', () => {
    expect(quantityNanos('1m')).toBe(1_000_000n);
    expect(quantityNanos('1Gi')).toBe(1073741824n * 1_000_000_000n);
    expect(quantityNanos('0.1')).toBe(100_000_000n);
  });
  it.each([
    ['1', '1000m', 0],
    ['0.1', '100m', 0],
    ['1Gi', '1073741824', 0],
    ['1Gi', '1G', 1],
    ['999m', '1', -1],
  ] as const)('%s vs %s → %d', (a, b, c) => {
    expect(compareQuantities(a, b)).toBe(c);
  });
});
