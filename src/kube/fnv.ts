// FNV-1a and FNV-1, 32 bits (Go's hash/fnv New32a, New32): the hash behind pod-template-hash and the
// simulator's stable per-name numbers (image pull times, machine ids).

export const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** One FNV-1a step: xor the unit in, multiply by the prime (mod 2^32). */
export function fnv32aStep(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, FNV32_PRIME) >>> 0;
}

/** FNV-1a over bytes. */
export function fnv32a(bytes: Uint8Array, hash = FNV32_OFFSET): number {
  let h = hash;
  for (const b of bytes) h = fnv32aStep(h, b);
  return h;
}

/** FNV-1a over a string's UTF-16 code units (not its UTF-8 bytes), continuing from `hash`. */
export function fnv32aText(text: string, hash = FNV32_OFFSET): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = fnv32aStep(h, text.charCodeAt(i));
  return h;
}

/** FNV-1 over bytes (Go's hash/fnv New32): multiply, then xor — the hash behind ControllerRevision names. */
export function fnv32(bytes: Uint8Array, hash = FNV32_OFFSET): number {
  let h = hash;
  for (const b of bytes) h = (Math.imul(h, FNV32_PRIME) ^ b) >>> 0;
  return h;
}
