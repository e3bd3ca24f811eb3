// Objects of one kind indexed by the uid of their controlling owner, plus the orphans
// (no controller reference) per namespace, kept current from a watch. Controllers read
// their children here instead of scanning every pod on every event.
import type { KubeObject } from '../../kube/types.js';
import { controllerRefOf, objectKey } from './keys.js';

export class OwnedIndex<T extends KubeObject> {
  private readonly byOwner = new Map<string, Map<string, T>>();
  private readonly orphansByNamespace = new Map<string, Map<string, T>>();
  /** Where each object is filed now, so an update or delete can unfile it. */
  private readonly filedUnder = new Map<string, { owner?: string; namespace: string }>();

  /** Files the object's current state (ADDED/MODIFIED). */
  upsert(obj: T): void {
    const key = objectKey(obj);
    this.unfile(key);
    const ref = controllerRefOf(obj);
    const namespace = obj.metadata?.namespace ?? '';
    if (ref?.uid) {
      bucket(this.byOwner, ref.uid).set(key, obj);
      this.filedUnder.set(key, { owner: ref.uid, namespace });
    } else {
      bucket(this.orphansByNamespace, namespace).set(key, obj);
      this.filedUnder.set(key, { namespace });
    }
  }

  remove(obj: T): void {
    this.unfile(objectKey(obj));
  }

  /** The state last filed under this key, if any. */
  get(key: string): T | undefined {
    const at = this.filedUnder.get(key);
    if (!at) return undefined;
    return (at.owner !== undefined ? this.byOwner.get(at.owner) : this.orphansByNamespace.get(at.namespace))?.get(key);
  }

  /** Children whose controller reference names this uid. */
  ownedBy(uid: string | undefined): T[] {
    if (!uid) return [];
    return [...(this.byOwner.get(uid)?.values() ?? [])];
  }

  orphans(namespace: string): T[] {
    return [...(this.orphansByNamespace.get(namespace)?.values() ?? [])];
  }

  private unfile(key: string): void {
    const at = this.filedUnder.get(key);
    if (!at) return;
    this.filedUnder.delete(key);
    const map = at.owner !== undefined ? this.byOwner : this.orphansByNamespace;
    const id = at.owner ?? at.namespace;
    const b = map.get(id);
    if (!b) return;
    b.delete(key);
    if (b.size === 0) map.delete(id);
  }
}

function bucket<T>(map: Map<string, Map<string, T>>, id: string): Map<string, T> {
  let b = map.get(id);
  if (!b) {
    b = new Map();
    map.set(id, b);
  }
  return b;
}
