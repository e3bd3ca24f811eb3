// What a pod's timeline holds: one entry per change seen (phase, condition, container state,
// deletion step) or per event occurrence, each at the instant it happened. Entries are plain
// text decided when recorded, so rendering is a sort and a format, nothing more.

export type TimelineLevel = 'normal' | 'good' | 'warning' | 'error';

export type TimelineKind =
  | 'created'
  | 'scheduled'
  | 'phase'
  | 'condition'
  | 'container'
  | 'deletion'
  | 'gone'
  | 'event'
  | 'signal';

export interface TimelineDraft {
  /** Epoch ms: the object's own timestamp when it has one, else when the change was seen. */
  atMs: number;
  /** True when `atMs` is the object's own timestamp (or derived from them), false when it is the time the delta was seen. */
  exact: boolean;
  kind: TimelineKind;
  text: string;
  level: TimelineLevel;
}

export interface TimelineEntry extends TimelineDraft {
  /** Recording order, the tie-break between entries of the same instant (seeded entries come first). */
  seq: number;
}

/** A parsed API timestamp in epoch ms, or undefined when absent or malformed. */
export function timeOf(ts: string | undefined | null): number | undefined {
  if (!ts) return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms;
}
