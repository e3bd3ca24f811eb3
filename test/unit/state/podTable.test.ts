import { describe, expect, it } from 'vitest';
import { PodTable } from '../../../src/state/podTable.js';
import { pod } from './fixtures.js';

function names(t: PodTable): string[] {
  return t.all().map((e) => e.name);
}

function seeded(): PodTable {
  const t = new PodTable({ now: () => 0 });
  t.apply([
    {
      type: 'RESET',
      objects: [
        pod({ name: 'web-2', created: '2026-01-01T00:02:00Z', restarts: 1, labels: { app: 'web' } }),
        pod({ name: 'api-1', created: '2026-01-01T00:05:00Z', status: 'CrashLoopBackOff', restarts: 7, labels: { app: 'api' } }),
        pod({ name: 'web-1', created: '2026-01-01T00:01:00Z', labels: { app: 'web' } }),
        pod({ name: 'db-0', created: '2026-01-01T00:03:00Z', status: 'Pending', labels: { app: 'db' } }),
      ],
    },
  ]);
  return t;
}

describe('PodTable', () => {
  it('sorts by name after a RESET and counts pods by status category', () => {
    const t = seeded();
    expect(names(t)).toEqual(['api-1', 'db-0', 'web-1', 'web-2']);
    expect(t.categoryCounts).toMatchObject({ running: 2, pending: 1, failing: 1 });
  });

  it('toggles sort keys: a new key ascends, the same key again reverses', () => {
    const t = seeded();
    t.toggleSort('restarts');
    expect(names(t)).toEqual(['db-0', 'web-1', 'web-2', 'api-1']);
    t.toggleSort('restarts');
    expect(t.sort).toEqual({ key: 'restarts', descending: true });
    expect(names(t)).toEqual(['api-1', 'web-2', 'web-1', 'db-0']);
    t.toggleSort('age');
    expect(names(t)).toEqual(['api-1', 'db-0', 'web-2', 'web-1']);
    t.toggleSort('status');
    expect(names(t)).toEqual(['db-0', 'api-1', 'web-1', 'web-2']);
  });

  it('filters by text, regex, inversion, label selector and fuzzy', () => {
    const t = seeded();
    t.setFilter('web');
    expect(names(t)).toEqual(['web-1', 'web-2']);
    t.setFilter('crashloop');
    expect(names(t)).toEqual(['api-1']);
    t.setFilter('^default (db|api)');
    expect(names(t)).toEqual(['api-1', 'db-0']);
    t.setFilter('!web');
    expect(names(t)).toEqual(['api-1', 'db-0']);
    t.setFilter('-l app in (web,db)');
    expect(names(t)).toEqual(['db-0', 'web-1', 'web-2']);
    t.setFilter('-f wb2');
    expect(names(t)).toEqual(['web-2']);
    t.setFilter('-l app in (');
    expect(names(t)).toEqual([]);
    expect(t.filter.error).toMatch(/^label selector: /);
    t.setFilter('');
    expect(names(t)).toEqual(['api-1', 'db-0', 'web-1', 'web-2']);
  });

  it('keeps the selection on the same pod when rows move, and on its row index when it goes', () => {
    const t = seeded();
    t.moveTo(2);
    expect(t.selected()?.name).toBe('web-1');
    t.apply([{ type: 'ADDED', object: pod({ name: 'aaa' }) }]);
    expect(t.selected()?.name).toBe('web-1');
    expect(t.cursor).toBe(3);
    t.toggleSort('age');
    expect(t.selected()?.name).toBe('web-1');
    expect(t.cursor).toBe(3);
    t.apply([{ type: 'DELETED', object: pod({ name: 'web-1' }) }]);
    expect(t.cursor).toBe(3);
    expect(t.selected()?.name).toBe('aaa');
  });

  it('applies MODIFIED in place and keeps sort and filter consistent', () => {
    const t = seeded();
    t.setFilter('crash');
    t.apply([{ type: 'MODIFIED', object: pod({ name: 'web-2', status: 'CrashLoopBackOff', restarts: 2, rv: '2' }) }]);
    expect(names(t)).toEqual(['api-1', 'web-2']);
    expect(t.categoryCounts).toMatchObject({ running: 1, pending: 1, failing: 2 });
    t.apply([{ type: 'MODIFIED', object: pod({ name: 'api-1', rv: '3' }) }]);
    expect(names(t)).toEqual(['web-2']);
  });

  it('updates a large table incrementally with one binary insertion per delta', () => {
    const t = new PodTable({ now: () => 0 });
    const objects = Array.from({ length: 5000 }, (_, i) => pod({ name: `p-${String(i).padStart(5, '0')}` }));
    t.apply([{ type: 'RESET', objects }]);
    t.setFilter('p-0001');
    expect(t.visibleCount).toBe(10);
    t.apply([
      { type: 'ADDED', object: pod({ name: 'p-00015a' }) },
      { type: 'DELETED', object: pod({ name: 'p-00012' }) },
    ]);
    expect(names(t)).toEqual(['p-00010', 'p-00011', 'p-00013', 'p-00014', 'p-00015', 'p-00015a', 'p-00016', 'p-00017', 'p-00018', 'p-00019']);
    t.setFilter('');
    expect(t.visibleCount).toBe(5000);
    expect(t.all()[15]!.name).toBe('p-00015a');
  });

  it('marks pods and returns marked targets in list order, else the selection', () => {
    const t = seeded();
    expect(t.targets().map((e) => e.name)).toEqual(['api-1']);
    t.moveTo(3);
    t.toggleMark();
    t.moveTo(1);
    t.toggleMark();
    expect(t.targets().map((e) => e.name)).toEqual(['db-0', 'web-2']);
    t.apply([{ type: 'DELETED', object: pod({ name: 'db-0' }) }]);
    expect([...t.marks]).toEqual(['uid-default-web-2']);
  });

  it('highlights pods added after the first sync for a while', () => {
    let now = 1000;
    const t = new PodTable({ now: () => now, highlightMs: 4000 });
    t.apply([{ type: 'RESET', objects: [pod({ name: 'old' })] }]);
    t.apply([{ type: 'ADDED', object: pod({ name: 'new' }) }]);
    expect(t.isFresh('uid-default-old')).toBe(false);
    expect(t.isFresh('uid-default-new')).toBe(true);
    now = 5001;
    expect(t.isFresh('uid-default-new')).toBe(false);
  });

  it('a relist (RESET) keeps the marks and highlights of surviving pods and highlights none anew', () => {
    let now = 1000;
    const t = new PodTable({ now: () => now, highlightMs: 4000 });
    t.apply([{ type: 'RESET', objects: [pod({ name: 'a' }), pod({ name: 'b' }), pod({ name: 'c' })] }]);
    t.apply([{ type: 'ADDED', object: pod({ name: 'd' }) }]);
    t.apply([{ type: 'ADDED', object: pod({ name: 'e' }) }]);
    t.moveTo(0);
    t.toggleMark();
    t.moveTo(1);
    t.toggleMark();
    expect([...t.marks].sort()).toEqual(['uid-default-a', 'uid-default-b']);
    now = 2000;
    t.apply([{ type: 'RESET', objects: [pod({ name: 'a' }), pod({ name: 'c' }), pod({ name: 'd' }), pod({ name: 'f' })] }]);
    expect(names(t)).toEqual(['a', 'c', 'd', 'f']);
    expect([...t.marks]).toEqual(['uid-default-a']);
    expect(t.targets().map((e) => e.name)).toEqual(['a']);
    expect(['a', 'c', 'd', 'e', 'f'].map((n) => t.isFresh(`uid-default-${n}`))).toEqual([false, false, true, false, false]);
    now = 5001;
    expect(t.isFresh('uid-default-d')).toBe(false);
  });

  it('windows the rows around the cursor', () => {
    const t = new PodTable({ now: () => 0 });
    t.apply([{ type: 'RESET', objects: Array.from({ length: 50 }, (_, i) => pod({ name: `p${String(i).padStart(2, '0')}` })) }]);
    expect(t.window(10).rows.map((e) => e.name)[0]).toBe('p00');
    t.moveTo(25);
    const w = t.window(10);
    expect(w.top).toBe(16);
    expect(w.rows.map((e) => e.name)).toHaveLength(10);
    expect(w.rows[9]!.name).toBe('p25');
    t.moveTo(49);
    expect(t.window(10).top).toBe(40);
    t.moveTo(0);
    expect(t.window(10).top).toBe(0);
  });
});
