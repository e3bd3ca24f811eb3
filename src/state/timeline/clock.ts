// Times on a timeline: the wall clock (UTC, as the API's timestamps) and the offset from the
// first entry, in the short Go-like form `+1m10s`.

/** `12:03:04` (UTC). */
export function clockText(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** `2026-01-01` (UTC): the day the timeline starts on. */
export function dayText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `0s`, `45s`, `1m10s`, `2m`, `1h0m5s`: whole seconds (truncated), zero units left out at the end. */
export function spanText(ms: number): string {
  const total = Math.max(0, Math.trunc(ms / 1000));
  const h = Math.trunc(total / 3600);
  const m = Math.trunc((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${m}m${s > 0 ? `${s}s` : ''}`;
  if (m > 0) return `${m}m${s > 0 ? `${s}s` : ''}`;
  return `${s}s`;
}
