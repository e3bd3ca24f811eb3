// `t`: the pod's timeline, oldest first, following the newest entry until scrolled away from
// it (G follows again). Only the visible lines are drawn.
import { Text } from 'ink';
import type { AppState } from '../../state/appState.js';
import { theme } from '../theme.js';
import { cut } from '../text.js';
import { colourLine, focusedTimeline } from './timelineLines.js';

/** The scrolled lines: the heading, then the entries. */
export function timelineViewLength(app: AppState): number {
  return focusedTimeline(app).lines.length + 1;
}

export function TimelineView({ app, height }: { app: AppState; height: number }) {
  const t = focusedTimeline(app);
  const body = height - 1;
  const max = Math.max(0, t.lines.length - body);
  const top = Math.min(app.scrollOffset('timeline'), max);
  const shown = t.lines.slice(top, top + body).map((l, i) => colourLine(cut(l, app.columns), t.levels[top + i]!));
  const more = top > 0 ? `  ↑ ${top} earlier` : '';
  return (
    <>
      <Text wrap="truncate">{theme.dim(cut(`${t.heading}${more}`, app.columns))}</Text>
      <Text>{shown.join('\n')}</Text>
    </>
  );
}
