// A versioned object store with watches, shaped like etcd behind the apiserver's watch
// cache: one global resourceVersion counter, objects kept sorted by key for paged lists,
// and a bounded history per kind from which watches resume (older → 410 Expired).
//
// Objects handed out are shared, never copied: callers must treat them as immutable and
// write changes back through create/update/remove, which store new objects.
import { alreadyExists, badRequest, conflict, expired, notFound, tooLargeResourceVersion, tooOldResourceVersion } from '../kube/apiError.js';
import { apiVersionOf, CATALOG, KINDS, type ResourceEntry } from '../kube/catalog/index.js';
import { rfc3339 } from '../kube/duration.js';
import type { AnyObject, Kind, KindMap, WatchEvent } from '../kube/types.js';
import type { Clock } from './clock.js';
import type { Random } from './random.js';

/** The kinds without a namespace, from the catalog. */
export const CLUSTER_SCOPED: ReadonlySet<Kind> = new Set<Kind>(KINDS.filter((k) => !CATALOG[k].namespaced));

/** Plural resource name and API group of each kind, for error messages and the REST paths (the catalog's). */
export const RESOURCES: { readonly [K in Kind]: ResourceEntry<K> } = CATALOG;

export { apiVersionOf };

export type Filter<T> = (obj: T) => boolean;

export interface ListOptions<T> {
  namespace?: string;
  filter?: Filter<T>;
  limit?: number;
  continue?: string;
}

