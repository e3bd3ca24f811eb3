// apimachinery pkg/util/validation: the RFC 1123 name checks (IsDNS1123Label, IsDNS1123Subdomain)
// and their exact messages, shared by admission, scenarios and label-selector validation.

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const LABEL_RE = new RegExp(`^${DNS1123_LABEL}$`);
const SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN}$`);

// The double space after the example's comma is upstream's (RegexError), kept for byte equality.
export const DNS1123_LABEL_MESSAGE =
  `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${DNS1123_LABEL}')`;
export const DNS1123_SUBDOMAIN_MESSAGE =
  `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${DNS1123_SUBDOMAIN}')`;

/** validation.MaxLenError. */
export const maxLenError = (n: number): string => `must be no more than ${n} characters`;

/** IsDNS1123Label: the problems with `value`, empty when it is a valid label. */
export function dns1123LabelErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!LABEL_RE.test(value)) errs.push(DNS1123_LABEL_MESSAGE);
  return errs;
}

/** IsDNS1123Subdomain. */
export function dns1123SubdomainErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!SUBDOMAIN_RE.test(value)) errs.push(DNS1123_SUBDOMAIN_MESSAGE);
  return errs;
}
