// client-go's flowcontrol.Backoff as the kubelet uses it, without jitter: per key a delay
// that starts at `initialMs`, doubles up to `maxMs`, and starts over once the entry has
// not been updated for longer than `expireMs` (client-go util/flowcontrol/backoff.go). The
// cadence itself is src/kube/kubeletBackoff.ts, which the diagnosis reads too.
import { CRASH_LOOP_BACKOFF, IMAGE_PULL_BACKOFF, nextBackoff, type BackoffCadence } from '../../kube/kubeletBackoff.js';

export interface BackoffEntry {
  backoffMs: number;
  lastUpdateMs: number;
}

export class Backoff {
  private readonly entries = new Map<string, BackoffEntry>();

  constructor(readonly cadence: BackoffCadence) {}

  /** The live entry for a key, or undefined when there is none or it expired by `eventMs`. */
  entry(key: string, eventMs: number): BackoffEntry | undefined {
    const e = this.entries.get(key);
    if (!e || eventMs - e.lastUpdateMs > this.cadence.expireMs) return undefined;
    return e;
  }

  /** Next: a fresh entry at the initial delay, or the delay doubled (capped); lastUpdate = eventMs. */
  next(key: string, eventMs: number): BackoffEntry {
    const live = this.entry(key, eventMs);
    const backoffMs = nextBackoff(this.cadence, live?.backoffMs);
    const e = { backoffMs, lastUpdateMs: eventMs };
    this.entries.set(key, e);
    return e;
  }

  /** IsInBackOffSince: `nowMs - eventMs` is still below the key's delay. */
  inBackoffSince(key: string, eventMs: number, nowMs: number): boolean {
    const e = this.entry(key, eventMs);
    return e !== undefined && nowMs - eventMs < e.backoffMs;
  }

  /** IsInBackOffSinceUpdate: `nowMs - lastUpdate` is still below the key's delay. */
  inBackoffSinceUpdate(key: string, nowMs: number): boolean {
    const e = this.entry(key, nowMs);
    return e !== undefined && nowMs - e.lastUpdateMs < e.backoffMs;
  }

  forgetPrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}

/** The kubelet's crash-loop back-off (one per kubelet, keyed by container). */
export function crashLoopBackoff(): Backoff {
  return new Backoff(CRASH_LOOP_BACKOFF);
}

/** The image puller's back-off (one per kubelet, keyed by image and container). */
export function imagePullBackoff(): Backoff {
  return new Backoff(IMAGE_PULL_BACKOFF);
}
