// Field paths and sets as structured-merge-diff keeps them (fieldpath.Path, fieldpath.Set),
// and their FieldsV1 encoding: `f:<field>`, `k:{"name":"nginx"}` for an item of an
// associative list, `v:"x"` for an item of a set-like list, and `.` for a member that is
// owned itself as well as through its children.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type PathElement = { field: string } | { key: Record<string, Json> } | { value: Json };
export type FieldPath = readonly PathElement[];

/** The FieldsV1 spelling of one element (keys of `k:` sorted by name, as KeyByFields sorts). */
export function elementKey(e: PathElement): string {
  if ('field' in e) return `f:${e.field}`;
  if ('key' in e) {
    const sorted = Object.keys(e.key)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${JSON.stringify(e.key[k])}`);
    return `k:{${sorted.join(',')}}`;
  }
  return `v:${JSON.stringify(e.value)}`;
}

function parseElement(key: string): PathElement {
  if (key.startsWith('f:')) return { field: key.slice(2) };
  if (key.startsWith('k:')) return { key: JSON.parse(key.slice(2)) as Record<string, Json> };
  if (key.startsWith('v:')) return { value: JSON.parse(key.slice(2)) as Json };
  throw new Error(`unknown path element ${JSON.stringify(key)}`);
}

/** fieldpath.Path.String(): `.spec.containers[name="nginx"].image`. */
export function pathString(path: FieldPath): string {
  return path
    .map((e) => {
      if ('field' in e) return `.${e.field}`;
      if ('key' in e) {
        const parts = Object.keys(e.key)
          .sort()
          .map((k) => `${k}=${JSON.stringify(e.key[k])}`);
        return `[${parts.join(',')}]`;
      }
      return `[=${JSON.stringify(e.value)}]`;
    })
    .join('');
}

const SEP = '\u0000';

/** A set of paths, keyed by their FieldsV1 spelling. */
export class FieldSet {
  private readonly paths = new Map<string, FieldPath>();

  static of(paths: Iterable<FieldPath>): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.add(p);
    return s;
  }

  static key(path: FieldPath): string {
    return path.map(elementKey).join(SEP);
  }

  add(path: FieldPath): void {
    this.paths.set(FieldSet.key(path), path);
  }

  has(path: FieldPath): boolean {
    return this.paths.has(FieldSet.key(path));
  }

  get size(): number {
    return this.paths.size;
  }

  *[Symbol.iterator](): IterableIterator<FieldPath> {
    yield* this.paths.values();
  }

  union(other: FieldSet): FieldSet {
    return FieldSet.of([...this, ...other]);
  }

  minus(other: FieldSet): FieldSet {
    return FieldSet.of([...this].filter((p) => !other.has(p)));
  }

  intersect(other: FieldSet): FieldSet {
    return FieldSet.of([...this].filter((p) => other.has(p)));
  }

  /** Sorted by their spelling, so messages list paths in a stable order. */
  sorted(): FieldPath[] {
    return [...this.paths.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
  }

  /** The FieldsV1 tree. */
  toFieldsV1(): Record<string, unknown> {
    const root: Record<string, unknown> = {};
    for (const path of this.sorted()) {
      let node = root;
      for (const e of path) node = (node[elementKey(e)] ??= {}) as Record<string, unknown>;
      if (path.length > 0) node['.'] = {};
    }
    return collapseLeaves(root);
  }

  static fromFieldsV1(tree: unknown): FieldSet {
    const s = new FieldSet();
    const walk = (node: unknown, path: PathElement[]): void => {
      if (typeof node !== 'object' || node === null) return;
      const entries = Object.entries(node as Record<string, unknown>);
      if (path.length > 0 && (entries.length === 0 || '.' in (node as object))) s.add(path);
      for (const [k, child] of entries) if (k !== '.') walk(child, [...path, parseElement(k)]);
    };
    walk(tree, []);
    return s;
  }
}

/** A leaf is written `{}`, not `{".": {}}`; `.` stays only beside children. */
function collapseLeaves(node: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '.') continue;
    const child = collapseLeaves(v as Record<string, unknown>);
    const hasDot = '.' in (v as object);
    out[k] = Object.keys(child).length === 0 ? {} : hasDot ? { '.': {}, ...child } : child;
  }
  return out;
}
