// field.Error as apimachinery's validation package words it (pkg/util/validation/field/errors.go),
// and the 422 the apiserver builds from a list of them.
import { ApiError, invalid } from '../../kube/apiError.js';

export interface FieldError {
  field: string;
  reason: 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueDuplicate' | 'FieldValueNotSupported' | 'FieldValueForbidden' | 'FieldValueNotFound' | 'FieldValueTooLong';
  message: string;
}

/** Go's %#v-ish rendering used in `Invalid value: …`: strings quoted, numbers bare, maps as Go literals. */
export function goValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // field.Error turns a nil value (or nil pointer) into the string "null", printed quoted.
  if (value === undefined || value === null) return '"null"';
  if (typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    return `map[string]string{${entries.join(', ')}}`;
  }
  return JSON.stringify(value);
}

export function required(field: string, detail?: string): FieldError {
  return { field, reason: 'FieldValueRequired', message: detail ? `Required value: ${detail}` : 'Required value' };
}

export function invalidValue(field: string, value: unknown, detail: string): FieldError {
  return { field, reason: 'FieldValueInvalid', message: `Invalid value: ${goValue(value)}: ${detail}` };
}

export function duplicate(field: string, value: unknown): FieldError {
  return { field, reason: 'FieldValueDuplicate', message: `Duplicate value: ${goValue(value)}` };
}

export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const list = supported.map((s) => JSON.stringify(s)).join(', ');
  return { field, reason: 'FieldValueNotSupported', message: `Unsupported value: ${goValue(value)}: supported values: ${list}` };
}

export function forbidden(field: string, detail: string): FieldError {
  return { field, reason: 'FieldValueForbidden', message: `Forbidden: ${detail}` };
}

export function notFoundValue(field: string, value: unknown): FieldError {
  return { field, reason: 'FieldValueNotFound', message: `Not found: ${goValue(value)}` };
}

/**
 * The apiserver's 422. The message names the kind with its group (`Deployment.apps "web" is
 * invalid: …`) while details.kind stays the bare kind, so grouped kinds are built here.
 */
export function invalidError(kind: string, group: string, name: string, errors: FieldError[]): ApiError {
  const causes = errors.map((e) => ({ field: e.field, message: e.message, reason: e.reason }));
  if (!group) return invalid(kind, name, causes);
  const base = invalid(`${kind}.${group}`, name, causes, group);
  return new ApiError(422, 'Invalid', base.message, { ...base.details, kind });
}
