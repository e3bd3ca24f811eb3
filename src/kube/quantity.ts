// resource.Quantity (apimachinery pkg/api/resource/quantity.go): the parse rules, the
// rounding of MilliValue/Value, and String()'s canonical form ("1024Mi" → "1Gi",
// "0.5" → "500m"). Values are split into an exact decimal mantissa, a power of ten and a
// power of two, so `0.1` CPU is exactly 100 millicores, not 100.00000000000001.

export class QuantityError extends Error {
  override name = 'QuantityError';
}

/** apimachinery's ErrFormatWrong text. */
const FORMAT_WRONG =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** apimachinery's ErrSuffix text. */
const SUFFIX_WRONG = "unable to parse quantity's suffix";

/** The suffix family a quantity was written in; String() prints it back in the same one. */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** A parsed quantity as the apiserver keeps it: rounded up to nano units. */
export interface Quantity {
  /** The value × 10^9, exact. */
  nanos: bigint;
  format: QuantityFormat;
}

interface QuantityParts {
  negative: boolean;
  format: QuantityFormat;
  /** Decimal digits without a point or leading zeros ('0' for zero). */
  digits: string;
  /** value = digits × 10^exp10 × 2^exp2 */
  exp10: number;
  exp2: number;
}

const DECIMAL_SI: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SI: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX_BY_EXPONENT = new Map(Object.entries(DECIMAL_SI).map(([suffix, exp]) => [exp, suffix]));
const BINARY_SUFFIXES_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const NANO = 1_000_000_000n;
const SUFFIX_LETTERS = 'eEinumkKMGTP';
const MAX_EXPONENT = 400;

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function fail(input: string, why: string): never {
  throw new QuantityError(`invalid quantity ${JSON.stringify(input)}: ${why}`);
}

/** Splits like parseQuantityString: sign, integer part, fraction, then the suffix. */
function splitQuantity(str: string): { negative: boolean; whole: string; fraction: string; suffix: string } {
  let pos = 0;
  const end = str.length;
  let negative = false;
  if (str[0] === '-') {
    negative = true;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  const wholeStart = pos;
  while (pos < end && isDigit(str[pos])) pos++;
  const whole = str.slice(wholeStart, pos);
  let fraction = '';
  if (str[pos] === '.') {
    pos++;
    const fracStart = pos;
    while (pos < end && isDigit(str[pos])) pos++;
    fraction = str.slice(fracStart, pos);
  }
  const suffixStart = pos;
  while (pos < end && SUFFIX_LETTERS.includes(str[pos]!)) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) fail(str, FORMAT_WRONG);
  return { negative, whole, fraction, suffix: str.slice(suffixStart) };
}

function interpretSuffix(str: string, suffix: string): { exp10: number; exp2: number; format: QuantityFormat } {
  const decimal = DECIMAL_SI[suffix];
  if (decimal !== undefined) return { exp10: decimal, exp2: 0, format: 'DecimalSI' };
  const binary = BINARY_SI[suffix];
  if (binary !== undefined) return { exp10: 0, exp2: binary, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    return { exp10: Number(suffix.slice(1)), exp2: 0, format: 'DecimalExponent' };
  }
  return fail(str, SUFFIX_WRONG);
}

function quantityParts(q: string | number): QuantityParts {
  if (typeof q === 'number') {
    if (!Number.isFinite(q)) throw new QuantityError(`invalid quantity ${q}: not a finite number`);
    return quantityParts(q.toString());
  }
  const str = q.trim();
  if (str.length === 0) fail(q, FORMAT_WRONG);
  const { negative, whole, fraction, suffix } = splitQuantity(str);
  const { exp10, exp2, format } = interpretSuffix(str, suffix);
  const digits = (whole + fraction).replace(/^0+/, '') || '0';
  // Far beyond any real resource amount; refused so BigInt powers stay small.
  if (Math.abs(exp10) > MAX_EXPONENT) fail(str, 'exponent out of range');
  return { negative, format, digits, exp10: exp10 - fraction.length, exp2 };
}

/** The exact value as a number: "500m" → 0.5, "128Mi" → 134217728, "1e3" → 1000. */
export function parseQuantity(q: string | number): number {
  if (typeof q === 'number') {
    if (!Number.isFinite(q)) throw new QuantityError(`invalid quantity ${q}: not a finite number`);
    return q;
  }
  const p = quantityParts(q);
  const magnitude = Number(`${p.digits}e${p.exp10}`) * 2 ** p.exp2;
  return p.negative && magnitude !== 0 ? -magnitude : magnitude;
}