export interface ListResult<T> {
  items: T[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface WatchOptions<T> {
  namespace?: string;
  filter?: Filter<T>;
  /** Unset or "0": synthetic ADDED events for the current state first, then changes. Else: changes after this version. */
  resourceVersion?: string;
  /**
   * Pods only: the watch sees the pods bound to this node (the filter spec.nodeName = nodeName,
   * ANDed with `filter`). As the apiserver's cacher indexes pod watchers by their nodeName
   * trigger, a write is offered only to the watchers of the node it is (or was) on, so a
   * kubelet per node does not make every pod write cost a filter call per node.
   */
  nodeName?: string;
}

export interface Watch {
  stop(): void;
}

interface HistoryEntry {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: AnyObject;
  prev?: AnyObject;
  /** The watch events built for this entry, shared by the watchers that see it so. */
  asIs?: WatchEvent<AnyObject>;
  entering?: WatchEvent<AnyObject>;
  leaving?: WatchEvent<AnyObject>;
  /** Roughly the bytes the entry holds (about its object's JSON length), for the history's byte bound. */
  bytes: number;
}

interface Watcher {
  kind: Kind;
  namespace?: string;
  filter?: Filter<AnyObject>;
  listener: (ev: WatchEvent<AnyObject>) => void;
  /** WatchOptions.nodeName: only pods on this node (already part of `filter`). */
  nodeName: string | undefined;
  /** Events at or below this version were already delivered (or replayed). */
  deliveredRv: number;
  stopped: boolean;
}

class KindTable {
  readonly objects = new Map<string, AnyObject>();
  private sorted: string[] | undefined;
  readonly history: HistoryEntry[] = [];
  historyStart = 0;
  /** The newest version that fell out of the history window. */
  compactedRv = 0;
  /** The bytes of the entries in the window. */
  historyBytes = 0;
  readonly watchers = new Set<Watcher>();
  /** How many of the watchers have a nodeName trigger. */
  triggered = 0;

  /**
   * namespace → name → the key a stored object is filed under. A lookup by (namespace,
   * name) then hashes no new string: the kubelet alone reads and writes pods ~250k times
   * in an hour of a 10k-pod cluster.
   */
  private readonly keysByName = new Map<string, Map<string, string>>();

  /** The key of a namespaced object: the stored one's own string when there is one. */
  namespacedKey(namespace: string | undefined, name: string): string {
    const ns = namespace ?? '';
    return this.keysByName.get(ns)?.get(name) ?? `${ns}/${name}`;
  }

  rememberKey(namespace: string | undefined, name: string, key: string): void {
    const ns = namespace ?? '';
    let byName = this.keysByName.get(ns);
    if (!byName) {
      byName = new Map();
      this.keysByName.set(ns, byName);
    }
    byName.set(name, key);
  }

  forgetKey(namespace: string | undefined, name: string): void {
    const ns = namespace ?? '';
    const byName = this.keysByName.get(ns);
    if (!byName) return;
    byName.delete(name);
    if (byName.size === 0) this.keysByName.delete(ns);
  }

  /**
   * Every key in order, for paged lists. Built once on the first list, then kept in order
   * by insertKey/removeKey (a binary search and one splice), so churn never re-sorts 100k keys.
   */
  keysSorted(): string[] {
    if (!this.sorted) this.sorted = [...this.objects.keys()].sort();
    return this.sorted;
  }

  insertKey(key: string): void {
    if (this.sorted) this.sorted.splice(lowerBound(this.sorted, key), 0, key);
  }

  removeKey(key: string): void {
    if (!this.sorted) return;
    const i = lowerBound(this.sorted, key);
    if (this.sorted[i] === key) this.sorted.splice(i, 1);
  }

  pushHistory(entry: HistoryEntry, capacity: number, maxBytes: number): void {
    this.history.push(entry);
    this.historyBytes += entry.bytes;
    // Bounded in count and in bytes (the newest entry always stays, however large).
    while (this.history.length - this.historyStart > capacity || (this.historyBytes > maxBytes && this.history.length - this.historyStart > 1)) {
      this.historyBytes -= this.history[this.historyStart]!.bytes;
      this.compactedRv = this.history[this.historyStart]!.rv;
      this.history[this.historyStart] = undefined as unknown as HistoryEntry;
      this.historyStart++;
      if (this.historyStart >= capacity || this.historyStart >= this.history.length / 2) {
        this.history.splice(0, this.historyStart);
        this.historyStart = 0;
      }
    }
  }
}

export interface StoreOptions {
  /** Watch history kept per kind; a watch from an older version gets 410. */
  historySize?: number;
  /** Bytes of watch history kept per kind (default 64 MiB); older versions get 410 like those past historySize. */
  historyBytes?: number;
  /**
   * Versions up to this one belong to an earlier incarnation of the cluster (a restarted
   * `sim serve`): the first version issued is the next one, and a watch from an older one
   * gets 410, so a client relists instead of resuming into a different history.
   */
  startResourceVersion?: number;
  /**
   * Called synchronously before a version beyond `upTo` is issued, with the new upper bound
   * (a block ahead), so the caller can persist it: a restart then starts above anything issued.
   */
  reserveVersions?: (upTo: number) => void;
  /** Deep-freeze stored objects, so a caller that mutates one fails loudly (tests). */
  freezeObjects?: boolean;
}

export class Store {
  private rv = 0;
  private tables = new Map<Kind, KindTable>();
  private readonly historySize: number;
  private readonly historyBytes: number;
  private readonly freeze: boolean;
  /** The first version of this incarnation's history (versions at or below it are not ours). */
  readonly startResourceVersion: number;
  private reservedUpTo = Infinity;
  private readonly reserveVersions: ((upTo: number) => void) | undefined;
  private pending: { table: KindTable; entry: HistoryEntry }[] = [];
  /** etcd's periodic compaction as the apiserver drives it (see etcdCompactedRv). */
  private readonly compaction: { nextAt: number; seenRv: number; compactedRv: number };
  private draining = false;
  onListenerError: (err: unknown) => void = (err) => {
    throw err;
  };

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    options: StoreOptions = {},
  ) {
    this.historySize = options.historySize ?? 20_000;
    this.historyBytes = options.historyBytes ?? 64 * 1024 * 1024;
    this.freeze = options.freezeObjects ?? false;
    this.startResourceVersion = options.startResourceVersion ?? 0;
    this.rv = this.startResourceVersion;
    this.compaction = { nextAt: clock.now() + ETCD_COMPACTION_INTERVAL_MS, seenRv: this.rv, compactedRv: this.rv };
    this.reserveVersions = options.reserveVersions;
    if (this.reserveVersions) this.reservedUpTo = this.rv;
  }

  get resourceVersion(): string {
    return String(this.rv);
  }

  /**
   * Forgets every kind's watch history, as a restarted apiserver's empty watch cache does: a
   * watch from any version issued so far gets 410 and its client relists (fault injection).
   */
  compactHistory(): void {
    for (const t of this.tables.values()) {
      t.history.length = 0;
      t.historyStart = 0;
      t.historyBytes = 0;
      t.compactedRv = this.rv;
    }
  }

  /**
   * The revision etcd has compacted to, which is what expires a continue token: the apiserver
   * asks etcd every --etcd-compaction-interval (5 min) to compact to the revision it saw at
   * the previous request, so a revision stays listable for 5 to 10 minutes however many
   * writes follow (a 100k-pod list under churn outlives the watch history by far). Called
   * before every write, so the revision seen at each passed tick is the current one.
   */
  private etcdCompactedRv(): number {
    const now = this.clock.now();
    if (now >= this.compaction.nextAt) {
      const ticks = Math.floor((now - this.compaction.nextAt) / ETCD_COMPACTION_INTERVAL_MS) + 1;
      this.compaction.compactedRv = ticks >= 2 ? this.rv : this.compaction.seenRv;
      this.compaction.seenRv = this.rv;
      this.compaction.nextAt += ticks * ETCD_COMPACTION_INTERVAL_MS;
    }
    return this.compaction.compactedRv;
  }

  private nextVersion(): number {
    this.etcdCompactedRv();
    const rv = ++this.rv;
    if (rv > this.reservedUpTo) {
      this.reservedUpTo = rv + RESERVE_BLOCK;
      this.reserveVersions!(this.reservedUpTo);
    }
    return rv;
  }

  private table(kind: Kind): KindTable {
    let t = this.tables.get(kind);
    if (!t) {
      t = new KindTable();
      this.tables.set(kind, t);
    }
    return t;
  }

  static key(kind: Kind, namespace: string | undefined, name: string): string {
    return CLUSTER_SCOPED.has(kind) ? name : `${namespace ?? ''}/${name}`;
  }

  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): KindMap[K] | undefined {
    const t = this.table(kind);
    return t.objects.get(this.keyIn(t, kind, namespace, name)) as KindMap[K] | undefined;
  }

