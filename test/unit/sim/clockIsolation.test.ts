// A timer that throws belongs to one object; the served simulator must outlive it (issue 12,
// item 2: the server used to exit seconds after a bad write, from an uncaught timer error).
import { describe, expect, it } from 'vitest';
import { RealClock, timerErrorLogger } from '../../../src/sim/clock.js';

describe('RealClock error isolation', () => {
  it('keeps firing timers after one throws, and records the failure instead of rethrowing it', async () => {
    const clock = new RealClock(1000);
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown): void => void uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const fired: string[] = [];
      clock.after(1, () => {
        throw new TypeError("Cannot read properties of undefined (reading 'name')");
      });
      const done = new Promise<void>((resolve) => clock.after(50, () => (fired.push('later'), resolve())));
      await done;
      await new Promise((r) => setImmediate(r));
      expect(fired).toEqual(['later']);
      expect(clock.errorCount).toBe(1);
      expect(String(clock.recentErrors[0])).toContain('reading');
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      clock.stop();
    }
  });

  it('a throwing onError does not stop the timers due after it', async () => {
    const clock = new RealClock(1000);
    clock.onError = () => {
      throw new Error('handler failed');
    };
    try {
      clock.after(1, () => {
        throw new Error('timer failed');
      });
      await new Promise<void>((resolve) => clock.after(1, resolve));
      expect(clock.errorCount).toBe(1);
    } finally {
      clock.stop();
    }
  });
});

describe('timerErrorLogger', () => {
  it('writes one line per failure without a stack, then says the rest are not shown', () => {
    const lines: string[] = [];
    const log = timerErrorLogger((l) => lines.push(l), 2);
    for (let i = 0; i < 5; i++) log(new TypeError(`bad ${i}`));
    expect(lines).toEqual([
      'podscope sim: a simulator timer failed and was skipped; the simulator keeps serving (TypeError: bad 0)\n',
      'podscope sim: a simulator timer failed and was skipped; the simulator keeps serving (TypeError: bad 1)\n',
      'podscope sim: more simulator timers failed; further failures are not shown\n',
    ]);
  });
});
