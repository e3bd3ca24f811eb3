// What every pod worker shares with its kubelet: the simulation, the node's image cache,
// the back-off tables and pod IPs.
import type { SimContext } from '../context.js';
import type { Backoff } from './backoff.js';
import type { NodeImageCache } from './images.js';
import type { InjectedFaults } from './injectedFaults.js';
import type { ContainerInstanceObserver } from './instances.js';

export interface KubeletTiming {
  /** First sync → sandbox with networking (PodReadyToStartContainers True, pod IP). */
  sandboxMs: number;
  /** The pod worker's requeue after a sync that ended in a back-off error. */
  errorResyncMs: number;
  /** A failed pull is seen by the next sync this much later (the PLEG relist period). */
  pullErrorResyncMs: number;
}

export const DEFAULT_TIMING: Readonly<KubeletTiming> = { sandboxMs: 1000, errorResyncMs: 10_000, pullErrorResyncMs: 1000 };

/** The kubelet's minimumGracePeriodInSeconds: SIGTERM always gets at least this long. */
export const MIN_GRACE_SECONDS = 2;

export interface KubeletHost {
  readonly ctx: SimContext;
  readonly nodeName: string;
  readonly timing: KubeletTiming;
  readonly images: NodeImageCache;
  readonly crashBackoff: Backoff;
  readonly imageBackoff: Backoff;
  /** Follows every container instance (per-instance logs), when set. */
  readonly instances: ContainerInstanceObserver | undefined;
  /** Probe and pull failures an operator injected (rehearsing). */
  readonly faults: InjectedFaults;
  hostIP(): string | undefined;
  allocatePodIP(): string | undefined;
  releasePodIP(ip: string): void;
}
