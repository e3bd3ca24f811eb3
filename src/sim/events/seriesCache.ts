// The events/v1 broadcaster's isomorphic-event cache (client-go tools/events): a repeat
// of a cached event turns it into a series (count 2, written at once); later repeats only
// bump the cached count, which reaches the apiserver every 30 minutes (refresh) and when
// the series ends (no repeat for 6 minutes, checked every 6 minutes). The note is not part
// of the key: a repeat with a new note counts towards the first event's series.
import { rfc3339Micro } from '../../kube/duration.js';
import type { Event } from '../../kube/types.js';
import type { EventSink } from './eventSink.js';
import { referenceKey, type ObjectReference } from './objectReference.js';

export const SERIES_FINISH_MS = 6 * 60_000;
export const SERIES_REFRESH_MS = 30 * 60_000;

interface Cached {
  event: Event;
  eventTimeMs: number;
  series?: { count: number; lastObservedMs: number };
}

export interface IsomorphicKeyParts {
  type: string;
  action: string;
  reason: string;
  reportingController: string;
  reportingInstance: string;
  regarding: ObjectReference;
}

export function isomorphicKey(p: IsomorphicKeyParts): string {
  return [p.type, p.action, p.reason, p.reportingController, p.reportingInstance, referenceKey(p.regarding)].join('\u0001');
}

export class SeriesCache {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly sink: EventSink) {}

  get size(): number {
    return this.cache.size;
  }

  record(key: string, event: Event, now: number): void {
    const cached = this.cache.get(key);
    if (!cached) {
      this.cache.set(key, { event, eventTimeMs: now });
      this.sink.create(event);
      return;
    }
    if (cached.series) {
      cached.series.count++;
      cached.series.lastObservedMs = now;
      return;
    }
    cached.series = { count: 2, lastObservedMs: now };
    this.write(cached);
  }

  /** finishSeries: flush ended series, forget singletons older than 6 minutes. */
  finish(now: number): void {
    for (const [key, cached] of this.cache) {
      if (cached.series) {
        if (cached.series.lastObservedMs < now - SERIES_FINISH_MS) {
          this.write(cached);
          this.cache.delete(key);
        }
      } else if (cached.eventTimeMs < now - SERIES_FINISH_MS) {
        this.cache.delete(key);
      }
    }
  }

  /** refreshExistingEventSeries: rewrite every open series (this also renews its TTL). */
  refresh(): void {
    for (const cached of this.cache.values()) if (cached.series) this.write(cached);
  }

  private write(cached: Cached): void {
    const series = { count: cached.series!.count, lastObservedTime: rfc3339Micro(cached.series!.lastObservedMs) };
    this.sink.patchOrCreate({ ...cached.event, series }, { series });
  }
}
