// kubectl's duration strings (apimachinery pkg/util/duration). All values truncate.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** HumanDuration: the AGE column, describe's event ages, `(2m10s ago)`. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = Math.trunc(ms / SECOND) % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const days = Math.trunc(hours / 24);
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const years = Math.trunc(hours / 24 / 365);
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** ShortHumanDuration: one unit only. */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(ms / DAY)}d`;
  return `${Math.trunc(ms / YEAR)}y`;
}

/** translateTimestampSince: `<unknown>` for an unset time, else HumanDuration since it. */
export function since(timestamp: string | undefined, nowMs: number): string {
  if (!timestamp) return '<unknown>';
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(nowMs - t);
}

let cachedSecond = Number.NaN;
let cachedText = '';

/** RFC 3339 with whole seconds, as metav1.Time marshals. Memoised per second: the simulator stamps thousands of objects within one. */
export function rfc3339(ms: number): string {
  const second = Math.floor(ms / SECOND);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedText = new Date(second * SECOND).toISOString().replace('.000Z', 'Z');
  }
  return cachedText;
}

/** RFC 3339 with microseconds, as metav1.MicroTime marshals (eventTime). */
export function rfc3339Micro(ms: number): string {
  const iso = new Date(ms).toISOString(); // …T12:00:00.123Z
  return iso.replace(/\.(\d{3})Z$/, '.$1000Z');
}
