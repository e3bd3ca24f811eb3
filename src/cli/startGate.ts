// The source as the TUI sees it while it starts. The pods watch starts as soon as the source is
// open, while the UI's modules still load, so its first batch is usually here by the time
// AppState subscribes: AppState's first watchPods for the same scope adopts the running watch
// (the batches so far handed over at once, in order). What the first frame does not show —
// the events watch, the metrics polls — waits until the gate opens (tui.ts: the first frame
// with pods on it, or a short while after the first frame), so it does not compete with it.
// Every other member is the source's own.
import type { Pod } from '../kube/types.js';
import type { ClusterSource, DeltaBatch, Scope, Subscription } from '../source/types.js';

export interface StartGate {
  /** The source to hand to AppState. */
  readonly source: ClusterSource;
  /** Settles once a pods batch has been handed to AppState's watch (the one record of that fact). */
  readonly podsArrived: Promise<void>;
  /** Lets the deferred calls through; later calls go straight to the source. */
  open(): void;
}

interface Early {
  scope: Scope;
  sub: Subscription;
  batches: DeltaBatch<Pod>[];
  deliver?: (batch: DeltaBatch<Pod>) => void;
}

export interface StartGateOptions {
  /** Start the pods watch now (false: when AppState asks, as without the gate). */
  early: boolean;
  /** Hears of each pods batch as it arrives (the start-up trace). */
  onBatch?: () => void;
}

export function startGate(source: ClusterSource, scope: Scope, options: StartGateOptions): StartGate {
  let arrived!: () => void;
  const podsArrived = new Promise<void>((resolve) => (arrived = resolve));
  let opened = false;
  let open!: () => void;
  const whenOpen = new Promise<void>((resolve) => (open = resolve));

  const heard =
    (deliver: (batch: DeltaBatch<Pod>) => void) =>
    (batch: DeltaBatch<Pod>): void => {
      options.onBatch?.();
      deliver(batch);
      arrived();
    };
  let waiting: Early | undefined;
  if (options.early) {
    const early: Early = { scope, batches: [], sub: { stop: () => undefined } };
    early.sub = source.watchPods(scope, (batch) => {
      if (early.deliver) early.deliver(batch);
      else {
        options.onBatch?.();
        early.batches.push(batch);
      }
    });
    waiting = early;
  }
  let first = true;
  const watchPods = (s: Scope, deliver: (batch: DeltaBatch<Pod>) => void): Subscription => {
    const e = waiting;
    waiting = undefined;
    const isFirst = first;
    first = false;
    if (e && e.scope.namespace === s.namespace) {
      e.deliver = heard(deliver);
      const held = e.batches.splice(0);
      for (const batch of held) deliver(batch);
      if (held.length > 0) arrived();
      return e.sub;
    }
    e?.sub.stop();
    return source.watchPods(s, isFirst ? heard(deliver) : deliver);
  };

  const watchEvents: ClusterSource['watchEvents'] = (s, deliver) => {
    if (opened) return source.watchEvents(s, deliver);
    let sub: Subscription | undefined;
    let stopped = false;
    void whenOpen.then(() => {
      if (!stopped) sub = source.watchEvents(s, deliver);
    });
    return {
      stop: () => {
        stopped = true;
        sub?.stop();
      },
    };
  };
  const afterOpen =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (!opened) await whenOpen;
      return call(...args);
    };
  const podMetrics = source.podMetrics && afterOpen(source.podMetrics.bind(source));
  const nodeMetrics = source.nodeMetrics && afterOpen(source.nodeMetrics.bind(source));

  const proxy = new Proxy(source, {
    get(target, key) {
      if (key === 'watchPods') return watchPods;
      if (key === 'watchEvents') return watchEvents;
      if (key === 'podMetrics') return podMetrics;
      if (key === 'nodeMetrics') return nodeMetrics;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    source: proxy,
    podsArrived,
    open() {
      if (opened) return;
      opened = true;
      open();
    },
  };
}
