import { describe, expect, it } from 'vitest';
import { ManualClock, RealClock, TimerQueue } from '../../../src/sim/clock.js';

describe('TimerQueue', () => {
  it('pops in time order, ties in insertion order, skipping cancelled timers', () => {
    const q = new TimerQueue();
    const fired: string[] = [];
    q.push(30, () => fired.push('c'));
    const b = q.push(20, () => fired.push('b'));
    q.push(10, () => fired.push('a1'));
    q.push(10, () => fired.push('a2'));
    q.cancel(b);
    expect(q.size).toBe(3);
    for (let e = q.popDue(100); e; e = q.popDue(100)) e.fn();
    expect(fired).toEqual(['a1', 'a2', 'c']);
  });

  it('keeps heap order over many random pushes', () => {
    const q = new TimerQueue();
    const times = Array.from({ length: 500 }, (_, i) => (i * 7919) % 1000);
    for (const t of times) q.push(t, () => {});
    const out: number[] = [];
    for (let t = q.peekTime(); t !== undefined; t = q.peekTime()) {
      q.popDue(t);
      out.push(t);
    }
    expect(out).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('ManualClock', () => {
  it('fires each timer at its own time while advancing', () => {
    const clock = new ManualClock(0);
    const seen: [string, number][] = [];
    clock.after(5_000, () => seen.push(['five', clock.now()]));
    clock.after(1_000, () => {
      seen.push(['one', clock.now()]);
      clock.after(1_000, () => seen.push(['nested', clock.now()]));
    });
    clock.advance(10_000);
    expect(seen).toEqual([
      ['one', 1_000],
      ['nested', 2_000],
      ['five', 5_000],
    ]);
    expect(clock.now()).toBe(10_000);
  });

  it('does not fire timers beyond the target and never moves time backwards', () => {
    const clock = new ManualClock(0);
    let fired = false;
    clock.after(2_000, () => (fired = true));
    clock.advance(1_999);
    expect(fired).toBe(false);
    clock.setTimer(-5, () => {}); // in the past: runs now
    clock.flush();
    expect(clock.now()).toBe(1_999);
    clock.advance(1);
    expect(fired).toBe(true);
  });

  it('runUntil steps timer by timer and stops as soon as the condition holds', () => {
    const clock = new ManualClock(0);
    let n = 0;
    const tick = () => {
      n++;
      clock.after(1_000, tick);
    };
    clock.after(1_000, tick);
    expect(clock.runUntil(() => n === 3, 60_000)).toBe(true);
    expect(clock.now()).toBe(3_000);
    expect(clock.runUntil(() => n === 1_000, 5_000)).toBe(false);
    expect(clock.now()).toBe(8_000);
  });

  it('reports a throwing timer and keeps going', () => {
    const clock = new ManualClock(0);
    const errors: unknown[] = [];
    clock.onError = (e) => errors.push(e);
    let after = false;
    clock.after(1, () => {
      throw new Error('boom');
    });
    clock.after(2, () => (after = true));
    clock.advance(5);
    expect(errors).toHaveLength(1);
    expect(after).toBe(true);
  });
});

describe('RealClock', () => {
  it('maps real time to simulated time at its speed', () => {
    let real = 1_000;
    const clock = new RealClock(10, 50_000, () => real);
    expect(clock.now()).toBe(50_000);
    real += 250;
    expect(clock.now()).toBe(52_500);
    clock.setSpeed(2);
    real += 1_000;
    expect(clock.now()).toBe(54_500);
    clock.stop();
  });

  it('rejects a speed that is not positive', () => {
    expect(() => new RealClock(0)).toThrow(/positive/);
  });

  it('fires a timer when the scaled time arrives', async () => {
    const clock = new RealClock(1_000); // one real ms = one simulated second
    const start = clock.now();
    const firedAt = await new Promise<number>((resolve) => clock.after(20_000, () => resolve(clock.now())));
    expect(firedAt).toBeGreaterThanOrEqual(start + 20_000);
    clock.stop();
  });
});

describe('RealClock under a burst', () => {
  it('fires a long burst of due timers in slices, letting I/O callbacks in between, and in order', async () => {
    const clock = new RealClock(1);
    const at = clock.now();
    const order: number[] = [];
    let ioTurns = 0;
    let atFirst = -1;
    let atLast = -1;
    const io = setInterval(() => ioTurns++, 0);
    for (let i = 0; i < 400; i++) {
      clock.setTimer(at, () => {
        order.push(i);
        if (i === 0) atFirst = ioTurns;
        if (i === 399) atLast = ioTurns;
        const until = performance.now() + 0.5;
        while (performance.now() < until); // half a millisecond of work each: 200 ms in all
      });
    }
    await new Promise<void>((resolve) => clock.after(1, resolve));
    clearInterval(io);
    clock.stop();
    expect(order).toEqual([...Array(400).keys()]);
    // The interval ran while the burst was under way, not only before or after it.
    expect(atLast).toBeGreaterThan(atFirst);
  });
});
