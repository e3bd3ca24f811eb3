// The apiserver stores Events with a lease of --event-ttl (1h): each write renews it, and
// the Event disappears when it runs out. One clock timer per Event, re-armed on update.
import type { Event, WatchEvent } from '../../kube/types.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { Store, Watch } from '../store.js';

export const DEFAULT_EVENT_TTL_MS = 60 * 60_000;

export class EventTtl {
  private readonly timers = new Map<string, TimerHandle>();
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
    for (const handle of this.timers.values()) this.clock.clearTimer(handle);
    this.timers.clear();
  }

  private onEvent(ev: WatchEvent<Event>): void {
    const namespace = ev.object.metadata?.namespace ?? '';
    const name = ev.object.metadata?.name ?? '';
    const key = `${namespace}/${name}`;
    const previous = this.timers.get(key);
    if (previous !== undefined) this.clock.clearTimer(previous);
    if (ev.type === 'DELETED') {
      this.timers.delete(key);
      return;
    }
    const handle = this.clock.after(this.ttlMs, () => {
      this.timers.delete(key);
      if (this.store.get('Event', namespace, name)) this.store.remove('Event', namespace, name);
    });
    this.timers.set(key, handle);
  }
}
