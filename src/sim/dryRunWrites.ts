// The store's three writes as a dry run (dryRun=All) performs them: every check the real write
// makes (exists, not found, resourceVersion conflict) and the object it would have stored, but
// nothing is kept and no watcher hears of it (apiserver registry/generic/registry/dryrun.go).
// A dry-run create has no resourceVersion; an update keeps the stored one.
import { randomUUID } from 'node:crypto';
import { alreadyExists, conflict, notFound } from '../kube/apiError.js';
import { rfc3339 } from '../kube/duration.js';
import type { Kind, KindMap } from '../kube/types.js';
import type { Clock } from './clock.js';
import { apiVersionOf, CLUSTER_SCOPED, RESOURCES, type Store } from './store.js';

/** What SimApi writes through: the store itself, or a dry run of it. */
export interface Writes {
  create<K extends Kind>(kind: K, obj: KindMap[K]): KindMap[K];
  update<K extends Kind>(kind: K, obj: KindMap[K]): KindMap[K];
  remove<K extends Kind>(kind: K, namespace: string | undefined, name: string): KindMap[K];
}

export class DryRunWrites implements Writes {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  create<K extends Kind>(kind: K, obj: KindMap[K]): KindMap[K] {
    const meta = obj.metadata ?? {};
    const namespace = CLUSTER_SCOPED.has(kind) ? undefined : meta.namespace;
    if (this.store.get(kind, namespace, meta.name ?? '')) throw alreadyExists(RESOURCES[kind].resource, meta.name ?? '', RESOURCES[kind].group);
    const out = {
      ...obj,
      apiVersion: apiVersionOf(kind),
      kind,
      // A fresh uid that leaves the simulation's seeded random untouched: a dry run leaves no trace.
      metadata: { ...meta, uid: meta.uid ?? randomUUID(), creationTimestamp: meta.creationTimestamp ?? rfc3339(this.clock.now()) },
    } as KindMap[K];
    delete out.metadata!.resourceVersion;
    if (namespace === undefined) delete out.metadata!.namespace;
    return out;
  }

  update<K extends Kind>(kind: K, obj: KindMap[K]): KindMap[K] {
    const meta = obj.metadata ?? {};
    const current = this.store.get(kind, meta.namespace, meta.name ?? '');
    if (!current) throw notFound(RESOURCES[kind].resource, meta.name ?? '', RESOURCES[kind].group);
    if (meta.resourceVersion && meta.resourceVersion !== current.metadata!.resourceVersion) {
      throw conflict(RESOURCES[kind].resource, meta.name!, 'the object has been modified; please apply your changes to the latest version and try again', RESOURCES[kind].group);
    }
    return {
      ...obj,
      apiVersion: apiVersionOf(kind),
      kind,
      metadata: { ...meta, uid: current.metadata!.uid, creationTimestamp: current.metadata!.creationTimestamp, resourceVersion: current.metadata!.resourceVersion },
    } as KindMap[K];
  }

  remove<K extends Kind>(kind: K, namespace: string | undefined, name: string): KindMap[K] {
    const current = this.store.get(kind, namespace, name);
    if (!current) throw notFound(RESOURCES[kind].resource, name, RESOURCES[kind].group);
    return current;
  }
}
