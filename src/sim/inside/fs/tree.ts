// An in-memory directory tree: what a writable layer holds (a container's root filesystem, an
// emptyDir, a node's hostPath directory). Bounded: every tree has a byte budget and a write past
// it fails as a full disk does (`No space left on device`). Paths given here are already split
// into names, relative to the tree's top.

export interface FileNode {
  readonly kind: 'file';
  data: Buffer;
  mode: number;
  mtimeMs: number;
}

export interface DirNode {
  readonly kind: 'dir';
  readonly entries: Map<string, Node>;
  mode: number;
  mtimeMs: number;
}

export type Node = FileNode | DirNode;

/** A failed file operation, with the errno text a shell prints after the path. */
export class FsError extends Error {
  constructor(readonly text: FsErrorText) {
    super(text);
    this.name = 'FsError';
  }
}

export type FsErrorText =
  | 'No such file or directory'
  | 'Not a directory'
  | 'Is a directory'
  | 'File exists'
  | 'Directory not empty'
  | 'Read-only file system'
  | 'No space left on device'
  | 'Permission denied'
  | 'Device or resource busy';

export const newDir = (mode: number, mtimeMs: number): DirNode => ({ kind: 'dir', entries: new Map(), mode, mtimeMs });

export class MemTree {
  readonly root: DirNode;
  private used = 0;

  constructor(
    /** Bytes of file data the tree may hold. */
    readonly capacity: number,
    mtimeMs: number,
  ) {
    this.root = newDir(0o755, mtimeMs);
  }

  get usedBytes(): number {
    return this.used;
  }

  lookup(names: readonly string[]): Node | undefined {
    let node: Node = this.root;
    for (const name of names) {
      if (node.kind !== 'dir') return undefined;
      const next: Node | undefined = node.entries.get(name);
      if (!next) return undefined;
      node = next;
    }
    return node;
  }

  private parentOf(names: readonly string[]): DirNode {
    const parent = this.lookup(names.slice(0, -1));
    if (!parent) throw new FsError('No such file or directory');
    if (parent.kind !== 'dir') throw new FsError('Not a directory');
    return parent;
  }

  writeFile(names: readonly string[], data: Buffer, opts: { append?: boolean; mode?: number; mtimeMs: number }): void {
    if (names.length === 0) throw new FsError('Is a directory');
    const parent = this.parentOf(names);
    const name = names[names.length - 1]!;
    const existing = parent.entries.get(name);
    if (existing?.kind === 'dir') throw new FsError('Is a directory');
    const before = existing?.data.length ?? 0;
    const next = opts.append && existing ? Buffer.concat([existing.data, data]) : data;
    if (this.used - before + next.length > this.capacity) throw new FsError('No space left on device');
    this.used += next.length - before;
    if (existing) {
      existing.data = next;
      existing.mtimeMs = opts.mtimeMs;
    } else {
      parent.entries.set(name, { kind: 'file', data: next, mode: opts.mode ?? 0o644, mtimeMs: opts.mtimeMs });
      parent.mtimeMs = opts.mtimeMs;
    }
  }

  mkdir(names: readonly string[], mtimeMs: number, parents = false, mode = 0o755): void {
    if (parents) {
      let dir = this.root;
      for (const name of names) {
        const next = dir.entries.get(name);
        if (next?.kind === 'file') throw new FsError('Not a directory');
        if (!next) {
          const made = newDir(mode, mtimeMs);
          dir.entries.set(name, made);
          dir = made;
        } else dir = next;
      }
      return;
    }
    if (names.length === 0) throw new FsError('File exists');
    const parent = this.parentOf(names);
    const name = names[names.length - 1]!;
    if (parent.entries.has(name)) throw new FsError('File exists');
    parent.entries.set(name, newDir(mode, mtimeMs));
    parent.mtimeMs = mtimeMs;
  }

  remove(names: readonly string[], recursive: boolean, mtimeMs: number): void {
    if (names.length === 0) throw new FsError('Permission denied');
    const parent = this.parentOf(names);
    const name = names[names.length - 1]!;
    const node = parent.entries.get(name);
    if (!node) throw new FsError('No such file or directory');
    if (node.kind === 'dir' && !recursive) throw new FsError('Is a directory');
    this.used -= bytesUnder(node);
    parent.entries.delete(name);
    parent.mtimeMs = mtimeMs;
  }

  rmdir(names: readonly string[], mtimeMs: number): void {
    const node = this.lookup(names);
    if (!node) throw new FsError('No such file or directory');
    if (node.kind !== 'dir') throw new FsError('Not a directory');
    if (node.entries.size > 0) throw new FsError('Directory not empty');
    this.remove(names, true, mtimeMs);
  }
}

function bytesUnder(node: Node): number {
  if (node.kind === 'file') return node.data.length;
  let n = 0;
  for (const child of node.entries.values()) n += bytesUnder(child);
  return n;
}

/** `/a/./b/../c` → ['a', 'c'], relative paths from `cwd`. */
export function splitPath(path: string, cwd = '/'): string[] {
  const full = path.startsWith('/') ? path : `${cwd}/${path}`;
  const out: string[] = [];
  for (const part of full.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out;
}

export const joinPath = (names: readonly string[]): string => '/' + names.join('/');
