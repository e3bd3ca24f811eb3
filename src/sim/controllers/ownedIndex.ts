// Objects of one kind indexed by the uid of their controlling owner, plus the orphans
// (no controller reference) per namespace, kept current from a watch. Controllers read
// their children here instead of scanning every pod on every event.
import type { KubeObject } from '../../kube/types.js';
import { controllerRefOf, objectKey } from './keys.js';

/** Where one object is filed now; updated in place, so a status write allocates nothing. */
interface Filing<T> {
  obj: T;
  /** The controller's uid, or undefined for an orphan. */
  owner: string | undefined;
  namespace: string;
  /** The byOwner or orphansByNamespace bucket holding the object. */
  bucket: Map<string, T>;
}

export class OwnedIndex<T extends KubeObject> {
  private readonly byOwner = new Map<string, Map<string, T>>();
  private readonly orphansByNamespace = new Map<string, Map<string, T>>();
  private readonly filings = new Map<string, Filing<T>>();

  /** Files the object's current state (ADDED/MODIFIED). `key` is objectKey(obj), when the caller has it. */
  upsert(obj: T, key: string = objectKey(obj)): void {
    const owner = controllerRefOf(obj)?.uid || undefined;
    const namespace = obj.metadata?.namespace ?? '';
    const at = this.filings.get(key);
    if (at !== undefined && at.owner === owner && at.namespace === namespace) {
      at.obj = obj;
      // Delete first: a bucket lists its objects in the order they were last written.
      at.bucket.delete(key);
      at.bucket.set(key, obj);
      return;
    }
    if (at !== undefined) this.unfileFrom(at, key);
    const bucket = owner !== undefined ? bucketOf(this.byOwner, owner) : bucketOf(this.orphansByNamespace, namespace);
    bucket.set(key, obj);
    if (at !== undefined) {
      at.obj = obj;
      at.owner = owner;
      at.namespace = namespace;
      at.bucket = bucket;
    } else {
      this.filings.set(key, { obj, owner, namespace, bucket });
    }
  }

  remove(obj: T, key: string = objectKey(obj)): void {
    const at = this.filings.get(key);
    if (at === undefined) return;
    this.filings.delete(key);
    this.unfileFrom(at, key);
  }

  /** The state last filed under this key, if any. */
  get(key: string): T | undefined {
    return this.filings.get(key)?.obj;
  }

  /** Every filed object, in the order each was first filed (a store's listing order). */
  *all(): IterableIterator<T> {
    for (const at of this.filings.values()) yield at.obj;
  }

  /** Children whose controller reference names this uid. */
  ownedBy(uid: string | undefined): T[] {
    if (!uid) return [];
    return [...(this.byOwner.get(uid)?.values() ?? [])];
  }

  orphans(namespace: string): T[] {
    return [...(this.orphansByNamespace.get(namespace)?.values() ?? [])];
  }

  private unfileFrom(at: Filing<T>, key: string): void {
    at.bucket.delete(key);
    if (at.bucket.size > 0) return;
    if (at.owner !== undefined) {
      if (this.byOwner.get(at.owner) === at.bucket) this.byOwner.delete(at.owner);
    } else if (this.orphansByNamespace.get(at.namespace) === at.bucket) {
      this.orphansByNamespace.delete(at.namespace);
    }
  }
}

function bucketOf<T>(map: Map<string, Map<string, T>>, id: string): Map<string, T> {
  let b = map.get(id);
  if (!b) {
    b = new Map();
    map.set(id, b);
  }
  return b;
}
