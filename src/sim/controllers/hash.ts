// Names derived from a pod template: the pod-template-hash of a Deployment's ReplicaSets
// and the controller-revision-hash of StatefulSets and DaemonSets.
//
// Upstream (controller.ComputeHash) feeds a go-spew dump of the Go struct to FNV-32a, adds
// the collision count, and spells the decimal hash with rand.SafeEncodeString. A Go struct
// dump cannot be reproduced from JSON, so our hashes have the same shape and alphabet
// (digits mapped onto "bcdfghjklmnpqrstvwxz2456789", up to 10 characters) and are
// deterministic, but never equal to a real cluster's.

import { fnv32a } from '../../kube/fnv.js';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * JSON with object keys sorted, so equal templates give equal text. A member whose value is
 * null counts as absent, as it does once Go decodes it into a struct: kubectl's rollout undo
 * sends a template with `metadata.creationTimestamp: null`, and that template must still
 * equal (and hash like) the one it came from.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** rand.SafeEncodeString: each character picks a letter by its code point. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += SAFE_ALPHABET[ch.codePointAt(0)! % SAFE_ALPHABET.length];
  return out;
}

/** The hash of a template plus collision count, as ComputeHash shapes it. */
export function computeHash(template: unknown, collisionCount?: number): string {
  const text = new TextEncoder().encode(canonicalJson(template));
  let bytes = text;
  if (collisionCount !== undefined && collisionCount !== 0) {
    bytes = new Uint8Array(text.length + 4);
    bytes.set(text);
    new DataView(bytes.buffer).setUint32(text.length, collisionCount >>> 0, true);
  }
  return safeEncodeString(String(fnv32a(bytes)));
}
