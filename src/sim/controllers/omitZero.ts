// Go's `json:",omitempty"` for int32 status fields: a zero count is absent on the wire.

export function omitZero<T extends object>(obj: T, keys: readonly (keyof T)[]): T {
  const out = { ...obj };
  for (const k of keys) if (out[k] === 0 || out[k] === undefined) delete out[k];
  return out;
}
