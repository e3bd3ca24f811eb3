// reference.GetReference: the involvedObject / regarding of an Event.
import type { KubeObject } from '../../kube/types.js';

export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export function referenceTo(obj: KubeObject, fieldPath?: string): ObjectReference {
  const meta = obj.metadata ?? {};
  const ref: ObjectReference = {};
  if (obj.kind) ref.kind = obj.kind;
  if (meta.namespace) ref.namespace = meta.namespace;
  if (meta.name) ref.name = meta.name;
  if (meta.uid) ref.uid = meta.uid;
  if (obj.apiVersion) ref.apiVersion = obj.apiVersion;
  if (meta.resourceVersion) ref.resourceVersion = meta.resourceVersion;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

/** A stable string for a reference, field by field (Go compares the struct). */
export function referenceKey(ref: ObjectReference): string {
  return [ref.kind, ref.namespace, ref.name, ref.uid, ref.apiVersion, ref.resourceVersion, ref.fieldPath]
    .map((v) => v ?? '')
    .join('\u0000');
}
