// `l` / `p`: a container's log, followed. One info line (what is read, follow or paused, the
// toggles), then only the rows that fit the screen (LogViewState.window), matches of the `/`
// search highlighted and the view's own boundary marks coloured.
import { Text } from 'ink';
import type { AppState } from '../../state/appState.js';
import type { LogRow, LogViewState } from '../../state/logViewState.js';
import { theme } from '../theme.js';
import { cut, fit } from '../text.js';

/** Control characters would move the cursor: each becomes one visible character (offsets stay). */
function printable(s: string): string {
  return s.replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '\ufffd');
}

function styleRow(row: LogRow, width: number): string {
  const text = cut(printable(row.text), width);
  if (row.mark === 'error') return theme.error(text);
  if (row.mark === 'exit') return theme.warning(text);
  if (row.mark) return theme.key(text);
  if (row.hits.length === 0) return text;
  const paint = row.current ? theme.currentMatch : theme.match;
  let out = '';
  let at = 0;
  for (const [a, b] of row.hits) {
    if (a >= text.length) break;
    out += text.slice(at, a) + paint(text.slice(a, Math.min(b, text.length)));
    at = Math.min(b, text.length);
  }
  return out + text.slice(at);
}

export function logInfoLine(v: LogViewState): string {
  const who = v.allContainers ? `all containers (${v.target.containers.join(', ')})` : `container ${v.target.containers[0]}`;
  const parts = [
    `${who}${v.target.previous ? ', previous instance' : ''}`,
    v.follow ? 'follow' : 'paused (G follows)',
    `wrap ${v.wrap ? 'on' : 'off'}`,
    `timestamps ${v.timestamps ? 'on' : 'off'}`,
  ];
  if (v.pattern) parts.push(`${v.filterMode ? 'filter' : 'search'} /${v.pattern.text}/${v.filterMode ? ` (${v.shownCount} shown)` : ''}`);
  parts.push(`${v.ring.length} lines kept (at most ${v.ring.capacity})`);
  if (v.streamStatus) parts.push(v.streamStatus);
  return parts.join(' · ');
}

export function logTitle(app: AppState): string {
  const v = app.logs;
  if (!v) return 'Logs';
  return `Logs ${v.target.namespace}/${v.target.pod}${v.allContainers ? '' : `:${v.target.containers[0]}`}${v.target.previous ? ' (previous)' : ''}${v.follow ? ' follow' : ' paused'}`;
}

export function LogsView({ app, height }: { app: AppState; height: number }) {
  const v = app.logs;
  if (!v) return <Text>no logs view open</Text>;
  const body = Math.max(1, height - 1);
  const rows = v.window(body, app.columns);
  const lines = rows.map((r) => styleRow(r, app.columns));
  if (rows.length === 0) lines.push(theme.dim(v.streaming ? 'waiting for the first line…' : 'no log lines'));
  return (
    <>
      <Text wrap="truncate">{theme.dim(fit(logInfoLine(v), app.columns))}</Text>
      <Text>{lines.join('\n')}</Text>
    </>
  );
}
