// One full collection a moment after each sync (src/cli/compactAfterSync.ts): when the source's
// watches all go live from syncing, not while they sync, not again while they stay live; and
// the collection itself is V8's, fetched at run time (in a fresh process: flags are the process's).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COLLECT_UP_TO_HEAP_BYTES, COMPACT_UP_TO_HEAP_BYTES, collectionFor, compactAfterSync, worthCollecting } from '../../../src/cli/compactAfterSync.js';
import { statusSource } from '../../helpers/statusSource.js';

afterEach(() => vi.useRealTimers());

describe('compactAfterSync', () => {
  it('collects once a second after the watches go live from a sync, and again after a relist', () => {
    vi.useFakeTimers();
    const source = statusSource({ phase: 'connecting' });
    const collect = vi.fn();
    const sub = compactAfterSync(source, collect, 1_000);
    source.emit({ phase: 'syncing' });
    vi.advanceTimersByTime(5_000);
    expect(collect).not.toHaveBeenCalled();
    source.emit({ phase: 'live' });
    vi.advanceTimersByTime(999);
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledTimes(1);
    source.emit({ phase: 'live', message: 'still live' });
    vi.advanceTimersByTime(5_000);
    expect(collect).toHaveBeenCalledTimes(1);
    // A relist that goes live again; one that drops before its second is up waits for the next live.
    source.emit({ phase: 'syncing' });
    source.emit({ phase: 'live' });
    vi.advanceTimersByTime(500);
    source.emit({ phase: 'reconnecting' });
    vi.advanceTimersByTime(5_000);
    expect(collect).toHaveBeenCalledTimes(1);
    source.emit({ phase: 'live' });
    vi.advanceTimersByTime(1_000);
    expect(collect).toHaveBeenCalledTimes(2);
    sub.stop();
  });

  it('by default collects 300 ms after the watches go live', () => {
    vi.useFakeTimers();
    const source = statusSource({ phase: 'syncing' });
    const collect = vi.fn();
    const sub = compactAfterSync(source, collect);
    source.emit({ phase: 'live' });
    vi.advanceTimersByTime(299);
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledTimes(1);
    sub.stop();
  });

  it('does nothing for a source that was live from the start, nor after it is stopped', () => {
    vi.useFakeTimers();
    const live = statusSource({ phase: 'live' });
    const collect = vi.fn();
    compactAfterSync(live, collect, 1_000);
    vi.advanceTimersByTime(5_000);
    expect(collect).not.toHaveBeenCalled();
    const syncing = statusSource({ phase: 'syncing' });
    const sub = compactAfterSync(syncing, collect, 1_000);
    syncing.emit({ phase: 'live' });
    sub.stop();
    vi.advanceTimersByTime(5_000);
    expect(collect).not.toHaveBeenCalled();
  });

  it.each([
    [100 * 1024 * 1024, true], // a 10k-pod TUI after its sync
    [COLLECT_UP_TO_HEAP_BYTES, true],
    [COLLECT_UP_TO_HEAP_BYTES + 1, false],
    [450 * 1024 * 1024, false], // a 100k-pod TUI: its pause would be ~0.4 s
  ])('collects a heap of %d bytes: %s', (used, collected) => {
    expect(worthCollecting(used)).toBe(collected);
  });

  it.each([
    [30 * 1024 * 1024, 'compacting'], // a 10k-pod TUI's heap after its sync: ~70 MB used
    [COMPACT_UP_TO_HEAP_BYTES, 'compacting'],
    [COMPACT_UP_TO_HEAP_BYTES + 1, 'plain'],
    [COLLECT_UP_TO_HEAP_BYTES, 'plain'],
    [COLLECT_UP_TO_HEAP_BYTES + 1, 'none'],
    [450 * 1024 * 1024, 'none'],
  ])('a heap of %d bytes used gets the %s collection', (used, kind) => {
    expect(collectionFor(used)).toBe(kind);
  });

  it('the compacting collection gives the emptied pages back where the plain one keeps them', () => {
    const module = pathToFileURL(resolve(import.meta.dirname, '../../../dist/src/cli/compactAfterSync.js')).href;
    // A heap where one object in five survives, spread over every page: the plain collection
    // frees four fifths of each page but keeps the page.
    const script = (kind: string) => `
      const { collect } = await import(${JSON.stringify(module)});
      let all = []; for (let i = 0; i < 600000; i++) all.push({ i, s: 'x' + i });
      globalThis.kept = all.filter((_, i) => i % 5 === 0);
      all = undefined;
      if (!collect(${JSON.stringify(kind)})) throw new Error('no gc');
      const old = (await import('node:v8')).getHeapSpaceStatistics().find((s) => s.space_name === 'old_space');
      process.stdout.write(JSON.stringify({ pages: old.space_size, used: old.space_used_size }));
    `;
    const run = (kind: string): { pages: number; used: number } => {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script(kind)], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as { pages: number; used: number };
    };
    const plain = run('plain');
    const compacting = run('compacting');
    // Both free the garbage; only the compacting one leaves the old generation's pages near what is used.
    expect(Math.abs(plain.used - compacting.used)).toBeLessThan(4 * 1024 * 1024);
    expect(plain.pages - plain.used).toBeGreaterThan(20 * 1024 * 1024);
    expect(compacting.pages - compacting.used).toBeLessThan((plain.pages - plain.used) / 4);
  });

  it("fetches V8's full collection at run time, which gives the old generation's garbage back", () => {
    const module = pathToFileURL(resolve(import.meta.dirname, '../../../dist/src/cli/compactAfterSync.js')).href;
    const script = `
      const { fullGc } = await import(${JSON.stringify(module)});
      let garbage = []; for (let i = 0; i < 300000; i++) garbage.push({ i, s: 'x' + i });
      const before = process.memoryUsage().heapUsed;
      garbage = undefined;
      const gc = fullGc();
      if (typeof gc !== 'function') throw new Error('no gc');
      gc();
      process.stdout.write(String((before - process.memoryUsage().heapUsed) / 1048576));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(Number(r.stdout)).toBeGreaterThan(10);
  });
});
