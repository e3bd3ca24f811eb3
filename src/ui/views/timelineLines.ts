// The focused pod's timeline as rows for the `t` view and the pod view's pane: computed when
// the pod's timeline changes (the recorder's version), not per frame; coloured by level.
import type { AppState } from '../../state/appState.js';
import { timelineHeading, timelineLines, timelineRows, type TimelineRow } from '../../state/timeline/render.js';
import type { TimelineLevel } from '../../state/timeline/types.js';
import { categoryColour, theme } from '../theme.js';

export interface TimelineText {
  heading: string;
  /** Plain lines, oldest first. */
  lines: string[];
  levels: TimelineLevel[];
}

const cache = new WeakMap<AppState, { key: string; text: TimelineText }>();

export function focusedTimeline(app: AppState): TimelineText {
  const pod = app.focusedPod();
  const uid = pod?.metadata?.uid ?? app.focusUid;
  if (uid === undefined) return { heading: 'no pod', lines: [], levels: [] };
  const key = `${uid}/${app.timeline.version(uid)}/${app.events.version}/${app.events.subjects.version}`;
  const hit = cache.get(app);
  if (hit && hit.key === key) return hit.text;
  // The timeline's older events are seeded once, from the pod's whole event list: not before it is in.
  const shown = pod ? app.subjectEvents(app.podSubject(pod)) : { phase: 'ready' as const, events: [] };
  if (shown.phase === 'loading') return { heading: 'listing the pod\'s events…', lines: ['<listing events…>'], levels: ['normal'] };
  const events = shown.events;
  const entries = app.timeline.entries(uid, pod, events, app.source.now());
  const rows: TimelineRow[] = timelineRows(entries);
  const text = { heading: timelineHeading(entries, app.timeline.dropped(uid)), lines: timelineLines(rows), levels: rows.map((r) => r.level) };
  // Seeding bumps the version: key on the version after it.
  cache.set(app, { key: `${uid}/${app.timeline.version(uid)}/${app.events.version}/${app.events.subjects.version}`, text });
  return text;
}

export function levelColour(level: TimelineLevel): (s: string) => string {
  switch (level) {
    case 'good':
      return categoryColour('running');
    case 'warning':
      return theme.warning;
    case 'error':
      return theme.error;
    case 'normal':
      return (s) => s;
  }
}

/** A line with its time columns dimmed and its text in the level's colour (the line is already cut to width). */
export function colourLine(line: string, level: TimelineLevel): string {
  const cut = line.indexOf('  ', 9);
  if (cut < 0) return levelColour(level)(line);
  return theme.dim(line.slice(0, cut)) + levelColour(level)(line.slice(cut));
}

/** The pod view's pane: the newest entries only (the `t` view has them all). */
export const TIMELINE_PANE_ENTRIES = 6;

export function timelinePaneLines(app: AppState): string[] {
  const lines = focusedTimeline(app).lines;
  return lines.length === 0 ? ['<nothing recorded yet>'] : lines.slice(-TIMELINE_PANE_ENTRIES);
}
