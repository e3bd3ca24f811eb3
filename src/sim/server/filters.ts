// labelSelector / fieldSelector query parameters → a store filter, and the Table printer
// of each kind, both from the kind's catalog entry in src/kube.
import { badRequest } from '../../kube/apiError.js';
import { entryOf } from '../../kube/catalog/index.js';
import { parseFieldSelector, validateFieldSelector } from '../../kube/fields/selector.js';
import { parseLabelSelector } from '../../kube/labels/selector.js';
import { SelectorError } from '../../kube/selectorError.js';
import type { IncludeObject, Table, TableOptions } from '../../kube/table.js';
import { tableFor as kindTable } from '../../kube/tables/index.js';
import type { AnyObject, Kind, KubeObject } from '../../kube/types.js';
import type { Filter } from '../store.js';

/** The kind's selectable fields (its catalog entry) of one object. */
function fieldGetter(kind: Kind, obj: AnyObject): (field: string) => string | undefined {
  const fields = entryOf(kind).selectableFields as (obj: AnyObject, field: string) => string | undefined;
  return (f) => fields(obj, f);
}

/** Validates a field selector against a blank object of the kind, so bad fields fail before any list. */
const BLANK: AnyObject = { metadata: {} } as AnyObject;

export function selectorFilter(kind: Kind, labelSelector: string | null, fieldSelector: string | null): Filter<AnyObject> | undefined {
  try {
    const labels = labelSelector ? parseLabelSelector(labelSelector) : undefined;
    const fields = fieldSelector ? parseFieldSelector(fieldSelector) : undefined;
    if (fields) validateFieldSelector(kind, fields, fieldGetter(kind, BLANK));
    const useLabels = labels && !labels.empty ? labels : undefined;
    const useFields = fields && !fields.empty ? fields : undefined;
    if (!useLabels && !useFields) return undefined;
    return (obj) => {
      if (useLabels && !useLabels.matches(obj.metadata?.labels)) return false;
      if (useFields && !useFields.matches(fieldGetter(kind, obj))) return false;
      return true;
    };
  } catch (err) {
    if (err instanceof SelectorError) throw badRequest(err.message);
    throw err;
  }
}

export function tableFor(kind: Kind, objects: KubeObject[], nowMs: number, includeObject: IncludeObject, options?: TableOptions): Table {
  return kindTable(kind, objects, nowMs, includeObject, options);
}
