// How many lines each scrollable text view has, computed from the state when a scroll key
// is pressed (the help screen's length is computed in keymap.ts, from the keymaps).
import { POD_PANES, type AppState, type PodPane } from '../../state/appState.js';
import { describeLines } from './DescribeView.js';
import { podPaneLines } from './PodView.js';
import { yamlLines } from './YamlView.js';

export function scrollableLength(app: AppState, scrollKey: string): number {
  if (scrollKey === 'describe') return describeLines(app).length;
  if (scrollKey === 'yaml') return yamlLines(app).length;
  const pane = scrollKey.startsWith('pod:') ? (scrollKey.slice(4) as PodPane) : undefined;
  if (pane && POD_PANES.includes(pane)) {
    // A pane's title line is part of its height.
    const lines = podPaneLines(app)?.[pane];
    return lines ? lines.length + 1 : 0;
  }
  return 0;
}
