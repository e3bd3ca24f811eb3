// How many lines each scrollable text view has, computed from the state when a scroll key
// is pressed (the help screen's length is computed in keymap.ts, from the keymaps).
import type { AppState } from '../../state/appState.js';
import type { PodPane, ScrollTarget } from '../../state/viewTypes.js';
import { describeLines } from './DescribeView.js';
import { podPaneLines } from './PodView.js';
import { yamlLines } from './YamlView.js';

export function scrollableLength(app: AppState, target: Exclude<ScrollTarget, 'help'>): number {
  if (target === 'describe') return describeLines(app).length;
  if (target === 'yaml') return yamlLines(app).length;
  // A pane's title line is part of its height.
  const lines = podPaneLines(app)?.[target.slice(4) as PodPane];
  return lines ? lines.length + 1 : 0;
}
