// The simulator's shell inside the TUI (`s` on the in-process simulator): the session's
// scrollback, newest lines at the bottom, the cursor drawn on the last line. Every key goes to
// the shell (Esc too); `exit` ends it and the view goes back; ctrl-] leaves and ends it. An
// attach (`a`) shows the container's main process here the same way; ctrl-] detaches.
import { Text } from 'ink';
import type { AppState } from '../../state/appState.js';
import { theme } from '../theme.js';
import { cut } from '../text.js';

export function shellLines(app: AppState, height: number): string[] {
  const shell = app.shell;
  if (!shell) return ['the shell has ended'];
  const lines = shell.screen.tail(height).map((l) => cut(l, app.columns));
  const last = lines.length - 1;
  const line = lines[last] ?? '';
  const col = Math.min(shell.screen.cursorColumn, app.columns - 1);
  const padded = line.length <= col ? line + ' '.repeat(col - line.length + 1) : line;
  lines[last] = padded.slice(0, col) + theme.selected(padded[col] ?? ' ') + padded.slice(col + 1);
  return lines;
}

export function ShellView({ app, height }: { app: AppState; height: number }) {
  return <Text>{shellLines(app, height).join('\n')}</Text>;
}

export function shellTitle(app: AppState): string {
  if (app.shell?.kind === 'attach') return `Attach ${app.shell.label}  (ends with the container's process; ctrl-] detaches)`;
  return app.shell ? `Shell ${app.shell.label}  (exit ends it; ctrl-] leaves and ends it)` : 'Shell';
}
