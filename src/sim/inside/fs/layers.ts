// Where the writable trees live, and how long: a container instance's root filesystem (until
// the next instance of that container), a pod's emptyDirs and its kubelet-written /etc files
// (as long as the pod's uid), a node's hostPath directories (as long as the simulator). Each
// tree has a byte budget: an emptyDir its `sizeLimit` (capped) or EMPTY_DIR_CAPACITY, a root
// filesystem ROOTFS_CAPACITY, a node NODE_CAPACITY. Pods that left the store are dropped when
// the next pod is looked up.
import { MemTree } from './tree.js';

export const EMPTY_DIR_CAPACITY = 64 * 1024 * 1024;
export const ROOTFS_CAPACITY = 64 * 1024 * 1024;
export const NODE_CAPACITY = 64 * 1024 * 1024;

export interface PodLayers {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  /** The instant the containers' own writes were last brought up to. */
  syncedAtMs: number;
  readonly emptyDirs: Map<string, MemTree>;
  /** The kubelet's per-pod files: hosts, hostname, resolv.conf. */
  podFiles: MemTree | undefined;
  /** containerName → its current instance's root filesystem. */
  readonly rootfs: Map<string, { containerID: string; tree: MemTree }>;
  /** Writes of the containers' own commands already applied: `containerID path` → last write time. */
  readonly applied: Map<string, number>;
}

export class Layers {
  private readonly pods = new Map<string, PodLayers>();
  private readonly nodes = new Map<string, MemTree>();

  pod(uid: string, namespace: string, name: string): PodLayers {
    let p = this.pods.get(uid);
    if (!p) this.pods.set(uid, (p = { uid, namespace, name, syncedAtMs: -1, emptyDirs: new Map(), podFiles: undefined, rootfs: new Map(), applied: new Map() }));
    return p;
  }

  node(name: string, nowMs: number): MemTree {
    let t = this.nodes.get(name);
    if (!t) this.nodes.set(name, (t = new MemTree(NODE_CAPACITY, nowMs)));
    return t;
  }

  /** Forgets the pods `alive` says are gone. */
  prune(alive: (p: PodLayers) => boolean): void {
    for (const [uid, p] of this.pods) if (!alive(p)) this.pods.delete(uid);
  }

  get podCount(): number {
    return this.pods.size;
  }
}
