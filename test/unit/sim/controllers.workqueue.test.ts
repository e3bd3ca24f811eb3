import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/sim/clock.js';
import { WorkQueue } from '../../../src/sim/controllers/workQueue.js';

describe('WorkQueue', () => {
  it('processes a key queued many times once, from a zero-delay timer', () => {
    const clock = new ManualClock(0);
    const seen: string[] = [];
    const q = new WorkQueue(clock, (k) => seen.push(k));
    q.add('a');
    q.add('b');
    q.add('a');
    expect(seen).toEqual([]);
    clock.flush();
    expect(seen).toEqual(['a', 'b']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('leaves the rest of a drain to the next timer callback once its syncs wrote 1,000 objects, so I/O gets in between', () => {
    const clock = new ManualClock(0);
    const seen: string[] = [];
    let writes = 0;
    const q = new WorkQueue(
      clock,
      (k) => {
        seen.push(k);
        writes += 600;
      },
      () => {},
      () => writes,
    );
    for (const k of ['a', 'b', 'c', 'd']) q.add(k);
    clock.after(0, () => seen.push('other timer'));
    q.add('a');
    clock.flush();
    // a and b wrote 1,200: c and d wait behind the timer set meanwhile, still in their order.
    expect(seen).toEqual(['a', 'b', 'other timer', 'c', 'd']);
  });

  it('keeps the earliest delayed request per key', () => {
    const clock = new ManualClock(0);
    const seen: number[] = [];
    const q = new WorkQueue(clock, () => seen.push(clock.now()));
    q.addAfter('a', 5_000);
    q.addAfter('a', 2_000);
    q.addAfter('a', 9_000);
    clock.advance(10_000);
    expect(seen).toEqual([2_000]);
  });

  it('retries a failing key with a doubling back-off and reports each failure', () => {
    const clock = new ManualClock(0);
    const attempts: number[] = [];
    const failures: string[] = [];
    const q = new WorkQueue(
      clock,
      () => {
        attempts.push(clock.now());
        if (attempts.length < 4) throw new Error('conflict');
      },
      (key, err) => failures.push(`${key}: ${(err as Error).message}`),
    );
    q.add('x');
    clock.advance(1_000);
    expect(attempts).toEqual([0, 5, 15, 35]);
    expect(failures).toEqual(['x: conflict', 'x: conflict', 'x: conflict']);
  });

  it('does nothing after stop', () => {
    const clock = new ManualClock(0);
    const seen: string[] = [];
    const q = new WorkQueue(clock, (k) => seen.push(k));
    q.add('a');
    q.addAfter('b', 10);
    q.stop();
    q.add('c');
    clock.advance(100);
    expect(seen).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });
});
