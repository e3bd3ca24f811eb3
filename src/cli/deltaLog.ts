// A hidden instrumentation hook for `npm run bench` (the churn bench, test/bench/churn.ts):
// with PODSCOPE_DELTA_LOG=PATH the TUI appends one JSON line per frame Ink draws, saying when
// (epoch milliseconds, to 0.01 ms), how many pod deltas the state applied since the frame
// before, which of them carried the bench's stamp (the annotation CHURN_SEQ_ANNOTATION, a
// write's sequence number), when they changed, the source's watch counters (syncs, relists,
// watches, drops), and how each watch that ended since then ended (a timeout, a cut, an
// error …). A stamped write is on the screen from the first frame whose line names its
// number, so the bench can tell how far behind the screen is.
// Off (the default) it costs nothing; on, it looks at one annotation per pod delta.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Pod } from '../kube/types.js';
import type { ClusterSource, DeltaBatch, WatchEnd } from '../source/types.js';

/** The annotation a churn write stamps with its sequence number. */
export const CHURN_SEQ_ANNOTATION = 'bench.podscope.dev/seq';

/** One line of the log. */
export interface DeltaLogLine {
  /** When the frame was drawn, epoch milliseconds. */
  t: number;
  /** Pod deltas (ADDED, MODIFIED, DELETED) the state applied since the previous line. */
  deltas: number;
  /** Stamps of those deltas. */
  seqs: number[];
  /** The source's watch counters by kind, on the first line and whenever they changed. */
  watch?: Record<string, unknown>;
  /** Watches that ended since the previous line, by kind, and how (a timeout, a cut, an error …). */
  ends?: Record<string, WatchEnd[]>;
}

export interface DeltaLog {
  /** The source as the state should see it: pod batches pass through, their stamps noted. */
  wrap(source: ClusterSource): ClusterSource;
  /** The state has applied every batch delivered so far (AppState's onChange). */
  applied(): void;
  /** Ink drew a frame. */
  onRender(): void;
  close(): void;
}

export function openDeltaLog(env: NodeJS.ProcessEnv): DeltaLog | undefined {
  const path = env.PODSCOPE_DELTA_LOG;
  if (!path) return undefined;
  const fd = openSync(path, 'a');
  let source: ClusterSource | undefined;
  // Delivered to the state but not yet applied; applied but not yet drawn.
  let deliveredDeltas = 0;
  let deliveredSeqs: number[] = [];
  let appliedDeltas = 0;
  let appliedSeqs: number[] = [];
  let lastCounters = '';
  const loggedEnds = new WeakSet<WatchEnd>();
  // A source that projects pods as it parses them (setPodTransform) drops the stamp: it is
  // read from the whole pod on its way and found again by the projection it became.
  const stamps = new WeakMap<Pod, string>();
  const stampOf = (pod: Pod): string | undefined => pod.metadata?.annotations?.[CHURN_SEQ_ANNOTATION] ?? stamps.get(pod);
  const note = (batch: DeltaBatch<Pod>): void => {
    for (const d of batch) {
      if (d.type === 'RESET') {
        // A relist shows each pod as it is now: a stamp it carries is on the screen with it
        // (not counted as deltas; a stamp overwritten before the relist is never seen).
        for (const pod of d.objects) {
          const stamp = stampOf(pod);
          if (stamp !== undefined) deliveredSeqs.push(Number(stamp));
        }
        continue;
      }
      deliveredDeltas++;
      const stamp = stampOf(d.object);
      if (stamp !== undefined) deliveredSeqs.push(Number(stamp));
    }
  };
  return {
    wrap(inner) {
      source = inner;
      const watchPods: ClusterSource['watchPods'] = (scope, onBatch) =>
        inner.watchPods(scope, (batch) => {
          note(batch);
          onBatch(batch);
        });
      const setPodTransform: ClusterSource['setPodTransform'] =
        inner.setPodTransform &&
        ((transform) =>
          inner.setPodTransform!(
            transform &&
              ((pod) => {
                const kept = transform(pod);
                const stamp = pod?.metadata?.annotations?.[CHURN_SEQ_ANNOTATION];
                if (stamp !== undefined && kept !== pod) stamps.set(kept, stamp);
                return kept;
              }),
          ));
      return new Proxy(inner, {
        get(target, prop) {
          if (prop === 'watchPods') return watchPods;
          if (prop === 'setPodTransform') return setPodTransform;
          const value: unknown = Reflect.get(target, prop, target);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
    applied() {
      appliedDeltas += deliveredDeltas;
      deliveredDeltas = 0;
      if (deliveredSeqs.length > 0) {
        appliedSeqs = appliedSeqs.length === 0 ? deliveredSeqs : appliedSeqs.concat(deliveredSeqs);
        deliveredSeqs = [];
      }
    },
    onRender() {
      const line: DeltaLogLine = { t: Number((performance.timeOrigin + performance.now()).toFixed(2)), deltas: appliedDeltas, seqs: appliedSeqs };
      const counters = source?.watchCounters?.();
      const text = counters ? JSON.stringify(counters) : '';
      if (text !== lastCounters) {
        lastCounters = text;
        line.watch = counters as Record<string, unknown>;
      }
      for (const [kind, ends] of Object.entries(source?.watchEnds?.() ?? {})) {
        const fresh = ends.filter((e) => !loggedEnds.has(e));
        if (fresh.length === 0) continue;
        for (const e of fresh) loggedEnds.add(e);
        (line.ends ??= {})[kind] = fresh;
      }
      writeSync(fd, `${JSON.stringify(line)}\n`);
      appliedDeltas = 0;
      appliedSeqs = [];
    },
    close: () => closeSync(fd),
  };
}
