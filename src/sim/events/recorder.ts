// The simulator's event recorder: core/v1 Events through client-go's correlator (kubelet,
// controllers) and events.k8s.io/v1 Events as seen through core/v1 (the scheduler), with
// the apiserver's Event TTL (client-go tools/record/events_cache.go, k/k pkg/registry/core/event).
import { rfc3339, rfc3339Micro } from '../../kube/duration.js';
import type { Event, KubeObject } from '../../kube/types.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { Component, CoreEventOptions, EventRecorder, EventsV1Options, EventType } from '../context.js';
import type { Random } from '../random.js';
import type { Store } from '../store.js';
import { EventCorrelator } from './correlator.js';
import { EventNamer } from './eventNames.js';
import { EventSink } from './eventSink.js';
import { CorrelationKeys } from './correlationKeys.js';
import { DEFAULT_EVENT_TTL_MS, EventTtl } from './eventTtl.js';
import { referenceTo } from './objectReference.js';
import { isomorphicKey, SERIES_FINISH_MS, SERIES_REFRESH_MS, SeriesCache } from './seriesCache.js';

export interface RecorderOptions {
  /** How long an Event lives after its last write (apiserver --event-ttl). */
  ttlMs?: number;
}

export class Recorder implements EventRecorder, Component {
  private readonly namer = new EventNamer();
  private readonly keys = new CorrelationKeys();
  /**
   * One correlator per event source (component and host), as each kubelet, the scheduler and
   * each kube-controller-manager controller has its own broadcaster with its own 4096-entry
   * caches. One shared cache thrashes once a cluster has more than ~4096 objects with events:
   * every crash loop's 10 s BackOff then missed its count and its spam budget and became a new
   * Event (~500 new Events a second at 100k pods, 5 % crash-looping).
   */
  private readonly correlators = new Map<string, EventCorrelator>();
  private readonly sink: EventSink;
  private readonly series: SeriesCache;
  private readonly ttl: EventTtl;
  private finishTimer: TimerHandle | undefined;
  private refreshTimer: TimerHandle | undefined;
  private running = false;

  constructor(
    store: Store,
    private readonly clock: Clock,
    _random: Random,
    options: RecorderOptions = {},
  ) {
    this.sink = new EventSink(store);
    this.series = new SeriesCache(this.sink);
    this.ttl = new EventTtl(store, clock, options.ttlMs ?? DEFAULT_EVENT_TTL_MS);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.ttl.start();
    this.armFinish();
    this.armRefresh();
  }

  stop(): void {
    this.running = false;
    this.ttl.stop();
    if (this.finishTimer !== undefined) this.clock.clearTimer(this.finishTimer);
    if (this.refreshTimer !== undefined) this.clock.clearTimer(this.refreshTimer);
    this.finishTimer = this.refreshTimer = undefined;
  }

  event(involved: KubeObject, type: EventType, reason: string, message: string, options: CoreEventOptions): void {
    const now = this.clock.now();
    const keys = this.keys.of(involved, options);
    // makeEvent names the draft first (the aggregate event, if any, takes the next nanosecond).
    const seq = this.namer.reserve(now);
    const fieldPath = options.fieldPath || '';
    // EventCorrelate aggregates and counts before the spam filter: a dropped repeat still
    // bumps the remembered count, so the next one let through carries every occurrence
    // (a crash loop's `BackOff (x40 over 1h)`), not only the ones written.
    const correlator = this.correlatorOf(options.component, options.host);
    const aggregate = this.keys.aggregate(keys, type, reason);
    const seen = correlator.see(now, aggregate, fieldPath, message, { seq, involvedName: keys.name ?? '' }, this.keys.eventKey(keys, aggregate, fieldPath, message));
    if (!correlator.admit(keys.spam, now)) return;
    const ref = referenceTo(involved, options.fieldPath);
    const ts = rfc3339(now);
    const source: Event['source'] = { component: options.component };
    if (options.host) source.host = options.host;
    const draft: Event = {
      metadata: { name: this.namer.format(ref.name ?? '', now, seq), namespace: ref.namespace || 'default' },
      involvedObject: ref,
      reason,
      message,
      source,
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      reportingComponent: options.component,
    };
    if (options.host) draft.reportingInstance = options.host;
    const result = correlator.resolve(seen, draft, now);
    const ev = result.event;
    if (result.update) {
      this.sink.patchOrCreate(ev, { count: ev.count, lastTimestamp: ev.lastTimestamp, message: ev.message });
    } else {
      this.sink.create(ev);
    }
  }

  private correlatorOf(component: string, host: string | undefined): EventCorrelator {
    const source = host ? `${component}\u0000${host}` : component;
    let correlator = this.correlators.get(source);
    if (!correlator) {
      correlator = new EventCorrelator(this.namer);
      this.correlators.set(source, correlator);
    }
    return correlator;
  }

  eventV1(regarding: KubeObject, type: EventType, reason: string, note: string, options: EventsV1Options): void {
    const now = this.clock.now();
    const ref = referenceTo(regarding);
    const event: Event = {
      metadata: { name: this.namer.name(ref.name ?? '', now), namespace: ref.namespace || 'default' },
      involvedObject: ref,
      reason,
      message: note,
      type,
      eventTime: rfc3339Micro(now),
      action: options.action,
      reportingComponent: options.reportingController,
      reportingInstance: options.reportingInstance,
    };
    const key = isomorphicKey({
      type,
      action: options.action,
      reason,
      reportingController: options.reportingController,
      reportingInstance: options.reportingInstance,
      regarding: ref,
    });
    this.series.record(key, event, now);
  }

  private armFinish(): void {
    this.finishTimer = this.clock.after(SERIES_FINISH_MS, () => {
      this.series.finish(this.clock.now());
      if (this.running) this.armFinish();
    });
  }

  private armRefresh(): void {
    this.refreshTimer = this.clock.after(SERIES_REFRESH_MS, () => {
      this.series.refresh();
      if (this.running) this.armRefresh();
    });
  }
}
