// Request bodies in application/vnd.kubernetes.protobuf: kubectl's typed clients (`kubectl
// create deployment|job|cronjob|namespace|configmap|secret|service`, `drain`'s evictions, `auth can-i`, `debug
// --copy-to`) send built-in kinds this way and do not fall back to JSON. The envelope is
// "k8s\0" + runtime.Unknown{typeMeta, raw}; raw is the kind's message, read here by one
// schema-driven decoder over the field tables in schema.ts. Fields a table does not name are
// skipped, as protobuf skips unknown fields. The result is the object JSON would have carried:
// zero values of omitempty fields left out, quantities and int-or-strings as their JSON forms.
import { rfc3339 } from '../../../kube/duration.js';
import type { Kind, KubeObject } from '../../../kube/types.js';
import { MESSAGES, type FieldType, type MessageName } from './schema.js';
import { int64, ProtobufError, Reader, text, type Field } from './wire.js';

export { ProtobufError } from './wire.js';

export const PROTOBUF_TYPE = 'application/vnd.kubernetes.protobuf';
const MAGIC = [0x6b, 0x38, 0x73, 0x00];

/** The message each kind's body holds. */
const KIND_MESSAGES: Partial<Record<Kind, MessageName>> = {
  Pod: 'core.v1.Pod',
  Namespace: 'core.v1.Namespace',
  ConfigMap: 'core.v1.ConfigMap',
  Secret: 'core.v1.Secret',
  Service: 'core.v1.Service',
  Deployment: 'apps.v1.Deployment',
  Job: 'batch.v1.Job',
  CronJob: 'batch.v1.CronJob',
};

type Json = unknown;

function isZero(v: Json): boolean {
  return v === undefined || v === '' || v === 0 || v === false;
}

function submessage(f: Field): Reader {
  return new Reader(f.bytes ?? new Uint8Array());
}

function quantity(f: Field): string {
  const r = submessage(f);
  let s = '';
  while (!r.done) {
    const x = r.next();
    if (x.number === 1) s = text(x);
  }
  return s;
}

/** intstr.IntOrString: type 1 (0 int, 1 string), intVal 2, strVal 3. */
function intOrString(f: Field): number | string {
  const r = submessage(f);
  let type = 0;
  let intVal = 0;
  let strVal = '';
  while (!r.done) {
    const x = r.next();
    if (x.number === 1) type = int64(x);
    else if (x.number === 2) intVal = int64(x);
    else if (x.number === 3) strVal = text(x);
  }
  return type === 1 ? strVal : intVal;
}

/** metav1.Time: seconds 1, nanos 2; the zero time is absent (JSON null). */
function time(f: Field): string | undefined {
  const r = submessage(f);
  let seconds = 0;
  let nanos = 0;
  while (!r.done) {
    const x = r.next();
    if (x.number === 1) seconds = int64(x);
    else if (x.number === 2) nanos = int64(x);
  }
  if (seconds === 0 && nanos === 0) return undefined;
  return rfc3339(seconds * 1000);
}

function scalar(type: FieldType, f: Field): Json {
  switch (type) {
    case 'string':
      return text(f);
    case 'bytes':
      return Buffer.from(f.bytes ?? new Uint8Array()).toString('base64');
    case 'int32':
    case 'int64':
      return int64(f);
    case 'bool':
      return (f.varint ?? 0n) !== 0n;
    case 'quantity':
      return quantity(f);
    case 'intOrString':
      return intOrString(f);
    case 'time':
      return time(f);
    default:
      return decodeMessage(type as MessageName, f.bytes ?? new Uint8Array());
  }
}

/** Packed repeated varints (wire type 2 where the type is a number or bool). */
function packed(type: FieldType, f: Field): Json[] {
  const out: Json[] = [];
  const bytes = f.bytes ?? new Uint8Array();
  let pos = 0;
  while (pos < bytes.length) {
    let v = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= bytes.length) throw new ProtobufError('unexpected end of data in a packed field');
      const b = bytes[pos++]!;
      v |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7n;
    }
    out.push(scalar(type, { number: f.number, wireType: 0, varint: v }));
  }
  return out;
}

function mapEntry(valueType: string, f: Field): [string, Json] {
  const r = submessage(f);
  let key = '';
  let value: Json = '';
  while (!r.done) {
    const x = r.next();
    if (x.number === 1) key = text(x);
    else if (x.number === 2) value = scalar(valueType as FieldType, x);
  }
  return [key, value];
}

const NUMERIC = new Set<FieldType>(['int32', 'int64', 'bool']);

/** One message of the table, as the JSON object it stands for. */
export function decodeMessage(name: MessageName, bytes: Uint8Array): Record<string, Json> {
  const schema = MESSAGES[name];
  const out: Record<string, Json> = {};
  const r = new Reader(bytes);
  while (!r.done) {
    const f = r.next();
    const spec = schema[f.number];
    if (!spec) continue;
    const [key, type, flags = ''] = spec;
    if (type.startsWith('map:')) {
      const [k, v] = mapEntry(type.slice(4), f);
      out[key] = { ...(out[key] as Record<string, Json> | undefined), [k]: v };
      continue;
    }
    if (flags.includes('r')) {
      const values = NUMERIC.has(type) && f.wireType === 2 ? packed(type, f) : [scalar(type, f)];
      out[key] = [...((out[key] as Json[] | undefined) ?? []), ...values];
      continue;
    }
    const value = scalar(type, f);
    if (flags.includes('i')) {
      Object.assign(out, value as Record<string, Json>);
      continue;
    }
    if (!flags.includes('k') && isZero(value)) continue;
    if (value === undefined) continue;
    out[key] = value;
  }
  return out;
}

/** Whether a protobuf body of this kind can be read. */
export function decodesProtobuf(kind: Kind): boolean {
  return KIND_MESSAGES[kind] !== undefined;
}

/** The envelope's type meta and raw message bytes. */
function unwrap(body: Uint8Array): { apiVersion?: string; kind?: string; raw: Uint8Array } {
  if (body.length < 4 || MAGIC.some((b, i) => body[i] !== b)) throw new ProtobufError('the body does not start with the protobuf envelope prefix');
  const r = new Reader(body.subarray(4));
  let apiVersion: string | undefined;
  let kind: string | undefined;
  let raw: Uint8Array | undefined;
  while (!r.done) {
    const f = r.next();
    if (f.number === 1 && f.bytes) {
      const tm = new Reader(f.bytes);
      while (!tm.done) {
        const t = tm.next();
        if (t.number === 1) apiVersion = text(t) || undefined;
        else if (t.number === 2) kind = text(t) || undefined;
      }
    } else if (f.number === 2) raw = f.bytes;
  }
  return { apiVersion, kind, raw: raw ?? new Uint8Array() };
}

/** Decodes an enveloped body holding `message` into the object JSON would have carried. */
export function decodeEnvelope(message: MessageName, body: Uint8Array): Record<string, Json> {
  const { apiVersion, kind, raw } = unwrap(body);
  const obj = decodeMessage(message, raw);
  return { ...(apiVersion ? { apiVersion } : {}), ...(kind ? { kind } : {}), ...obj };
}

/** Decodes a protobuf request body of `kind` into the object JSON would have carried. */
export function decodeProtobuf(kind: Kind, body: Uint8Array): KubeObject & Record<string, unknown> {
  const message = KIND_MESSAGES[kind];
  if (!message) throw new ProtobufError(`no protobuf decoder for ${kind}`);
  return decodeEnvelope(message, body) as KubeObject & Record<string, unknown>;
}
