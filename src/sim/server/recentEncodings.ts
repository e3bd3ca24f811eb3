// The encodings of the most recently sent object versions, bounded by their bytes.
//
// A watch event goes to every watcher within moments of its write, so its text is worth
// keeping only that long: the apiserver caches an event's serialisation for its watchers
// (cachingObject in the watch cache) and encodes every LIST afresh. Kept per object version
// for as long as the version lived (a WeakMap), the texts of a settled 100k-pod cluster
// (every pod and Event once listed or watched) held ~600 MB of strings and line buffers.
//
// Two generations: entries go into the young one; when it holds `generationBytes`, it
// becomes the old one and the former old one is dropped. A hit in the old generation moves
// the entry back into the young one, so an encoding in use survives; at most about
// 2 × generationBytes are kept.
export class RecentEncodings<V> {
  private young = new Map<object, V>();
  private old = new Map<object, V>();
  private youngBytes = 0;

  constructor(
    private readonly generationBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: object): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) {
      this.old.delete(key);
      this.set(key, aged);
    }
    return aged;
  }

  set(key: object, value: V): void {
    this.young.set(key, value);
    this.charge(this.sizeOf(value));
  }

  /** Counts bytes added to a kept value in place (another line for the same version). */
  charge(bytes: number): void {
    this.youngBytes += bytes;
    if (this.youngBytes >= this.generationBytes) {
      this.old = this.young;
      this.young = new Map();
      this.youngBytes = 0;
    }
  }

  /** How many entries are kept (both generations), for tests. */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
