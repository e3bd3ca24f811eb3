// ValidateConfigMap and ValidateConfigMapUpdate (k/k pkg/apis/core/validation): keys usable
// as file names, no key in both data and binaryData, at most 1 MiB of values, and nothing
// but metadata changes once `immutable` is set. Keys are checked in sorted order (Go ranges
// over the maps in random order) so the answer is deterministic.
import type { ConfigMap } from '../../kube/types.js';
import { configMapKeyErrors } from '../../kube/validation.js';
import { forbidden, invalidValue, type FieldError } from './fieldErrors.js';

/** corev1.MaxSecretSize, which ConfigMaps share. */
const MAX_CONFIG_MAP_BYTES = 1024 * 1024;

const sortedKeys = (m: Record<string, unknown> | undefined): string[] => Object.keys(m ?? {}).sort();

export function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs: FieldError[] = [];
  const binary = cm.binaryData ?? {};
  let total = 0;
  for (const key of sortedKeys(cm.data)) {
    for (const msg of configMapKeyErrors(key)) errs.push(invalidValue(`data[${key}]`, key, msg));
    if (Object.prototype.hasOwnProperty.call(binary, key)) errs.push(invalidValue(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    total += Buffer.byteLength(cm.data?.[key] ?? '', 'utf8');
  }
  for (const key of sortedKeys(binary)) {
    for (const msg of configMapKeyErrors(key)) errs.push(invalidValue(`binaryData[${key}]`, key, msg));
    // binaryData travels base64-encoded; its size is the decoded bytes.
    total += Buffer.from(binary[key] ?? '', 'base64').length;
  }
  if (total > MAX_CONFIG_MAP_BYTES) {
    errs.push({ field: '', reason: 'FieldValueTooLong', message: `Too long: may not be more than ${MAX_CONFIG_MAP_BYTES} bytes` });
  }
  return errs;
}

const IMMUTABLE = 'field is immutable when `immutable` is set';

export function validateConfigMapUpdate(next: ConfigMap, old: ConfigMap): FieldError[] {
  const errs: FieldError[] = [];
  if (old.immutable === true) {
    if (next.immutable !== true) errs.push(forbidden('immutable', IMMUTABLE));
    if (!sameMap(next.data, old.data)) errs.push(forbidden('data', IMMUTABLE));
    if (!sameMap(next.binaryData, old.binaryData)) errs.push(forbidden('binaryData', IMMUTABLE));
  }
  errs.push(...validateConfigMap(next));
  return errs;
}

/** The same keys and values (reflect.DeepEqual; an absent map counts as empty here). */
function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = sortedKeys(a);
  const kb = sortedKeys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a?.[k] === b?.[k]);
}
