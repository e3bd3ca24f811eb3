// metadata.managedFields kept as the apiserver's fieldmanager keeps them: one entry per
// manager identity (manager, operation, the apiVersion for updates, subresource), with the
// fields it owns in FieldsV1. An update takes the fields it changes from everyone else; an
// apply owns exactly what it applied, and fails with 409 Conflict when it would change a
// field another manager owns, unless forced (then it takes the field).
import { ApiError } from '../../kube/apiError.js';
import type { KubeObject, ObjectMeta } from '../../kube/types.js';
import { FieldSet, pathString, type FieldPath, type Json } from './fieldPath.js';
import { compare, fieldSetOf, fieldsOf, removePath } from './objectFields.js';

type Entry = NonNullable<ObjectMeta['managedFields']>[number];

interface Managed {
  entry: Entry;
  set: FieldSet;
}

export interface Actor {
  manager: string;
  apiVersion: string;
  /** RFC 3339, the entry's time when its fields change. */
  now: string;
  subresource?: string;
}

const sameIdentity = (e: Entry, a: { manager: string; operation: string; apiVersion: string; subresource?: string }): boolean =>
  e.manager === a.manager &&
  e.operation === a.operation &&
  (e.subresource ?? '') === (a.subresource ?? '') &&
  (a.operation === 'Apply' || e.apiVersion === a.apiVersion);

function decode(obj: KubeObject | undefined): Managed[] {
  return (obj?.metadata?.managedFields ?? []).map((entry) => ({ entry, set: FieldSet.fromFieldsV1(entry.fieldsV1) }));
}

/** sortEncodedManagedFields: Apply before Update, then by time, manager, apiVersion, subresource. */
function encode(managed: Managed[]): Entry[] | undefined {
  const entries = managed
    .filter((m) => m.set.size > 0)
    .map((m) => ({ ...m.entry, fieldsType: 'FieldsV1', fieldsV1: m.set.toFieldsV1() }))
    .sort(
      (p, q) =>
        cmp(p.operation, q.operation) ||
        (Date.parse(p.time ?? '') || 0) - (Date.parse(q.time ?? '') || 0) ||
        cmp(p.manager, q.manager) ||
        cmp(p.apiVersion, q.apiVersion) ||
        cmp(p.subresource, q.subresource),
    );
  return entries.length > 0 ? entries : undefined;
}

const cmp = (a: string | undefined, b: string | undefined): number => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

function withEntries<T extends KubeObject>(obj: T, entries: Entry[] | undefined): T {
  const metadata = { ...(obj.metadata ?? {}) };
  if (entries) metadata.managedFields = entries;
  else delete metadata.managedFields;
  return { ...obj, metadata };
}

/**
 * An ordinary write (create, PUT, non-apply PATCH) by `actor`: it owns what it changed, and
 * nobody keeps fields that are gone. A body without managedFields keeps the stored ones.
 */
export function recordUpdate<T extends KubeObject>(live: KubeObject | undefined, next: T, actor: Actor): T {
  const managed = next.metadata?.managedFields !== undefined ? decode(next) : decode(live);
  const { changed, removed } = compare(live, next, actor.subresource);
  const identity = { manager: actor.manager, operation: 'Update', apiVersion: actor.apiVersion, subresource: actor.subresource };
  for (const m of managed) m.set = m.set.minus(changed).minus(removed);
  if (changed.size > 0) {
    const own = managed.find((m) => sameIdentity(m.entry, identity));
    if (own) {
      own.set = own.set.union(changed);
      own.entry = { ...own.entry, time: actor.now };
    } else {
      managed.push({ entry: { ...identity, time: actor.now }, set: changed });
    }
  }
  return withEntries(next, encode(managed));
}

interface Conflict {
  manager: Entry;
  path: FieldPath;
}

/** printManager: `"name"`, with its subresource, and `using <apiVersion>` for an updater. */
function printManager(e: Entry): string {
  let s = JSON.stringify(e.manager ?? '');
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') s += ` using ${e.apiVersion}`;
  return s;
}

