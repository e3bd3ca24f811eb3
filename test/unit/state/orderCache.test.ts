// merged() changes the kept order in place: it must equal a full sort of what the log leaves,
// whatever mix of adds, removals, re-adds and replaced versions the log holds.
import { describe, expect, it } from 'vitest';
import { merged, type CachedOrder } from '../../../src/state/orderCache.js';

interface Row {
  id: number;
  v: number;
}

const cmp = (a: Row, b: Row): number => a.v - b.v || a.id - b.id;

function cache(rows: Row[], log: { row: Row; added: boolean }[]): CachedOrder<Row> {
  return { rows: [...rows].sort(cmp), cmp, log };
}

const ids = (rows: readonly Row[]): string => rows.map((r) => `${r.id}:${r.v}`).join(' ');

describe('merged', () => {
  const r = (id: number, v: number): Row => ({ id, v });
  const a = r(1, 10);
  const b = r(2, 20);
  const c = r(3, 30);
  const d = r(4, 40);
  it.each([
    ['nothing logged', [a, b, c], [], [a, b, c]],
    ['an add at the front', [b, c], [{ row: a, added: true }], [a, b, c]],
    ['an add at the back', [a, b], [{ row: c, added: true }], [a, b, c]],
    ['a removal at the front', [a, b, c], [{ row: a, added: false }], [b, c]],
    ['a removal at the back', [a, b, c], [{ row: c, added: false }], [a, b]],
    ['everything removed', [a, b], [{ row: a, added: false }, { row: b, added: false }], []],
    ['into an empty order', [], [{ row: b, added: true }, { row: a, added: true }], [a, b]],
    ['removals before adds and adds before removals', [b, c], [{ row: b, added: false }, { row: d, added: true }, { row: a, added: true }, { row: c, added: false }], [a, d]],
    ['added then removed cancels', [a, c], [{ row: b, added: true }, { row: b, added: false }], [a, c]],
    ['removed then added back stays', [a, b, c], [{ row: b, added: false }, { row: b, added: true }], [a, b, c]],
    ['a new version replacing its old one at another place', [a, b, c], [{ row: a, added: false }, { row: r(1, 35), added: true }], [b, c, r(1, 35)]],
    ['a row already there is not added twice', [a, b], [{ row: b, added: true }], [a, b]],
    // The second version was added and replaced within one batch whose filter left its add out: both removals find a's place.
    ['two versions of one row taken out take out one', [a, b, c], [{ row: a, added: false }, { row: r(1, 10), added: false }], [b, c]],
  ] as const)('%s', (_name, rows, log, want) => {
    const k = cache([...rows], log.map((e) => ({ ...e })));
    const before = k.rows;
    const out = merged(k);
    expect(ids(out)).toBe(ids(want));
    expect(out).toBe(before);
    expect(k.log).toEqual([]);
  });

  it('equals a full sort after random logs (seeded)', () => {
    let s = 7;
    const rand = (n: number): number => {
      s = (s * 1664525 + 1013904223) >>> 0;
      return Math.floor((s / 2 ** 32) * n);
    };
    for (let round = 0; round < 300; round++) {
      const live = new Map<number, Row>();
      for (let i = 0; i < rand(60); i++) live.set(i, r(i, rand(10)));
      const k = cache([...live.values()], []);
      let next = 100;
      for (let step = rand(40); step > 0; step--) {
        const pick = rand(4);
        const ids = [...live.keys()];
        if (pick === 0 || ids.length === 0) {
          const row = r(next++, rand(10));
          live.set(row.id, row);
          k.log.push({ row, added: true });
        } else if (pick === 1) {
          const id = ids[rand(ids.length)]!;
          k.log.push({ row: live.get(id)!, added: false });
          live.delete(id);
        } else {
          // A new version of a row (same id, maybe another value).
          const id = ids[rand(ids.length)]!;
          const row = r(id, rand(10));
          k.log.push({ row: live.get(id)!, added: false }, { row, added: true });
          live.set(id, row);
        }
      }
      expect(ids(merged(k))).toBe(ids([...live.values()].sort(cmp)));
    }
  });
});
