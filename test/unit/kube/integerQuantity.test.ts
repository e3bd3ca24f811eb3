// The metrics poll's quick quantity reader (src/kube/integerQuantity.ts) against the exact
// parser (src/kube/quantity.ts): whatever it answers is the exact value, and it answers for
// every form metrics-server writes; a pod's usage is the same whichever path summed it.
import { describe, expect, it } from 'vitest';
import { ceilDivInteger, integerQuantity } from '../../../src/kube/integerQuantity.js';
import { podMetricsUsage } from '../../../src/kube/metricsColumns.js';
import type { PodMetricsUsage } from '../../../src/kube/metricsTypes.js';
import { quantityNanos, tryParseQuantity } from '../../../src/kube/quantity.js';

/** The quantity × 10^scale when it is a whole number, from the exact parser. */
function exactAt(q: string, scale: number): bigint | undefined {
  if (tryParseQuantity(q) === undefined) return undefined;
  const scaled = quantityNanos(q) * 10n ** BigInt(scale);
  return scaled % 1_000_000_000n === 0n ? scaled / 1_000_000_000n : undefined;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('integerQuantity', () => {
  it.each([
    ['123456789n', 9, 123456789],
    ['5m', 9, 5_000_000],
    ['5m', 3, 5],
    ['5m', 0, undefined], // 0.005: not whole
    ['5000m', 0, 5],
    ['2', 9, 2_000_000_000],
    ['53516Ki', 0, 53516 * 1024],
    ['1Mi', 0, 1024 * 1024],
    ['3Gi', 0, 3 * 1024 ** 3],
    ['1k', 0, 1000],
    ['7E', 0, 7e18 > Number.MAX_SAFE_INTEGER ? undefined : 7e18],
    ['0', 9, 0],
    ['0Ki', 0, 0],
    ['007', 0, 7],
    ['9007199254740991', 0, undefined], // 16 digits: left to the exact parser
    ['999999999999999', 0, 999_999_999_999_999],
    ['9999999999n', 9, 9_999_999_999],
    ['8Pi', 0, undefined], // past 2^53
    ['1.5', 3, undefined],
    ['-5m', 9, undefined],
    ['+5m', 9, undefined],
    [' 5m', 9, undefined],
    ['5e3', 0, undefined],
    ['Ki', 0, undefined],
    ['5Kb', 0, undefined],
    ['5mi', 0, undefined],
    ['5KiB', 0, undefined],
    ['', 0, undefined],
  ])('%j at scale %d is %s', (q, scale, expected) => {
    expect(integerQuantity(q, scale)).toBe(expected);
  });

  it('is the exact value whenever it answers, and answers for digits with one suffix', () => {
    const next = random(15);
    const suffixes = ['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'K', 'mi', 'e3', '.5', 'x'];
    let answered = 0;
    for (let i = 0; i < 20_000; i++) {
      const length = 1 + Math.floor(next() * 17);
      let digits = '';
      for (let d = 0; d < length; d++) digits += String(Math.floor(next() * 10));
      const q = digits + suffixes[Math.floor(next() * suffixes.length)]!;
      const scale = [0, 3, 9][Math.floor(next() * 3)]!;
      const quick = integerQuantity(q, scale);
      const exact = exactAt(q, scale);
      if (quick !== undefined) {
        answered++;
        expect(BigInt(quick), `${q} at ${scale}`).toBe(exact);
      } else if (exact !== undefined && exact <= BigInt(Number.MAX_SAFE_INTEGER) && length <= 15 && /^\d+(|[numkMGTPE]|[KMGTPE]i)$/.test(q)) {
        throw new Error(`${q} at ${scale} is ${exact} but was left to the exact parser`);
      }
    }
    expect(answered).toBeGreaterThan(3_000); // ~4,000 of these forms are whole and safe
  });

  it.each([
    [0, 1_000_000, 0],
    [1, 1_000_000, 1],
    [1_000_000, 1_000_000, 1],
    [1_000_001, 1_000_000, 2],
    [9_007_199_254_740_991, 1_000_000, 9_007_199_255],
  ])('⌈%d / %d⌉ is %d', (a, b, expected) => {
    expect(ceilDivInteger(a, b)).toBe(expected);
  });
});

describe('podMetricsUsage', () => {
  it('sums to what the exact parser sums, whichever quantities a pod has', () => {
    const next = random(4);
    const cpus = ['123456789n', '5m', '1', '0', '250u', '1.5', '2e-3', '9999999999999999n', 'bad', '3000000000'];
    const mems = ['53516Ki', '1Mi', '0', '1500m', '12345', '1e6', '8Ei', 'bad', '2Gi', '7'];
    for (let i = 0; i < 2_000; i++) {
      const containers = Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({ usage: { cpu: cpus[Math.floor(next() * cpus.length)]!, memory: mems[Math.floor(next() * mems.length)]! } }));
      const m: PodMetricsUsage = { containers };
      let cpu = 0n;
      let mem = 0n;
      for (const c of containers) {
        cpu += tryParseQuantity(c.usage.cpu) === undefined ? 0n : quantityNanos(c.usage.cpu);
        mem += tryParseQuantity(c.usage.memory) === undefined ? 0n : quantityNanos(c.usage.memory);
      }
      const up = (n: bigint, unit: bigint): number => Number(n <= 0n ? 0n : (n + unit - 1n) / unit);
      expect(podMetricsUsage(m), JSON.stringify(containers)).toEqual({ cpuMillis: up(cpu, 1_000_000n), memBytes: up(mem, 1_000_000_000n) });
    }
  });
});
