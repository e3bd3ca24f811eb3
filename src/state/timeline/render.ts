// A timeline as rows of text: the wall-clock time (UTC), the offset from the first entry,
// and what happened. A restart's gap since the exit is in its own words (`Running (restart
// 2, 10s after the exit)`), so a crash loop's back-off reads down the page. Pure: the TUI
// colours rows by level (ui/theme.ts), the headless command prints them plain.
import { clockText, dayText, spanText } from './clock.js';
import type { TimelineEntry, TimelineLevel } from './types.js';

export interface TimelineRow {
  clock: string;
  offset: string;
  text: string;
  level: TimelineLevel;
  /** The time is when the change was seen, not the object's own timestamp. */
  seen: boolean;
}

export function timelineRows(entries: readonly TimelineEntry[]): TimelineRow[] {
  const first = entries[0]?.atMs ?? 0;
  return entries.map((e) => ({ clock: clockText(e.atMs), offset: `+${spanText(e.atMs - first)}`, text: e.text, level: e.level, seen: !e.exact }));
}

/** `12:03:04 +1m10s  text`, offsets padded to one width so the texts line up. */
export function timelineLines(rows: readonly TimelineRow[]): string[] {
  const width = Math.max(0, ...rows.map((r) => r.offset.length));
  return rows.map((r) => `${r.clock} ${r.offset.padEnd(width)}  ${r.text}`);
}

/** The heading: the day the timeline starts on, and how much of it fell off the ring. */
export function timelineHeading(entries: readonly TimelineEntry[], dropped: number): string {
  if (entries.length === 0) return 'no entries yet';
  const lost = dropped > 0 ? ` (the ${dropped} oldest recorded entries fell off: ${entries.length} kept)` : '';
  return `from ${dayText(entries[0]!.atMs)} UTC${lost}`;
}
