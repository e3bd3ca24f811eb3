// `e` / `:events`: the namespace's events as a live tail; follow keeps the newest in view.
// In all-namespaces mode a NAMESPACE column comes first, as in the pod list.
import { Text } from 'ink';
import { eventRow, type EventRow } from '../../kube/eventColumns.js';
import type { AppState } from '../../state/appState.js';
import { theme } from '../theme.js';
import { cut, fit } from '../text.js';

export const EVENT_HEADER = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE', 'COUNT'];
const EVENT_CELLS: readonly (keyof EventRow)[] = ['lastSeen', 'type', 'reason', 'object', 'message', 'count'];

export function eventLines(app: AppState, height: number): { header: string; body: string[] } {
  const now = app.source.now();
  const { rows } = app.events.window(height);
  const allNamespaces = app.namespace === undefined;
  const titles = allNamespaces ? ['NAMESPACE', ...EVENT_HEADER] : EVENT_HEADER;
  const keys = allNamespaces ? (['namespace', ...EVENT_CELLS] as const) : EVENT_CELLS;
  const cells = rows.map((ev) => {
    const r = eventRow(ev, now);
    return keys.map((k) => r[k]);
  });
  // MESSAGE takes what the other columns leave, so COUNT (the last column) stays on screen.
  const all = [titles, ...cells];
  const gap = 2;
  const messageAt = titles.indexOf('MESSAGE');
  const last = titles.length - 1;
  const widths = titles.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const others = widths.reduce((sum, w, i) => (i === messageAt ? sum : sum + w + gap), 0);
  widths[messageAt] = Math.max(10, Math.min(widths[messageAt]!, app.columns - others - gap));
  const laid = all.map((r) => cut(r.map((c, i) => (i === last ? c : fit(c, widths[i]!) + ' '.repeat(gap))).join(''), app.columns));
  const body = laid.slice(1).map((line, i) => (rows[i]!.type === 'Warning' ? theme.warning(line) : line));
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
