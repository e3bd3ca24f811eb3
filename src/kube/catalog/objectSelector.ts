// A kind's label and field selectors as one predicate over its objects, with the field
// selector checked against the kind's selectable fields first, as the apiserver does before
// it lists anything. Throws SelectorError with the apiserver's 400 text.
import { validateFieldSelector, parseFieldSelector } from '../fields/selector.js';
import { parseLabelSelector } from '../labels/selector.js';
import type { Kind, KindMap } from '../types.js';
import { CATALOG } from './index.js';

/** undefined when neither selector restricts anything. */
export function objectSelector<K extends Kind>(
  kind: K,
  labelSelector: string | null | undefined,
  fieldSelector: string | null | undefined,
): ((obj: KindMap[K]) => boolean) | undefined {
  const fieldsOf = CATALOG[kind].selectableFields as (obj: KindMap[K], field: string) => string | undefined;
  const labels = labelSelector ? parseLabelSelector(labelSelector) : undefined;
  const fields = fieldSelector ? parseFieldSelector(fieldSelector) : undefined;
  // Checked against a blank object of the kind, so a bad field fails before any list.
  if (fields) validateFieldSelector(kind, fields, (f) => fieldsOf({ metadata: {} } as KindMap[K], f));
  const useLabels = labels && !labels.empty ? labels : undefined;
  const useFields = fields && !fields.empty ? fields : undefined;
  if (!useLabels && !useFields) return undefined;
  return (obj) => {
    if (useLabels && !useLabels.matches(obj.metadata?.labels)) return false;
    if (useFields && !useFields.matches((f) => fieldsOf(obj, f))) return false;
    return true;
  };
}
