// `f`: the port-forwards started in this run — the pod, its port, the local address, how many
// connections are open and the last error; ctrl-d stops the one under the cursor.
import { Text } from 'ink';
import type { AppState } from '../../state/appState.js';
import { theme } from '../theme.js';
import { cut, fit } from '../text.js';

const HEADER = ['NAMESPACE', 'POD', 'CONTAINER', 'PORT', 'LOCAL ADDRESS', 'CONNECTIONS', 'LAST ERROR'];

export function forwardLines(app: AppState, height: number): { header: string; body: string[] } {
  const list = app.forwards;
  const rows = list.all.map((f) => [f.namespace, f.pod, f.container, String(f.port), `${f.handle.localAddress}:${f.handle.localPort}`, String(f.handle.connections), f.lastError ?? '']);
  const all = [HEADER, ...rows];
  const widths = HEADER.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const last = HEADER.length - 1;
  const laid = all.map((r) => cut(r.map((c, i) => (i === last ? c : fit(c, widths[i]!) + '  ')).join(''), app.columns));
  const top = Math.max(0, Math.min(list.cursor - height + 1, rows.length - height));
  const body = laid
    .slice(1)
    .slice(top, top + height)
    .map((line, i) => (top + i === list.cursor ? theme.selected(fit(line, app.columns)) : line));
  if (rows.length === 0) body.push('no port-forwards: shift-f on a pod starts one');
  return { header: theme.header(laid[0]!), body };
}

export function ForwardsView({ app, height }: { app: AppState; height: number }) {
  const { header, body } = forwardLines(app, height - 1);
  return (
    <>
      <Text wrap="truncate">{header}</Text>
      <Text>{body.join('\n')}</Text>
    </>
  );
}
