// A new sort without the comparator: rows already in their identity order (the tie-breaker
// every order ends on) are stably sorted by one key per row, so rows with equal keys keep
// their identity order — exactly the order the comparator "key, then identity" gives.
// Keys become small unsigned integers (an integer's offset from the smallest, or its rank
// among the distinct values) and an LSD radix sort of 16-bit digits orders them in O(n).

const DIGIT_BITS = 16;
const DIGITS = 1 << DIGIT_BITS;

/** `rows` (in identity order) by `key` ascending, ties in identity order. A new array. */
export function orderByKey<R>(rows: readonly R[], key: (row: R) => number | string): R[] {
  const n = rows.length;
  if (n < 2) return rows.slice();
  const raw: (number | string)[] = new Array(n);
  let numbers = true;
  for (let i = 0; i < n; i++) {
    const v = key(rows[i]!);
    raw[i] = v;
    if (typeof v !== 'number') numbers = false;
  }
  const keys = numbers ? numberKeys(raw as number[]) : rankKeys(raw);
  return permute(rows, radixOrder(keys));
}

/** Integers within 2^32 of each other: their offset from the smallest; anything else: its rank. */
function numberKeys(values: number[]): Uint32Array {
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    if (!Number.isInteger(v)) integral = false;
  }
  if (!integral || max - min >= 2 ** 32) return rankKeys(values);
  const out = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! - min;
  return out;
}

/** Each value's rank among the distinct values, ordered as `<` orders them. */
function rankKeys(values: (number | string)[]): Uint32Array {
  const distinct = [...new Set(values)];
  distinct.sort((a, b) => (a < b ? -1 : b < a ? 1 : 0));
  const rank = new Map<number | string, number>();
  for (let i = 0; i < distinct.length; i++) rank.set(distinct[i]!, i);
  const out = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = rank.get(values[i]!)!;
  return out;
}

/** The indexes 0..n-1 stably ordered by `keys` (LSD radix, 16-bit digits; one pass when keys fit in 16 bits). */
function radixOrder(keys: Uint32Array): Uint32Array {
  const n = keys.length;
  let max = 0;
  for (let i = 0; i < n; i++) if (keys[i]! > max) max = keys[i]!;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let spare = new Uint32Array(n);
  const count = new Uint32Array(DIGITS + 1);
  for (let shift = 0; shift < 32 && (shift === 0 || max >>> shift > 0); shift += DIGIT_BITS) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((keys[order[i]!]! >>> shift) & (DIGITS - 1)) + 1]!++;
    for (let d = 0; d < DIGITS; d++) count[d + 1]! += count[d]!;
    for (let i = 0; i < n; i++) {
      const at = order[i]!;
      spare[count[(keys[at]! >>> shift) & (DIGITS - 1)]!++] = at;
    }
    [order, spare] = [spare, order];
  }
  return order;
}

function permute<R>(rows: readonly R[], order: Uint32Array): R[] {
  const out: R[] = new Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = rows[order[i]!]!;
  return out;
}
