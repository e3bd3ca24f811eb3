// The apiserver stores Events with a lease of --event-ttl (1h): each write renews it, and
// the Event disappears when it runs out. Every lease is as long as the next, so leases run
// out in the order they were taken: one queue in write order and one clock timer for its
// head, instead of a timer (and a closure) per Event — a 100k-pod cluster holds ~600k Events.
import type { Event, WatchEvent } from '../../kube/types.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { Store, Watch } from '../store.js';

export const DEFAULT_EVENT_TTL_MS = 60 * 60_000;

export class EventTtl {
  /** The lease of each stored Event: when it runs out. */
  private readonly expiry = new Map<string, number>();
  /** Leases in the order taken (a renewed one stays behind, outdated, and is skipped). */
  private keys: string[] = [];
  private ats: number[] = [];
  private head = 0;
  private timer: { at: number; handle: TimerHandle } | undefined;
  private watch: Watch | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  start(): void {
    if (this.watch) return;
    this.watch = this.store.watch('Event', {}, (ev) => this.onEvent(ev));
  }

  stop(): void {
    this.watch?.stop();
    this.watch = undefined;
    if (this.timer) this.clock.clearTimer(this.timer.handle);
    this.timer = undefined;
    this.expiry.clear();
    this.keys = [];
    this.ats = [];
    this.head = 0;
  }

  private onEvent(ev: WatchEvent<Event>): void {
    const key = `${ev.object.metadata?.namespace ?? ''}/${ev.object.metadata?.name ?? ''}`;
    if (ev.type === 'DELETED') {
      this.expiry.delete(key);
      return;
    }
    const at = this.clock.now() + this.ttlMs;
    this.expiry.set(key, at);
    this.keys.push(key);
    this.ats.push(at);
    this.arm();
  }

  private arm(): void {
    const at = this.ats[this.head];
    if (at === undefined || this.timer?.at === at) return;
    if (this.timer) this.clock.clearTimer(this.timer.handle);
    this.timer = { at, handle: this.clock.setTimer(at, () => this.expire()) };
  }

  private expire(): void {
    this.timer = undefined;
    const now = this.clock.now();
    while (this.head < this.ats.length && this.ats[this.head]! <= now) {
      const key = this.keys[this.head]!;
      const at = this.ats[this.head]!;
      this.head++;
      if (this.expiry.get(key) !== at) continue;
      this.expiry.delete(key);
      const slash = key.indexOf('/');
      const namespace = key.slice(0, slash);
      const name = key.slice(slash + 1);
      if (this.store.get('Event', namespace, name)) this.store.remove('Event', namespace, name);
    }
    if (this.head > 1024 && this.head * 2 > this.ats.length) {
      this.keys = this.keys.slice(this.head);
      this.ats = this.ats.slice(this.head);
      this.head = 0;
    }
    this.arm();
  }
}
