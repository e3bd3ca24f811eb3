// The dryRun option of a write (query `dryRun=All`, or DeleteOptions.dryRun in a DELETE body):
// only "All" is known; anything else is the 422 apimachinery's ValidateDryRun gives, on the
// verb's options kind (CreateOptions, UpdateOptions, PatchOptions, DeleteOptions).
import { ApiError } from '../../kube/apiError.js';
import type { WriteOptions } from '../api.js';

export type OptionsKind = 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' | 'DeleteOptions';

export function dryRunOptions(values: readonly string[], optionsKind: OptionsKind): WriteOptions {
  if (values.length === 0) return {};
  if (values.every((v) => v === 'All')) return { dryRun: true };
  const given = `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
  const message = `dryRun: Unsupported value: ${given}: supported values: "All"`;
  return throwInvalid(optionsKind, message);
}

function throwInvalid(optionsKind: OptionsKind, message: string): never {
  throw new ApiError(422, 'Invalid', `${optionsKind}.meta.k8s.io "" is invalid: ${message}`, {
    group: 'meta.k8s.io',
    kind: optionsKind,
    causes: [{ reason: 'FieldValueNotSupported', message: message.slice('dryRun: '.length), field: 'dryRun' }],
  });
}
