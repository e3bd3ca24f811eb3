// The store's paged list: pages follow key order across creates and deletes made between
// them (the order is kept, never rebuilt), one namespace's keys are bounded exactly even when
// another namespace's name starts with it, and remainingItemCount counts what is left.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/kube/types.js';
import { ManualClock } from '../../../src/sim/clock.js';
import { Random } from '../../../src/sim/random.js';
import { Store } from '../../../src/sim/store.js';

function pod(name: string, namespace: string): Pod {
  return { metadata: { name, namespace }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
}

function store(): Store {
  return new Store(new ManualClock(Date.UTC(2026, 0, 1)), new Random(1), { historySize: 10_000 });
}

function names(items: Pod[]): string[] {
  return items.map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`);
}

function allPages(s: Store, namespace: string | undefined, limit: number, between?: (page: number) => void): { seen: string[]; remaining: (number | undefined)[] } {
  const seen: string[] = [];
  const remaining: (number | undefined)[] = [];
  let cont: string | undefined;
  let page = 0;
  do {
    const r = s.list('Pod', { namespace, limit, continue: cont });
    seen.push(...names(r.items));
    remaining.push(r.remainingItemCount);
    cont = r.continue;
    between?.(page++);
  } while (cont);
  return { seen, remaining };
}

describe('Store paged list', () => {
  const cases: { name: string; namespace: string | undefined; expected: string[] }[] = [
    { name: 'team-1 stops before team-10', namespace: 'team-1', expected: ['team-1/a', 'team-1/b', 'team-1/c'] },
    { name: 'team-10 alone', namespace: 'team-10', expected: ['team-10/a', 'team-10/b'] },
    { name: 'a namespace with no pods', namespace: 'team-2', expected: [] },
    { name: 'every namespace', namespace: undefined, expected: ['team-1/a', 'team-1/b', 'team-1/c', 'team-10/a', 'team-10/b', 'team-1x/a'] },
  ];
  for (const c of cases) {
    it(`bounds ${c.name}`, () => {
      const s = store();
      for (const key of ['team-10/b', 'team-1/c', 'team-1x/a', 'team-1/a', 'team-10/a', 'team-1/b']) {
        const [ns, name] = key.split('/');
        s.create('Pod', pod(name!, ns!));
      }
      expect(allPages(s, c.namespace, 2).seen).toEqual(c.expected);
      expect(names(s.list('Pod', { namespace: c.namespace }).items)).toEqual(c.expected);
    });
  }

  it('counts what remains after each page', () => {
    const s = store();
    for (let i = 0; i < 7; i++) s.create('Pod', pod(`p${i}`, 'a'));
    s.create('Pod', pod('other', 'b'));
    expect(allPages(s, 'a', 3).remaining).toEqual([4, 1, undefined]);
    expect(allPages(s, undefined, 3).remaining).toEqual([5, 2, undefined]);
  });

  it('keeps key order through creates and deletes between pages', () => {
    const s = store();
    for (let i = 0; i < 50; i++) s.create('Pod', pod(`p${String(i * 2).padStart(3, '0')}`, 'ns'));
    const { seen } = allPages(s, 'ns', 10, (page) => {
      // Behind the cursor (never listed now), ahead of it (listed), and removals ahead.
      s.create('Pod', pod(`p${String(page * 20 + 1).padStart(3, '0')}`, 'ns'));
      s.create('Pod', pod(`p${String(90 + page * 2 + 1).padStart(3, '0')}`, 'ns'));
      s.remove('Pod', 'ns', `p${String(80 + page * 2).padStart(3, '0')}`);
    });
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(names(s.list('Pod', {}).items)).toEqual([...s.all('Pod')].map((p) => `ns/${p.metadata!.name}`).sort());
  });
});
