// The root component: reads AppState, routes keys through the keymaps, lays out header,
// the current view, overlays (prompt, picker, delete dialog) and the footer. The root is
// one row shorter than the terminal (Ink 6 clears the screen on every frame otherwise).
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { AppState } from '../state/appState.js';
import { ConfirmDialogBox, confirmHeight } from './ConfirmDialog.js';
import { DeleteDialog, dialogHeight } from './DeleteDialog.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { handleKey } from './keymap.js';
import { keyPresses } from './keys.js';
import { bodyHeight, MIN_COLUMNS, MIN_ROWS, rootHeight, tooSmall } from './layout.js';
import { theme } from './theme.js';
import { tickText } from './tickText.js';
import { cut, fit } from './text.js';
import { VIEWS } from './views/registry.js';

function useAppState(app: AppState): number {
  const subscribe = useCallback((cb: () => void) => app.onChange(cb), [app]);
  return useSyncExternalStore(subscribe, () => app.version);
}

function useTerminalSize(app: AppState): void {
  const { stdout } = useStdout();
  useEffect(() => {
    const onResize = (): void => app.resize(stdout.columns || app.columns, stdout.rows || app.rows);
    onResize();
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [app, stdout]);
}

function TitleLine({ app }: { app: AppState }) {
  const width = app.columns;
  if (app.prompt) {
    const sigil = app.prompt.kind === 'filter' ? '/' : app.prompt.kind === 'input' ? (app.prompt.label ?? '') : ':';
    return <Text wrap="truncate">{theme.key(fit(`${sigil}${app.prompt.text}█`, width))}</Text>;
  }
  return <Text wrap="truncate">{theme.title(fit(VIEWS[app.view].title(app), width))}</Text>;
}

function PickerView({ app, height }: { app: AppState; height: number }) {
  const p = app.picker!;
  const top = Math.max(0, Math.min(p.cursor - height + 2, p.items.length - height + 1));
  const lines = p.items.slice(top, top + height - 1).map((item, i) => {
    const text = fit(`${top + i === p.cursor ? '>' : ' '} ${item}`, app.columns);
    return top + i === p.cursor ? theme.selected(text) : text;
  });
  return (
    <>
      <Text wrap="truncate">{theme.header(p.title ?? (p.kind === 'ns' ? 'Switch namespace' : 'Switch context'))}</Text>
      <Text>{lines.join('\n')}</Text>
    </>
  );
}

export function App({ app }: { app: AppState }) {
  const version = useAppState(app);
  const { exit } = useApp();
  useTerminalSize(app);
  useInput((input, key) => {
    for (const press of keyPresses(input, key)) handleKey(app, press.name, press.text);
    // The key's answer is drawn now, not after the frame throttle that batches watch data
    // (nor after the waiting watch batches: they follow on the next macrotask).
    app.keyFrame();
  });
  useEffect(() => {
    app.setTickTextProbe(() => tickText(app));
    return () => app.setTickTextProbe(undefined);
  }, [app]);
  useEffect(() => {
    // Quitting, or stepping aside for a program that needs the terminal (tui.ts runs it).
    if (app.quitRequested || app.suspension) exit();
  }, [app, version, exit]);

  const { columns, rows } = app;
  if (tooSmall(columns, rows)) {
    return (
      <Box height={rootHeight(rows)} width={columns}>
        <Text>{cut(`Terminal too small: ${columns}x${rows}, need ${MIN_COLUMNS}x${MIN_ROWS}. q quits.`, columns)}</Text>
      </Box>
    );
  }
  const height = bodyHeight(rows) + 1; // the view's own column header + body
  const confirm = app.nav.confirm;
  const dialogH = app.dialog ? Math.min(dialogHeight(app.dialog), height - 1) : confirm ? Math.min(confirmHeight(confirm), height - 1) : 0;
  const View = VIEWS[app.view].component;
  return (
    <Box flexDirection="column" height={rootHeight(rows)} width={columns}>
      <Header app={app} />
      <TitleLine app={app} />
      <Box flexDirection="column" height={height}>
        {app.picker ? <PickerView app={app} height={height} /> : <View app={app} height={height - dialogH} />}
        {app.dialog ? <DeleteDialog dialog={app.dialog} width={columns} /> : null}
        {confirm && !app.dialog ? <ConfirmDialogBox dialog={confirm} width={columns} /> : null}
      </Box>
      <Footer app={app} />
    </Box>
  );
}
