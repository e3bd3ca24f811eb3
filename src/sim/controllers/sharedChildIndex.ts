// One OwnedIndex per store and child kind, shared by every controller that owns that kind
// (ReplicaSet, StatefulSet, DaemonSet and Job all own Pods), so a pod write is filed once,
// not once per controller. One store watch fans each event out to the subscribed
// controllers in subscription order, after the index holds the new state — what each
// controller's own watch and index used to give it.
import type { Kind, KindMap, KubeObject, OwnerReference, WatchEventType } from '../../kube/types.js';
import type { Store, Watch } from '../store.js';
import { controllerRefOf, objectKey } from './keys.js';
import { labelsEqual } from './labelsEqual.js';
import { OwnedIndex } from './ownedIndex.js';

export interface ChildEvent<T> {
  type: WatchEventType;
  child: T;
  /** The child's controller reference (controller=true), if any. */
  controllerRef: OwnerReference | undefined;
  /**
   * An orphan matters to would-be adopters (upstream's add/updatePod) when it appears,
   * when its labels change, or when it has just lost its controller.
   */
  orphanChanged: boolean;
}

interface Subscriber<T> {
  listener: (ev: ChildEvent<T>) => void;
  /** The dispatch count when it joined: it has seen (by replay) every event up to this one. */
  since: number;
  stopped: boolean;
}

const registry = new WeakMap<Store, Map<Kind, SharedChildIndex<KubeObject>>>();

export class SharedChildIndex<T extends KubeObject> {
  readonly index = new OwnedIndex<T>();
  private readonly subscribers = new Set<Subscriber<T>>();
  private watch: Watch | undefined;
  private dispatched = 0;

  private constructor(
    private readonly store: Store,
    private readonly kind: Kind,
  ) {}

  /** The index of `kind` children in this store; every subscriber of one kind shares it. */
  static of<C extends Kind>(store: Store, kind: C): SharedChildIndex<KindMap[C]> {
    let byKind = registry.get(store);
    if (!byKind) {
      byKind = new Map();
      registry.set(store, byKind);
    }
    let shared = byKind.get(kind);
    if (!shared) {
      shared = new SharedChildIndex<KubeObject>(store, kind);
      byKind.set(kind, shared);
    }
    return shared as unknown as SharedChildIndex<KindMap[C]>;
  }

  /**
   * Calls `listener` for every child event from now on. Like a fresh store watch, it first
   * hears an ADDED for every object already there, in store order. Returns the unsubscribe.
   */
  subscribe(listener: (ev: ChildEvent<T>) => void): Watch {
    const sub: Subscriber<T> = { listener, since: this.dispatched, stopped: false };
    if (this.watch === undefined) {
      // The store replays what it holds to the new watch, and so to this first subscriber.
      this.subscribers.add(sub);
      this.watch = this.store.watch(this.kind, {}, (ev) => this.dispatch(ev.type, ev.object as T));
    } else {
      for (const child of this.index.all()) {
        const controllerRef = controllerRefOf(child);
        this.call(sub, { type: 'ADDED', child, controllerRef, orphanChanged: controllerRef === undefined });
      }
      sub.since = this.dispatched;
      this.subscribers.add(sub);
    }
    return {
      stop: () => {
        sub.stopped = true;
        this.subscribers.delete(sub);
        if (this.subscribers.size === 0) this.close();
      },
    };
  }

  private dispatch(type: WatchEventType, child: T): void {
    const key = objectKey(child);
    const prev = this.index.get(key);
    if (type === 'DELETED') this.index.remove(child, key);
    else this.index.upsert(child, key);
    const controllerRef = controllerRefOf(child);
    const orphanChanged =
      type !== 'DELETED' &&
      controllerRef === undefined &&
      (prev === undefined || controllerRefOf(prev) !== undefined || !labelsEqual(prev.metadata?.labels, child.metadata?.labels));
    const ev: ChildEvent<T> = { type, child, controllerRef, orphanChanged };
    const seq = ++this.dispatched;
    for (const sub of this.subscribers) {
      if (!sub.stopped && sub.since < seq) this.call(sub, ev);
    }
  }

  /** One controller's failure must not keep the others from hearing the event. */
  private call(sub: Subscriber<T>, ev: ChildEvent<T>): void {
    try {
      sub.listener(ev);
    } catch (err) {
      this.store.onListenerError(err);
    }
  }

  /** The last subscriber left: stop watching and forget, so a later start rebuilds from the store. */
  private close(): void {
    this.watch?.stop();
    this.watch = undefined;
    const byKind = registry.get(this.store);
    if (byKind?.get(this.kind) === (this as unknown as SharedChildIndex<KubeObject>)) byKind.delete(this.kind);
  }
}
