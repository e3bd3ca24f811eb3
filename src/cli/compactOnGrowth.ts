// After the sync's collection (compactAfterSync.ts), a cluster in motion keeps replacing what
// the old generation holds: each pod update leaves its former projection behind, each crash
// loop its events, each metrics poll a little. V8 lets that garbage grow the old generation by
// half or more before a full collection, and keeps the pages afterwards (a page with one live
// object stays): at 10k pods with pods starting and crash-looping the RSS crept from 3.0 to
// 5 KB a pod within a minute (docs/benchmarks.md, "Issue 15: memory per pod under 4 KB"). So
// the old generation's pages are watched, and once they have grown by GROWTH_BYTES (or
// GROWTH_SHARE) since the last collection, the heap is collected and compacted — while nobody
// types (a key waits for the pause: ~35 ms at 10k pods) and while the watches are live (a sync
// has its own).
import { getHeapSpaceStatistics } from 'node:v8';
import type { SourceStatus, Subscription } from '../source/types.js';
import { collect } from './compactAfterSync.js';

/** How often the pages are counted (a few µs: no object per pod). */
export const CHECK_MS = 2_000;
/** Growth that is worth a collection, at least… */
export const GROWTH_BYTES = 4 * 1024 * 1024;
/** …or this share of the pages after the last one (a larger heap's pause is longer). */
export const GROWTH_SHARE = 0.125;
/** No collection within this long of a key. */
export const QUIET_MS = 1_000;
/**
 * The largest heap compacted on growth: its pause (~35 ms at 10k pods, ~25 MB used) comes back
 * every 20 s or so on a busy cluster, unlike the sync's one (COMPACT_UP_TO_HEAP_BYTES, twice
 * this); a larger heap is left to V8's incremental collections (oldGeneration.ts).
 */
export const GROWTH_COMPACT_UP_TO_HEAP_BYTES = 64 * 1024 * 1024;

export interface HeapPages {
  /** Old-generation pages in use (old, code, map and large-object spaces), bytes. */
  oldBytes: number;
  /** Everything the heap holds (live and garbage), bytes. */
  usedBytes: number;
}

export function heapPages(): HeapPages {
  let oldBytes = 0;
  let usedBytes = 0;
  for (const s of getHeapSpaceStatistics()) {
    usedBytes += s.space_used_size;
    // The young generation grows and shrinks on V8's own rules; a compaction does not change it.
    if (s.space_name !== 'new_space' && s.space_name !== 'new_large_object_space') oldBytes += s.physical_space_size;
  }
  return { oldBytes, usedBytes };
}

/** Whether pages grown from `since` to `now` are worth a compacting collection now. */
export function worthCompacting(now: HeapPages, since: number, quietMs: number): boolean {
  if (quietMs < QUIET_MS || now.usedBytes > GROWTH_COMPACT_UP_TO_HEAP_BYTES) return false;
  return now.oldBytes - since >= Math.max(GROWTH_BYTES, since * GROWTH_SHARE);
}

export interface GrowthWatch {
  /** Reads the heap's pages. */
  read?: () => HeapPages;
  /** One compacting collection. */
  compact?: () => void;
  /** Milliseconds since the last key (Infinity: none yet). */
  quietMs: () => number;
  checkMs?: number;
}

/**
 * Compacts the heap whenever its old pages grew enough since the last collection, checked every
 * `checkMs` while the source's watches are live. The pages after a sync's own collection are
 * the first baseline (the lowest seen since the watches went live).
 */
export function compactOnGrowth(source: { onStatus(listener: (status: SourceStatus) => void): Subscription }, watch: GrowthWatch): Subscription {
  const read = watch.read ?? heapPages;
  const compact = watch.compact ?? (() => void collect('compacting'));
  let live = false;
  let since: number | undefined;
  const sub = source.onStatus((status) => {
    live = status.phase === 'live';
    if (!live) since = undefined;
  });
  const timer = setInterval(() => {
    if (!live) return;
    const now = read();
    if (since === undefined || now.oldBytes < since) {
      since = now.oldBytes;
      return;
    }
    if (!worthCompacting(now, since, watch.quietMs())) return;
    compact();
    since = read().oldBytes;
  }, watch.checkMs ?? CHECK_MS);
  timer.unref?.();
  return {
    stop: () => {
      clearInterval(timer);
      sub.stop();
    },
  };
}
