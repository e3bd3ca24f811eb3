// The pod list: a column header and the visible window as one <Text> of pre-formatted lines.
import { Text } from 'ink';
import { podLines } from './podLines.js';
import type { AppState } from '../../state/appState.js';
import { theme } from '../theme.js';
import type { ViewProps } from './viewProps.js';

/** Why the list is empty: a filter that cannot be used says so for as long as it is applied. */
function emptyText(app: AppState): string {
  const error = app.pods.filter.error;
  if (error) return theme.error(`${error} (Esc clears the filter)`);
  return app.pods.hasSynced ? 'No pods.' : 'Loading…';
}

/** Rows from before a dropped connection: shown dimmed until the relist brings the truth. */
export function stale(app: AppState): boolean {
  return app.pods.hasSynced && app.connection.phase !== 'live';
}

export function PodListView({ app, height }: ViewProps) {
  const { header, body, count } = podLines(app, height - 1, app.columns);
  return (
    <>
      <Text wrap="truncate">{header}</Text>
      <Text>{count === 0 ? emptyText(app) : stale(app) ? theme.dim(body) : body}</Text>
    </>
  );
}
