// What the pod list keeps of each pod: the fields its readers use (the table's columns, sort,
// filter and counts, the WHY column's diagnosis, the timeline recorder, the delete dialog,
// the logs/shell/port-forward/attach pickers and the jumps), conformed as conformPod() does, and
// nothing else. Whatever a real cluster adds (env, volume mounts, security contexts, big
// annotations such as last-applied-configuration) is not kept, so the list's memory does not
// grow with the size of the objects. The views that show the whole pod (pod view, describe,
// YAML) get the whole object from the API when opened (AppState's focus) — never this.
//
// What is shared between pods (a ReplicaSet's containers, labels and owner, condition stamps
// of pods started in the same second) is interned: one frozen copy for all of them.
import {
  conform,
  CONTAINER,
  CONTAINER_STATE,
  CONTAINER_STATUS,
  DROP,
  isPlainObject,
  OWNER_REFERENCE,
  POD_CONDITION,
  POD_METADATA,
  POD_SPEC,
  POD_STATUS,
  READINESS_GATE,
  SCHEDULING_GATE,
  TOLERATION,
  VOLUME,
  type Shape,
} from './conformPod.js';
import { Interner } from './interner.js';
import type { Pod } from './types.js';

/**
 * A field of the projection: a conformPod leaf shape ('string', 'time', 'any'…) (kept as conform() leaves it), or an
 * object or list picked field by field. `share`: the subtree is interned (equal ones become
 * one object); leaves of kind 'any' and 'stringMap' under it are shared all the way down.
 * `same`: a leaf many pods hold the same value of (a node name, an image): its string is
 * interned. Strings elsewhere (names, uids, IPs) are the pod's own and are not looked up.
 */
export type Pick = Extract<Shape, string> | { same: Extract<Shape, string> } | { pick: Record<string, Pick>; share?: boolean } | { each: Pick; share?: boolean } | { onlyKeys: readonly string[] };

const DEFAULT_CONTAINER = 'kubectl.kubernetes.io/default-container';

type ObjectShape = { fields: Record<string, Shape> };
type ListShape = { list: Shape };

interface PickOptions {
  /** Interned as a whole (see Pick's `share`). */
  share?: boolean;
  /** Only these fields are kept (default: every field of the shape). */
  only?: readonly string[];
  /** Leaves many pods hold the same value of: their strings are interned (Pick's `same`). */
  same?: readonly string[];
  /** Fields picked otherwise than the shape's own (a shared subtree, a picked list). */
  fields?: Record<string, Pick>;
}

/** The projection of part of the pod schema (conformPod.ts): its fields, typed as conformPod types them. */
function pickOf(shape: ObjectShape, options: PickOptions = {}): Pick {
  const pick: Record<string, Pick> = {};
  for (const key of options.only ?? Object.keys(shape.fields)) {
    const field = shape.fields[key];
    if (field === undefined) throw new Error(`podProjection: the pod schema has no field ${key}`);
    pick[key] = options.fields?.[key] ?? (typeof field === 'string' ? (options.same?.includes(key) ? { same: field } : field) : pickOfField(field));
  }
  return options.share ? { pick, share: true } : { pick };
}

function pickOfField(shape: ObjectShape | ListShape): Pick {
  if ('fields' in shape) return pickOf(shape);
  return { each: typeof shape.list === 'string' ? shape.list : pickOfField(shape.list) };
}

/** A list of one part of the schema, each item picked by `item`. */
function each(item: Pick, share?: boolean): Pick {
  return share ? { each: item, share: true } : { each: item };
}

const containerState = pickOf(CONTAINER_STATE, { share: true });
const containerStatus = pickOf(CONTAINER_STATUS, { same: ['image', 'imageID'], fields: { state: containerState, lastState: containerState } });

/** A container as the list reads it: no env, volume mounts or security context (the whole pod has them). */
const container = pickOf(CONTAINER, {
  share: true,
  only: ['name', 'image', 'command', 'args', 'ports', 'resources', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'restartPolicy', 'stdin', 'stdinOnce', 'tty'],
});

/** Volumes that name objects the diagnosis looks for (claims, ConfigMaps, Secrets); the rest (the per-pod service account token) is the whole pod's. */
const volume = pickOf(VOLUME, { share: true });

