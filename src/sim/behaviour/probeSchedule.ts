// A probe's results over one run of a container: `pass 30s, fail`, `pass 20s, fail 20s, repeat`.
import { parseGoDuration } from './goDuration.js';

export interface ProbeSegment {
  pass: boolean;
  /** Infinity for the open-ended last segment. */
  ms: number;
}

export interface ProbeSchedule {
  segments: readonly ProbeSegment[];
  /** The list cycles (`repeat`); every segment then has a finite length. */
  repeat: boolean;
  /** Sum of the segments' lengths (Infinity when the last is open-ended). */
  cycleMs: number;
}

export const ALWAYS_PASS: ProbeSchedule = { segments: [{ pass: true, ms: Infinity }], repeat: false, cycleMs: Infinity };

/** Parses the annotation value; returns an error text on a malformed value. */
export function parseProbeSchedule(text: string): ProbeSchedule | string {
  const items = text.split(',').map((s) => s.trim());
  let repeat = false;
  if (items.length > 1 && items[items.length - 1] === 'repeat') {
    repeat = true;
    items.pop();
  }
  const segments: ProbeSegment[] = [];
  for (let i = 0; i < items.length; i++) {
    const m = /^(pass|fail)(?:\s+(\S+))?$/.exec(items[i]!);
    if (!m) return `has a segment ${JSON.stringify(items[i])}; expected "pass <duration>" or "fail <duration>"`;
    const last = i === items.length - 1;
    let ms = Infinity;
    if (m[2] !== undefined) {
      const d = parseGoDuration(m[2]);
      if (d === undefined) return `has a bad duration ${JSON.stringify(m[2])}`;
      ms = d;
    } else if (!last || repeat) {
      return `needs a duration on ${JSON.stringify(items[i])} (only the last segment may last forever)`;
    }
    segments.push({ pass: m[1] === 'pass', ms });
  }
  const cycleMs = segments.reduce((sum, s) => sum + s.ms, 0);
  if (repeat && cycleMs <= 0) return 'repeats a cycle of zero length';
  return { segments, repeat, cycleMs };
}

/** Whether the probe passes `elapsedMs` after the container started. */
export function probePasses(schedule: ProbeSchedule, elapsedMs: number): boolean {
  let t = elapsedMs;
  if (schedule.repeat) t %= schedule.cycleMs;
  for (const seg of schedule.segments) {
    if (t < seg.ms) return seg.pass;
    t -= seg.ms;
  }
  // Past the last finite segment of a non-repeating list: its result holds.
  return schedule.segments[schedule.segments.length - 1]!.pass;
}

/** The elapsed time after `elapsedMs` at which the current segment ends (Infinity when it never does). */
export function segmentEndAfter(schedule: ProbeSchedule, elapsedMs: number): number {
  if (!Number.isFinite(schedule.cycleMs) && !schedule.repeat) {
    let start = 0;
    for (const seg of schedule.segments) {
      if (elapsedMs < start + seg.ms) return start + seg.ms;
      start += seg.ms;
    }
    return Infinity;
  }
  const cycleStart = elapsedMs - (elapsedMs % schedule.cycleMs);
  let start = cycleStart;
  for (const seg of schedule.segments) {
    if (elapsedMs < start + seg.ms) return start + seg.ms;
    start += seg.ms;
  }
  return cycleStart + schedule.cycleMs;
}
