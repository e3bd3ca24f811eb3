// printLease (k/k pkg/printers/internalversion/printers.go): NAME, HOLDER, AGE, where HOLDER
// is spec.holderIdentity (empty when nobody holds the lease).
import { since } from '../duration.js';
import { column, type TableColumnDefinition } from '../table.js';
import type { Lease } from '../types.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';

export const LEASE_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column(
    'Holder',
    'string',
    'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.',
  ),
  AGE_COLUMN,
];

export function leaseCells(lease: Lease, nowMs: number): (string | number)[] {
  return [lease.metadata?.name ?? '', lease.spec?.holderIdentity ?? '', since(lease.metadata?.creationTimestamp, nowMs)];
}
