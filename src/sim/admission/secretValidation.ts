// Secrets as the apiserver takes them (k/k pkg/apis/core/v1 conversion, defaults and
// pkg/apis/core/validation ValidateSecret / ValidateSecretUpdate): stringData is merged into
// data on every write and never stored, an empty type becomes Opaque, keys must be usable as
// file names, at most 1 MiB of values, the keys each well-known type requires, and type (and
// everything but metadata once `immutable` is set) cannot change. Limit: the JSON inside a
// dockercfg / dockerconfigjson value is not parsed.
import type { Secret } from '../../kube/types.js';
import { configMapKeyErrors } from '../../kube/validation.js';
import { forbidden, invalidValue, required, type FieldError } from './fieldErrors.js';

/** corev1.MaxSecretSize. */
const MAX_SECRET_BYTES = 1024 * 1024;

/** The well-known keys each built-in type requires (pkg/apis/core/types.go). */
const REQUIRED_KEYS: Readonly<Record<string, readonly string[]>> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

/** Conversion and defaulting: stringData's values overwrite data's (base64-encoded); type defaults to Opaque. */
export function normaliseSecret(secret: Secret): void {
  if (secret.stringData) {
    const data = { ...(secret.data ?? {}) };
    for (const key of Object.keys(secret.stringData)) data[key] = Buffer.from(secret.stringData[key] ?? '', 'utf8').toString('base64');
    secret.data = data;
    delete secret.stringData;
  }
  if (!secret.type) secret.type = 'Opaque';
}

const sortedKeys = (m: Record<string, unknown> | undefined): string[] => Object.keys(m ?? {}).sort();

export function validateSecret(secret: Secret): FieldError[] {
  const errs: FieldError[] = [];
  const data = secret.data ?? {};
  let total = 0;
  for (const key of sortedKeys(data)) {
    for (const msg of configMapKeyErrors(key)) errs.push(invalidValue(`data[${key}]`, key, msg));
    total += Buffer.from(data[key] ?? '', 'base64').length;
  }
  if (total > MAX_SECRET_BYTES) errs.push({ field: 'data', reason: 'FieldValueTooLong', message: `Too long: may not be more than ${MAX_SECRET_BYTES} bytes` });
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(data, key);
  switch (secret.type) {
    case 'kubernetes.io/service-account-token':
      if (!secret.metadata?.annotations?.['kubernetes.io/service-account.name']) errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      break;
    case 'kubernetes.io/basic-auth':
      // Either may be empty, but one of them must be there.
      if (!has('username') && !has('password')) errs.push(required('data[username]'), required('data[password]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson':
    case 'kubernetes.io/tls':
      for (const key of REQUIRED_KEYS[secret.type]!) {
        if (has(key)) continue;
        errs.push(required(`data[${key}]`));
        if (secret.type !== 'kubernetes.io/tls') break;
      }
      break;
    default:
      break;
  }
  return errs;
}

const IMMUTABLE = 'field is immutable when `immutable` is set';

export function validateSecretUpdate(next: Secret, old: Secret): FieldError[] {
  const errs: FieldError[] = [];
  if ((next.type ?? '') !== (old.type ?? '')) errs.push(invalidValue('type', next.type ?? '', 'field is immutable'));
  if (old.immutable === true) {
    if (next.immutable !== true) errs.push(forbidden('immutable', IMMUTABLE));
    if (!sameData(next.data, old.data)) errs.push(forbidden('data', IMMUTABLE));
  }
  errs.push(...validateSecret(next));
  return errs;
}

function sameData(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = sortedKeys(a);
  const kb = sortedKeys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a?.[k] === b?.[k]);
}
