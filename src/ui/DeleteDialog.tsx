// "Delete pod ns/name?" with the grace field, Force, OK and Cancel (focused first).
import { Box, Text } from 'ink';
import { dialogTitle, type DeleteDialog as Dialog } from '../state/deleteDialog.js';
import { theme } from './theme.js';

function control(label: string, focused: boolean): string {
  return focused ? theme.selected(`[${label}]`) : ` ${label} `;
}

export const DIALOG_HEIGHT = 7;

export function DeleteDialog({ dialog, width }: { dialog: Dialog; width: number }) {
  const grace = dialog.force ? '0 (force)' : dialog.grace === '' ? '(pod default)' : `${dialog.grace}s`;
  const names = dialog.targets.length > 1 ? dialog.targets.map((t) => t.name).join(', ') : '';
  return (
    <Box flexDirection="column" borderStyle="round" width={Math.min(width, 70)} height={DIALOG_HEIGHT} paddingX={1}>
      <Text wrap="truncate">{theme.header(dialogTitle(dialog))}</Text>
      <Text wrap="truncate">{names}</Text>
      <Text wrap="truncate">
        {'Grace period: '}
        {control(grace, dialog.focus === 'grace')}
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
