// client-go's flowcontrol.Backoff as the kubelet uses it, without jitter: per key a delay
// that starts at `initialMs`, doubles up to `maxMs`, and starts over once the entry has
// not been updated for longer than `expireMs` (client-go util/flowcontrol/backoff.go).

export interface BackoffEntry {
  backoffMs: number;
  lastUpdateMs: number;
}

export class Backoff {
  private readonly entries = new Map<string, BackoffEntry>();

  constructor(
    readonly initialMs: number,
    readonly maxMs: number,
    readonly expireMs: number,
  ) {}

  /** The live entry for a key, or undefined when there is none or it expired by `eventMs`. */
  entry(key: string, eventMs: number): BackoffEntry | undefined {
    const e = this.entries.get(key);
    if (!e || eventMs - e.lastUpdateMs > this.expireMs) return undefined;
    return e;
  }

  /** Next: a fresh entry at the initial delay, or the delay doubled (capped); lastUpdate = eventMs. */
  next(key: string, eventMs: number): BackoffEntry {
    const live = this.entry(key, eventMs);
    const backoffMs = live ? Math.min(live.backoffMs * 2, this.maxMs) : this.initialMs;
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

/** The kubelet's crash-loop back-off: 10 s doubling to 300 s, reset after 600 s. */
export function crashLoopBackoff(): Backoff {
  return new Backoff(10_000, 300_000, 600_000);
}

/** The image puller's back-off: 10 s doubling to 300 s, client-go's default expiry of 2 × max. */
export function imagePullBackoff(): Backoff {
  return new Backoff(10_000, 300_000, 600_000);
}
