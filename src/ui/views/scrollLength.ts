// How many lines each scrollable text view has, computed from the state when a scroll key
// is pressed (the help screen's length is computed in keymap.ts, from the keymaps).
import type { AppState } from '../../state/appState.js';
import type { PodPane } from '../../state/viewTypes.js';
import { bodyHeight } from '../layout.js';
import { paneMaxScroll, podViewHeights } from './podLayout.js';
import { describeLines } from './DescribeView.js';
import { eventViewLines } from './EventView.js';
import { paneLengths, podPaneLines } from './PodView.js';
import { yamlLines } from './YamlView.js';
import { timelineViewLength } from './TimelineView.js';

export function scrollableLength(app: AppState, target: 'describe' | 'yaml' | 'event' | 'timeline'): number {
  if (target === 'timeline') return timelineViewLength(app);
  if (target === 'event') return eventViewLines(app).length;
  return target === 'describe' ? describeLines(app).length : yamlLines(app).length;
}

/** How far a pod view pane scrolls: its lines against the height the layout gives it. */
export function podPaneMaxScroll(app: AppState, pane: PodPane): number {
  const panes = podPaneLines(app);
  if (!panes) return 0;
  const heights = podViewHeights(paneLengths(panes), bodyHeight(app.rows) + 1, app.podPane);
  return paneMaxScroll(panes[pane].length, heights[pane]);
}
