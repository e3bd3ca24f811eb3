// A scrollable block of text: describe, YAML. Only the visible lines are drawn.
import { Text } from 'ink';
import type { AppState } from '../../state/appState.js';
import type { TextViewId } from '../../state/viewTypes.js';
import { cut } from '../text.js';

export function TextView({ app, lines, height, scrollKey }: { app: AppState; lines: readonly string[]; height: number; scrollKey: TextViewId }) {
  const max = Math.max(0, lines.length - height);
  const top = Math.min(app.scrollOffset(scrollKey), max);
  const shown = lines.slice(top, top + height).map((l) => cut(l.replace(/\t/g, '    '), app.columns));
  return <Text>{shown.join('\n')}</Text>;
}
