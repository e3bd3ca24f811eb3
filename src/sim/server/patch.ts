// PATCH bodies: JSON merge patch (RFC 7386), JSON patch (RFC 6902), and the common cases
// of strategic merge patch: lists of objects merged by their merge key, `$patch: delete`
// and `$patch: replace`, `$retainKeys`, and `$setElementOrder`/`$deleteFromPrimitiveList`.
import { ApiError, badRequest } from '../../kube/apiError.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
] as const;
export type PatchType = (typeof PATCH_TYPES)[number];

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/*
 * Keys come from the request, so every read and write here is of own properties: `obj[k]` with
 * k = "__proto__" would reach (or replace) Object.prototype, and "constructor" would read a
 * function. "constructor" and "prototype" are valid label keys and stay ordinary keys;
 * "__proto__" is never a valid Kubernetes field or key, and is refused at the door.
 */
const own = (obj: JsonObject, key: string): Json | undefined => (Object.hasOwn(obj, key) ? obj[key] : undefined);
function setOwn(obj: JsonObject, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The 422 for a JSON pointer into `__proto__`: no document has such a path. */
function refuseProtoPath(path: string, segments: string[]): void {
  if (segments.includes('__proto__')) {
    throw new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: path ${path} does not exist`);
  }
}

export function applyPatch(type: PatchType, target: unknown, patch: unknown): unknown {
  switch (type) {
    case 'application/merge-patch+json':
      if (!isObject(patch as Json)) return patch;
      return mergePatch(target as Json, patch as Json);
    case 'application/strategic-merge-patch+json':
      if (!isObject(patch as Json)) throw badRequest('unable to find api field in struct for the strategic merge patch');
      return strategicMerge(target as Json, patch as JsonObject, '');
    case 'application/json-patch+json':
      return jsonPatch(target as Json, patch);
  }
}

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else setOwn(out, k, mergePatch(own(out, k) ?? null, v));
  }
  return out;
}

/** patchMergeKey of the lists kubectl apply touches (k8s.io/api struct tags), by field name. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  conditions: 'type',
  hostAliases: 'ip',
  ownerReferences: 'uid',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
};

/** Lists of scalars that merge as sets (patchStrategy "merge"). */
const MERGED_SCALAR_LISTS = new Set(['finalizers']);

function strategicMerge(target: Json, patch: JsonObject, path: string): Json {
  if (patch.$patch === 'replace') {
    const { $patch: _ignored, ...rest } = patch;
    return stripDirectives(rest);
  }
  if (patch.$patch === 'delete') return null;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  const retain = own(patch, '$retainKeys');
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$setElementOrder/') || key === '$retainKeys' || key === '$patch') continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const current = own(out, field);
      if (Array.isArray(current) && Array.isArray(value)) setOwn(out, field, current.filter((x) => !value.includes(x)));
      continue;
    }
    if (value === null) {
      delete out[key];
      continue;
    }
    const current = own(out, key);
    const mergeKey = Object.hasOwn(MERGE_KEYS, key) ? MERGE_KEYS[key] : undefined;
    if (Array.isArray(value) && mergeKey && value.every(isObject)) {
      setOwn(out, key, mergeList(Array.isArray(current) ? current : [], value as JsonObject[], mergeKey, `${path}.${key}`));
    } else if (Array.isArray(value) && MERGED_SCALAR_LISTS.has(key)) {
      const merged = Array.isArray(current) ? [...current] : [];
      for (const v of value) if (!merged.includes(v)) merged.push(v);
      setOwn(out, key, merged);
    } else if (isObject(value)) {
      setOwn(out, key, strategicMerge(current ?? null, value, `${path}.${key}`));
    } else {
      setOwn(out, key, Array.isArray(value) ? value.map((v) => (isObject(v) ? stripDirectives(v) : v)) : value);
    }
  }
  if (Array.isArray(retain)) {
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  }
  return out;
}

function mergeList(current: Json[], patch: JsonObject[], mergeKey: string, path: string): Json[] {
  const out = [...current];
  for (const item of patch) {
    if (item.$patch === 'replace') return patch.filter((p) => p.$patch !== 'replace').map(stripDirectives);
    const key = own(item, mergeKey);
    if (key === undefined) throw badRequest(`map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey} (at ${path.slice(1)})`);
    const index = out.findIndex((x) => isObject(x) && own(x, mergeKey) === key);
    if (item.$patch === 'delete') {
      if (index >= 0) out.splice(index, 1);
      continue;
    }
    if (index >= 0) out[index] = strategicMerge(out[index]!, item, path);
    else out.push(stripDirectives(item));
  }
  return out;
}

function stripDirectives(obj: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k.startsWith('$')) continue;
    setOwn(out, k, isObject(v) ? stripDirectives(v) : Array.isArray(v) ? v.map((x) => (isObject(x) ? stripDirectives(x) : x)) : v);
  }
  return out;
}

interface JsonPatchOp {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (typeof path !== 'string') throw badRequest(`json: cannot unmarshal ${Array.isArray(path) ? 'array' : path === null ? 'null' : typeof path} into Go value of type string`);
  if (!path.startsWith('/')) throw badRequest(`JSON pointer must be empty or start with a "/": ${path}`);
  const segments = path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  refuseProtoPath(path, segments);
  return segments;
}

function jsonPatch(target: Json, ops: unknown): Json {
  if (!Array.isArray(ops)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc: Json = structuredClone(target);
  for (const raw of ops as JsonPatchOp[]) {
    if (!isObject(raw as unknown as Json)) throw badRequest(`json: cannot unmarshal ${Array.isArray(raw) ? 'array' : typeof raw} into Go value of type map[string]*json.RawMessage`);
    const op = raw.op;
    if (op === 'test') {
      if (JSON.stringify(get(doc, pointer(raw.path))) !== JSON.stringify(raw.value)) {
        throw new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: testing value ${raw.path} failed`);
      }
    } else if (op === 'remove') {
      doc = remove(doc, pointer(raw.path));
    } else if (op === 'add') {
      doc = add(doc, pointer(raw.path), raw.value ?? null);
    } else if (op === 'replace') {
      doc = add(remove(doc, pointer(raw.path)), pointer(raw.path), raw.value ?? null);
    } else if (op === 'move' || op === 'copy') {
      const from = pointer(raw.from ?? '');
      const value = structuredClone(get(doc, from));
      if (op === 'move') doc = remove(doc, from);
      doc = add(doc, pointer(raw.path), value);
    } else {
      throw badRequest(`Unexpected kind: ${String(op)}`);
    }
  }
  return doc;
}

function missing(path: string[]): ApiError {
  return new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: path /${path.join('/')} does not exist`);
}

function get(doc: Json, path: string[]): Json {
  let cur: Json | undefined = doc;
  for (const seg of path) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isObject(cur)) cur = own(cur, seg);
    else cur = undefined;
    if (cur === undefined) throw missing(path);
  }
  return cur;
}

function parentOf(doc: Json, path: string[]): Json {
  return get(doc, path.slice(0, -1));
}

function add(doc: Json, path: string[], value: Json): Json {
  if (path.length === 0) return value;
  const parent = parentOf(doc, path);
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) throw missing(path);
    parent.splice(index, 0, value);
  } else if (isObject(parent)) {
    setOwn(parent, last, value);
  } else {
    throw missing(path);
  }
  return doc;
}

function remove(doc: Json, path: string[]): Json {
  if (path.length === 0) return null;
  const parent = parentOf(doc, path);
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) {
    const index = Number(last);
    if (!Number.isInteger(index) || index < 0 || index >= parent.length) throw missing(path);
    parent.splice(index, 1);
  } else if (isObject(parent) && Object.hasOwn(parent, last)) {
    delete parent[last];
  } else {
    throw missing(path);
  }
  return doc;
}
