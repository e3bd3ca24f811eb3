// ValidateLeaseSpec (k/k pkg/apis/coordination/validation): a positive lease duration and a
// non-negative transition count. The 1.33 coordinated-leader-election fields are not modelled.
import type { Lease } from '../../kube/types.js';
import { invalidValue, type FieldError } from './fieldErrors.js';

export function validateLease(lease: Lease): FieldError[] {
  const errs: FieldError[] = [];
  const spec = lease.spec;
  if (spec?.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0) {
    errs.push(invalidValue('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (spec?.leaseTransitions !== undefined && spec.leaseTransitions < 0) {
    errs.push(invalidValue('spec.leaseTransitions', spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
  return errs;
}
