// ControllerRevisions as the StatefulSet and DaemonSet controllers keep them
// (pkg/controller/history, statefulset's getPatch/newRevision, daemon's update.go).
//
// A revision's data is the owner's getPatch: `{"spec":{"template":{…,"$patch":"replace"}}}`,
// which kubectl's `rollout undo` applies back as a strategic merge patch. Upstream compares
// revisions by the bytes Go's json.Marshal writes for that map (keys sorted, <>& escaped),
// so goJson below writes the same bytes and equality is equality of that text. A template's
// `metadata.creationTimestamp` is written as null, as Go writes a zero metav1.Time.
import { fnv32 } from '../../kube/fnv.js';
import type { ControllerRevision, KubeObject, PodTemplateSpec } from '../../kube/types.js';
import { safeEncodeString } from './hash.js';
import { defaultedTemplate } from './templateDefaults.js';

/** history.ControllerRevisionHashLabel: the hash of a StatefulSet revision's data. */
export const CONTROLLER_REVISION_HASH = 'controller.kubernetes.io/hash';
/** apps.ControllerRevisionHashLabelKey: on pods (and DaemonSet revisions), which revision they run. */
export const REVISION_LABEL = 'controller-revision-hash';

export type RevisionData = { spec: { template: Record<string, unknown> } };

/** Go's json.Marshal of decoded JSON: object keys in byte order, <, > and & escaped. */
export function goJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value !== 'object') return escapeHtml(JSON.stringify(value));
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : goJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${escapeHtml(JSON.stringify(k))}:${goJson(v)}`).join(',')}}`;
}

function escapeHtml(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Drops null members (Go's zero values, which its encoder mostly omits) at every depth. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
  return out;
}

/** getPatch: the owner's pod template, to be put back whole by a strategic merge patch. */
export function templatePatch(template: PodTemplateSpec | undefined): RevisionData {
  const t = withoutNulls(defaultedTemplate(template)) as Record<string, unknown>;
  const metadata = { ...((t.metadata as Record<string, unknown> | undefined) ?? {}), creationTimestamp: null };
  // Stored in Go's key order, so the bytes a client reads back are the bytes upstream writes
  // (kubectl's rollout undo compares them with its own encoding of the owner to skip a no-op).
  return JSON.parse(goJson({ spec: { template: { ...t, metadata, $patch: 'replace' } } })) as RevisionData;
}

const rawCache = new WeakMap<object, string>();

/** The bytes upstream compares and hashes (RawExtension.Raw); kept per stored data object. */
export function revisionRaw(cr: Pick<ControllerRevision, 'data'>): string {
  const data: unknown = cr.data;
  if (typeof data !== 'object' || data === null) return goJson(data);
  let raw = rawCache.get(data);
  if (raw === undefined) {
    raw = goJson(data);
    rawCache.set(data, raw);
  }
  return raw;
}

/** HashControllerRevision: FNV-1 of the data, then the collision count as decimal text. */
export function hashControllerRevision(raw: string, probe: number | undefined): string {
  const enc = new TextEncoder();
  let h = fnv32(enc.encode(raw));
  if (probe !== undefined) h = fnv32(enc.encode(String(probe)), h);
  return safeEncodeString(String(h));
}

/** ControllerRevisionName: prefix-hash, the prefix cut to 223 characters. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.slice(0, 223)}-${hash}`;
}

const created = (cr: ControllerRevision): number => Date.parse(cr.metadata?.creationTimestamp ?? '') || 0;

/** SortControllerRevisions: by revision, then creation, then name. */
export function byRevisionNumber(a: ControllerRevision, b: ControllerRevision): number {
  const ra = a.revision ?? 0;
  const rb = b.revision ?? 0;
  if (ra !== rb) return ra - rb;
  const ca = created(a);
  const cb = created(b);
  if (ca !== cb) return ca - cb;
  return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
}

/** EqualRevision: the same data bytes (the hash labels, never decimal here, cannot decide it first). */
export function equalRevision(a: ControllerRevision, b: ControllerRevision): boolean {
  return revisionRaw(a) === revisionRaw(b);
}

/** nextRevision: one past the highest of the sorted revisions, or 1. */
export function nextRevision(sorted: readonly ControllerRevision[]): number {
  return sorted.length === 0 ? 1 : (sorted[sorted.length - 1]!.revision ?? 0) + 1;
}

/** The owner's annotations, copied onto its revisions (kubectl reads change-cause there). */
export function ownerAnnotations(owner: KubeObject): Record<string, string> | undefined {
  const a = owner.metadata?.annotations;
  return a && Object.keys(a).length > 0 ? { ...a } : undefined;
}
