// printControllerRevision (k/k pkg/printers/internalversion/printers.go): NAME, CONTROLLER,
// REVISION, AGE. CONTROLLER is the controller reference as `kind.group/name` in lower case
// (formatResourceName with its kind), or <none>.
import { since } from '../duration.js';
import { column, type TableColumnDefinition } from '../table.js';
import type { ControllerRevision } from '../types.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';

export const CONTROLLER_REVISION_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Controller', 'string', 'Controller of the object'),
  column('Revision', 'string', 'Revision indicates the revision of the state represented by Data.'),
  AGE_COLUMN,
];

/** GroupKind.String() lower-cased, then the name: "statefulset.apps/web". */
function controllerName(cr: ControllerRevision): string {
  const ref = cr.metadata?.ownerReferences?.find((r) => r.controller === true);
  if (!ref) return '<none>';
  const slash = ref.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
  const groupKind = group ? `${ref.kind}.${group}` : ref.kind;
  return `${groupKind.toLowerCase()}/${ref.name}`;
}

export function controllerRevisionCells(cr: ControllerRevision, nowMs: number): (string | number)[] {
  return [cr.metadata?.name ?? '', controllerName(cr), cr.revision ?? 0, since(cr.metadata?.creationTimestamp, nowMs)];
}
