// resource.Quantity as kubectl sees it after JSON decoding (apimachinery pkg/api/resource):
// parsed exactly, rounded up to nano units, and printed in canonical form ("1024Mi" → "1Gi",
// "0.5" → "500m", "1000m" → "1").

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value × 10^9, exact. */
  nanos: bigint;
  format: QuantityFormat;
}

const DECIMAL_SUFFIX: Record<string, number> = {
  n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18,
};
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX_BY_EXP = new Map(Object.entries(DECIMAL_SUFFIX).map(([s, e]) => [e, s]));
const BINARY_NAMES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const QUANTITY_RE = /^([+-]?)(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[+-]?\d*)$/;
const NANO = 1_000_000_000n;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Divide rounding away from zero (inf.RoundUp). */
function divRoundUp(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b === 0n ? q : a < 0n ? q - 1n : q + 1n;
}

export function parseQuantity(input: string | number): Quantity | undefined {
  const str = String(input).trim();
  const m = QUANTITY_RE.exec(str);
  if (!m || str.length === 0) return undefined;
  const [, sign, intPart = '', fracPart = '', suffix = ''] = m;
  let format: QuantityFormat;
  let base10 = 0;
  let base2 = 0;
  if (suffix in DECIMAL_SUFFIX) {
    format = 'DecimalSI';
    base10 = DECIMAL_SUFFIX[suffix]!;
  } else if (suffix in BINARY_SUFFIX) {
    format = 'BinarySI';
    base2 = BINARY_SUFFIX[suffix]!;
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    format = 'DecimalExponent';
    base10 = Number(suffix.slice(1));
  } else {
    return undefined;
  }
  // value = digits × 10^(base10 − frac digits) × 2^base2; keep it in nanos, rounding up.
  let num = BigInt((intPart || '0') + fracPart) * (1n << BigInt(base2));
  const exp = base10 - fracPart.length + 9;
  num = exp >= 0 ? num * pow10(exp) : divRoundUp(num, pow10(-exp));
  if (sign === '-') num = -num;
  if (format === 'BinarySI' && num > -NANO && num < NANO && num !== 0n) format = 'DecimalSI';
  return { nanos: num, format };
}

function decimalString(nanos: bigint, format: QuantityFormat): string {
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
  const suffix = DECIMAL_SUFFIX_BY_EXP.get(exponent);
  // Beyond E (10^18) Go finds no suffix and prints the bare mantissa.
  return `${mantissa}${suffix ?? ''}`;
}

/** Quantity.String(): the canonical form. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  if (q.format === 'BinarySI') {
    const inRange = q.nanos > -1024n * NANO && q.nanos < 1024n * NANO;
    if (!inRange && q.nanos % NANO === 0n) {
      let v = q.nanos / NANO;
      let k = 0;
      while (v % 1024n === 0n && k < BINARY_NAMES.length - 1) {
        v /= 1024n;
        k++;
      }
      return `${v}${BINARY_NAMES[k]}`;
    }
    return decimalString(q.nanos, 'DecimalSI');
  }
  return decimalString(q.nanos, q.format);
}

/** The canonical string for a wire quantity, or the input unchanged if it does not parse. */
export function canonicalQuantity(input: string | number): string {
  const q = parseQuantity(input);
  return q ? formatQuantity(q) : String(input);
}
