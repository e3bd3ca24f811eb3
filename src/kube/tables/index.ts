// The Table every kind the simulator serves prints as: the catalog entry's printer, with
// kubectl's columns from the apiserver's TableConvertor (k/k pkg/printers/internalversion/
// printers.go, printed with Wide: true so priority-1 columns have cells too; see ../table.ts).
import { entryOf } from '../catalog/index.js';
import type { IncludeObject, Table, TableOptions } from '../table.js';
import type { Kind, KindMap, KubeObject } from '../types.js';

/** The Table for a list (or one watch event) of `kind`, as the apiserver would serve it. */
export function tableFor(kind: Kind, objects: KubeObject[], nowMs: number, includeObject: IncludeObject, options?: TableOptions): Table {
  return entryOf(kind).printer.table(objects as KindMap[typeof kind][], nowMs, includeObject, options);
}

export { formatLabels, formatLabelSelector } from './format.js';
