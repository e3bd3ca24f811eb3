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
