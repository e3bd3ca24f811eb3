// What every update's metadata must keep (apimachinery ValidateObjectMetaAccessorUpdate, run for
// every kind by the registry's validateCommonFields). The registry's BeforeUpdate has already
// carried over what it repairs silently (an empty uid, creationTimestamp, deletionTimestamp,
// a dropped deletionGracePeriodSeconds, generation), so what is left here is what a client
// changed on purpose.
import type { ObjectMeta } from '../../kube/types.js';
import { forbidden, invalidValue, type FieldError } from './fieldErrors.js';

export const FIELD_IMMUTABLE = 'field is immutable';

/** Go's %#v of a []string, as field errors print lists of names. */
export function goStringSlice(values: readonly string[]): string {
  return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

export function validateObjectMetaUpdate(next: ObjectMeta, old: ObjectMeta): FieldError[] {
  const errs: FieldError[] = [];
  if (old.deletionTimestamp) {
    const before = new Set(old.finalizers ?? []);
    const added = [...new Set((next.finalizers ?? []).filter((f) => !before.has(f)))].sort();
    if (added.length > 0) {
      errs.push(forbidden('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(added)}`));
    }
  }
  if ((next.generation ?? 0) < (old.generation ?? 0)) errs.push(invalidValue('metadata.generation', next.generation ?? 0, 'must not be decremented'));
  const immutable: [keyof ObjectMeta, string][] = [
    ['name', 'metadata.name'],
    ['namespace', 'metadata.namespace'],
    ['uid', 'metadata.uid'],
  ];
  for (const [key, path] of immutable) {
    if ((next[key] ?? '') !== (old[key] ?? '')) errs.push(invalidValue(path, next[key] ?? '', FIELD_IMMUTABLE));
  }
  if ((next.creationTimestamp ?? '') !== (old.creationTimestamp ?? '')) errs.push(invalidValue('metadata.creationTimestamp', next.creationTimestamp ?? null, FIELD_IMMUTABLE));
  if ((next.deletionTimestamp ?? '') !== (old.deletionTimestamp ?? '')) errs.push(invalidValue('metadata.deletionTimestamp', next.deletionTimestamp ?? null, FIELD_IMMUTABLE));
  if (next.deletionGracePeriodSeconds !== old.deletionGracePeriodSeconds) {
    errs.push(invalidValue('metadata.deletionGracePeriodSeconds', next.deletionGracePeriodSeconds ?? null, FIELD_IMMUTABLE));
  }
  return errs;
}
