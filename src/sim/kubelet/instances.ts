// The seam for whatever follows a container instance's life (per-instance logs first):
// the executor calls it when an instance is created, starts, exits, and on every probe run
// against it. One instance is one containerID; a restart is a new instance.
import type { ProbeType } from './probes.js';
import type { ContainerKind, Termination } from './containerRecord.js';

export interface ContainerInstance {
  readonly podUid: string;
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly kind: ContainerKind;
  /** `containerd://<64 hex>` */
  readonly containerID: string;
  /** 0 for the first instance, then the container's restartCount at its creation. */
  readonly restartCount: number;
  /** The image as the status reports it (normalised). */
  readonly image: string;
  /** The environment the kubelet built for it (env, envFrom, service variables), when created. */
  readonly env?: ReadonlyMap<string, string>;
}

export interface ContainerInstanceObserver {
  created(instance: ContainerInstance, atMs: number): void;
  started(instance: ContainerInstance, atMs: number): void;
  exited(instance: ContainerInstance, termination: Termination): void;
  probed(instance: ContainerInstance, type: ProbeType, pass: boolean, message: string | undefined, atMs: number): void;
}
