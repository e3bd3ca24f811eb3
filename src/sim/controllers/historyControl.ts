// The history.Interface a controller uses to keep its ControllerRevisions through the API:
// list those it controls, create one (renaming on a hash collision), move one to a new
// revision number, delete one. Revisions are read from the index every controller shares.
import { ApiError } from '../../kube/apiError.js';
import type { ControllerRevision, KubeObject } from '../../kube/types.js';
import type { SimContext } from '../context.js';
import type { Watch } from '../store.js';
import { byRevisionNumber, controllerRevisionName, hashControllerRevision, revisionRaw } from './history.js';
import { SharedChildIndex } from './sharedChildIndex.js';

export class ControllerHistory {
  private readonly shared: SharedChildIndex<ControllerRevision>;

  constructor(private readonly ctx: SimContext) {
    this.shared = SharedChildIndex.of(ctx.store, 'ControllerRevision');
  }

  /** Hears every revision event (after the index holds it); call before reading `owned`. */
  subscribe(onRevision: (cr: ControllerRevision) => void): Watch {
    return this.shared.subscribe((ev) => onRevision(ev.child));
  }

  /** The revisions `owner` controls, sorted by revision number (SortControllerRevisions). */
  owned(owner: KubeObject): ControllerRevision[] {
    return this.shared.index.ownedBy(owner.metadata?.uid).sort(byRevisionNumber);
  }

  /**
   * CreateControllerRevision: named `<owner>-<hash of data and collision count>`; a name that
   * is taken by the same data returns that revision, by other data bumps the count and tries
   * again. Returns the revision and the collision count it ended with.
   */
  create(owner: KubeObject, draft: ControllerRevision, collisionCount: number): { revision: ControllerRevision; collisionCount: number } {
    const raw = revisionRaw(draft);
    let count = collisionCount;
    for (;;) {
      const name = controllerRevisionName(owner.metadata!.name!, hashControllerRevision(raw, count));
      const clone: ControllerRevision = { ...draft, metadata: { ...draft.metadata, name, namespace: owner.metadata!.namespace } };
      try {
        return { revision: this.ctx.api.create('ControllerRevision', clone), collisionCount: count };
      } catch (err) {
        if (!(err instanceof ApiError) || err.code !== 409) throw err;
        const exists = this.ctx.store.get('ControllerRevision', owner.metadata!.namespace, name);
        if (exists && revisionRaw(exists) === raw) return { revision: exists, collisionCount: count };
        count++;
      }
    }
  }

  /** UpdateControllerRevision: the same revision under a new number. */
  setRevision(cr: ControllerRevision, revision: number): ControllerRevision {
    if (cr.revision === revision) return cr;
    return this.ctx.api.update('ControllerRevision', { ...cr, metadata: { ...cr.metadata, resourceVersion: undefined }, revision });
  }

  delete(cr: ControllerRevision): void {
    this.ctx.api.delete('ControllerRevision', cr.metadata!.namespace, cr.metadata!.name!);
  }
}
