// `e` / `:events`: the namespace's events as a live tail, oldest first (kubectl's order);
// follow keeps the newest in view. Enter opens the event under the cursor, `o` its pod.
// In all-namespaces mode a NAMESPACE column comes first, as in the pod list.
import { Text } from 'ink';
import { eventRow, type EventRow } from '../../kube/eventColumns.js';
import type { AppState } from '../../state/appState.js';
import { theme } from '../theme.js';
import { cut, fit } from '../text.js';

// MESSAGE comes last and takes what the other columns leave, so it is cut only at the edge.
export const EVENT_HEADER = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'COUNT', 'MESSAGE'];
const EVENT_CELLS: readonly (keyof EventRow)[] = ['lastSeen', 'type', 'reason', 'object', 'count', 'message'];

export function eventLines(app: AppState, height: number): { header: string; body: string[] } {
  const now = app.source.now();
  const { rows, cursor } = app.events.window(height);
  const allNamespaces = app.namespace === undefined;
  const titles = allNamespaces ? ['NAMESPACE', ...EVENT_HEADER] : EVENT_HEADER;
  const keys = allNamespaces ? (['namespace', ...EVENT_CELLS] as const) : EVENT_CELLS;
  const cells = rows.map((ev) => {
    const r = eventRow(ev, now);
    return keys.map((k) => r[k]);
  });
  const all = [titles, ...cells];
  const gap = 2;
  const last = titles.length - 1;
  const widths = titles.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const laid = all.map((r) => cut(r.map((c, i) => (i === last ? c : fit(c, widths[i]!) + ' '.repeat(gap))).join(''), app.columns));
  // The cursor shows once the tail is paused; while following, Enter and `o` act on the newest.
  const body = laid.slice(1).map((line, i) =>
    !app.events.follow && i === cursor ? theme.selected(fit(line, app.columns)) : rows[i]!.type === 'Warning' ? theme.warning(line) : line,
  );
  return { header: theme.header(laid[0]!), body };
}

export function EventsView({ app, height }: { app: AppState; height: number }) {
  const { header, body } = eventLines(app, height - 1);
  return (
    <>
      <Text wrap="truncate">{header}</Text>
      <Text>{body.join('\n')}</Text>
    </>
  );
}
