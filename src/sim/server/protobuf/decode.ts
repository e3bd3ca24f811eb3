// Request bodies in application/vnd.kubernetes.protobuf: kubectl's typed clients (`kubectl
// create configmap`) send built-in kinds this way and do not fall back to JSON. The envelope
// is "k8s\0" + runtime.Unknown{typeMeta, raw}; raw is the kind's message from k8s.io/api's
// generated.proto. Only the kinds with a schema here decode; the rest get the apiserver's 415.
// Timestamps in metadata are not read: create and update set them from the server's clock.
import type { ConfigMap, Kind, KubeObject, ObjectMeta, OwnerReference } from '../../../kube/types.js';
import { int64, mapEntry, ProtobufError, Reader, text, type Field } from './wire.js';

export { ProtobufError } from './wire.js';

export const PROTOBUF_TYPE = 'application/vnd.kubernetes.protobuf';
const MAGIC = [0x6b, 0x38, 0x73, 0x00];

function ownerReference(bytes: Uint8Array): OwnerReference {
  const ref: OwnerReference = { apiVersion: '', kind: '', name: '', uid: '' };
  const r = new Reader(bytes);
  while (!r.done) {
    const f = r.next();
    if (f.number === 1) ref.kind = text(f);
    else if (f.number === 3) ref.name = text(f);
    else if (f.number === 4) ref.uid = text(f);
    else if (f.number === 5) ref.apiVersion = text(f);
    else if (f.number === 6) ref.controller = f.varint !== 0n;
    else if (f.number === 7) ref.blockOwnerDeletion = f.varint !== 0n;
  }
  return ref;
}

function stringMap(into: Record<string, string> | undefined, field: Field): Record<string, string> {
  const { key, value } = mapEntry(field);
  return { ...into, [key]: value ? text(value) : '' };
}

/** metav1.ObjectMeta (apimachinery pkg/apis/meta/v1/generated.proto). */
function objectMeta(bytes: Uint8Array): ObjectMeta {
  const meta: ObjectMeta = {};
  const r = new Reader(bytes);
  while (!r.done) {
    const f = r.next();
    switch (f.number) {
      case 1:
        meta.name = text(f);
        break;
      case 2:
        meta.generateName = text(f);
        break;
      case 3:
        meta.namespace = text(f);
        break;
      case 5:
        meta.uid = text(f);
        break;
      case 6:
        meta.resourceVersion = text(f);
        break;
      case 7:
        meta.generation = int64(f);
        break;
      case 10:
        meta.deletionGracePeriodSeconds = int64(f);
        break;
      case 11:
        meta.labels = stringMap(meta.labels, f);
        break;
      case 12:
        meta.annotations = stringMap(meta.annotations, f);
        break;
      case 13:
        (meta.ownerReferences ??= []).push(ownerReference(f.bytes ?? new Uint8Array()));
        break;
      case 14:
        (meta.finalizers ??= []).push(text(f));
        break;
    }
  }
  // proto3 cannot tell "" from unset; JSON clients leave these out.
  for (const key of ['name', 'generateName', 'namespace', 'uid', 'resourceVersion'] as const) if (meta[key] === '') delete meta[key];
  // generation is a plain int64, always on the wire; JSON's omitempty leaves a zero out.
  if (meta.generation === 0) delete meta.generation;
  return meta;
}

/** core/v1 ConfigMap: metadata 1, data 2, binaryData 3 (bytes, base64 in JSON), immutable 4. */
function configMap(bytes: Uint8Array): ConfigMap {
  const cm: ConfigMap = {};
  const r = new Reader(bytes);
  while (!r.done) {
    const f = r.next();
    if (f.number === 1) cm.metadata = objectMeta(f.bytes ?? new Uint8Array());
    else if (f.number === 2) cm.data = stringMap(cm.data, f);
    else if (f.number === 3) {
      const { key, value } = mapEntry(f);
      cm.binaryData = { ...cm.binaryData, [key]: Buffer.from(value?.bytes ?? new Uint8Array()).toString('base64') };
    } else if (f.number === 4) cm.immutable = f.varint !== 0n;
  }
  return cm;
}

const DECODERS: Partial<Record<Kind, (bytes: Uint8Array) => KubeObject>> = {
  ConfigMap: configMap,
};

/** Whether a protobuf body of this kind can be read. */
export function decodesProtobuf(kind: Kind): boolean {
  return DECODERS[kind] !== undefined;
}

/** Decodes a protobuf request body of `kind` into the object JSON would have carried. */
export function decodeProtobuf(kind: Kind, body: Uint8Array): KubeObject & Record<string, unknown> {
  const decode = DECODERS[kind];
  if (!decode) throw new ProtobufError(`no protobuf decoder for ${kind}`);
  if (body.length < 4 || MAGIC.some((b, i) => body[i] !== b)) throw new ProtobufError('the body does not start with the protobuf envelope prefix');
  const r = new Reader(body.subarray(4));
  let apiVersion: string | undefined;
  let typeKind: string | undefined;
  let raw: Uint8Array | undefined;
  while (!r.done) {
    const f = r.next();
    if (f.number === 1 && f.bytes) {
      const tm = new Reader(f.bytes);
      while (!tm.done) {
        const t = tm.next();
        if (t.number === 1) apiVersion = text(t);
        else if (t.number === 2) typeKind = text(t);
      }
    } else if (f.number === 2) raw = f.bytes;
  }
  const obj = decode(raw ?? new Uint8Array()) as KubeObject & Record<string, unknown>;
  return { ...(apiVersion ? { apiVersion } : {}), ...(typeKind ? { kind: typeKind } : {}), ...obj };
}
