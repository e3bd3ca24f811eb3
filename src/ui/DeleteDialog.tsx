// "Delete pod ns/name?": every target as namespace/name (scrolling when many), what is left
// out or gone, the grace field, Force, OK and Cancel (focused first).
import { Box, Text } from 'ink';
import {
  dialogNotes,
  dialogTitle,
  DIALOG_LIST_ROWS,
  graceLabel,
  listTop,
  targetLines,
  type DeleteDialog as Dialog,
} from '../state/deleteDialog.js';
import { theme } from './theme.js';

function control(label: string, focused: boolean): string {
  return focused ? theme.selected(`[${label}]`) : ` ${label} `;
}

function listRows(dialog: Dialog): number {
  return Math.min(dialog.targets.length, DIALOG_LIST_ROWS);
}

function hasMore(dialog: Dialog): boolean {
  return dialog.targets.length > DIALOG_LIST_ROWS;
}

/** Rows the dialog takes: border, title, list, "more" line, notes, grace, buttons. */
export function dialogHeight(dialog: Dialog): number {
  return 2 + 1 + listRows(dialog) + (hasMore(dialog) ? 1 : 0) + dialogNotes(dialog).length + 2;
}

export function DeleteDialog({ dialog, width }: { dialog: Dialog; width: number }) {
  const lines = targetLines(dialog);
  const top = listTop(dialog);
  const shown = lines.slice(top, top + listRows(dialog));
  const below = lines.length - top - shown.length;
  const more = hasMore(dialog) ? `${top > 0 ? `↑ ${top} more  ` : ''}${below > 0 ? `↓ ${below} more` : ''}  (↑/↓ scroll the list)` : undefined;
  return (
    <Box flexDirection="column" borderStyle="round" width={Math.min(width, 80)} height={dialogHeight(dialog)} paddingX={1}>
      <Text wrap="truncate">{theme.header(dialogTitle(dialog))}</Text>
      {shown.map((l, i) => (
        <Text key={`${top + i}`} wrap="truncate">{`  ${l}`}</Text>
      ))}
      {more === undefined ? null : <Text wrap="truncate">{theme.dim(more)}</Text>}
      {dialogNotes(dialog).map((n) => (
        <Text key={n} wrap="truncate">
          {theme.warning(n)}
        </Text>
      ))}
      <Text wrap="truncate">
        {'Grace period: '}
        {control(graceLabel(dialog), dialog.focus === 'grace')}
        {'  '}
        {control(`${dialog.force ? '[x]' : '[ ]'} Force`, dialog.focus === 'force')}
      </Text>
      <Text wrap="truncate">
        {control('OK', dialog.focus === 'ok')}
        {'  '}
        {control('Cancel', dialog.focus === 'cancel')}
      </Text>
    </Box>
  );
}
