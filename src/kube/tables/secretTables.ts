// printSecret and printServiceAccount (k/k pkg/printers/internalversion/printers.go):
// NAME, TYPE, DATA, AGE (DATA counts data's keys) and NAME, SECRETS, AGE.
import { since } from '../duration.js';
import { column, type TableColumnDefinition } from '../table.js';
import type { Secret, ServiceAccount } from '../types.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';

export const SECRET_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Type', 'string', 'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types'),
  column(
    'Data',
    'string',
    "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4",
  ),
  AGE_COLUMN,
];

export function secretCells(secret: Secret, nowMs: number): (string | number)[] {
  return [secret.metadata?.name ?? '', secret.type ?? '', Object.keys(secret.data ?? {}).length, since(secret.metadata?.creationTimestamp, nowMs)];
}

export const SERVICE_ACCOUNT_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column(
    'Secrets',
    'string',
    'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". The "kubernetes.io/enforce-mountable-secrets" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret',
  ),
  AGE_COLUMN,
];

export function serviceAccountCells(sa: ServiceAccount, nowMs: number): (string | number)[] {
  return [sa.metadata?.name ?? '', sa.secrets?.length ?? 0, since(sa.metadata?.creationTimestamp, nowMs)];
}
