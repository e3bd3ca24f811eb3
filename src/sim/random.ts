// Seeded randomness, so a scenario replays the same uids, names and IPs every run.

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'; // apiserver's generateName alphabet
const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const VARIANT_CODES = [...'89ab'].map((c) => c.charCodeAt(0));
const DASH = '-'.charCodeAt(0);
const FOUR = '4'.charCodeAt(0);

export class Random {
  private state: number;

  constructor(seed = 0x5eed) {
    this.state = seed >>> 0;
  }

  /** mulberry32: a float in [0, 1). */
  float(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** `length` lowercase hex digits, one float each, built as one flat string (not a rope of digits). */
  hex(length: number): string {
    const codes = new Array<number>(length);
    for (let i = 0; i < length; i++) codes[i] = HEX_CODES[this.int(16)]!;
    return String.fromCharCode(...codes);
  }

  /** A version-4-shaped UUID: 32 hex digits (digit 12 forced to 4), then one pick of the variant digit 16. */
  uuid(): string {
    const codes = new Array<number>(36);
    let at = 0;
    for (let i = 0; i < 32; i++) {
      if (i === 8 || i === 12 || i === 16 || i === 20) codes[at++] = DASH;
      codes[at++] = HEX_CODES[this.int(16)]!;
    }
    codes[14] = FOUR; // digit 12, after the first two dashes
    codes[19] = VARIANT_CODES[this.int(4)]!; // digit 16, after three dashes
    return String.fromCharCode(...codes);
  }

  /** The random part of a generateName (`web-7d4b9c6f5-x2k8p`). */
  suffix(length = 5): string {
    let out = '';
    for (let i = 0; i < length; i++) out += SUFFIX_ALPHABET[this.int(SUFFIX_ALPHABET.length)];
    return out;
  }
}
