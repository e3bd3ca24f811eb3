// Object names checked as the apiserver's ValidateObjectMeta does, as field errors.
import { dns1123LabelErrors, dns1123SubdomainErrors } from '../../kube/dns1123.js';
import { invalidValue, type FieldError } from './fieldErrors.js';

export function nameErrors(field: string, value: string, kind: 'label' | 'subdomain'): FieldError[] {
  const problems = kind === 'label' ? dns1123LabelErrors(value) : dns1123SubdomainErrors(value);
  return problems.map((p) => invalidValue(field, value, p));
}