  /** Store.key, reusing the stored object's key string when there is one. */
  private keyIn(t: KindTable, kind: Kind, namespace: string | undefined, name: string): string {
    return CLUSTER_SCOPED.has(kind) ? name : t.namespacedKey(namespace, name);
  }

  count(kind: Kind): number {
    return this.table(kind).objects.size;
  }

  /** Every object of a kind (optionally one namespace), unsorted: for controllers' internal scans. */
  *all<K extends Kind>(kind: K, namespace?: string): IterableIterator<KindMap[K]> {
    const prefix = namespace !== undefined && !CLUSTER_SCOPED.has(kind) ? `${namespace}/` : undefined;
    for (const [key, obj] of this.table(kind).objects) {
      if (prefix === undefined || key.startsWith(prefix)) yield obj as KindMap[K];
    }
  }

  list<K extends Kind>(kind: K, options: ListOptions<KindMap[K]> = {}): ListResult<KindMap[K]> {
    const t = this.table(kind);
    const keys = t.keysSorted();
    let listRv = this.rv;
    let start = 0;
    if (options.continue) {
      const token = decodeContinue(options.continue);
      if (token.rv < this.etcdCompactedRv()) {
        throw expired(
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
        );
      }
      listRv = token.rv;
      start = upperBound(keys, token.key);
    }
    // One namespace's keys ("ns/…") lie together: [lowerBound("ns/"), lowerBound("ns0")), as "0" follows "/".
    let end = keys.length;
    if (options.namespace !== undefined && !CLUSTER_SCOPED.has(kind)) {
      start = Math.max(start, lowerBound(keys, `${options.namespace}/`));
      end = lowerBound(keys, `${options.namespace}0`);
    }
    const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
    const items: KindMap[K][] = [];
    let i = start;
    for (; i < end && items.length < limit; i++) {
      const obj = t.objects.get(keys[i]!) as KindMap[K];
      if (options.filter && !options.filter(obj)) continue;
      items.push(obj);
    }
    const result: ListResult<KindMap[K]> = { items, resourceVersion: String(listRv) };
    // Each page costs its own length, however long the list: the bounds are binary searches.
    if (items.length === limit && i < end) {
      const last = items[items.length - 1]!;
      result.continue = encodeContinue(listRv, Store.key(kind, last.metadata?.namespace, last.metadata!.name!));
      // The apiserver only knows the remaining count when no selector filters the list.
      if (!options.filter) result.remainingItemCount = end - i;
    }
    return result;
  }

