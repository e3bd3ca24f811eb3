// The delta buffer: one batch per flush, a RESET drops what was buffered before it, and
// ADDED deltas right behind a pending RESET join it (a streamed list's first frame is one
// RESET) without touching the caller's array.
import { describe, expect, it } from 'vitest';
import { DeltaBuffer } from '../../../src/source/deltaBuffer.js';
import type { Delta, DeltaBatch } from '../../../src/source/types.js';

function collect(pushes: Delta<string>[]): { batches: DeltaBatch<string>[]; flush: () => void } {
  const batches: DeltaBatch<string>[] = [];
  let pending: (() => void) | undefined;
  const buffer = new DeltaBuffer<string>((b) => batches.push(b), (fn) => (pending = fn));
  for (const d of pushes) buffer.push(d);
  return { batches, flush: () => pending?.() };
}

describe('DeltaBuffer', () => {
  const cases: { name: string; pushes: Delta<string>[]; batch: Delta<string>[] }[] = [
    { name: 'ADDED behind a RESET joins it', pushes: [{ type: 'RESET', objects: ['a'] }, { type: 'ADDED', object: 'b' }, { type: 'ADDED', object: 'c' }], batch: [{ type: 'RESET', objects: ['a', 'b', 'c'] }] },
    { name: 'an empty RESET takes ADDED too', pushes: [{ type: 'RESET', objects: [] }, { type: 'ADDED', object: 'a' }], batch: [{ type: 'RESET', objects: ['a'] }] },
    {
      name: 'MODIFIED ends the joining',
      pushes: [{ type: 'RESET', objects: ['a'] }, { type: 'MODIFIED', object: 'a' }, { type: 'ADDED', object: 'b' }],
      batch: [{ type: 'RESET', objects: ['a'] }, { type: 'MODIFIED', object: 'a' }, { type: 'ADDED', object: 'b' }],
    },
    { name: 'a RESET drops what came before it', pushes: [{ type: 'ADDED', object: 'x' }, { type: 'RESET', objects: ['a'] }], batch: [{ type: 'RESET', objects: ['a'] }] },
    { name: 'ADDED without a RESET stays ADDED', pushes: [{ type: 'ADDED', object: 'a' }, { type: 'ADDED', object: 'b' }], batch: [{ type: 'ADDED', object: 'a' }, { type: 'ADDED', object: 'b' }] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { batches, flush } = collect(c.pushes);
      flush();
      expect(batches).toEqual([c.batch]);
    });
  }

  it("never grows the caller's array, and starts afresh after a flush", () => {
    const mine = ['a'];
    const batches: DeltaBatch<string>[] = [];
    let pending: (() => void) | undefined;
    const buffer = new DeltaBuffer<string>((b) => batches.push(b), (fn) => (pending = fn));
    buffer.push({ type: 'RESET', objects: mine });
    buffer.push({ type: 'ADDED', object: 'b' });
    pending!();
    buffer.push({ type: 'ADDED', object: 'c' });
    pending!();
    expect(mine).toEqual(['a']);
    expect(batches).toEqual([[{ type: 'RESET', objects: ['a', 'b'] }], [{ type: 'ADDED', object: 'c' }]]);
  });
});

describe('DeltaBuffer.pace', () => {
  it('holds later flushes until the gap has passed (the first is never held), and 0 restores one per schedule', async () => {
    const batches: { at: number; batch: DeltaBatch<string> }[] = [];
    const buffer = new DeltaBuffer<string>((b) => batches.push({ at: performance.now(), batch: b }), (fn) => setImmediate(fn));
    const until = async (n: number): Promise<void> => {
      const deadline = Date.now() + 5_000;
      while (batches.length < n) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for batch ${n}`);
        await new Promise((r) => setImmediate(r));
      }
    };
    buffer.pace(60);
    buffer.push({ type: 'RESET', objects: ['a'] });
    await until(1);
    // Pushed in one turn: on a loaded machine turns in between could outlast the 60 ms gap.
    for (const o of ['b', 'c', 'd']) buffer.push({ type: 'MODIFIED', object: o });
    await until(2);
    expect(batches[1]!.batch).toEqual([{ type: 'MODIFIED', object: 'b' }, { type: 'MODIFIED', object: 'c' }, { type: 'MODIFIED', object: 'd' }]);
    expect(batches[1]!.at - batches[0]!.at).toBeGreaterThanOrEqual(59);
    buffer.pace(0);
    buffer.push({ type: 'MODIFIED', object: 'e' });
    await until(3);
    expect(batches[2]!.batch).toEqual([{ type: 'MODIFIED', object: 'e' }]);
    buffer.stop();
  });
});
