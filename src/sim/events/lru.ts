// A bounded map that forgets the least recently used entry, like the groupcache LRU that
// client-go's event caches use (4096 entries), so long runs do not grow without bound.
// Recency is a doubly linked list beside the map: a hit moves a node, it never re-inserts
// into the map (delete + set per hit was a measurable share of the engine's time).

interface LruNode<K, V> {
  key: K;
  value: V;
  older: LruNode<K, V> | undefined;
  newer: LruNode<K, V> | undefined;
}

export class LruMap<K, V> {
  private readonly map = new Map<K, LruNode<K, V>>();
  private oldest: LruNode<K, V> | undefined;
  private newest: LruNode<K, V> | undefined;

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const node = this.map.get(key);
    if (node === undefined) return undefined;
    this.touch(node);
    return node.value;
  }

  set(key: K, value: V): void {
    const existing = this.map.get(key);
    if (existing !== undefined) {
      existing.value = value;
      this.touch(existing);
      return;
    }
    const node: LruNode<K, V> = { key, value, older: this.newest, newer: undefined };
    if (this.newest) this.newest.newer = node;
    else this.oldest = node;
    this.newest = node;
    this.map.set(key, node);
    if (this.map.size > this.capacity) this.evictOldest();
  }

  get size(): number {
    return this.map.size;
  }

  private touch(node: LruNode<K, V>): void {
    if (node === this.newest) return;
    // Unlink (node has a newer neighbour, since it is not the newest).
    node.newer!.older = node.older;
    if (node.older) node.older.newer = node.newer;
    else this.oldest = node.newer;
    // Append as newest.
    node.older = this.newest;
    node.newer = undefined;
    this.newest!.newer = node;
    this.newest = node;
  }

  private evictOldest(): void {
    const node = this.oldest;
    if (!node) return;
    this.oldest = node.newer;
    if (this.oldest) this.oldest.older = undefined;
    else this.newest = undefined;
    this.map.delete(node.key);
  }
}