  create<K extends Kind>(kind: K, obj: KindMap[K]): KindMap[K] {
    const meta = obj.metadata ?? {};
    const name = meta.name;
    if (!name) throw new Error(`store.create(${kind}) needs metadata.name`);
    const namespace = CLUSTER_SCOPED.has(kind) ? undefined : meta.namespace;
    if (!CLUSTER_SCOPED.has(kind) && !namespace) throw new Error(`store.create(${kind}) needs metadata.namespace`);
    const t = this.table(kind);
    const key = Store.key(kind, namespace, name);
    if (t.objects.has(key)) throw alreadyExists(RESOURCES[kind].resource, name, RESOURCES[kind].group);
    const rv = this.nextVersion();
    const stored = {
      ...obj,
      apiVersion: apiVersionOf(kind),
      kind,
      metadata: {
        ...meta,
        namespace,
        uid: meta.uid ?? this.random.uuid(),
        resourceVersion: String(rv),
        creationTimestamp: meta.creationTimestamp ?? rfc3339(this.clock.now()),
      },
    } as KindMap[K];
    if (namespace === undefined) delete stored.metadata!.namespace;
    this.put(t, key, stored);
    if (namespace !== undefined) t.rememberKey(namespace, name, key);
    t.insertKey(key);
    this.emit(t, { rv, type: 'ADDED', object: stored });
    return stored;
  }

  /**
   * Replaces an object. With `metadata.resourceVersion` set, it must match the stored one
   * (optimistic concurrency) or a Conflict is thrown. uid and creationTimestamp are kept.
   */
  update<K extends Kind>(kind: K, obj: KindMap[K]): KindMap[K] {
    const meta = obj.metadata ?? {};
    const t = this.table(kind);
    const key = this.keyIn(t, kind, meta.namespace, meta.name ?? '');
    const current = t.objects.get(key);
    if (!current) throw notFound(RESOURCES[kind].resource, meta.name ?? '', RESOURCES[kind].group);
    if (meta.resourceVersion && meta.resourceVersion !== current.metadata!.resourceVersion) {
      throw conflict(
        RESOURCES[kind].resource,
        meta.name!,
        'the object has been modified; please apply your changes to the latest version and try again',
        RESOURCES[kind].group,
      );
    }
    const rv = this.nextVersion();
    const stored = {
      ...obj,
      apiVersion: apiVersionOf(kind),
      kind,
      metadata: {
        ...meta,
        uid: current.metadata!.uid,
        creationTimestamp: current.metadata!.creationTimestamp,
        resourceVersion: String(rv),
      },
    } as KindMap[K];
    this.put(t, key, stored);
    this.emit(t, { rv, type: 'MODIFIED', object: stored, prev: current });
    return stored;
  }

  /** Removes an object for good; watchers get DELETED with its last state at a new version. */
  remove<K extends Kind>(kind: K, namespace: string | undefined, name: string): KindMap[K] {
    const t = this.table(kind);
    const key = this.keyIn(t, kind, namespace, name);
    const current = t.objects.get(key);
    if (!current) throw notFound(RESOURCES[kind].resource, name, RESOURCES[kind].group);
    const rv = this.nextVersion();
    const last = { ...current, metadata: { ...current.metadata, resourceVersion: String(rv) } } as KindMap[K];
    if (this.freeze) deepFreeze(last);
    t.objects.delete(key);
    if (!CLUSTER_SCOPED.has(kind)) t.forgetKey(namespace, name);
    t.removeKey(key);
    this.emit(t, { rv, type: 'DELETED', object: last, prev: current });
    return last;
  }

