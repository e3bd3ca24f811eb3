// One container's view of files: its root filesystem (one writable tree per container
// instance: a restart starts from the image again) with the pod's volumes mounted over it as
// its volumeMounts say (subPath, readOnly), and the kubelet's per-pod /etc/hosts,
// /etc/hostname and /etc/resolv.conf bind-mounted on top. `readOnlyRootFilesystem` makes the
// root (not the volumes) answer `Read-only file system`; generated volumes (configMap, secret,
// projected, downwardAPI) are always read-only, as the kubelet mounts them.
import { FsError, MemTree, type DirNode, type Node } from './tree.js';

export interface MountSource {
  /** The tree now (generated volumes build theirs when asked). */
  tree(): MemTree;
  /** Where in that tree the mount starts. */
  readonly base: readonly string[];
  readonly readOnly: boolean;
  /** A tree everyone may write (an emptyDir, a hostPath, /tmp-like), so a non-root user may too. */
  readonly worldWritable: boolean;
}

export interface Mount extends MountSource {
  readonly at: readonly string[];
}

export interface Resolved {
  readonly tree: MemTree;
  readonly names: readonly string[];
  readonly readOnly: boolean;
  readonly worldWritable: boolean;
  /** The path is a mount point itself (cannot be removed). */
  readonly isMountPoint: boolean;
}

const startsWith = (names: readonly string[], prefix: readonly string[]): boolean => prefix.length <= names.length && prefix.every((p, i) => names[i] === p);

export class ContainerFs {
  /** Deepest first, so the innermost mount wins. */
  private readonly mounts: Mount[];

  constructor(
    mounts: readonly Mount[],
    /** The user the shell runs as (0 = root). */
    readonly uid: number,
    private readonly now: () => number,
    /** Brings the files other processes write up to now before each operation. */
    private readonly sync: () => void = () => {},
  ) {
    this.mounts = [...mounts].sort((a, b) => b.at.length - a.at.length);
  }

  resolve(names: readonly string[]): Resolved {
    this.sync();
    for (const m of this.mounts) {
      if (!startsWith(names, m.at)) continue;
      return {
        tree: m.tree(),
        names: [...m.base, ...names.slice(m.at.length)],
        readOnly: m.readOnly,
        worldWritable: m.worldWritable,
        isMountPoint: names.length === m.at.length && m.at.length > 0,
      };
    }
    throw new FsError('No such file or directory');
  }

  stat(names: readonly string[]): Node | undefined {
    const r = this.resolve(names);
    return r.tree.lookup(r.names);
  }

  readFile(names: readonly string[]): Buffer {
    const node = this.stat(names);
    if (!node) throw new FsError('No such file or directory');
    if (node.kind === 'dir') throw new FsError('Is a directory');
    return node.data;
  }

  /** Entries of a directory, mount points under it included. */
  list(names: readonly string[]): [string, Node][] {
    const node = this.stat(names);
    if (!node) throw new FsError('No such file or directory');
    if (node.kind !== 'dir') throw new FsError('Not a directory');
    const out = new Map<string, Node>(node.entries);
    for (const m of this.mounts) {
      if (m.at.length !== names.length + 1 || !startsWith(m.at, names)) continue;
      const child = this.stat(m.at);
      if (child) out.set(m.at[m.at.length - 1]!, child);
    }
    return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private writable(names: readonly string[]): Resolved {
    const r = this.resolve(names);
    if (r.readOnly) throw new FsError('Read-only file system');
    if (this.uid !== 0 && !r.worldWritable) throw new FsError('Permission denied');
    return r;
  }

  writeFile(names: readonly string[], data: Buffer, append = false, mode?: number): void {
    const r = this.writable(names);
    r.tree.writeFile(r.names, data, { append, mode, mtimeMs: this.now() });
  }

  /** touch: creates an empty file, or moves an existing one's time to now. */
  touch(names: readonly string[]): void {
    const node = this.stat(names);
    if (node) {
      const r = this.writable(names);
      const n = r.tree.lookup(r.names)!;
      n.mtimeMs = this.now();
      return;
    }
    this.writeFile(names, Buffer.alloc(0));
  }

  mkdir(names: readonly string[], parents: boolean): void {
    if (parents && this.stat(names)?.kind === 'dir') return;
    const r = this.writable(names);
    r.tree.mkdir(r.names, this.now(), parents);
  }

  remove(names: readonly string[], recursive: boolean): void {
    const r = this.writable(names);
    if (r.isMountPoint) throw new FsError('Device or resource busy');
    r.tree.remove(r.names, recursive, this.now());
  }

  rmdir(names: readonly string[]): void {
    const r = this.writable(names);
    r.tree.rmdir(r.names, this.now());
  }
}

export type { DirNode, Node };
