// Go's time.RFC1123Z layout, "Mon, 02 Jan 2006 15:04:05 -0700", as describe prints timestamps.

/** Minutes east of UTC at an instant (e.g. +120 for CEST). */
export type ZoneOffset = (ms: number) => number;

/** The process's local zone, as Go's time.Local (honours TZ). */
export const localZone: ZoneOffset = (ms) => -new Date(ms).getTimezoneOffset();
export const utcZone: ZoneOffset = () => 0;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * metav1.Time's zero value (an unset field) is UTC year 1; parsed times are converted to local.
 * Both cases print through here.
 */
export const ZERO_TIME_RFC1123Z = 'Mon, 01 Jan 0001 00:00:00 +0000';

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

export function formatRFC1123Z(ms: number, zone: ZoneOffset): string {
  const offset = zone(ms);
  const d = new Date(ms + offset * 60_000);
  const abs = Math.abs(offset);
  const sign = offset < 0 ? '-' : '+';
  const year = d.getUTCFullYear();
  return (
    `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ` +
    `${String(year).padStart(4, '0')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:` +
    `${two(d.getUTCSeconds())} ${sign}${two(Math.floor(abs / 60))}${two(abs % 60)}`
  );
}

/** A wire timestamp (RFC 3339) in RFC1123Z; unset or unparsable prints Go's zero time. */
export function formatTimestamp(timestamp: string | undefined, zone: ZoneOffset): string {
  if (!timestamp) return ZERO_TIME_RFC1123Z;
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return ZERO_TIME_RFC1123Z;
  return formatRFC1123Z(ms, zone);
}