  /**
   * Watches a kind. Throws 410 Expired when `resourceVersion` is older than the history
   * window. Events reach every watcher in resourceVersion order, even when a listener
   * writes to the store while it is being called.
   */
  watch<K extends Kind>(kind: K, options: WatchOptions<KindMap[K]>, listener: (ev: WatchEvent<KindMap[K]>) => void): Watch {
    const t = this.table(kind);
    const nodeName = options.nodeName;
    if (nodeName !== undefined && kind !== 'Pod') throw new Error(`store.watch(${kind}): a nodeName trigger is for pods only`);
    const own = options.filter as Filter<AnyObject> | undefined;
    const onNode = (obj: AnyObject): boolean => nodeOf(obj) === nodeName;
    const w: Watcher = {
      kind,
      namespace: CLUSTER_SCOPED.has(kind) ? undefined : options.namespace,
      filter: nodeName === undefined ? own : own ? (obj) => onNode(obj) && own(obj) : onNode,
      listener: listener as (ev: WatchEvent<AnyObject>) => void,
      nodeName,
      deliveredRv: this.rv,
      stopped: false,
    };
    const from = options.resourceVersion;
    if (from === undefined || from === '' || from === '0') {
      for (const obj of t.objects.values()) {
        if (this.visible(w, obj)) listener({ type: 'ADDED', object: obj as KindMap[K] });
      }
    } else {
      const requested = Number(from);
      if (!Number.isInteger(requested) || requested < 0) throw expired(`invalid resource version: ${from}`);
      if (requested < t.compactedRv || requested < this.startResourceVersion) {
        throw tooOldResourceVersion(requested, t.history[t.historyStart]?.rv ?? this.rv);
      }
      if (requested > this.rv) throw tooLargeResourceVersion(requested, this.rv);
      for (let i = t.historyStart; i < t.history.length; i++) {
        const entry = t.history[i]!;
        if (entry.rv <= requested) continue;
        const ev = this.toWatchEvent(w, entry);
        if (ev) listener(ev as WatchEvent<KindMap[K]>);
      }
    }
    w.deliveredRv = this.rv;
    t.watchers.add(w);
    if (nodeName !== undefined) t.triggered++;
    return {
      stop: () => {
        if (w.stopped) return;
        w.stopped = true;
        t.watchers.delete(w);
        if (nodeName !== undefined) t.triggered--;
      },
    };
  }

  private visible(w: Watcher, obj: AnyObject): boolean {
    if (w.namespace !== undefined && obj.metadata?.namespace !== w.namespace) return false;
    return !w.filter || w.filter(obj);
  }

  /**
   * Selector transitions as the watch cache reports them: entering → ADDED, leaving → DELETED.
   * Every watcher that sees an entry the same way gets the same (immutable) event object.
   */
  private toWatchEvent(w: Watcher, entry: HistoryEntry): WatchEvent<AnyObject> | undefined {
    const cur = this.visible(w, entry.object);
    if (entry.type === 'ADDED') return cur ? (entry.asIs ??= { type: 'ADDED', object: entry.object }) : undefined;
    const prev = entry.prev !== undefined && this.visible(w, entry.prev);
    if (entry.type === 'DELETED') return prev ? (entry.asIs ??= { type: 'DELETED', object: entry.object }) : undefined;
    if (cur && prev) return (entry.asIs ??= { type: 'MODIFIED', object: entry.object });
    if (cur) return (entry.entering ??= { type: 'ADDED', object: entry.object });
    if (prev) {
      if (!entry.leaving) {
        const last = { ...entry.prev!, metadata: { ...entry.prev!.metadata, resourceVersion: String(entry.rv) } } as AnyObject;
        entry.leaving = { type: 'DELETED', object: last };
      }
      return entry.leaving;
    }
    return undefined;
  }

  private put(t: KindTable, key: string, obj: AnyObject): void {
    if (this.freeze) deepFreeze(obj);
    t.objects.set(key, obj);
  }

