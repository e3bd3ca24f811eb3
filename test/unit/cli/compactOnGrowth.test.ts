// Compacting again once the old generation's pages grew after the sync (src/cli/compactOnGrowth.ts):
// by 4 MB or an eighth, whichever is more, only while live, never within a second of a key,
// never for a heap past its compacting limit (64 MB used); the baseline is the lowest seen since live.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHECK_MS, compactOnGrowth, GROWTH_COMPACT_UP_TO_HEAP_BYTES, heapPages, worthCompacting, type HeapPages } from '../../../src/cli/compactOnGrowth.js';
import { statusSource } from '../../helpers/statusSource.js';

const MB = 1024 * 1024;

afterEach(() => vi.useRealTimers());

describe('worthCompacting', () => {
  it.each([
    ['3.9 MB more on 20 MB', { oldBytes: 23.9 * MB, usedBytes: 30 * MB }, 20 * MB, 5_000, false],
    ['4 MB more on 20 MB', { oldBytes: 24 * MB, usedBytes: 30 * MB }, 20 * MB, 5_000, true],
    ['4 MB more on 40 MB: an eighth is 5 MB', { oldBytes: 44 * MB, usedBytes: 50 * MB }, 40 * MB, 5_000, false],
    ['5 MB more on 40 MB', { oldBytes: 45 * MB, usedBytes: 50 * MB }, 40 * MB, 5_000, true],
    ['grown, but a key 999 ms ago', { oldBytes: 30 * MB, usedBytes: 30 * MB }, 20 * MB, 999, false],
    ['grown, no key yet', { oldBytes: 30 * MB, usedBytes: 30 * MB }, 20 * MB, Infinity, true],
    ['grown, past the compacting limit', { oldBytes: 100 * MB, usedBytes: GROWTH_COMPACT_UP_TO_HEAP_BYTES + 1 }, 50 * MB, Infinity, false],
    ['grown, at the compacting limit', { oldBytes: 100 * MB, usedBytes: GROWTH_COMPACT_UP_TO_HEAP_BYTES }, 50 * MB, Infinity, true],
  ])('%s: %s', (_name, now, since, quietMs, expected) => {
    expect(worthCompacting(now as HeapPages, since as number, quietMs as number)).toBe(expected);
  });
});

describe('compactOnGrowth', () => {
  it('compacts once the pages grew from the lowest seen since live, only while live and quiet', () => {
    vi.useFakeTimers();
    const source = statusSource({ phase: 'syncing' });
    let pages: HeapPages = { oldBytes: 60 * MB, usedBytes: 60 * MB };
    let quiet = Infinity;
    const compact = vi.fn(() => (pages = { oldBytes: 21 * MB, usedBytes: 21 * MB }));
    const sub = compactOnGrowth(source, { read: () => pages, compact, quietMs: () => quiet });
    vi.advanceTimersByTime(CHECK_MS * 3); // syncing: nothing counted
    source.emit({ phase: 'live' });
    vi.advanceTimersByTime(CHECK_MS); // the first baseline: 60 MB, the sync's garbage
    pages = { oldBytes: 20 * MB, usedBytes: 20 * MB }; // the sync's collection
    vi.advanceTimersByTime(CHECK_MS);
    expect(compact).not.toHaveBeenCalled();
    pages = { oldBytes: 23 * MB, usedBytes: 23 * MB };
    vi.advanceTimersByTime(CHECK_MS);
    expect(compact).not.toHaveBeenCalled();
    pages = { oldBytes: 24 * MB, usedBytes: 24 * MB };
    quiet = 200; // typing
    vi.advanceTimersByTime(CHECK_MS);
    expect(compact).not.toHaveBeenCalled();
    quiet = 1_500;
    vi.advanceTimersByTime(CHECK_MS);
    expect(compact).toHaveBeenCalledTimes(1);
    // The new baseline is what the collection left (21 MB): 24 MB is not enough again.
    pages = { oldBytes: 24 * MB, usedBytes: 24 * MB };
    vi.advanceTimersByTime(CHECK_MS);
    expect(compact).toHaveBeenCalledTimes(1);
    // A relist: nothing while it syncs, whatever the growth.
    source.emit({ phase: 'syncing' });
    pages = { oldBytes: 80 * MB, usedBytes: 80 * MB };
    vi.advanceTimersByTime(CHECK_MS * 5);
    expect(compact).toHaveBeenCalledTimes(1);
    sub.stop();
    source.emit({ phase: 'live' });
    vi.advanceTimersByTime(CHECK_MS * 5);
    expect(compact).toHaveBeenCalledTimes(1);
  });

  it('counts the pages of V8 itself', () => {
    const pages = heapPages();
    expect(pages.oldBytes).toBeGreaterThan(1 * MB);
    expect(pages.usedBytes).toBeGreaterThan(1 * MB);
  });
});
