// The quantities metrics-server writes ("123456789n" of CPU, "53516Ki" of memory) read without
// the exact parser's strings and BigInts: a metrics poll at 10k pods reads 40k of them, and the
// exact path made ~1.5 KB of garbage for each pod (docs/benchmarks.md, "Issue 15: memory per
// pod under 4 KB"). Only plain digits with one suffix are read here; anything else (a sign, a
// point, an exponent, whitespace, a value past 2^53) is undefined, and the caller falls back to
// src/kube/quantity.ts, which decides as apimachinery does.

const enum Char {
  Zero = 0x30,
  Nine = 0x39,
  i = 0x69,
}

/** 10^exp of the decimal SI suffixes by their letter's char code. */
const DECIMAL_EXPONENT = new Map<number, number>([
  [0x6e, -9], // n
  [0x75, -6], // u
  [0x6d, -3], // m
  [0x6b, 3], // k
  [0x4d, 6], // M
  [0x47, 9], // G
  [0x54, 12], // T
  [0x50, 15], // P
  [0x45, 18], // E
]);

/** 2^exp of the binary SI suffixes (Ki … Ei) by their first letter's char code. */
const BINARY_EXPONENT = new Map<number, number>([
  [0x4b, 10], // Ki
  [0x4d, 20], // Mi
  [0x47, 30], // Gi
  [0x54, 40], // Ti
  [0x50, 50], // Pi
  [0x45, 60], // Ei
]);

/** More digits than this may not be exact as a double. */
const MAX_DIGITS = 15;

/**
 * The quantity × 10^scale as an exact safe integer, when it is written as digits and at most
 * one SI suffix and that value is a whole number; otherwise undefined.
 * `integerQuantity("5m", 9)` is 5,000,000 (nanocores); `integerQuantity("53516Ki", 0)` is 54,800,384.
 */
export function integerQuantity(q: string, scale: number): number | undefined {
  const n = q.length;
  let digits = 0;
  let value = 0;
  while (digits < n) {
    const c = q.charCodeAt(digits);
    if (c < Char.Zero || c > Char.Nine) break;
    value = value * 10 + (c - Char.Zero);
    digits++;
  }
  if (digits === 0 || digits > MAX_DIGITS) return undefined;
  let exp10 = scale;
  let exp2 = 0;
  const suffix = n - digits;
  if (suffix === 1) {
    const e = DECIMAL_EXPONENT.get(q.charCodeAt(digits));
    if (e === undefined) return undefined;
    exp10 += e;
  } else if (suffix === 2) {
    const e = BINARY_EXPONENT.get(q.charCodeAt(digits));
    if (e === undefined || q.charCodeAt(digits + 1) !== Char.i) return undefined;
    exp2 = e;
  } else if (suffix !== 0) return undefined;
  if (exp10 < 0) {
    const divisor = 10 ** -exp10;
    if (value % divisor !== 0) return undefined;
    value /= divisor;
    exp10 = 0;
  }
  // Products of exact integers: past 2^53 the rounded result is not a safe integer either.
  const result = value * 10 ** exp10 * 2 ** exp2;
  return Number.isSafeInteger(result) ? result : undefined;
}

/** ⌈a / b⌉ of a non-negative safe integer a, exact (no float division of a large a). */
export function ceilDivInteger(a: number, b: number): number {
  const rest = a % b;
  return (a - rest) / b + (rest > 0 ? 1 : 0);
}
