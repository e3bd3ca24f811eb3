// Each kind's selectable fields (its registry strategy's ToSelectableFields): the value of
// a field on an object, or undefined for a field the apiserver does not let you select on.
import type { Event, KubeObject, Pod, Secret } from '../types.js';

/** PodToSelectableFields; undefined for a field the apiserver does not let you select on. */
export function podFieldValue(pod: Pod, field: string): string | undefined {
  switch (field) {
    case 'metadata.name':
      return pod.metadata?.name ?? '';
    case 'metadata.namespace':
      return pod.metadata?.namespace ?? '';
    case 'spec.nodeName':
    case 'spec.host': // old clients' name for spec.nodeName, converted upstream
      return pod.spec?.nodeName ?? '';
    case 'spec.restartPolicy':
      return pod.spec?.restartPolicy ?? '';
    case 'spec.schedulerName':
      return pod.spec?.schedulerName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'spec.hostNetwork':
      return pod.spec?.hostNetwork ? 'true' : 'false';
    case 'status.phase':
      return pod.status?.phase ?? '';
    case 'status.podIP':
      return pod.status?.podIPs?.[0]?.ip ?? '';
    case 'status.podIPs':
      // Accepted by the field label conversion but absent from the field set: always "".
      return '';
    case 'status.nominatedNodeName':
      return pod.status?.nominatedNodeName ?? '';
    default:
      return undefined;
  }
}

/** Event's selectable fields (k/k pkg/registry/core/event/strategy.go). */
export function eventFieldValue(ev: Event, field: string): string | undefined {
  const io = ev.involvedObject;
  switch (field) {
    case 'metadata.name':
      return ev.metadata?.name ?? '';
    case 'metadata.namespace':
      return ev.metadata?.namespace ?? '';
    case 'involvedObject.kind':
      return io?.kind ?? '';
    case 'involvedObject.namespace':
      return io?.namespace ?? '';
    case 'involvedObject.name':
      return io?.name ?? '';
    case 'involvedObject.uid':
      return io?.uid ?? '';
    case 'involvedObject.apiVersion':
      return io?.apiVersion ?? '';
    case 'involvedObject.resourceVersion':
      return io?.resourceVersion ?? '';
    case 'involvedObject.fieldPath':
      return io?.fieldPath ?? '';
    case 'reason':
      return ev.reason ?? '';
    case 'reportingComponent':
      return ev.reportingComponent ?? '';
    case 'source':
      return ev.source?.component ? ev.source.component : (ev.reportingComponent ?? '');
    case 'type':
      return ev.type ?? '';
    default:
      return undefined;
  }
}

/** metadata.name and metadata.namespace: what every other kind can be selected on. */
export function genericFieldValue(obj: KubeObject, field: string): string | undefined {
  switch (field) {
    case 'metadata.name':
      return obj.metadata?.name ?? '';
    case 'metadata.namespace':
      return obj.metadata?.namespace ?? '';
    default:
      return undefined;
  }
}


/** SelectableFields of a Secret (k/k pkg/registry/core/secret/strategy.go): also `type`. */
export function secretFieldValue(secret: Secret, field: string): string | undefined {
  return field === 'type' ? (secret.type ?? '') : genericFieldValue(secret, field);
}
