// The apiserver's registry logic in front of the store: naming, namespace checks,
// admission (defaults and validation), generation, finalizers, and graceful deletion
// (k/k pkg/registry/core/pod/strategy.go, apiserver pkg/registry/generic/registry/store.go). Everything that writes objects goes through here.
import { ApiError, conflict, notFound } from '../kube/apiError.js';
import { entryOf } from '../kube/catalog/index.js';
import { rfc3339 } from '../kube/duration.js';
import type { DeleteOptions, Kind, KindMap, KubeObject, ObjectMeta, Pod } from '../kube/types.js';
import type { Clock } from './clock.js';
import type { Random } from './random.js';
import { invalidError } from './admission/fieldErrors.js';
import { validateObjectMetaUpdate } from './admission/metaUpdateValidation.js';
import { DryRunWrites, type Writes } from './dryRunWrites.js';
import { CLUSTER_SCOPED, RESOURCES, Store } from './store.js';

export interface AdmissionContext {
  now: number;
  random: Random;
  store: Store;
}

/** Defaults and validation for new objects (the apiserver's defaulters, admission and validation). */
export interface Admission {
  /** Returns the object with defaults filled; throws ApiError 422 (Invalid) naming the bad field. */
  admit<K extends Kind>(kind: K, obj: KindMap[K], ctx: AdmissionContext): KindMap[K];
  /**
   * A replacement's defaulting and validation (metadata's ValidateObjectMetaAccessorUpdate and the
   * strategy's ValidateUpdate): returns the defaulted copy to store; throws ApiError 422.
   */
  validateUpdate?<K extends Kind>(kind: K, next: KindMap[K], old: KindMap[K]): KindMap[K];
}

/** Options of a write request; dryRun is `dryRun=All`: everything runs, nothing is stored. */
export interface WriteOptions {
  dryRun?: boolean;
}

export interface DeleteResult<T> {
  /** The object as it now stands (deleting), or its last state (gone). */
  object: T;
  /** True when the object left the store. */
  deleted: boolean;
}

export class SimApi {
  constructor(
    readonly store: Store,
    readonly clock: Clock,
    readonly random: Random,
    private readonly admission: Admission,
  ) {
    this.dryRunWrites = new DryRunWrites(store, clock);
  }

  private readonly dryRunWrites: Writes;

