// Structural sharing for parsed JSON: equal subtrees become one frozen object. Pods of one
// ReplicaSet carry the same containers, resources, probes, labels and owner reference, and pods
// started in the same second the same condition stamps; a cache of 100k pods keeps each of
// those once instead of 100k times. Shared nodes are frozen, so a reader that tried to change
// one (and with it every pod that shares it) fails loudly instead.
//
// A node is keyed by its own fields with its children named by the id of their canonical
// object, so a key costs the size of one node, not of its subtree. The tables are bounded:
// past `limit` entries they start over, which only costs sharing, never correctness.

const DEFAULT_LIMIT = 50_000;
/** V8 already shares the short strings JSON.parse makes (up to 10 characters); longer ones are not. */
const SHORT_STRING = 10;

/**
 * The key as one flat string. A key is built by appending, which V8 keeps as a tree of pieces
 * (a 32-byte node per append, each piece a string of its own) until something reads it whole:
 * a kept key would hold its tree for as long as it is kept, several times its length. Reading
 * one of its characters makes V8 flatten it in place (the tree's pieces die); a 5-field
 * condition's key: ~880 → ~200 bytes.
 */
function flat(key: string): string {
  key.charCodeAt(key.length >> 1);
  return key;
}

export class Interner {
  private readonly nodes = new Map<string, object>();
  private readonly strings = new Map<string, string>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  /** The one copy of a string kept (long strings only: short ones are shared by V8 already). */
  string(s: string): string {
    if (s.length <= SHORT_STRING) return s;
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    if (this.strings.size >= this.limit) this.strings.clear();
    this.strings.set(s, s);
    return s;
  }

  /** The canonical copy of a JSON value, shared all the way down (for subtrees read as they are: probes, affinity). */
  deep<T>(value: T): T {
    if (typeof value === 'string') return this.string(value) as T;
    if (typeof value !== 'object' || value === null) return value;
    if (this.ids.has(value)) return value;
    if (Array.isArray(value)) return this.node(value.map((v: unknown) => this.deep(v))) as T;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = this.deep(v);
    return this.node(out) as T;
  }

  /** The canonical copy of an object or array whose children are canonical already. */
  node<T extends object>(value: T): T {
    if (this.ids.has(value)) return value;
    const key = this.keyOf(value);
    const known = this.nodes.get(key);
    if (known !== undefined) return known as T;
    if (this.nodes.size >= this.limit) this.nodes.clear();
    Object.freeze(value);
    this.ids.set(value, this.nextId++);
    this.nodes.set(flat(key), value);
    return value;
  }

  /** Entries held now (strings and nodes), for tests and the heap bench. */
  get size(): number {
    return this.nodes.size + this.strings.size;
  }

  private keyOf(value: object): string {
    if (Array.isArray(value)) {
      let key = '[';
      for (const v of value) key += `${this.atom(v)},`;
      return key;
    }
    let key = '{';
    for (const k in value) key += `${JSON.stringify(k)}:${this.atom((value as Record<string, unknown>)[k])},`;
    return key;
  }

  private atom(v: unknown): string {
    if (typeof v === 'string') return JSON.stringify(v);
    if (typeof v === 'object' && v !== null) {
      // Children are canonical (node() is called bottom-up); one that is not gets its own id, shared by nothing.
      let id = this.ids.get(v);
      if (id === undefined) this.ids.set(v, (id = this.nextId++));
      return `#${id}`;
    }
    return v === undefined ? 'u' : String(v);
  }
}
