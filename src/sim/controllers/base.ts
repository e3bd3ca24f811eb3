// The shape every workload controller shares: watch the owner kind, hear the child kind
// through the index every controller of that kind shares, and sync one owner at a time
// from a de-duplicated queue. Watches are synchronous, so the index is current the moment a
// controller's own create or delete returns, and no "expectations" bookkeeping is needed.
import type { Kind, KindMap, KubeObject, OwnerReference, Pod } from '../../kube/types.js';
import type { Component, EventType, SimContext } from '../context.js';
import type { Watch } from '../store.js';
import { controllerRefOf, objectKey, splitKey } from './keys.js';
import { OwnedIndex } from './ownedIndex.js';
import { SharedChildIndex } from './sharedChildIndex.js';
import { WorkQueue } from './workQueue.js';
import { errorText } from '../../kube/errorText.js';

export abstract class WorkloadController<O extends Kind, C extends Kind> implements Component {
  /** This controller's children, from the index every controller of the child kind shares once started. */
  protected children = new OwnedIndex<KindMap[C]>();
  protected readonly queue: WorkQueue;
  private readonly watches: Watch[] = [];
  /** Owner uid → key, so a child's event finds its owner even after a rename-free recreate. */
  private readonly ownerKeyByUid = new Map<string, string>();
  /** The latest sync failures (newest last, at most 20), for diagnostics; failed keys are retried. */
  readonly errors: { key: string; error: unknown }[] = [];

  constructor(
    protected readonly ctx: SimContext,
    protected readonly ownerKind: O,
    protected readonly childKind: C,
    /** source.component of this controller's events. */
    protected readonly component: string,
  ) {
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.syncKey(key),
      (key, error) => {
        this.errors.push({ key, error });
        if (this.errors.length > 20) this.errors.shift();
      },
      () => Number(ctx.store.resourceVersion),
    );
  }

  start(): void {
    const shared = SharedChildIndex.of(this.ctx.store, this.childKind);
    this.children = shared.index;
    this.watches.push(
      shared.subscribe((ev) => {
        this.onChildEvent(ev.type, ev.child);
        this.enqueueOwner(ev.controllerRef);
        if (ev.orphanChanged) this.onOrphanEvent(ev.child);
      }),
    );
    this.watches.push(
      this.ctx.store.watch(this.ownerKind, {}, (ev) => {
        const owner = ev.object;
        const uid = owner.metadata?.uid;
        if (uid) {
          if (ev.type === 'DELETED') this.ownerKeyByUid.delete(uid);
          else this.ownerKeyByUid.set(uid, objectKey(owner));
        }
        this.queue.add(objectKey(owner));
      }),
    );
    this.watches.push(...this.extraWatches());
  }

  stop(): void {
    for (const w of this.watches.splice(0)) w.stop();
    this.queue.stop();
  }

  /** Further watches (DaemonSet: nodes). */
  protected extraWatches(): Watch[] {
    return [];
  }

  /** A child without a controller reference changed: owners that could adopt it may need a sync. */
  protected onOrphanEvent(_child: KindMap[C]): void {}

  protected onChildEvent(_type: string, _child: KindMap[C]): void {}

  protected abstract sync(owner: KindMap[O]): void;

  protected enqueueOwnerOf(child: KubeObject): void {
    this.enqueueOwner(controllerRefOf(child));
  }

  private enqueueOwner(ref: OwnerReference | undefined): void {
    if (!ref?.uid || ref.kind !== this.ownerKind) return;
    const key = this.ownerKeyByUid.get(ref.uid);
    if (key) this.queue.add(key);
  }

  protected event(obj: KubeObject, type: EventType, reason: string, message: string): void {
    this.ctx.recorder.event(obj, type, reason, message, { component: this.component });
  }

  /** RealPodControl.CreatePods: creates `pod` for `owner` and records SuccessfulCreate, or FailedCreate and undefined when the API refuses it. */
  protected createPodFor(owner: KubeObject, pod: Pod): Pod | undefined {
    try {
      const stored = this.ctx.api.create('Pod', pod);
      this.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${stored.metadata!.name}`);
      return stored;
    } catch (err) {
      this.event(owner, 'Warning', 'FailedCreate', `Error creating: ${errorText(err)}`);
      return undefined;
    }
  }

  /** RealPodControl.DeletePod: deletes `pod` of `owner` and records SuccessfulDelete. */
  protected deletePodOf(owner: KubeObject, pod: Pod): void {
    this.ctx.api.delete('Pod', pod.metadata!.namespace, pod.metadata!.name!);
    this.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata!.name}`);
  }

  private syncKey(key: string): void {
    const { namespace, name } = splitKey(key);
    const owner = this.ctx.store.get(this.ownerKind, namespace, name);
    if (owner) this.sync(owner);
  }
}