export const POD_PROJECTION: Pick = {
  pick: {
    apiVersion: 'string',
    kind: 'string',
    metadata: pickOf(POD_METADATA, {
      only: ['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers'],
      same: ['namespace'],
      fields: {
        labels: { onlyKeys: [] },
        annotations: { onlyKeys: [DEFAULT_CONTAINER] },
        ownerReferences: each(pickOf(OWNER_REFERENCE, { share: true }), true),
        finalizers: { share: true, each: 'string' },
      },
    }),
    spec: pickOf(POD_SPEC, {
      only: ['nodeName', 'nodeSelector', 'restartPolicy', 'terminationGracePeriodSeconds', 'containers', 'initContainers', 'ephemeralContainers', 'volumes', 'tolerations', 'readinessGates', 'schedulingGates', 'affinity'],
      same: ['nodeName'],
      fields: {
        nodeSelector: { onlyKeys: [] },
        containers: each(container, true),
        initContainers: each(container, true),
        ephemeralContainers: each(container, true),
        volumes: each(volume, true),
        tolerations: each(pickOf(TOLERATION), true),
        readinessGates: each(pickOf(READINESS_GATE), true),
        schedulingGates: each(pickOf(SCHEDULING_GATE), true),
        // Of the affinity (free-form to the schema) only the node affinity the diagnosis reads.
        affinity: { share: true, pick: { nodeAffinity: 'any' } },
      },
    }),
    status: pickOf(POD_STATUS, {
      only: ['phase', 'reason', 'message', 'nominatedNodeName', 'hostIP', 'podIP', 'podIPs', 'startTime', 'conditions', 'containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses'],
      same: ['nominatedNodeName', 'hostIP'],
      fields: {
        conditions: each(pickOf(POD_CONDITION, { share: true })),
        containerStatuses: each(containerStatus),
        initContainerStatuses: each(containerStatus),
        ephemeralContainerStatuses: each(containerStatus),
      },
    }),
  },
};

/** Volumes with none of the kept sources are left out (see `volume`). */
function keepVolume(v: Record<string, unknown>): boolean {
  return v.persistentVolumeClaim !== undefined || v.configMap !== undefined || v.secret !== undefined;
}

/** Equal JSON values (conformed leaves, free-form subtrees such as probes). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  let count = 0;
  for (const k in a) {
    count++;
    if (!sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  for (const k in b) if (--count < 0 || !(k in a)) return false;
  return true;
}

/**
 * True when projecting `value` gives a tree equal to `prev`, what the same pick made of an
 * earlier version of the pod (undefined: the field was left out). Walks without building
 * anything; project() then keeps the earlier shared node as it is — no new objects, no
 * interner keys — which is what most of a pod's shared parts (spec, conditions, container
 * states) are from one version to the next.
 */
function unchanged(value: unknown, pick: Pick, prev: unknown): boolean {
  if (value === undefined) return prev === undefined;
  if (typeof pick === 'string' || 'same' in pick) {
    // A leaf equal to the earlier one conforms to the same value (conform is a function of the value).
    if (value === prev) return true;
    const c = conform(value, typeof pick === 'string' ? pick : pick.same);
    if (c === DROP || c === undefined) return prev === undefined;
    return typeof c === 'object' ? sameJson(c, prev) : c === prev;
  }
  // No shared node holds a picked map (labels, annotations): not worth a walk of its own.
  if ('onlyKeys' in pick) return false;
  if ('each' in pick) {
    if (!Array.isArray(value)) return prev === undefined;
    if (!Array.isArray(prev)) return false;
    let at = 0;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (pick.each === volume && isPlainObject(item) && !keepVolume(item)) continue;
      // An item that projects to nothing is left out of the earlier array too.
      if (unchanged(item, pick.each, undefined)) continue;
      if (at >= prev.length || !unchanged(item, pick.each, prev[at])) return false;
      at++;
    }
    return at === prev.length;
  }
  if (!isPlainObject(value)) return prev === undefined;
  if (!isPlainObject(prev)) return false;
  for (const key in pick.pick) {
    const field = pick.pick[key]!;
    const v = value[key];
    if (v === undefined) {
      const leaf = typeof field === 'string' ? field : 'same' in field ? field.same : undefined;
      if (leaf?.endsWith('!') ? conform(null, leaf) !== prev[key] : prev[key] !== undefined) return false;
      continue;
    }
    if (!unchanged(v, field, prev[key])) return false;
  }
  return true;
}

type Made = Record<string, unknown>;
const shapes = new WeakMap<object, new () => Made>();