  private emit(t: KindTable, event: Omit<HistoryEntry, 'bytes'>): void {
    // Every field in one order from the start: entries share one hidden class (a spread and
    // the watch events added later gave each of the tens of thousands its own).
    const entry: HistoryEntry = {
      rv: event.rv,
      type: event.type,
      object: event.object,
      prev: event.prev,
      asIs: undefined,
      entering: undefined,
      leaving: undefined,
      bytes: approximateBytes(event.object),
    };
    t.pushHistory(entry, this.historySize, this.historyBytes);
    if (t.watchers.size === 0) return;
    this.pending.push({ table: t, entry });
    if (this.draining) return;
    this.draining = true;
    try {
      for (let i = 0; i < this.pending.length; i++) {
        const { table, entry: e } = this.pending[i]!;
        // The nodes the entry is and was on: a triggered watcher of any other node cannot see it.
        const node = table.triggered > 0 ? nodeOf(e.object) : undefined;
        const prevNode = table.triggered > 0 && e.prev !== undefined ? nodeOf(e.prev) : undefined;
        for (const w of table.watchers) {
          if (w.stopped || e.rv <= w.deliveredRv) continue;
          if (w.nodeName !== undefined && w.nodeName !== node && w.nodeName !== prevNode) continue;
          w.deliveredRv = e.rv;
          const ev = this.toWatchEvent(w, e);
          if (!ev) continue;
          try {
            w.listener(ev);
          } catch (err) {
            this.onListenerError(err);
          }
        }
      }
    } finally {
      this.pending = [];
      this.draining = false;
    }
  }
}

/** A pod's spec.nodeName (the pods registry's trigger field). */
function nodeOf(obj: AnyObject): string | undefined {
  return (obj as { spec?: { nodeName?: string } }).spec?.nodeName;
}

/** kube-apiserver --etcd-compaction-interval (storagebackend.DefaultCompactInterval). */
export const ETCD_COMPACTION_INTERVAL_MS = 5 * 60_000;

/** Versions reserved (and persisted by the caller) at a time. */
const RESERVE_BLOCK = 100_000;

/**
 * The length of each stored object's spec, by identity. A status write keeps the spec object
 * it replaced (stored objects are immutable and shared), so a pod's spec is walked once, not
 * at every one of its status writes.
 */
const specLengths = new WeakMap<object, number>();

function approximateBytes(obj: AnyObject): number {
  const record = obj as unknown as Record<string, unknown>;
  let n = 2;
  for (const key in record) {
    const v = record[key];
    if (v === undefined) continue;
    n += key.length + 4;
    if (key === 'spec' && typeof v === 'object' && v !== null) {
      let len = specLengths.get(v);
      if (len === undefined) specLengths.set(v, (len = jsonLength(v)));
      n += len;
    } else {
      n += jsonLength(v);
    }
  }
  return n;
}

/**
 * About the length of `JSON.stringify(value)`, counted without building it: every write is
 * counted, and the text of a 100k-pod cluster's writes was a large share of the engine's time
 * and garbage. Strings count without their escapes, numbers as 8 characters.
 */
function jsonLength(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return 8;
    case 'boolean':
      return 5;
    case 'object': {
      if (value === null) return 4;
      let n = 2;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) n += jsonLength(value[i]) + 1;
        return n;
      }
      const record = value as Record<string, unknown>;
      for (const key in record) {
        const v = record[key];
        if (v !== undefined) n += key.length + 4 + jsonLength(v);
      }
      return n;
    }
    default:
      return 0;
  }
}

function encodeContinue(rv: number, key: string): string {
  return Buffer.from(JSON.stringify({ v: 'podscope/1', rv, start: key })).toString('base64url');
}

function decodeContinue(token: string): { rv: number; key: string } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: string; rv?: number; start?: string };
    if (parsed.v === 'podscope/1' && typeof parsed.rv === 'number' && typeof parsed.start === 'string') {
      return { rv: parsed.rv, key: parsed.start };
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('continue key is not valid: the token is malformed');
}

/** First index whose key is >= k. */
function lowerBound(keys: string[], k: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose key is > k. */
function upperBound(keys: string[], k: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function deepFreeze(obj: unknown): void {
  if (obj === null || typeof obj !== 'object' || Object.isFrozen(obj)) return;
  Object.freeze(obj);
  for (const value of Object.values(obj)) deepFreeze(value);
}
