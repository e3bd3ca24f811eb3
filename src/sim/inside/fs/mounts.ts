// A container's mount table from its pod: the root filesystem (seeded with the image's files),
// the pod's /etc files, and each volumeMount resolved against the pod's volumes.
import type { Container, Pod } from '../../../kube/types.js';
import type { Store } from '../../store.js';
import type { ImageInside } from '../image.js';
import type { Mount } from './containerFs.js';
import { hostnameText, hostsFileText, resolvConfText } from './etcFiles.js';
import { EMPTY_DIR_CAPACITY, ROOTFS_CAPACITY, type Layers, type PodLayers } from './layers.js';
import { generatedTree, isGeneratedVolume } from './projectedFiles.js';
import { MemTree, splitPath } from './tree.js';
import { memoryBytes } from '../../../kube/quantity.js';

export interface MountInput {
  readonly store: Store;
  readonly layers: Layers;
  readonly pod: Pod;
  readonly container: Container;
  readonly containerID: string;
  readonly image: ImageInside;
  readonly podIP: string;
  readonly hostIP: string;
  readonly nowMs: number;
  /** Extra files the image serves from (nginx's html). */
  readonly imageFiles: readonly [string, string][];
}

const ROOT_DIRS = ['bin', 'dev', 'etc', 'home', 'proc', 'root', 'run', 'sbin', 'sys', 'tmp', 'usr', 'var'];
const ETC_FILES = ['hosts', 'hostname', 'resolv.conf'];

function seedRootfs(input: MountInput): MemTree {
  const t = new MemTree(ROOTFS_CAPACITY, input.nowMs);
  for (const d of ROOT_DIRS) t.mkdir([d], input.nowMs, false, d === 'tmp' ? 0o1777 : 0o755);
  for (const [path, content] of [...input.image.files, ...input.imageFiles]) {
    const names = splitPath(path);
    t.mkdir(names.slice(0, -1), input.nowMs, true);
    t.writeFile(names, Buffer.from(content), { mtimeMs: input.nowMs });
  }
  // The bind-mount targets exist in the image layer (empty); the mounts cover them.
  for (const f of ETC_FILES) t.writeFile(['etc', f], Buffer.alloc(0), { mtimeMs: input.nowMs });
  const wd = input.container.workingDir;
  if (wd) t.mkdir(splitPath(wd), input.nowMs, true);
  for (const m of input.container.volumeMounts ?? []) t.mkdir(splitPath(m.mountPath), input.nowMs, true);
  return t;
}

function podFiles(layers: PodLayers, input: MountInput): MemTree {
  if (layers.podFiles) return layers.podFiles;
  const t = new MemTree(1024 * 1024, input.nowMs);
  t.writeFile(['hosts'], Buffer.from(hostsFileText(input.pod, input.podIP ? [input.podIP] : [])), { mtimeMs: input.nowMs });
  t.writeFile(['hostname'], Buffer.from(hostnameText(input.pod) + '\n'), { mtimeMs: input.nowMs });
  t.writeFile(['resolv.conf'], Buffer.from(resolvConfText(input.pod)), { mtimeMs: input.nowMs });
  layers.podFiles = t;
  return t;
}

export function rootfsOf(layers: PodLayers, input: MountInput): MemTree {
  const name = input.container.name;
  const cur = layers.rootfs.get(name);
  if (cur && cur.containerID === input.containerID) return cur.tree;
  const tree = seedRootfs(input);
  layers.rootfs.set(name, { containerID: input.containerID, tree });
  return tree;
}

export function emptyDirOf(layers: PodLayers, volume: string, sizeLimit: string | undefined, nowMs: number): MemTree {
  let t = layers.emptyDirs.get(volume);
  if (!t) {
    const limit = sizeLimit ? Math.min(memoryBytes(sizeLimit), EMPTY_DIR_CAPACITY) : EMPTY_DIR_CAPACITY;
    layers.emptyDirs.set(volume, (t = new MemTree(limit, nowMs)));
  }
  return t;
}

export function containerMounts(input: MountInput): Mount[] {
  const { pod, container, layers, store } = input;
  const pl = layers.pod(pod.metadata?.uid ?? '', pod.metadata?.namespace ?? 'default', pod.metadata?.name ?? '');
  const rootfs = rootfsOf(pl, input);
  const readOnlyRoot = container.securityContext?.readOnlyRootFilesystem === true;
  const mounts: Mount[] = [{ at: [], base: [], tree: () => rootfs, readOnly: readOnlyRoot, worldWritable: false }];
  const files = podFiles(pl, input);
  for (const f of ETC_FILES) mounts.push({ at: ['etc', f], base: [f], tree: () => files, readOnly: false, worldWritable: false });
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  for (const vm of container.volumeMounts ?? []) {
    const v = volumes.get(vm.name);
    if (!v) continue;
    const at = splitPath(vm.mountPath);
    const sub = vm.subPath ? splitPath(vm.subPath) : [];
    const readOnly = vm.readOnly === true;
    if (v.emptyDir) {
      const tree = emptyDirOf(pl, v.name, v.emptyDir.sizeLimit === undefined ? undefined : String(v.emptyDir.sizeLimit), input.nowMs);
      if (sub.length > 0) tree.mkdir(sub, input.nowMs, true);
      mounts.push({ at, base: sub, tree: () => tree, readOnly, worldWritable: true });
    } else if (v.hostPath) {
      const tree = layers.node(pod.spec?.nodeName ?? '', input.nowMs);
      const base = [...splitPath(v.hostPath.path), ...sub];
      tree.mkdir(base, input.nowMs, true);
      mounts.push({ at, base, tree: () => tree, readOnly, worldWritable: true });
    } else if (isGeneratedVolume(v)) {
      const ctx = { store, pod, nowMs: input.nowMs, podIP: input.podIP, hostIP: input.hostIP };
      mounts.push({ at, base: sub, tree: () => generatedTree(v, ctx), readOnly: true, worldWritable: false });
    }
    // Other volume kinds (persistentVolumeClaim, csi, …) mount nothing the simulator models: the
    // mount point stays the image's empty directory.
  }
  return mounts;
}
