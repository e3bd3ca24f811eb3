// The pod list: a column header and the visible window as one <Text> of pre-formatted lines.
import { Text } from 'ink';
import { podLines } from './podLines.js';
import type { ViewProps } from './viewProps.js';

export function PodListView({ app, height }: ViewProps) {
  const { header, body, count } = podLines(app, height - 1, app.columns);
  return (
    <>
      <Text wrap="truncate">{header}</Text>
      <Text>{count === 0 ? (app.pods.hasSynced ? 'No pods.' : 'Loading…') : body}</Text>
    </>
  );
}
