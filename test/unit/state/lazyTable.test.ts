// The lazy filter and the keyed sort must show exactly what the full computation shows
// (every row, filtered, sorted with the comparator) whatever happens between keystrokes:
// adds, updates and deletes one by one or in a rebuilt batch, filters narrowing and widening,
// new and reversed orders, moves, partial fills. Seeded random scripts, checked at every step.
import { describe, expect, it } from 'vitest';
import { orderByKey } from '../../../src/state/keyedOrder.js';
import { TableModel, type RowFilter, type RowOrder } from '../../../src/state/tableModel.js';

interface Row {
  key: string;
  /** A small integer (restarts-like). */
  n: number;
  /** A few distinct strings (status-like). */
  s: string;
  /** Fractions and a range past 2^32 (the rank path). */
  f: number;
  text: string;
}

const byKey = (a: Row, b: Row): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

type Column = 'key' | 'n' | 's' | 'f' | 'big';
const primaries: Record<Exclude<Column, 'key'>, (r: Row) => number | string> = {
  n: (r) => r.n,
  s: (r) => r.s,
  f: (r) => r.f,
  big: (r) => r.n * 2 ** 33 - r.f,
};

function orderOf(column: Column, descending: boolean): RowOrder<Row> {
  const sign = descending ? -1 : 1;
  if (column === 'key') return { cmp: (a, b) => sign * byKey(a, b), descending };
  const p = primaries[column];
  const cmp = (a: Row, b: Row): number => {
    const x = p(a);
    const y = p(b);
    return sign * ((x < y ? -1 : x > y ? 1 : 0) || byKey(a, b));
  };
  // The `f` column's order is not kept (no id): the radix sort every time.
  return column === 'f' ? { cmp, primary: p, descending } : { cmp, primary: p, descending, id: column };
}

/** A substring filter that narrows as the pod filter's text does (a longer query is a subset). */
function containing(q: string): RowFilter<Row> {
  if (q === '') return { kind: 'none', matches: () => true, narrows: (p) => p.kind === 'none' };
  return {
    kind: `text:${q}`,
    literal: q,
    matches: (r) => r.text.includes(q),
    narrows: (p) => p.kind === 'none' || (p.kind.startsWith('text:') && q.includes(p.kind.slice(5))),
  };
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const LETTERS = 'abcde';

function makeRow(rand: () => number, key: string): Row {
  const pick = (k: number): number => Math.floor(rand() * k);
  let text = '';
  for (let i = 0; i < 6; i++) text += LETTERS[pick(LETTERS.length)];
  return { key, n: pick(4), s: ['Running', 'Pending', 'CrashLoopBackOff', 'Completed'][pick(4)]!, f: pick(20) / 4, text };
}

function reference(rows: Map<string, Row>, filter: RowFilter<Row>, order: RowOrder<Row>): Row[] {
  return [...rows.values()].filter((r) => filter.matches(r)).sort(order.cmp);
}

const kept = (['n', 's', 'big'] as const).map((c) => orderOf(c, false));

function runScript(seed: number, steps: number): void {
  const rand = rng(seed);
  const pick = (k: number): number => Math.floor(rand() * k);
  const rows = new Map<string, Row>();
  let order = orderOf('key', false);
  let column: Column = 'key';
  let query = '';
  // A text index too (built right away again after deltas drop it), so narrowing filters also go through it.
  const t = new TableModel<Row>((r) => r.key, order.cmp, containing(''), { identity: byKey, textOf: (r) => r.text, indexHoldMs: 0 });
  t.setIndexing(seed % 3 !== 0);
  let nextKey = 0;
  const add = (inPlace: boolean): void => {
    const r = makeRow(rand, `k${String(nextKey++).padStart(5, '0')}`);
    rows.set(r.key, r);
    t.upsert(r, inPlace);
  };
  const anyKey = (): string | undefined => [...rows.keys()][pick(rows.size)];
  for (let i = 0; i < 300; i++) add(false);
  t.rebuild();
  t.settleSelection();

  for (let step = 0; step < steps; step++) {
    const op = pick(10);
    if (op <= 1) {
      // Deltas, one by one: adds, updates (a new row object for the key), deletes.
      for (let d = pick(6); d >= 0; d--) {
        const kind = pick(3);
        const key = anyKey();
        if (kind === 0 || key === undefined) add(true);
        else if (kind === 1) {
          const r = makeRow(rand, key);
          rows.set(key, r);
          t.upsert(r, true);
        } else {
          rows.delete(key);
          t.delete(key, true);
        }
      }
      t.settleSelection();
    } else if (op === 2) {
      // A batch: applied out of place, then rebuilt. Updates keep their sort keys (they stay
      // where they stand), change them (they move) or change only what the filter reads; a
      // key may change more than once in one batch. Some batches are small (placed one by one).
      const size = pick(2) === 0 ? 1 + pick(6) : 40;
      for (let d = 0; d < size; d++) {
        const key = anyKey();
        const kind = pick(5);
        if (kind === 0 || key === undefined) add(false);
        else if (kind === 1) {
          rows.delete(key);
          t.delete(key, false);
        } else {
          const was = rows.get(key)!;
          const fresh = makeRow(rand, key);
          const r = kind === 2 ? fresh : kind === 3 ? { ...was, text: fresh.text } : { ...was, n: fresh.n };
          rows.set(key, r);
          t.upsert(r, false);
        }
      }
      t.rebuild();
      t.settleSelection();
    } else if (op === 3 || op === 4) {
      // Typing: a letter (narrows), backspace (widens), or clearing.
      const r = pick(4);
      query = r === 0 ? query.slice(0, -1) : r === 1 && query.length > 2 ? '' : query + LETTERS[pick(LETTERS.length)];
      t.setFilter(containing(query));
    } else if (op === 5) {
      const same = pick(2) === 0;
      const next: Column = same ? column : (['key', 'n', 's', 'f', 'big'] as const)[pick(5)]!;
      const reversed = next === column;
      order = orderOf(next, reversed ? !order.descending : false);
      column = next;
      t.setOrder(order, reversed);
    } else if (op === 6) {
      t.moveTo(pick(rows.size + 2) - 1);
    } else if (op === 7) {
      t.fillFilter(performance.now() - 1);
    } else if (op === 8) {
      t.moveBy(pick(21) - 10);
    } else {
      // Idle work: the rest of the filter, the text index (partly or whole), the kept orders built or merged.
      if (t.fillFilter(performance.now() + 1)) t.buildTextIndex(pick(3) === 0 ? performance.now() - 1 : performance.now() + 1);
      t.prepareOrders(kept, performance.now() + 1);
    }
    const want = reference(rows, containing(query), order);
    const selected = t.selected();
    if (selected) expect(want[t.cursor]?.key).toBe(selected.key);
    else expect(want.length).toBe(0);
    const h = 1 + pick(8);
    const { top, rows: win } = t.window(h);
    expect(win.map((r) => r.key)).toEqual(want.slice(top, top + h).map((r) => r.key));
    expect(t.cursor >= top && (t.cursor < top + h || want.length === 0)).toBe(true);
    if (t.countComplete) expect(t.shownSoFar).toBe(want.length);
    else expect(t.shownSoFar).toBeLessThanOrEqual(want.length);
    // Now and then the whole list (which finds every row, ending the lazy state).
    if (pick(6) === 0) {
      expect(t.all().map((r) => r.key)).toEqual(want.map((r) => r.key));
      expect(t.visibleCount).toBe(want.length);
      expect(t.countComplete).toBe(true);
    }
    expect([...t.everyRow()].map((r) => r.key)).toEqual([...rows.values()].sort(order.cmp).map((r) => r.key));
  }
}

describe('lazy filter and keyed sort equal the full computation', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('under deltas between keystrokes (script %i)', (seed) => {
    runScript(seed, 250);
  });
});

