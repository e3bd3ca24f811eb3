// The garbage collector (pkg/controller/garbagecollector), background propagation only:
// when an owner leaves the store, its dependents are deleted (pods gracefully, through the
// API like any client); a dependent that still has a live owner only loses the dangling
// reference. Dependents naming an owner uid that never existed are deleted too, as upstream
// does once it confirms the owner is absent. Foreground deletion (the foregroundDeletion
// finalizer) is not modelled; Orphan propagation is done by the API's delete.
import type { Kind, KindMap, KubeObject } from '../../kube/types.js';
import type { Component, SimContext } from '../context.js';
import { RESOURCES, type Watch } from '../store.js';
import { isDeleting } from './podState.js';
import { WorkQueue } from './workQueue.js';

interface Identity {
  kind: Kind;
  namespace: string | undefined;
  name: string;
}

const SEP = '\u0000';
const keyOf = (id: Identity): string => `${id.kind}${SEP}${id.namespace ?? ''}${SEP}${id.name}`;
function parseKey(key: string): Identity {
  const [kind, namespace, name] = key.split(SEP) as [Kind, string, string];
  return { kind, namespace: namespace || undefined, name };
}

/** Whether `refs` names the owner uids `previous` holds, in the same order. */
function sameOwners(previous: readonly string[], refs: readonly { uid?: string }[] | undefined): boolean {
  let n = 0;
  for (const r of refs ?? []) {
    if (!r.uid) continue;
    if (previous[n] !== r.uid) return false;
    n++;
  }
  return n === previous.length;
}

export class GarbageCollector implements Component {
  private readonly watches: Watch[] = [];
  private readonly queue: WorkQueue;
  /** Every live object's uid → where it is. */
  private readonly live = new Map<string, Identity>();
  /** Owner uid → keys of the objects that reference it. */
  private readonly dependents = new Map<string, Set<string>>();
  /** Object key → the owner uids it referenced when last seen. */
  private readonly refsOf = new Map<string, string[]>();
  /** The latest failures (at most 20), for diagnostics; failed items are retried. */
  readonly errors: { key: string; error: unknown }[] = [];

  constructor(private readonly ctx: SimContext) {
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.attempt(key),
      (key, error) => {
        this.errors.push({ key, error });
        if (this.errors.length > 20) this.errors.shift();
      },
    );
  }

  start(): void {
    for (const kind of Object.keys(RESOURCES) as Kind[]) {
      if (kind === 'Event') continue; // Events never have owners and are the bulk of writes.
      this.watches.push(this.ctx.store.watch(kind, {}, (ev) => this.observe(kind, ev.type, ev.object)));
    }
  }

  stop(): void {
    for (const w of this.watches.splice(0)) w.stop();
    this.queue.stop();
  }

  private observe(kind: Kind, type: string, obj: KubeObject): void {
    const meta = obj.metadata ?? {};
    const namespace = meta.namespace;
    const name = meta.name ?? '';
    const key = keyOf({ kind, namespace, name });
    const uid = meta.uid;
    const previousRefs = this.refsOf.get(key);
    // Most writes are status updates of an object known under this uid with the owners it had:
    // nothing to re-index (a crash loop's status writes were a share of the engine's time here).
    if (type !== 'DELETED' && previousRefs !== undefined && uid && sameOwners(previousRefs, meta.ownerReferences)) {
      const known = this.live.get(uid);
      if (known && known.kind === kind && known.namespace === namespace && known.name === name && this.allLive(previousRefs)) return;
    }
    if (previousRefs !== undefined) {
      for (const owner of previousRefs) {
        const set = this.dependents.get(owner);
        set?.delete(key);
        if (set?.size === 0) this.dependents.delete(owner);
      }
      this.refsOf.delete(key);
    }
    const known = uid ? this.live.get(uid) : undefined;
    if (type === 'DELETED') {
      if (uid && known && keyOf(known) === key) this.live.delete(uid);
      if (uid) for (const dep of this.dependents.get(uid) ?? []) this.queue.add(dep);
      return;
    }
    // Most writes are status updates of an object already known under this uid: keep its identity.
    if (uid && !(known && known.kind === kind && known.namespace === namespace && known.name === name)) {
      this.live.set(uid, { kind, namespace, name });
    }
    const owners = (meta.ownerReferences ?? []).map((r) => r.uid).filter((u): u is string => !!u);
    if (owners.length === 0) return;
    this.refsOf.set(key, owners);
    for (const owner of owners) {
      let set = this.dependents.get(owner);
      if (!set) this.dependents.set(owner, (set = new Set()));
      set.add(key);
      if (!this.live.has(owner)) this.queue.add(key);
    }
  }

  private allLive(uids: readonly string[]): boolean {
    for (const uid of uids) if (!this.live.has(uid)) return false;
    return true;
  }

  /** attemptToDeleteItem: drop dangling references, or delete when no owner is left. */
  private attempt(key: string): void {
    const id = parseKey(key);
    const obj = this.ctx.store.get(id.kind, id.namespace, id.name);
    if (!obj) return;
    const refs = obj.metadata?.ownerReferences ?? [];
    const dangling = refs.filter((r) => !this.ownerExists(r.uid, r.kind, r.name, id.namespace));
    if (dangling.length === 0) return;
    if (dangling.length < refs.length) {
      const kept = refs.filter((r) => !dangling.includes(r));
      this.ctx.api.update(id.kind, { ...obj, metadata: { ...obj.metadata, resourceVersion: undefined, ownerReferences: kept } } as KindMap[typeof id.kind]);
      return;
    }
    if (isDeleting(obj)) return;
    this.ctx.api.delete(id.kind, id.namespace, id.name, { propagationPolicy: 'Background' });
  }

  private ownerExists(uid: string, kind: string, name: string, namespace: string | undefined): boolean {
    const at = this.live.get(uid);
    if (!at || at.kind !== kind || at.name !== name) return false;
    // A namespaced dependent's owner lives in the same namespace, or is cluster-scoped.
    return at.namespace === undefined || at.namespace === namespace;
  }
}
