// The fields an object sets, as structured-merge-diff's ToFieldSet walks them with the
// Kubernetes schema's list types: scalars, empty objects and atomic lists are leaves; an
// item of an associative list (containers by name, ports by containerPort and protocol…)
// is a member itself and through its fields; an item of a set-like list (finalizers) is a
// leaf. Fields the apiserver never lets a manager own are left out (stripmeta.go), and
// status for the main resource (the workload strategies' ResetFields).
import { elementKey, FieldSet, type FieldPath, type Json, type PathElement } from './fieldPath.js';

/** listType=map lists and their listMapKeys, by field name (k8s.io/api struct tags). */
const ASSOCIATIVE: Record<string, readonly string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  ports: ['containerPort', 'protocol'],
  imagePullSecrets: ['name'],
  conditions: ['type'],
  hostAliases: ['ip'],
  ownerReferences: ['uid'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
  resourceClaims: ['name'],
  resizePolicy: ['resourceName'],
};

/** listType=set lists. */
const SET_LISTS = new Set(['finalizers']);

const STRIPPED_META = new Set(['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion']);

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A keyed item's key; ports default their protocol to TCP, as the schema does. */
function itemKey(field: string, item: Record<string, Json>): Record<string, Json> | undefined {
  const keys = ASSOCIATIVE[field];
  if (!keys) return undefined;
  const key: Record<string, Json> = {};
  for (const k of keys) {
    const v = item[k] ?? (field === 'ports' && k === 'protocol' ? 'TCP' : undefined);
    if (v === undefined) return undefined;
    key[k] = v;
  }
  return key;
}

/** Every owned path of `obj` with the value at it (undefined for keyed items, owned by presence). */
export function fieldsOf(obj: unknown, subresource?: string): Map<string, { path: FieldPath; value: Json | undefined }> {
  const out = new Map<string, { path: FieldPath; value: Json | undefined }>();
  const add = (path: FieldPath, value: Json | undefined): void => {
    out.set(FieldSet.key(path), { path, value });
  };
  const walk = (value: Json, path: PathElement[]): void => {
    if (isObject(value)) {
      const entries = Object.entries(value);
      if (entries.length === 0 && path.length > 0) add(path, value);
      for (const [k, v] of entries) if (v !== undefined) walk(v, [...path, { field: k }]);
      return;
    }
    if (Array.isArray(value)) {
      const last = path[path.length - 1];
      const field = last && 'field' in last ? last.field : '';
      if (SET_LISTS.has(field)) {
        for (const v of value) add([...path, { value: v }], v);
        return;
      }
      const keys = value.map((v) => (isObject(v) ? itemKey(field, v) : undefined));
      if (value.length > 0 && keys.every((k) => k !== undefined)) {
        value.forEach((item, i) => {
          const itemPath = [...path, { key: keys[i]! }];
          add(itemPath, undefined);
          walk(item, itemPath);
        });
        return;
      }
    }
    add(path, value);
  };
  if (!isObject(obj)) return out;
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || k === 'apiVersion' || k === 'kind') continue;
    if (subresource === 'status' ? k !== 'status' : k === 'status') continue;
    if (k === 'metadata' && isObject(v)) {
      for (const [mk, mv] of Object.entries(v)) if (mv !== undefined && !STRIPPED_META.has(mk)) walk(mv, [{ field: 'metadata' }, { field: mk }]);
      continue;
    }
    walk(v, [{ field: k }]);
  }
  return out;
}

/** The set of paths `obj` sets. */
export function fieldSetOf(obj: unknown, subresource?: string): FieldSet {
  return FieldSet.of([...fieldsOf(obj, subresource).values()].map((f) => f.path));
}

/** Paths whose value `next` adds or changes relative to `prev` (Compare's Added ∪ Modified), and those it removes. */
export function compare(prev: unknown, next: unknown, subresource?: string): { changed: FieldSet; removed: FieldSet } {
  const before = fieldsOf(prev, subresource);
  const after = fieldsOf(next, subresource);
  const changed = new FieldSet();
  const removed = new FieldSet();
  for (const [k, f] of after) {
    const old = before.get(k);
    if (!old || JSON.stringify(old.value) !== JSON.stringify(f.value)) changed.add(f.path);
  }
  for (const [k, f] of before) if (!after.has(k)) removed.add(f.path);
  return { changed, removed };
}

/** Removes the member at `path` from `obj` (a private copy is edited in place). */
export function removePath(obj: Record<string, Json>, path: FieldPath): void {
  let node: Json = obj;
  for (let i = 0; i < path.length; i++) {
    const e = path[i]!;
    const last = i === path.length - 1;
    if ('field' in e) {
      if (!isObject(node)) return;
      if (last) {
        delete node[e.field];
        return;
      }
      node = node[e.field] ?? null;
      continue;
    }
    if (!Array.isArray(node)) return;
    const list: Json[] = node;
    const prevField = path[i - 1];
    const field = prevField && 'field' in prevField ? prevField.field : '';
    const index =
      'key' in e
        ? list.findIndex((item) => {
            const key = isObject(item) ? itemKey(field, item) : undefined;
            return key !== undefined && elementKey({ key }) === elementKey(e);
          })
        : list.findIndex((item) => JSON.stringify(item) === JSON.stringify(e.value));
    if (index < 0) return;
    if (last) {
      list.splice(index, 1);
      return;
    }
    node = list[index]!;
  }
}