describe('the lazy filter', () => {
  it('finds only what the window needs at a keystroke, the rest on fillFilter', () => {
    const t = new TableModel<Row>((r) => r.key, byKey, containing(''), { identity: byKey });
    const tested: string[] = [];
    for (let i = 0; i < 10_000; i++) t.upsert({ key: `k${String(i).padStart(5, '0')}`, n: 0, s: '', f: 0, text: i % 2 ? 'odd' : 'even' }, false);
    t.rebuild();
    t.settleSelection();
    const odd: RowFilter<Row> = { kind: 'odd', matches: (r) => (tested.push(r.key), r.text === 'odd'), narrows: () => false };
    t.setFilter(odd);
    t.window(20);
    expect(tested.length).toBeLessThan(100);
    expect(t.countComplete).toBe(false);
    expect(t.shownSoFar).toBeGreaterThanOrEqual(20);
    while (!t.fillFilter(performance.now() + 1));
    expect(t.countComplete).toBe(true);
    expect(t.shownSoFar).toBe(5000);
    // Every row once, and the selected row once more (does the selection stay on it?).
    expect(tested.length).toBe(10_001);
  });

  it('a narrowing filter looks only at the rows the previous one showed', () => {
    const t = new TableModel<Row>((r) => r.key, byKey, containing(''), { identity: byKey });
    for (let i = 0; i < 1000; i++) t.upsert({ key: `k${String(i).padStart(4, '0')}`, n: 0, s: '', f: 0, text: i < 10 ? 'ab' : 'cd' }, true);
    t.setFilter(containing('a'));
    expect(t.visibleCount).toBe(10);
    let tested = 0;
    const ab = containing('ab');
    t.setFilter({ ...ab, matches: (r) => (tested++, ab.matches(r)) });
    expect(t.visibleCount).toBe(10);
    // The ten rows, and the selected row once more.
    expect(tested).toBe(11);
  });
});

describe('orderByKey', () => {
  const rows = Array.from({ length: 500 }, (_, i) => ({ id: i, v: [3, -1, 0.5, 2 ** 40, 'x'][i % 5] }));
  it.each([
    ['small integers', (r: { id: number }) => (r.id * 7) % 13],
    ['negative integers', (r: { id: number }) => -((r.id * 7) % 13) - 1e9],
    ['integers past 2^32 apart', (r: { id: number }) => ((r.id * 7) % 13) * 2 ** 33],
    ['fractions', (r: { id: number }) => ((r.id * 7) % 13) / 3],
    ['strings', (r: { id: number }) => ['Running', 'Pending', 'Init:0/1', 'Évicted', 'a'][r.id % 5]!],
    ['all equal', () => 1],
  ] as const)('%s: a stable sort of the identity order', (_name, key) => {
    const want = [...rows].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return x < y ? -1 : x > y ? 1 : a.id - b.id;
    });
    expect(orderByKey(rows, key).map((r) => r.id)).toEqual(want.map((r) => r.id));
  });
});
