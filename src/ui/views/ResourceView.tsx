// A resource view: a live list of one kind, or one object's describe / YAML.
import { Text } from 'ink';
import type { ListFrame } from '../../state/navigation.js';
import { theme } from '../theme.js';
import { cut } from '../text.js';
import { listLines, textLines } from './resourceLines.js';
import type { ViewProps } from './viewProps.js';

function emptyText(frame: ListFrame): string {
  const error = frame.table.filter.error;
  if (error) return theme.error(`${error} (Esc clears the filter)`);
  if (!frame.table.hasSynced) return 'Loading…';
  return frame.table.faulty ? 'No faulty pods.' : 'Nothing here.';
}

export function ResourceView({ app, height }: ViewProps) {
  const frame = app.nav.current();
  if (!frame) return <Text>{'<no resource view>'}</Text>;
  if (frame.type === 'text') {
    const lines = textLines(app, frame);
    const max = Math.max(0, lines.length - height);
    const top = Math.min(frame.scroll.value, max);
    return <Text>{lines.slice(top, top + height).map((l) => cut(l.replace(/\t/g, '    '), app.columns)).join('\n')}</Text>;
  }
  const { header, body, count } = listLines(app, frame, height - 1, app.columns);
  return (
    <>
      <Text wrap="truncate">{header}</Text>
      <Text>{count === 0 ? emptyText(frame) : body}</Text>
    </>
  );
}
