// A probe's results over one run of a container: `pass 30s, fail`, `pass 20s, fail 20s, repeat`.
import { parseGoDuration } from '../../kube/goDuration.js';

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

/** Why a schedule was refused; `item` is the offending segment as written (trimmed). */
export type ProbeProblem =
  | { kind: 'empty' }
  | { kind: 'segment'; item: string }
  /** `repeat`: the list repeats, so every segment needs one; otherwise the item is not last. */
  | { kind: 'needs-duration'; item: string; repeat: boolean }
  | { kind: 'bad-duration'; text: string }
  | { kind: 'zero-cycle' };

/** The parser; a refused value comes back as a ProbeProblem. */
export function readProbeSchedule(text: string): ProbeSchedule | ProbeProblem {
  const items = text.split(',').map((s) => s.trim());
  const repeat = items[items.length - 1] === 'repeat';
  if (repeat) items.pop();
  if (items.length === 0 || items.some((s) => s === '')) return { kind: 'empty' };
  const segments: ProbeSegment[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const m = /^(pass|fail)(?:\s+(\S+))?$/.exec(item);
    if (!m) return { kind: 'segment', item };
    let ms = Infinity;
    if (m[2] !== undefined) {
      const d = parseGoDuration(m[2]);
      if (d === undefined) return { kind: 'bad-duration', text: m[2] };
      ms = d;
    } else if (repeat || i !== items.length - 1) {
      return { kind: 'needs-duration', item, repeat };
    }
    segments.push({ pass: m[1] === 'pass', ms });
  }
  const cycleMs = segments.reduce((sum, s) => sum + s.ms, 0);
  if (repeat && cycleMs <= 0) return { kind: 'zero-cycle' };
  return { segments, repeat, cycleMs };
}

export function isProbeProblem(value: ProbeSchedule | ProbeProblem): value is ProbeProblem {
  return 'kind' in value;
}

/** The kubelet's words for a refused value (they follow the quoted value). */
export function probeProblemText(problem: ProbeProblem): string {
  switch (problem.kind) {
    case 'empty':
      return 'has no segments; expected "pass <duration>" or "fail <duration>"';
    case 'segment':
      return `has a segment ${JSON.stringify(problem.item)}; expected "pass <duration>" or "fail <duration>"`;
    case 'needs-duration':
      return `needs a duration on ${JSON.stringify(problem.item)} (only the last segment may last forever)`;
    case 'bad-duration':
      return `has a bad duration ${JSON.stringify(problem.text)}`;
    case 'zero-cycle':
      return 'repeats a cycle of zero length';
  }
}

/** Parses the annotation value; returns the kubelet's error text on a malformed value. */
export function parseProbeSchedule(text: string): ProbeSchedule | string {
  const read = readProbeSchedule(text);
  return isProbeProblem(read) ? probeProblemText(read) : read;
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