/** The apiserver's NewConflictError: message and FieldManagerConflict causes. */
function conflictError(conflicts: Conflict[]): ApiError {
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.manager)}`, field: pathString(c.path) }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0]!.manager)}: ${pathString(conflicts[0]!.path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) {
      const name = printManager(c.manager);
      byManager.set(name, [...(byManager.get(name) ?? []), pathString(c.path)]);
    }
    const lines: string[] = [];
    for (const name of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${name}:`);
      for (const p of byManager.get(name)!) lines.push(`- ${p}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError(409, 'Conflict', message, { causes });
}

/**
 * A server-side apply of `applied` by `actor` onto `live` (undefined when the apply creates
 * the object). `merge` folds the configuration into the live object; fields this manager
 * applied before and leaves out now are removed unless another manager owns them.
 */
export function recordApply<T extends KubeObject>(
  live: T | undefined,
  applied: T,
  actor: Actor,
  force: boolean,
  merge: (live: T, applied: T) => T,
): T {
  const managed = decode(live);
  const identity = { manager: actor.manager, operation: 'Apply', apiVersion: actor.apiVersion, subresource: actor.subresource };
  const appliedSet = fieldSetOf(applied, actor.subresource);
  const own = managed.find((m) => sameIdentity(m.entry, identity));
  let next = live ? merge(live, applied) : applied;
  if (live && own) {
    const others = managed.filter((m) => m !== own).reduce((s, m) => s.union(m.set), new FieldSet());
    const dropped = own.set.minus(appliedSet).minus(others);
    if (dropped.size > 0) {
      const copy = structuredClone(next) as unknown as Record<string, Json>;
      // Deepest first, so an item goes after its fields.
      for (const p of [...dropped].sort((a, b) => b.length - a.length)) removePath(copy, p);
      next = copy as unknown as T;
    }
  }
  const { changed, removed } = compare(live, next, actor.subresource);
  const conflicts: Conflict[] = [];
  for (const m of managed) {
    if (m === own) continue;
    for (const p of m.set.intersect(changed).sorted()) conflicts.push({ manager: m.entry, path: p });
  }
  if (conflicts.length > 0 && !force) {
    const allowed = live && actor.manager === 'kubectl' ? allowedByLastApplied(live) : new FieldSet();
    const remaining = conflicts.filter((c) => !allowed.has(c.path));
    if (remaining.length > 0) throw conflictError(remaining);
  }
  for (const m of managed) if (m !== own) m.set = m.set.minus(changed).minus(removed);
  if (own) {
    own.set = appliedSet;
    own.entry = { ...own.entry, time: actor.now };
  } else {
    managed.push({ entry: { manager: actor.manager, operation: 'Apply', apiVersion: actor.apiVersion, time: actor.now, ...(actor.subresource ? { subresource: actor.subresource } : {}) }, set: appliedSet });
  }
  return withEntries(next, encode(managed));
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * lastAppliedManager: kubectl's own server-side apply may take over, without conflicts, the
 * fields its client-side apply last applied, where the live object still has those values.
 */
function allowedByLastApplied(live: KubeObject): FieldSet {
  const text = live.metadata?.annotations?.[LAST_APPLIED];
  if (!text) return new FieldSet();
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(text);
  } catch {
    return new FieldSet();
  }
  const liveFields = fieldsOf(live);
  const allowed = new FieldSet();
  for (const [key, f] of fieldsOf(lastApplied)) {
    const current = liveFields.get(key);
    if (current && JSON.stringify(current.value) === JSON.stringify(f.value)) allowed.add(f.path);
  }
  return allowed;
}

/** managerOrUserAgent: the fieldManager parameter, else the user agent up to its first slash. */
export function managerName(fieldManager: string | null, userAgent: string | undefined): string {
  if (fieldManager) return fieldManager;
  const prefix = (userAgent ?? '').split('/')[0]!;
  return prefix.length > 128 ? prefix.slice(0, 128) : prefix;
}
