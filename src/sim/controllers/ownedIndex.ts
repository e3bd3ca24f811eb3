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
  bucket: Bucket<T>;
  prev: Filing<T> | undefined;
  next: Filing<T> | undefined;
}

/**
 * One owner's (or namespace's orphans') objects as a linked list in the order they were last
 * written: moving a rewritten object to the end is a few pointer writes, not a delete and an
 * insert in a hash table of every pod.
 */
interface Bucket<T> {
  head: Filing<T> | undefined;
  tail: Filing<T> | undefined;
}

export class OwnedIndex<T extends KubeObject> {
  private readonly byOwner = new Map<string, Bucket<T>>();
  private readonly orphansByNamespace = new Map<string, Bucket<T>>();
  private readonly filings = new Map<string, Filing<T>>();

  /** Files the object's current state (ADDED/MODIFIED). `key` is objectKey(obj), when the caller has it. */
  upsert(obj: T, key: string = objectKey(obj)): void {
    const owner = controllerRefOf(obj)?.uid || undefined;
    const namespace = obj.metadata?.namespace ?? '';
    const at = this.filings.get(key);
    if (at !== undefined && at.owner === owner && at.namespace === namespace) {
      at.obj = obj;
      if (at.bucket.tail !== at) {
        unlink(at);
        append(at.bucket, at);
      }
      return;
    }
    if (at !== undefined) this.unfile(at);
    const bucket = owner !== undefined ? bucketOf(this.byOwner, owner) : bucketOf(this.orphansByNamespace, namespace);
    const filing: Filing<T> = at ?? { obj, owner, namespace, bucket, prev: undefined, next: undefined };
    filing.obj = obj;
    filing.owner = owner;
    filing.namespace = namespace;
    filing.bucket = bucket;
    append(bucket, filing);
    if (at === undefined) this.filings.set(key, filing);
  }

  remove(obj: T, key: string = objectKey(obj)): void {
    const at = this.filings.get(key);
    if (at === undefined) return;
    this.filings.delete(key);
    this.unfile(at);
  }

  /** The state last filed under this key, if any. */
  get(key: string): T | undefined {
    return this.filings.get(key)?.obj;
  }

  /** Every filed object, in the order each was first filed (a store's listing order). */
  *all(): IterableIterator<T> {
    for (const at of this.filings.values()) yield at.obj;
  }

  /** Children whose controller reference names this uid, least recently written first. */
  ownedBy(uid: string | undefined): T[] {
    if (!uid) return [];
    return listOf(this.byOwner.get(uid));
  }

  /** Objects of the namespace without a controller, least recently written first. */
  orphans(namespace: string): T[] {
    return listOf(this.orphansByNamespace.get(namespace));
  }

  private unfile(at: Filing<T>): void {
    const bucket = at.bucket;
    unlink(at);
    if (bucket.head !== undefined) return;
    if (at.owner !== undefined) {
      if (this.byOwner.get(at.owner) === bucket) this.byOwner.delete(at.owner);
    } else if (this.orphansByNamespace.get(at.namespace) === bucket) {
      this.orphansByNamespace.delete(at.namespace);
    }
  }
}

function bucketOf<T>(map: Map<string, Bucket<T>>, id: string): Bucket<T> {
  let b = map.get(id);
  if (!b) {
    b = { head: undefined, tail: undefined };
    map.set(id, b);
  }
  return b;
}

function append<T>(bucket: Bucket<T>, at: Filing<T>): void {
  at.prev = bucket.tail;
  at.next = undefined;
  if (bucket.tail !== undefined) bucket.tail.next = at;
  else bucket.head = at;
  bucket.tail = at;
}

function unlink<T>(at: Filing<T>): void {
  const bucket = at.bucket;
  if (at.prev !== undefined) at.prev.next = at.next;
  else bucket.head = at.next;
  if (at.next !== undefined) at.next.prev = at.prev;
  else bucket.tail = at.prev;
  at.prev = undefined;
  at.next = undefined;
}

function listOf<T>(bucket: Bucket<T> | undefined): T[] {
  const out: T[] = [];
  for (let at = bucket?.head; at !== undefined; at = at.next) out.push(at.obj);
  return out;
}
