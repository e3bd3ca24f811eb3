// "Scale deployment default/web?" / "Restart …?": the lines, the replica field when there is
// one, OK and Cancel.
import { Box, Text } from 'ink';
import type { ConfirmDialog as Dialog } from '../state/confirmDialog.js';
import { theme } from './theme.js';

const control = (label: string, focused: boolean): string => (focused ? theme.selected(`[${label}]`) : ` ${label} `);

export function confirmHeight(d: Dialog): number {
  return 2 + 1 + d.lines.length + (d.field ? 1 : 0) + 1;
}

export function ConfirmDialogBox({ dialog, width }: { dialog: Dialog; width: number }) {
  return (
    <Box flexDirection="column" borderStyle="round" width={Math.min(width, 80)} height={confirmHeight(dialog)} paddingX={1}>
      <Text wrap="truncate">{theme.header(dialog.title)}</Text>
      {dialog.lines.map((l) => (
        <Text key={l} wrap="truncate">
          {l}
        </Text>
      ))}
      {dialog.field ? <Text wrap="truncate">{`${dialog.field.label}: ${control(`${dialog.field.text}█`, dialog.focus === 'field')}`}</Text> : null}
      <Text wrap="truncate">
        {control('OK', dialog.focus === 'ok')}
        {'  '}
        {control('Cancel', dialog.focus === 'cancel')}
      </Text>
    </Box>
  );
}
