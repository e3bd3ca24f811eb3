// `e` / `:events`: the namespace's events as a live tail; follow keeps the newest in view.
import { Text } from 'ink';
import { eventRow } from '../../kube/eventColumns.js';
import type { AppState } from '../../state/appState.js';
import { theme } from '../theme.js';
import { cut, fit } from '../text.js';

export const EVENT_HEADER = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE', 'COUNT'];

export function eventLines(app: AppState, height: number): { header: string; body: string[] } {
  const now = app.source.now();
  const { rows } = app.events.window(height);
  const cells = rows.map((ev) => {
    const r = eventRow(ev, now);
    return [r.lastSeen, r.type, r.reason, r.object, r.message, r.count];
  });
  // MESSAGE takes what the other columns leave, so COUNT stays on screen.
  const all = [EVENT_HEADER, ...cells];
  const gap = 2;
  const widths = EVENT_HEADER.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const others = widths.reduce((sum, w, i) => (i === 4 ? sum : sum + w + gap), 0);
  widths[4] = Math.max(10, Math.min(widths[4]!, app.columns - others - gap));
  const laid = all.map((r) => cut(r.map((c, i) => (i === 5 ? c : fit(c, widths[i]!) + ' '.repeat(gap))).join(''), app.columns));
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
