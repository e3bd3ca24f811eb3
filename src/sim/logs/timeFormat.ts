// The time stamps that simulated programs and the kubelet write, each in its own format.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n: number, width = 2, fill = '0'): string {
  return String(n).padStart(width, fill);
}

/**
 * strftime as busybox and coreutils `date +FORMAT` know it, in UTC (a container has no TZ):
 * %a %b %d %e %H %M %S %Y %m %y %j %s %T %F %D %R %Z %z %N %n %t %%; anything else is kept.
 */
export function strftime(format: string, ms: number): string {
  const d = new Date(ms);
  return format.replace(/%([a-zA-Z%])/g, (whole, f: string) => {
    switch (f) {
      case 'a': return DAYS[d.getUTCDay()]!;
      case 'b': case 'h': return MONTHS[d.getUTCMonth()]!;
      case 'd': return pad(d.getUTCDate());
      case 'e': return pad(d.getUTCDate(), 2, ' ');
      case 'H': return pad(d.getUTCHours());
      case 'M': return pad(d.getUTCMinutes());
      case 'S': return pad(d.getUTCSeconds());
      case 'Y': return String(d.getUTCFullYear());
      case 'y': return pad(d.getUTCFullYear() % 100);
      case 'm': return pad(d.getUTCMonth() + 1);
      case 'j': return pad(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3);
      case 's': return String(Math.floor(ms / 1000));
      case 'N': return pad(Math.floor(((ms % 1000) + 1000) % 1000 * 1e6), 9);
      case 'T': return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      case 'R': return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
      case 'F': return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      case 'D': return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${pad(d.getUTCFullYear() % 100)}`;
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      default: return whole;
    }
  });
}

/** What `date` with no arguments prints in a busybox or debian container: `Thu Jan  1 00:00:05 UTC 2026`. */
export function dateCommand(ms: number): string {
  return strftime('%a %b %e %H:%M:%S %Z %Y', ms);
}

/**
 * The kubelet's timestamp on each log line (`kubectl logs --timestamps`): Go's RFC3339Nano,
 * which drops trailing zeros of the fraction (and the dot when the fraction is zero).
 */
export function rfc3339Nano(ms: number): string {
  const whole = Math.floor(ms);
  const iso = new Date(whole).toISOString(); // 2026-01-01T00:00:05.123Z
  // Epoch milliseconds as a double hold about a quarter of a microsecond: stamps are kept to the microsecond.
  const nanos = Math.min(999, Math.round((ms - whole) * 1e3)) * 1e3 + (whole % 1000) * 1e6;
  const fraction = String(nanos).padStart(9, '0').replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

/** `date --rfc-3339=seconds` (the mysql entrypoint's stamp): `2026-01-01 00:00:05+00:00`. */
export function rfc3339Seconds(ms: number): string {
  return strftime('%F %T+00:00', ms);
}

/** nginx's error log stamp: `2026/01/01 00:00:05`. */
export function nginxErrorTime(ms: number): string {
  return strftime('%Y/%m/%d %T', ms);
}

/** nginx's `$time_local` in UTC: `01/Jan/2026:00:00:05 +0000`. */
export function nginxLocalTime(ms: number): string {
  return strftime('%d/%b/%Y:%T +0000', ms);
}

/** mysqld's error log stamp (log_timestamps=UTC): `2026-01-01T00:00:05.000000Z`. */
export function mysqldTime(ms: number): string {
  return `${new Date(Math.floor(ms)).toISOString().slice(0, 23)}000Z`;
}
