// The status line (outcomes and errors in plain words) and key hints from the keymaps.
import { Box, Text } from 'ink';
import type { AppState } from '../state/appState.js';
import { activeKeymaps, hintText, isEnabled } from './keymap.js';
import { keyLabel } from './keys.js';
import { theme } from './theme.js';
import { cut } from './text.js';

export function hintLine(app: AppState, width: number): string {
  const parts: string[] = [];
  for (const km of activeKeymaps(app)) {
    for (const b of km.bindings) {
      const hint = hintText(b);
      if (hint === undefined || isEnabled(b, app) !== true) continue;
      parts.push(`<${keyLabel(b.keys[0]!)}> ${hint}`);
    }
  }
  return cut(parts.join('  '), width);
}

export function Footer({ app }: { app: AppState }) {
  const s = app.status;
  const status = s ? cut(s.text, app.columns) : '';
  return (
    <Box flexDirection="column" height={2}>
      <Text wrap="truncate">{s?.level === 'error' ? theme.error(status) : s?.level === 'warning' ? theme.warning(status) : status}</Text>
      <Text wrap="truncate">{theme.dim(hintLine(app, app.columns))}</Text>
    </Box>
  );
}
