import { describe, expect, it } from 'vitest';
import {
  QuantityError,
  canonicalQuantity,
  compareQuantities,
  cpuMillis,
  formatQuantity,
  memoryBytes,
  parseQuantity,
  quantityNanos,
  scaledQuantityValue,
  toQuantity,
  tryParseQuantity,
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

describe('scaledQuantityValue (MilliValue/Value of a parsed quantity)', () => {
  it.each([
    ['0', 3, 0],
    ['100m', 3, 100],
    ['0.1n', 3, 1],
    ['1001u', 3, 2],
    ['-250u', 3, -1],
    ['128Mi', 0, 134217728],
    ['500m', 0, 1],
    ['-1m', 0, -1],
    ['1.5Ki', 0, 1536],
  ] as const)('%s at scale %d → %d', (text, scale, units) => {
    expect(scaledQuantityValue(toQuantity(text), scale)).toBe(units);
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

describe('toQuantity / tryParseQuantity (ParseQuantity: nanos and format)', () => {
  it.each([
    ['500m', 500_000_000n, 'DecimalSI'],
    ['2', 2_000_000_000n, 'DecimalSI'],
    ['1Ki', 1024n * 1_000_000_000n, 'BinarySI'],
    ['1e3', 1000n * 1_000_000_000n, 'DecimalExponent'],
    ['0.1n', 1n, 'DecimalSI'],
    ['-1n', -1n, 'DecimalSI'],
    // A binary amount strictly between -1 and 1 becomes DecimalSI; 0 keeps BinarySI.
    ['0.0001Ki', 102_400_000n, 'DecimalSI'],
    ['-0.5Ki', -512n * 1_000_000_000n, 'BinarySI'],
    ['0Mi', 0n, 'BinarySI'],
    [0.25, 250_000_000n, 'DecimalSI'],
  ] as const)('%j → %s nanos, %s', (text, nanos, format) => {
    expect(toQuantity(text)).toEqual({ nanos, format });
    expect(tryParseQuantity(text)).toEqual({ nanos, format });
  });

  it('toQuantity throws QuantityError where tryParseQuantity gives undefined', () => {
    expect(() => toQuantity('1ki')).toThrow(new QuantityError(`invalid quantity "1ki": ${SUFFIX}`));
    expect(tryParseQuantity('1ki')).toBeUndefined();
    expect(tryParseQuantity('lots')).toBeUndefined();
    expect(tryParseQuantity('')).toBeUndefined();
    expect(tryParseQuantity(Number.NaN)).toBeUndefined();
  });
});

describe('formatQuantity (Quantity.String)', () => {
  it.each([
    [0n, 'BinarySI', '0'],
    [1536n * 1_000_000_000n, 'BinarySI', '1536'],
    [2048n * 1_000_000_000n, 'BinarySI', '2Ki'],
    [1_500_000_000n, 'BinarySI', '1500m'],
    [-2048n * 1_000_000_000n, 'BinarySI', '-2Ki'],
    [1_000_000_000_000n, 'DecimalSI', '1k'],
    [-5_000_000n, 'DecimalSI', '-5m'],
    [1_000_000_000_000n, 'DecimalExponent', '1e3'],
    [1_000_000_000n, 'DecimalExponent', '1'],
    // 10^21 has no decimal suffix: Go prints the bare mantissa.
    [10n ** 30n, 'DecimalSI', '1'],
  ] as const)('%s nanos in %s → %s', (nanos, format, text) => {
    expect(formatQuantity({ nanos, format })).toBe(text);
  });
});

describe('canonicalQuantity (resource.Quantity.String after JSON decoding)', () => {
  const cases: [string | number, string][] = [
    ['100m', '100m'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1024Mi', '1Gi'],
    ['1Gi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['129M', '129M'],
    ['123Mi', '123Mi'],
    ['1e3', '1e3'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['0.1m', '100u'],
    ['1Ki', '1Ki'],
    ['1023Ki', '1023Ki'],
    ['512', '512'],
    ['1.5', '1500m'],
    ['0.0001', '100u'],
    ['0', '0'],
    ['0.5Ki', '512'],
    ['0.5Mi', '512Ki'],
    ['1n', '1n'],
    ['0.1n', '1n'],
    [2, '2'],
    [0.25, '250m'],
  ];
  it.each(cases)('%s → %s', (input, expected) => {
    expect(canonicalQuantity(input)).toBe(expected);
  });
  it('leaves an unparsable value as it is', () => {
    expect(canonicalQuantity('lots')).toBe('lots');
  });
});