  private writes(options: WriteOptions | undefined): Writes {
    return options?.dryRun ? this.dryRunWrites : this.store;
  }

  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): KindMap[K] {
    const obj = this.store.get(kind, namespace, name);
    if (!obj) throw notFound(RESOURCES[kind].resource, name, RESOURCES[kind].group);
    return obj;
  }

  /** Creates an object as POST does: generateName, namespace must exist and not be terminating, admission. */
  create<K extends Kind>(kind: K, input: KindMap[K], options?: WriteOptions): KindMap[K] {
    const meta: ObjectMeta = { ...(input.metadata ?? {}) };
    delete meta.resourceVersion;
    delete meta.uid;
    delete meta.creationTimestamp;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (CLUSTER_SCOPED.has(kind)) delete meta.namespace;
    else meta.namespace = meta.namespace || 'default';
    if (!CLUSTER_SCOPED.has(kind) && kind !== 'Event') {
      const ns = this.store.get('Namespace', undefined, meta.namespace!);
      if (!ns) throw notFound('namespaces', meta.namespace!);
      if (ns.metadata?.deletionTimestamp) {
        throw new ApiError(
          403,
          'Forbidden',
          `${RESOURCES[kind].resource} "${meta.name ?? meta.generateName ?? ''}" is forbidden: unable to create new content in namespace ${meta.namespace} because it is being terminated`,
        );
      }
    }
    if (!meta.name) {
      if (!meta.generateName) {
        throw new ApiError(422, 'Invalid', `${kind} "" is invalid: metadata.name: Required value: name or generateName is required`, {
          kind,
          causes: [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }],
        });
      }
      do {
        meta.name = `${meta.generateName}${this.random.suffix(5)}`;
      } while (this.store.get(kind, meta.namespace, meta.name));
    }
    if (entryOf(kind).hasGeneration) meta.generation = 1;
    const admitted = this.admission.admit(kind, { ...input, metadata: meta } as KindMap[K], {
      now: this.clock.now(),
      random: this.random,
      store: this.store,
    });
    return this.writes(options).create(kind, admitted);
  }

  /**
   * Replaces spec and metadata as PUT does (status is kept from the stored object). First what
   * the registry's BeforeUpdate repairs silently (an empty uid, creationTimestamp, the deletion
   * fields, generation, which only the server moves: +1 when the spec changed), then defaulting
   * and validation. Removing the last finalizer of a deleting object completes its deletion.
   */
  update<K extends Kind>(kind: K, obj: KindMap[K], options?: WriteOptions): KindMap[K] {
    const meta = obj.metadata ?? {};
    const current = this.get(kind, meta.namespace, meta.name ?? '');
    const was = current.metadata ?? {};
    const next = { ...obj, metadata: { ...meta } } as KindMap[K] & { spec?: unknown; status?: unknown };
    const cur = current as KindMap[K] & { spec?: unknown; status?: unknown };
    if ('status' in cur) next.status = cur.status;
    const m = next.metadata!;
    if (!m.uid) m.uid = was.uid;
    if (was.creationTimestamp) m.creationTimestamp = was.creationTimestamp;
    if (was.deletionTimestamp) m.deletionTimestamp = was.deletionTimestamp;
    if (was.deletionGracePeriodSeconds !== undefined && m.deletionGracePeriodSeconds === undefined) m.deletionGracePeriodSeconds = was.deletionGracePeriodSeconds;
    m.generation = was.generation;
    // validateCommonFields: every kind's metadata rules, before the strategy's own.
    const metaErrors = validateObjectMetaUpdate(m, was);
    if (metaErrors.length > 0) throw invalidError(kind, RESOURCES[kind].group, m.name ?? '', metaErrors);
    const admitted = (this.admission.validateUpdate?.(kind, next, current) ?? next) as typeof next;
    if (entryOf(kind).hasGeneration && admitted.spec !== cur.spec && JSON.stringify(admitted.spec) !== JSON.stringify(cur.spec)) {
      admitted.metadata!.generation = (was.generation ?? 1) + 1;
    }
    const w = this.writes(options);
    const stored = w.update(kind, admitted);
    return this.finishIfReleased(kind, stored, w);
  }

  /** Writes only the status, as the /status subresource does. */
  setStatus<K extends Kind>(kind: K, namespace: string | undefined, name: string, status: unknown): KindMap[K] {
    const current = this.get(kind, namespace, name);
    // The current metadata carries the current resourceVersion, so the store's concurrency check passes; it copies metadata itself.
    return this.store.update(kind, { ...current, status } as KindMap[K]);
  }

  /** Deletes as DELETE does: graceful for pods, finalizers hold any object, propagation to dependents. */
  delete<K extends Kind>(kind: K, namespace: string | undefined, name: string, options: DeleteOptions = {}, write?: WriteOptions): DeleteResult<KindMap[K]> {
    const w = this.writes(write);
    const current = this.get(kind, namespace, name);
    const uid = options.preconditions?.uid;
    if (uid && uid !== current.metadata?.uid) {
      throw conflict(
        RESOURCES[kind].resource,
        name,
        `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata?.uid ?? ''}`,
        RESOURCES[kind].group,
      );
    }
    const rv = options.preconditions?.resourceVersion;
    if (rv && rv !== current.metadata?.resourceVersion) {
      throw conflict(
        RESOURCES[kind].resource,
        name,
        `Precondition failed: ResourceVersion in precondition: ${rv}, ResourceVersion in object meta: ${current.metadata?.resourceVersion ?? ''}`,
        RESOURCES[kind].group,
      );
    }
    if (!write?.dryRun && (options.propagationPolicy === 'Orphan' || options.orphanDependents === true)) this.orphanDependents(current);
    if (kind === 'Pod') return this.deletePodWithGrace(current as Pod, options.gracePeriodSeconds, w) as DeleteResult<KindMap[K]>;
    return this.deleteNow(kind, current, w);
  }

  /** Pod grace (CheckGracefulDelete + BeforeDelete): only a shorter grace changes a pending deletion. */
  deletePodWithGrace(pod: Pod, requestedGrace: number | undefined, w: Writes = this.store): DeleteResult<Pod> {
    let grace = requestedGrace ?? pod.spec?.terminationGracePeriodSeconds ?? 0;
    const phase = pod.status?.phase;
    if (!pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
    if (grace < 0) grace = 1;
    const meta = pod.metadata!;
    const now = this.clock.now();
    if (meta.deletionTimestamp) {
      const current = meta.deletionGracePeriodSeconds;
      if (current === undefined || current === 0) return this.deleteNow('Pod', pod, w);
      if (grace >= current) return { object: pod, deleted: false };
      let shortened = Date.parse(meta.deletionTimestamp) - current * 1000 + grace * 1000;
      if (shortened < now) {
        // The whole shorter grace has already passed: the deletion is due now, but a graceful
        // request stays graceful (1 s) so the kubelet still makes the final grace-0 delete.
        shortened = now;
        if (grace !== 0) grace = 1;
      }
      const updated = w.update('Pod', {
        ...pod,
        metadata: { ...meta, resourceVersion: undefined, deletionTimestamp: rfc3339(shortened), deletionGracePeriodSeconds: grace },
      });
      if (grace === 0) return this.deleteNow('Pod', updated, w);
      return { object: updated, deleted: false };
    }
    if (grace === 0) return this.deleteNow('Pod', pod, w);
    const updated = w.update('Pod', {
      ...pod,
      metadata: {
        ...meta,
        resourceVersion: undefined,
        deletionTimestamp: rfc3339(now + grace * 1000),
        deletionGracePeriodSeconds: grace,
        generation: (meta.generation ?? 1) + 1,
      },
    });
    return { object: updated, deleted: false };
  }

  /** Deletes at once unless finalizers remain; then the object waits with a deletionTimestamp. */
  private deleteNow<K extends Kind>(kind: K, current: KindMap[K], w: Writes): DeleteResult<KindMap[K]> {
    const meta = current.metadata!;
    if ((meta.finalizers?.length ?? 0) > 0) {
      if (meta.deletionTimestamp && meta.deletionGracePeriodSeconds === 0) return { object: current, deleted: false };
      const updated = w.update(kind, {
        ...current,
        metadata: {
          ...meta,
          resourceVersion: undefined,
          deletionTimestamp: meta.deletionTimestamp ?? rfc3339(this.clock.now()),
          deletionGracePeriodSeconds: 0,
        },
      } as KindMap[K]);
      return { object: updated, deleted: false };
    }
    const last = w.remove(kind, meta.namespace, meta.name!);
    return { object: last, deleted: true };
  }

  private finishIfReleased<K extends Kind>(kind: K, obj: KindMap[K], w: Writes): KindMap[K] {
    const meta = obj.metadata!;
    if (!meta.deletionTimestamp || (meta.finalizers?.length ?? 0) > 0) return obj;
    if (kind === 'Pod' && (meta.deletionGracePeriodSeconds ?? 0) > 0) return obj; // the kubelet finishes it
    return w.remove(kind, meta.namespace, meta.name!);
  }

  /** propagationPolicy=Orphan: dependents lose their owner reference and live on. */
  private orphanDependents(owner: KubeObject): void {
    const uid = owner.metadata?.uid;
    if (!uid) return;
    for (const kind of Object.keys(RESOURCES) as Kind[]) {
      for (const obj of [...this.store.all(kind, owner.metadata?.namespace)]) {
        const refs = obj.metadata?.ownerReferences;
        if (!refs?.some((r) => r.uid === uid)) continue;
        const kept = refs.filter((r) => r.uid !== uid);
        this.store.update(kind, {
          ...obj,
          metadata: { ...obj.metadata, resourceVersion: undefined, ownerReferences: kept.length ? kept : undefined },
        } as KindMap[typeof kind]);
      }
    }
  }
}
