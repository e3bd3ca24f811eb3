// ValidateControllerRevision and ValidateControllerRevisionUpdate (k/k pkg/apis/apps/validation):
// data is mandatory, revision is not negative, and data never changes once stored.
import type { ControllerRevision } from '../../kube/types.js';
import { canonicalJson } from '../controllers/hash.js';
import { invalidValue, required, type FieldError } from './fieldErrors.js';

export function validateControllerRevision(cr: ControllerRevision): FieldError[] {
  const errs: FieldError[] = [];
  if (cr.data === undefined || cr.data === null) errs.push(required('data', 'data is mandatory'));
  if ((cr.revision ?? 0) < 0) errs.push(invalidValue('revision', cr.revision, 'must be greater than or equal to 0'));
  return errs;
}

export function validateControllerRevisionUpdate(next: ControllerRevision, old: ControllerRevision): FieldError[] {
  const errs = validateControllerRevision(next);
  if (canonicalJson(next.data) !== canonicalJson(old.data)) errs.push(invalidValue('data', next.data, 'field is immutable'));
  return errs;
}
