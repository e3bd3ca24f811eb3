// The ListOptions rules for watch-list streaming (KEP-3157, the WatchList feature, on by
// default in 1.33), as apimachinery's ValidateListOptions states them: sendInitialEvents
// needs resourceVersionMatch=NotOlderThan, resourceVersionMatch on a watch needs
// sendInitialEvents, and a plain list takes no sendInitialEvents.
import { ApiError } from '../../kube/apiError.js';

interface Cause {
  field: string;
  message: string;
  reason: 'FieldValueForbidden' | 'FieldValueNotSupported';
}

const NOT_OLDER_THAN = 'NotOlderThan';

/** The causes, in apimachinery's order; empty when the options are valid. */
export function watchListCauses(query: URLSearchParams, watch: boolean): Cause[] {
  const causes: Cause[] = [];
  const sendInitialEvents = query.has('sendInitialEvents');
  if (!watch) {
    if (sendInitialEvents) causes.push({ field: 'sendInitialEvents', message: 'Forbidden: sendInitialEvents is forbidden for list', reason: 'FieldValueForbidden' });
    return causes;
  }
  const match = query.get('resourceVersionMatch') ?? '';
  if (sendInitialEvents && match !== NOT_OLDER_THAN) {
    causes.push({ field: 'resourceVersionMatch', message: `Forbidden: sendInitialEvents requires setting resourceVersionMatch to ${NOT_OLDER_THAN}`, reason: 'FieldValueForbidden' });
  }
  if (match !== '') {
    if (!sendInitialEvents) {
      causes.push({ field: 'resourceVersionMatch', message: 'Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided', reason: 'FieldValueForbidden' });
    }
    if (match !== NOT_OLDER_THAN) {
      causes.push({ field: 'resourceVersionMatch', message: `Unsupported value: ${JSON.stringify(match)}: supported values: "${NOT_OLDER_THAN}"`, reason: 'FieldValueNotSupported' });
    }
    if (query.get('continue')) {
      causes.push({ field: 'resourceVersionMatch', message: 'Forbidden: resourceVersionMatch is forbidden when continue is provided', reason: 'FieldValueForbidden' });
    }
  }
  return causes;
}

/** Throws the apiserver's 422 for ListOptions that break those rules. */
export function validateWatchListOptions(query: URLSearchParams, watch: boolean): void {
  const causes = watchListCauses(query, watch);
  if (causes.length === 0) return;
  const text = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
  throw new ApiError(422, 'Invalid', `ListOptions.meta.k8s.io "" is invalid: ${causes.length > 1 ? `[${text}]` : text}`, {
    group: 'meta.k8s.io',
    kind: 'ListOptions',
    causes,
  });
}
