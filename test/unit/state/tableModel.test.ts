// The generic table on a row type that is not a pod: order, filter, selection, marks, window.
import { describe, expect, it } from 'vitest';
import { sortedIndex, TableModel, type RowFilter } from '../../../src/state/tableModel.js';

interface Row {
  name: string;
  size: number;
}

const byName = (a: Row, b: Row): number => a.name.localeCompare(b.name);
const names = (t: TableModel<Row>): string[] => t.all().map((r) => r.name);

function table(rows: string[]): TableModel<Row> {
  const t = new TableModel<Row>((r) => r.name, byName);
  for (const name of rows) t.upsert({ name, size: name.length }, true);
  t.settleSelection();
  return t;
}

function containing(text: string): RowFilter<Row> {
  return { kind: 'text', matches: (r) => r.name.includes(text), narrows: () => false };
}

describe('sortedIndex', () => {
  it.each([
    [[], 'b', -1],
    [['a', 'c'], 'b', -2],
    [['a', 'b', 'c'], 'b', 1],
    [['a', 'b', 'c'], 'd', -4],
  ])('%j, %s → %i', (list, x, want) => {
    expect(sortedIndex(list, x, (a, b) => a.localeCompare(b))).toBe(want);
  });
});

describe('TableModel', () => {
  it('keeps rows in order as they come and go', () => {
    const t = table(['m', 'c', 'x']);
    expect(names(t)).toEqual(['c', 'm', 'x']);
    t.upsert({ name: 'a', size: 1 }, true);
    t.delete('m', true);
    expect(names(t)).toEqual(['a', 'c', 'x']);
    expect(t.size).toBe(3);
  });

  it('the selection follows its row through inserts and filters', () => {
    const t = table(['b', 'c', 'd']);
    t.moveTo(1);
    expect(t.selected()?.name).toBe('c');
    t.upsert({ name: 'a', size: 1 }, true);
    t.settleSelection();
    expect(t.selected()?.name).toBe('c');
    expect(t.cursor).toBe(2);
    t.setFilter(containing('d'));
    expect(t.selected()?.name).toBe('d');
  });

  it('marks hidden by the filter never become targets', () => {
    const t = table(['a', 'b', 'c']);
    t.moveTo(0);
    t.toggleMark();
    t.setFilter(containing('c'));
    expect(t.markCounts()).toEqual({ marked: 1, hidden: 1 });
    expect(t.targets().map((r) => r.name)).toEqual(['c']);
    t.setFilter({ kind: 'none', matches: () => true, narrows: () => true });
    expect(t.targets().map((r) => r.name)).toEqual(['a']);
  });

  it('a reversed order, a rebuild and the window', () => {
    const t = table(['a', 'b', 'c', 'd', 'e']);
    t.setComparator((x, y) => -byName(x, y), true);
    expect(names(t)).toEqual(['e', 'd', 'c', 'b', 'a']);
    t.replaceAll([{ name: 'q', size: 1 }, { name: 'p', size: 1 }]);
    t.rebuild();
    expect(names(t)).toEqual(['q', 'p']);
    t.moveTo(1);
    expect(t.window(1)).toEqual({ top: 1, rows: [{ name: 'p', size: 1 }] });
  });
});

describe('TableModel under a batch of deltas', () => {
  interface Pod {
    key: string;
    restarts: number;
  }
  const byKey = (a: Pod, b: Pod): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

  function counted(n: number): { t: TableModel<Pod>; calls: () => number } {
    let calls = 0;
    const cmp = (a: Pod, b: Pod): number => (calls++, byKey(a, b));
    const t = new TableModel<Pod>((r) => r.key, cmp, undefined, { identity: cmp });
    // Added in a scrambled order (a re-sort of rows in order would be nearly free).
    for (let i = 0; i < n; i++) {
      const k = (i * 7919) % n;
      t.upsert({ key: `p${String(k).padStart(6, '0')}`, restarts: 0 }, false);
    }
    t.rebuild();
    t.settleSelection();
    calls = 0;
    return { t, calls: () => calls };
  }

  it('updates that keep their place cost a binary search each, however big the batch (no re-sort)', () => {
    const { t, calls } = counted(20_000);
    for (let i = 0; i < 2_000; i++) t.upsert({ key: `p${String(i * 10).padStart(6, '0')}`, restarts: 1 }, false);
    t.rebuild();
    // A re-sort would compare ~20,000 × 14 times; a search and a look at both neighbours is ~17 per update.
    expect(calls()).toBeLessThan(2_000 * 20);
    expect(t.get('p000010')?.restarts).toBe(1);
    expect(t.all()[1]).toBe(t.get('p000001'));
    expect(t.all()[10]).toBe(t.get('p000010'));
  });

  it('rows a batch adds and removes are merged in, O(k log n) comparisons', () => {
    const { t, calls } = counted(20_000);
    for (let i = 0; i < 1_000; i++) t.upsert({ key: `p${String(i * 10).padStart(6, '0')}a`, restarts: 0 }, false);
    for (let i = 0; i < 1_000; i++) t.delete(`p${String(i * 10 + 1).padStart(6, '0')}`, false);
    t.rebuild();
    expect(calls()).toBeLessThan(2_000 * 20);
    const keys = t.all().map((r) => r.key);
    expect(keys.length).toBe(20_000);
    expect(keys.slice(0, 4)).toEqual(['p000000', 'p000000a', 'p000002', 'p000003']);
    expect([...keys].sort()).toEqual(keys);
  });
});
