// Holding and stepping the simulator's clock: pause, resume, step, step to the next timer, speed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isControllable, ManualClock, RealClock } from '../../../../src/sim/clock.js';

const T0 = Date.UTC(2026, 0, 1);

/** A RealClock on a fake wall clock: `wall` real ms have passed. */
function realClock(speed = 1) {
  let wall = 0;
  const clock = new RealClock(speed, T0, () => wall);
  return {
    clock,
    /** Real time passes in 100 ms slices, so a real timer fires when the wall clock reads its time. */
    pass(ms: number) {
      for (let left = ms; left > 0; left -= 100) {
        const slice = Math.min(100, left);
        wall += slice;
        vi.advanceTimersByTime(slice);
      }
    },
  };
}

describe('RealClock control', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  type Op = ['pass', number] | ['pause'] | ['resume'] | ['step', number] | ['next'] | ['speed', number];
  it.each<[string, number, Op[], number, boolean]>([
    ['runs at speed 1', 1, [['pass', 5000]], 5000, false],
    ['runs at speed 10', 10, [['pass', 5000]], 50_000, false],
    ['stands still while paused', 1, [['pass', 1000], ['pause'], ['pass', 60_000]], 1000, true],
    ['goes on after resume from where it stood', 1, [['pause'], ['pass', 60_000], ['resume'], ['pass', 2000]], 2000, false],
    ['a step moves a paused clock by exactly the step', 1, [['pause'], ['step', 10_000], ['pass', 5000]], 10_000, true],
    ['a step moves a running clock ahead', 1, [['pass', 1000], ['step', 10_000]], 11_000, false],
    ['a speed change keeps the time reached', 1, [['pass', 1000], ['speed', 60], ['pass', 1000]], 61_000, false],
    ['a speed change while paused applies after resume', 1, [['pause'], ['speed', 5], ['pass', 1000], ['resume'], ['pass', 1000]], 5000, false],
    ['step to next reaches the earliest timer (7 s)', 1, [['pause'], ['next']], 7000, true],
  ])('%s', (_name, speed, ops, elapsedMs, paused) => {
    const { clock, pass } = realClock(speed);
    clock.setTimer(T0 + 7000, () => undefined);
    for (const op of ops) {
      if (op[0] === 'pass') pass(op[1]);
      else if (op[0] === 'pause') clock.pause();
      else if (op[0] === 'resume') clock.resume();
      else if (op[0] === 'step') clock.step(op[1]);
      else if (op[0] === 'next') clock.stepToNext();
      else clock.setSpeed(op[1]);
    }
    expect(clock.now() - T0).toBe(elapsedMs);
    expect(clock.paused).toBe(paused);
    expect(clock.speed).toBe(ops.find((o) => o[0] === 'speed')?.[1] ?? speed);
    clock.stop();
  });

  it('fires no timer while paused and arms no real timer (no busy loop)', () => {
    const { clock, pass } = realClock();
    const fired: number[] = [];
    clock.after(1000, () => fired.push(clock.now() - T0));
    clock.pause();
    expect(vi.getTimerCount()).toBe(0);
    pass(10_000);
    expect(fired).toEqual([]);
    clock.after(500, () => fired.push(clock.now() - T0));
    expect(vi.getTimerCount()).toBe(0);
    clock.resume();
    pass(1000);
    expect(fired).toEqual([500, 1000]);
    clock.stop();
  });

  it('a step fires each timer due on the way at its own time, in order, and timers they set within the step', () => {
    const { clock } = realClock();
    clock.pause();
    const fired: string[] = [];
    clock.after(3000, () => {
      fired.push(`a@${clock.now() - T0}`);
      clock.after(2000, () => fired.push(`c@${clock.now() - T0}`));
    });
    clock.after(4000, () => fired.push(`b@${clock.now() - T0}`));
    clock.after(20_000, () => fired.push(`late@${clock.now() - T0}`));
    clock.step(10_000);
    expect(fired).toEqual(['a@3000', 'b@4000', 'c@5000']);
    expect(clock.now() - T0).toBe(10_000);
    expect(clock.stepToNext()).toBe(T0 + 20_000);
    expect(fired.at(-1)).toBe('late@20000');
    expect(clock.stepToNext()).toBeUndefined();
    clock.stop();
  });

  it('refuses a speed that is not a positive number', () => {
    const { clock } = realClock();
    expect(() => clock.setSpeed(0)).toThrow('speed must be a positive number, got 0');
    expect(() => clock.setSpeed(Number.NaN)).toThrow('speed must be a positive number');
    expect(() => clock.step(-1)).toThrow('a step must be a non-negative number of milliseconds, got -1');
    clock.stop();
  });
});

describe('ManualClock control', () => {
  it('steps like advance, reports pause and speed, and is controllable', () => {
    const clock = new ManualClock(T0);
    expect(isControllable(clock)).toBe(true);
    const fired: number[] = [];
    clock.after(4000, () => fired.push(clock.now() - T0));
    clock.pause();
    clock.setSpeed(10);
    expect([clock.paused, clock.speed]).toEqual([true, 10]);
    clock.step(1000);
    expect(clock.stepToNext()).toBe(T0 + 4000);
    expect(fired).toEqual([4000]);
    clock.resume();
    expect(clock.paused).toBe(false);
  });
});
