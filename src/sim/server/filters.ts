// labelSelector / fieldSelector query parameters → a store filter, and the Table printer
// of each kind, both from the kind's catalog entry in src/kube.
import { badRequest } from '../../kube/apiError.js';
import { objectSelector } from '../../kube/catalog/objectSelector.js';
import { SelectorError } from '../../kube/selectorError.js';
import type { IncludeObject, Table, TableOptions } from '../../kube/table.js';
import { tableFor as kindTable } from '../../kube/tables/index.js';
import type { AnyObject, Kind, KubeObject } from '../../kube/types.js';
import type { Filter } from '../store.js';

export function selectorFilter(kind: Kind, labelSelector: string | null, fieldSelector: string | null): Filter<AnyObject> | undefined {
  try {
    return objectSelector(kind, labelSelector, fieldSelector) as Filter<AnyObject> | undefined;
  } catch (err) {
    if (err instanceof SelectorError) throw badRequest(err.message);
    throw err;
  }
}

export function tableFor(kind: Kind, objects: KubeObject[], nowMs: number, includeObject: IncludeObject, options?: TableOptions): Table {
  return kindTable(kind, objects, nowMs, includeObject, options);
}
