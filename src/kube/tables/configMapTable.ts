// printConfigMap (k/k pkg/printers/internalversion/printers.go): NAME, DATA, AGE, where DATA
// counts the keys of data and binaryData together.
import { since } from '../duration.js';
import { column, type TableColumnDefinition } from '../table.js';
import type { ConfigMap } from '../types.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';

export const CONFIG_MAP_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column(
    'Data',
    'string',
    "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.",
  ),
  AGE_COLUMN,
];

export function configMapCells(cm: ConfigMap, nowMs: number): (string | number)[] {
  const keys = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
  return [cm.metadata?.name ?? '', keys, since(cm.metadata?.creationTimestamp, nowMs)];
}