/** value × 10^scale as an integer, rounded away from zero like Quantity.ScaledValue. */
function scaledValue(p: QuantityParts, scale: number): bigint {
  const numerator = BigInt(p.digits) * 2n ** BigInt(p.exp2);
  const shift = p.exp10 + scale;
  let result: bigint;
  if (shift >= 0) {
    result = numerator * 10n ** BigInt(shift);
  } else {
    const denominator = 10n ** BigInt(-shift);
    result = numerator / denominator;
    if (result * denominator !== numerator) result += 1n;
  }
  return p.negative ? -result : result;
}

/** Quantity.MilliValue as a number: "100m" → 100, "0.1" → 100, "1" → 1000; 0 when undefined. */
export function cpuMillis(q: string | number | undefined): number {
  if (q === undefined) return 0;
  return scaledQuantityValue(toQuantity(q), 3);
}

/** Quantity.Value (whole units, rounded up) as a number: "128Mi" → 134217728; 0 when undefined. */
export function memoryBytes(q: string | number | undefined): number {
  if (q === undefined) return 0;
  return scaledQuantityValue(toQuantity(q), 0);
}

/**
 * Quantity.MilliValue (scale 3) or Value (scale 0) of a parsed quantity, rounded away from
 * zero. Rounding the already rounded-up nanos again gives the same result as rounding the
 * exact value once.
 */
export function scaledQuantityValue(q: Quantity, scale: 0 | 3): number {
  const unit = 10n ** BigInt(9 - scale);
  const magnitude = q.nanos < 0n ? -q.nanos : q.nanos;
  const units = (magnitude + unit - 1n) / unit;
  return Number(q.nanos < 0n ? -units : units);
}

/**
 * The quantity in nano units, exact: the finest precision the apiserver keeps (it rounds
 * anything smaller up to 1n). Use this to add and compare quantities without float error.
 */
export function quantityNanos(q: string | number): bigint {
  return scaledValue(quantityParts(q), 9);
}

/** ParseQuantity: the nano value and the format String() will print it in. Throws QuantityError. */
export function toQuantity(q: string | number): Quantity {
  const parts = quantityParts(q);
  const nanos = scaledValue(parts, 9);
  // ParseQuantity switches a binary amount strictly between -1 and 1 to DecimalSI, so a
  // fraction such as "0.0001Ki" keeps m/u/n suffixes when printed.
  const belowOne = nanos > -NANO && nanos < NANO && nanos !== 0n;
  return { nanos, format: parts.format === 'BinarySI' && belowOne ? 'DecimalSI' : parts.format };
}

/** Like toQuantity, but undefined instead of an error for text that is not a quantity. */
export function tryParseQuantity(q: string | number): Quantity | undefined {
  try {
    return toQuantity(q);
  } catch (err) {
    if (err instanceof QuantityError) return undefined;
    throw err;
  }
}

/** Quantity.Cmp: -1, 0 or 1. */
export function compareQuantities(a: string | number, b: string | number): -1 | 0 | 1 {
  const x = quantityNanos(a);
  const y = quantityNanos(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Mantissa with an exponent that is a multiple of 3, printed with a decimal suffix or as e<exp>. */
function decimalString(nanos: bigint, format: 'DecimalSI' | 'DecimalExponent'): string {
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  while (((exponent % 3) + 3) % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  // Beyond E (10^18) Go finds no suffix and prints the bare mantissa.
  return `${mantissa}${DECIMAL_SUFFIX_BY_EXPONENT.get(exponent) ?? ''}`;
}

/** Quantity.String(): the canonical form. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  if (q.format !== 'BinarySI') return decimalString(q.nanos, q.format);
  // Binary suffixes only for whole numbers of at least 1Ki; anything else prints as DecimalSI.
  const belowKi = q.nanos > -1024n * NANO && q.nanos < 1024n * NANO;
  if (belowKi || q.nanos % NANO !== 0n) return decimalString(q.nanos, 'DecimalSI');
  let units = q.nanos / NANO;
  let power = 0;
  while (units % 1024n === 0n && power < BINARY_SUFFIXES_BY_POWER.length - 1) {
    units /= 1024n;
    power++;
  }
  return `${units}${BINARY_SUFFIXES_BY_POWER[power]}`;
}

/** The canonical string for a wire quantity ("1024Mi" → "1Gi"), or the input unchanged if it does not parse. */
export function canonicalQuantity(q: string | number): string {
  const parsed = tryParseQuantity(q);
  return parsed ? formatQuantity(parsed) : String(q);
}