/**
 * A new object for a picked shape, made by that shape's own constructor: V8 then gives its
 * objects room in themselves for as many fields as they get (slack tracking), where an
 * object literal filled field by field keeps four and puts the rest in a second, growing
 * array (a projected pod's metadata, spec, status and container statuses have more).
 */
function objectOf(pick: object): Made {
  return new (shapeOf(pick))();
}

function shapeOf(pick: object): new () => Made {
  let Shape = shapes.get(pick);
  if (Shape === undefined) {
    Shape = class {} as new () => Made;
    shapes.set(pick, Shape);
  }
  return Shape;
}

/** `prev`: the same field of an earlier projection of the pod, whose shared nodes are kept where nothing changed. */
function project(value: unknown, pick: Pick, interner: Interner, shared: boolean, prev?: unknown): unknown {
  if (value === undefined) return undefined;
  if (typeof pick === 'string' || 'same' in pick) {
    const leaf = typeof pick === 'string' ? pick : pick.same;
    const c = conform(value, leaf);
    if (c === DROP || c === undefined) return DROP;
    if (typeof c === 'string') return shared || leaf === 'time' || leaf !== pick ? interner.string(c) : c;
    // Maps and free-form subtrees are shared only where the projection says they repeat.
    return shared && typeof c === 'object' && c !== null ? interner.deep(c) : c;
  }
  if ('onlyKeys' in pick) {
    const c = conform(value, 'stringMap');
    if (c === DROP || !isPlainObject(c)) return DROP;
    // onlyKeys [] keeps every key (labels, nodeSelector): a map read as a whole.
    let out: Record<string, unknown>;
    if (pick.onlyKeys.length === 0) out = { ...c };
    else {
      out = {};
      for (const k of pick.onlyKeys) if (c[k] !== undefined) out[k] = c[k];
      if (Object.keys(out).length === 0) return DROP;
    }
    return interner.deep(out);
  }
  const share = shared || pick.share === true;
  // A shared node of the earlier version (frozen, canonical) stays when nothing under it changed.
  if (share && prev !== undefined && typeof prev === 'object' && Object.isFrozen(prev) && unchanged(value, pick, prev)) return prev;
  if ('each' in pick) {
    if (!Array.isArray(value)) return DROP;
    const before = Array.isArray(prev) ? prev : undefined;
    // Exactly as long as it is (an array filled by push() keeps room for 17 items): most lists
    // of a pod hold one to five, and a pod's own lists (conditions, container statuses) are many.
    const out: unknown[] = new Array(value.length);
    let at = 0;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (pick.each === volume && isPlainObject(item) && !keepVolume(item)) continue;
      const c = project(item, pick.each, interner, share, before?.[at]);
      if (c !== DROP && c !== undefined) out[at++] = c;
    }
    const list = at === out.length ? out : out.slice(0, at);
    return share ? interner.node(list) : list;
  }
  if (!isPlainObject(value)) return DROP;
  const before = isPlainObject(prev) ? prev : undefined;
  const out = objectOf(pick);
  for (const key in pick.pick) {
    const field = pick.pick[key]!;
    const v = value[key];
    if (v === undefined) {
      // Required fields get the value conformPod gives them.
      const leaf = typeof field === 'string' ? field : 'same' in field ? field.same : undefined;
      if (leaf?.endsWith('!')) out[key] = conform(null, leaf);
      continue;
    }
    const c = project(v, field, interner, share, before?.[key]);
    if (c !== DROP && c !== undefined) out[key] = c;
  }
  return share ? interner.node(out) : out;
}

/**
 * The list's copy of a pod (a new object; the input is not changed). `previous`: the list's
 * copy of an earlier version of the same pod, whose shared parts are kept where they did not
 * change (the result is the same as without it).
 */
export function projectPod(raw: unknown, interner: Interner, previous?: Pod): Pod {
  const p = project(raw, POD_PROJECTION, interner, false, previous);
  return (p === DROP || p === undefined ? objectOf(POD_PROJECTION as object) : p) as Pod;
}

/**
 * True for what projectPod made: its top object is made by the projection's own constructor,
 * which nothing parsed from JSON is (the prototype decides, not a `constructor` field). A
 * projection is told from a whole pod without a set of every projection made.
 */
export function isPodProjection(pod: unknown): boolean {
  return typeof pod === 'object' && pod !== null && Object.getPrototypeOf(pod) === shapeOf(POD_PROJECTION as object).prototype;
}
