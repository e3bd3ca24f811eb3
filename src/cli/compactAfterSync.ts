// One full garbage collection a moment (SETTLE_MS) after each sync (the first, and a relist): a sync parses
// pages or a watch-list of every object, and what it leaves (the raw pages, whole objects the
// projections were made from, the growing tables' old backing stores) sits in the old
// generation until V8's memory reducer notices an idle heap — which a TUI that ticks and takes
// deltas rarely is. Measured at 10k pods (docs/benchmarks.md, "Memory per pod"): ~15 MB of
// RSS given back, for one pause of tens of milliseconds while nothing is typed yet (a larger
// heap's pause is too long: see COLLECT_UP_TO_HEAP_BYTES); compacted, so the pages the garbage
// was on go back to the system too (COMPACT_UP_TO_HEAP_BYTES).
// `gc` is not exposed without --expose-gc on the command line; the flag set at run time exposes
// it to contexts made afterwards, so one is made to fetch it.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Subscription, SourceStatus } from '../source/types.js';

/**
 * How long after the watches go live: the sync's last batches and frames go first (a frame is
 * due every 33 ms), and the pages come back before the next thing a user looks at — at 10k
 * pods the Events' own first sync ends 1–4 s after the pods', and the RSS stayed ~40 MB higher
 * until this collection (docs/benchmarks.md, "The sync's garbage given back").
 */
const SETTLE_MS = 300;

let collector: (() => void) | null | undefined;

/** V8's full garbage collection, or undefined where it cannot be had. */
export function fullGc(): (() => void) | undefined {
  if (collector === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as unknown;
      collector = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collector = null;
    }
  }
  return collector ?? undefined;
}

/**
 * The largest heap collected: a forced full collection stops the TUI for its whole length
 * (~300 ms for a 350 MB heap of small objects on this project's 2-core machine, ~30 ms at
 * 10k pods), so a 100k-pod TUI, whose keys are pressed as its sync ends, is left to V8's own
 * collections, which mark incrementally; the sync's leftovers are a smaller share of it too.
 */
export const COLLECT_UP_TO_HEAP_BYTES = 192 * 1024 * 1024;

/**
 * The largest heap also compacted as it is collected. A plain full collection frees the
 * sync's garbage but V8 keeps the pages it was on (each still holds a few live objects), so
 * the RSS hardly moves: at 10k pods heap used fell 69 → 29 MB and its pages stayed at 66 MB.
 * Compacting moves the survivors together and gives the emptied pages back (66 → 31 MB, the
 * RSS 140 → 102 MB; docs/benchmarks.md, "The sync's garbage given back"). It costs about
 * twice a plain collection (63 ms at 10k on a loaded machine), so only smaller heaps pay it.
 */
export const COMPACT_UP_TO_HEAP_BYTES = 128 * 1024 * 1024;

export type Collection = 'compacting' | 'plain' | 'none';

export function worthCollecting(heapUsedBytes: number): boolean {
  return heapUsedBytes <= COLLECT_UP_TO_HEAP_BYTES;
}

/** Which collection a heap of this many used bytes gets a moment after a sync. */
export function collectionFor(heapUsedBytes: number): Collection {
  if (heapUsedBytes <= COMPACT_UP_TO_HEAP_BYTES) return 'compacting';
  if (worthCollecting(heapUsedBytes)) return 'plain';
  return 'none';
}

/**
 * One full collection, compacting when asked: V8 compacts only pages its heuristics pick
 * unless told to compact on every full collection, a flag it reads at each one (so it is set
 * for this collection alone).
 */
export function collect(kind: Exclude<Collection, 'none'>): boolean {
  const gc = fullGc();
  if (!gc) return false;
  if (kind === 'plain') {
    gc();
    return true;
  }
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
  return true;
}

/** The collection compactAfterSync makes: `gc` fetched when first needed (a new context costs a few ms the start should not pay). */
function collectAll(): void {
  const kind = collectionFor(process.memoryUsage().heapUsed);
  if (kind !== 'none') collect(kind);
}

/** Collects once, `settleMs` after the source's watches all went live from a sync (status syncing/connecting → live). */
export function compactAfterSync(source: { onStatus(listener: (status: SourceStatus) => void): Subscription }, collect: () => void = collectAll, settleMs = SETTLE_MS): Subscription {
  let syncing = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sub = source.onStatus((status) => {
    if (status.phase !== 'live') {
      syncing = true;
      clearTimeout(timer);
      timer = undefined;
      return;
    }
    if (!syncing) return;
    syncing = false;
    timer = setTimeout(() => {
      timer = undefined;
      collect();
    }, settleMs);
    timer.unref?.();
  });
  return {
    stop: () => {
      clearTimeout(timer);
      sub.stop();
    },
  };
}
