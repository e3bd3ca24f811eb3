// The volume manager for one pod (k/k pkg/kubelet/volumemanager): the sandbox is created only
// once every volume is set up. A volume whose SetUp fails is retried on the operation
// executor's exponential back-off (0.5 s doubling to 2m2s), each failure a Warning
// FailedMount `MountVolume.SetUp failed for volume "v" : <error>`; after
// podAttachAndMountTimeout (2 min 3 s) the sync reports `Unable to attach or mount volumes: …`
// and the pod worker waits its 10 s error back-off before waiting again. A claim volume the
// populator cannot process (claim missing, deleting or unbound) fails the wait at once:
// FailedMount `Unable to attach or mount volumes: … failed to process volumes=[v]: error
// processing PVC ns/x: PVC is not bound`, retried after the error back-off.
import type { Pod } from '../../kube/types.js';
import type { TimerHandle } from '../clock.js';
import type { ConfigSources } from './configSources.js';
import type { StepHost } from './stepHost.js';
import { claimProcessingError, volumeSetUpError } from './volumeSetUp.js';

const INITIAL_RETRY_MS = 500;
const MAX_RETRY_MS = 122_000;
// podAttachAndMountTimeout = 2*time.Minute + 3*time.Second (pkg/kubelet/volumemanager): offset so its timeouts are recognisable.
const ATTACH_AND_MOUNT_TIMEOUT_MS = 123_000;

interface Pending {
  readonly name: string;
  failures: number;
  timer: TimerHandle | undefined;
}

export interface VolumeHost extends Pick<StepHost, 'now' | 'at' | 'clear' | 'event'> {
  readonly pod: Pod;
  readonly namespace: string;
  readonly host: { readonly timing: { readonly errorResyncMs: number } };
}

export class PodVolumes {
  private pending: Pending[] = [];
  private waitTimer: TimerHandle | undefined;
  private done = false;

  constructor(
    private readonly w: VolumeHost,
    private readonly sources: ConfigSources,
    /** Every volume is mounted: the sync goes on to the sandbox. */
    private readonly mounted: () => void,
  ) {}

  /** Set up every volume now; those that fail are retried until they mount. */
  mount(): void {
    if (this.claimsBlock()) return;
    for (const v of this.w.pod.spec?.volumes ?? []) {
      const p: Pending = { name: v.name, failures: 0, timer: undefined };
      if (!this.attempt(p)) this.pending.push(p);
    }
    if (this.pending.length === 0) this.finish();
    else this.armTimeout(this.w.now() + ATTACH_AND_MOUNT_TIMEOUT_MS);
  }

  /** Names of the volumes not mounted yet, in spec order. */
  unmounted(): string[] {
    return this.pending.map((p) => p.name);
  }

  stop(): void {
    this.done = true;
    this.w.clear(this.waitTimer);
    this.waitTimer = undefined;
    for (const p of this.pending) this.w.clear(p.timer);
    this.pending = [];
  }

  /** One SetUp; true when it mounted, else the failure is reported and a retry armed. */
  private attempt(p: Pending): boolean {
    const volume = this.w.pod.spec?.volumes?.find((v) => v.name === p.name);
    const err = volume ? volumeSetUpError(this.w.namespace, volume, this.sources) : undefined;
    if (err === undefined) return true;
    p.failures++;
    this.w.event(undefined, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${p.name}" : ${err}`);
    const delay = Math.min(INITIAL_RETRY_MS * 2 ** (p.failures - 1), MAX_RETRY_MS);
    p.timer = this.w.at(this.w.now() + delay, () => {
      p.timer = undefined;
      if (this.done || !this.attempt(p)) return;
      this.pending = this.pending.filter((q) => q !== p);
      if (this.pending.length === 0) this.finish();
    });
    return false;
  }

  /** Claim volumes the populator cannot add: report and try the whole mount again after the error back-off. */
  private claimsBlock(): boolean {
    const failed: string[] = [];
    const errors: string[] = [];
    for (const v of this.w.pod.spec?.volumes ?? []) {
      const err = claimProcessingError(this.w.namespace, v, this.sources);
      if (err === undefined) continue;
      failed.push(v.name);
      errors.push(err);
    }
    if (failed.length === 0) return false;
    const names = [...failed].sort();
    this.w.event(
      undefined,
      'Warning',
      'FailedMount',
      `Unable to attach or mount volumes: unmounted volumes=[${names.join(' ')}], unattached volumes=[], failed to process volumes=[${names.join(' ')}]: ${errors.join('; ')}`,
    );
    this.waitTimer = this.w.at(this.w.now() + this.w.host.timing.errorResyncMs, () => {
      this.waitTimer = undefined;
      if (!this.done) this.mount();
    });
    return true;
  }

  private armTimeout(atMs: number): void {
    this.waitTimer = this.w.at(atMs, () => {
      this.waitTimer = undefined;
      if (this.done) return;
      const names = this.unmounted().sort();
      this.w.event(
        undefined,
        'Warning',
        'FailedMount',
        `Unable to attach or mount volumes: unmounted volumes=[${names.join(' ')}], unattached volumes=[], failed to process volumes=[]: context deadline exceeded`,
      );
      // The failed sync is retried after the pod worker's back-off, and waits the full timeout again.
      this.armTimeout(this.w.now() + this.w.host.timing.errorResyncMs + ATTACH_AND_MOUNT_TIMEOUT_MS);
    });
  }

  private finish(): void {
    this.done = true;
    this.w.clear(this.waitTimer);
    this.waitTimer = undefined;
    this.mounted();
  }
}
