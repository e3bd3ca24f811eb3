// Standard 5-field cron schedules as Kubernetes parses them (robfig/cron v3 ParseStandard):
// minute hour day-of-month month day-of-week, with lists, ranges, steps, month and weekday
// names, `?` as `*`, and the @yearly/@annually/@monthly/@weekly/@daily/@midnight/@hourly
// descriptors. `@every <duration>` is not a standard cron form and is rejected here, as are
// TZ=/CRON_TZ= prefixes (the simulator schedules in UTC only).

interface Field {
  values: Set<number>;
  // Written as `*` or `?` (a step over 1 clears it): matters for the day-of-month/day-of-week rule.
  star: boolean;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const BOUNDS: readonly Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export class CronParseError extends Error {
  override name = 'CronParseError';
}

function parseValue(text: string, b: Bounds): number {
  const named = b.names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^\d+$/.test(text)) throw new CronParseError(`failed to parse int from ${text}: strconv.Atoi: parsing "${text}": invalid syntax`);
  return Number(text);
}

function parseRange(expr: string, b: Bounds, field: Field): void {
  const rangeAndStep = expr.split('/');
  if (rangeAndStep.length > 2) throw new CronParseError(`too many slashes: ${expr}`);
  const lowAndHigh = rangeAndStep[0]!.split('-');
  if (lowAndHigh.length > 2) throw new CronParseError(`too many hyphens: ${expr}`);
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    start = parseValue(lowAndHigh[0]!, b);
    end = lowAndHigh.length === 2 ? parseValue(lowAndHigh[1]!, b) : start;
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    if (!/^\d+$/.test(rangeAndStep[1]!)) throw new CronParseError(`failed to parse int from ${rangeAndStep[1]}: strconv.Atoi: parsing "${rangeAndStep[1]}": invalid syntax`);
    step = Number(rangeAndStep[1]);
    // "N/step" means "N-max/step".
    if (lowAndHigh.length === 1 && !star) end = b.max;
    if (step > 1) star = false;
  }
  if (start < b.min) throw new CronParseError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronParseError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) field.values.add(v);
  if (star) field.star = true;
}

function parseField(text: string, b: Bounds): Field {
  const field: Field = { values: new Set(), star: false };
  for (const part of text.split(',')) parseRange(part, b, field);
  return field;
}

export class CronSchedule {
  private constructor(
    private readonly minute: Field,
    private readonly hour: Field,
    private readonly dom: Field,
    private readonly month: Field,
    private readonly dow: Field,
  ) {}

  static parse(spec: string): CronSchedule {
    const trimmed = spec.trim();
    if (trimmed === '') throw new CronParseError('empty spec string');
    if (/^(CRON_)?TZ=/.test(trimmed)) throw new CronParseError('TZ and CRON_TZ prefixes are not supported: use spec.timeZone');
    if (trimmed.startsWith('@every')) throw new CronParseError('@every is not a standard cron schedule');
    let text = trimmed;
    if (text.startsWith('@')) {
      const d = DESCRIPTORS[text.toLowerCase()];
      if (!d) throw new CronParseError(`unrecognized descriptor: ${text}`);
      text = d;
    }
    const fields = text.split(/\s+/);
    if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
    const [m, h, dom, mon, dow] = fields.map((f, i) => parseField(f, BOUNDS[i]!)) as [Field, Field, Field, Field, Field];
    return new CronSchedule(m, h, dom, mon, dow);
  }

  /** Day-of-month and day-of-week are ORed unless either is `*`, then ANDed (as cron does). */
  private dayMatches(d: Date): boolean {
    const domMatch = this.dom.values.has(d.getUTCDate());
    const dowMatch = this.dow.values.has(d.getUTCDay());
    if (this.dom.star || this.dow.star) return domMatch && dowMatch;
    return domMatch || dowMatch;
  }

  /** The first scheduled minute strictly after `after` (epoch ms), or undefined within five years. */
  next(after: number): number | undefined {
    const d = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
    const limit = after + 5 * 366 * 86_400_000;
    while (d.getTime() <= limit) {
      if (!this.month.values.has(d.getUTCMonth() + 1)) {
        d.setUTCMonth(d.getUTCMonth() + 1, 1);
        d.setUTCHours(0, 0, 0, 0);
        continue;
      }
      if (!this.dayMatches(d)) {
        d.setUTCDate(d.getUTCDate() + 1);
        d.setUTCHours(0, 0, 0, 0);
        continue;
      }
      if (!this.hour.values.has(d.getUTCHours())) {
        d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
        continue;
      }
      if (!this.minute.values.has(d.getUTCMinutes())) {
        d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
        continue;
      }
      return d.getTime();
    }
    return undefined;
  }
}
