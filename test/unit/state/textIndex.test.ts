// The text index finds the rows a literal filter may match without reading the others; what
// it cannot vouch for (rows replaced in place, rows not indexed yet) it hands back as rows to test.
import { describe, expect, it } from 'vitest';
import { TextIndex } from '../../../src/state/textIndex.js';
import { TableModel, type RowFilter } from '../../../src/state/tableModel.js';

/** 1,300 rows (three chunks of 512 and a part): rows 5, 511, 512, 1000 and 1299 hold "xyz". */
const HITS = new Set([5, 511, 512, 1000, 1299]);
const rows = Array.from({ length: 1300 }, (_, i) => `row-${i}${HITS.has(i) ? '-xyz' : ''}`);

function built(upTo = Infinity): TextIndex<string> {
  const index = new TextIndex(rows, (r) => r);
  if (upTo === Infinity) index.build(Infinity);
  else while (index.built < upTo) index.build(-1);
  return index;
}

describe('TextIndex.next', () => {
  it.each([
    ['from the start', 0, 5],
    ['at a hit', 5, 5],
    ['just past a hit, to the last row of a chunk', 6, 511],
    ['across a chunk boundary', 512, 512],
    ['across a whole chunk without hits', 513, 1000],
    ['to the last row', 1001, 1299],
    ['past the last hit: the end', 1300, 1300],
  ])('%s', (_name, from, want) => {
    expect(built().next(from, 'xyz')).toBe(want);
  });

  it('a hit inside a row counts for that row only (texts do not run into each other)', () => {
    const index = new TextIndex(['ab', 'cd', 'abcd'], (r) => r);
    index.build(Infinity);
    expect(index.next(0, 'bc')).toBe(2);
  });

  it('stops where the index does: rows past it are the caller\'s to test', () => {
    const index = built(512);
    expect(index.built).toBe(512);
    expect(index.next(6, 'xyz')).toBe(511);
    expect(index.next(512, 'xyz')).toBe(512);
    expect(index.next(600, 'xyz')).toBe(600);
  });

  it('a row replaced in place is a candidate until the index is built again', () => {
    const index = built();
    index.markDirty(300);
    index.markDirty(700);
    expect(index.next(6, 'xyz')).toBe(300);
    expect(index.next(301, 'xyz')).toBe(511);
    expect(index.next(513, 'xyz')).toBe(700);
    expect(index.next(701, 'xyz')).toBe(1000);
    expect(index.dirtyCount).toBe(2);
  });
});

interface Row {
  key: string;
  text: string;
}

const byKey = (a: Row, b: Row): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function containing(q: string, tested?: string[]): RowFilter<Row> {
  return {
    kind: `text:${q}`,
    literal: q,
    matches: (r) => (tested?.push(r.key), r.text.includes(q)),
    narrows: (p) => p.kind === 'none' || (p.kind.startsWith('text:') && q.includes(p.kind.slice(5))),
  };
}

describe('a narrowing filter over an indexed table', () => {
  function table(): TableModel<Row> {
    const t = new TableModel<Row>((r) => r.key, byKey, containing(''), { identity: byKey, textOf: (r) => r.text, indexHoldMs: 0 });
    // 20,000 rows all holding "a"; only the last 30 hold "ab" — the first screen of "ab" lies at the bottom.
    for (let i = 0; i < 20_000; i++) t.upsert({ key: `k${String(i).padStart(5, '0')}`, text: i >= 19_970 ? 'xaby' : 'xay' }, false);
    t.rebuild();
    t.settleSelection();
    t.setIndexing(true);
    t.setFilter(containing('a'));
    while (!t.fillFilter(performance.now() + 5));
    while (!t.buildTextIndex(performance.now() + 5));
    expect(t.indexPending).toBe(false);
    return t;
  }

  it('tests only the rows that may match, and finds the same rows a full scan does', () => {
    const t = table();
    const tested: string[] = [];
    t.setFilter(containing('ab', tested));
    const { rows: win } = t.window(20);
    expect(win.map((r) => r.key)).toEqual(Array.from({ length: 20 }, (_, i) => `k${19_970 + i}`));
    // The 20 rows it shows, and the selected row looked up once more: not the 19,970 before them.
    expect(tested.length).toBeLessThan(30);
    expect(t.visibleCount).toBe(30);
  });

  it('a row replaced in place since the index was built is tested as a row', () => {
    const t = table();
    // Same key, same place; its text now holds "ab" (the index still has the old text).
    t.upsert({ key: 'k00010', text: 'xaby' }, true);
    t.setFilter(containing('ab'));
    expect(t.window(3).rows.map((r) => r.key)).toEqual(['k00010', 'k19970', 'k19971']);
    expect(t.visibleCount).toBe(31);
  });

  it('rows inserted or removed drop the index: the scan reads rows again, and is right', () => {
    const t = table();
    t.upsert({ key: 'k00010x', text: 'xaby' }, true);
    expect(t.indexPending).toBe(true);
    const tested: string[] = [];
    t.setFilter(containing('ab', tested));
    expect(t.window(2).rows.map((r) => r.key)).toEqual(['k00010x', 'k19970']);
    expect(tested.length).toBeGreaterThan(19_000);
  });

  it('closing the prompt drops the index and builds none', () => {
    const t = table();
    t.setIndexing(false);
    expect(t.indexPending).toBe(false);
    expect(t.buildTextIndex(performance.now() + 5)).toBe(true);
  });
});
