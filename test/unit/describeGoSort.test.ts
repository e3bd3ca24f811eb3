import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sortEvents } from '../../src/kube/describe/events.js';
import { goSort } from '../../src/kube/describe/goSort.js';
import type { Event } from '../../src/kube/types.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../golden/describe');

describe('goSort (Go sort.Sort / pdqsort)', () => {
  it('sorts numbers of every length like any sort', () => {
    for (const n of [0, 1, 2, 12, 13, 49, 50, 51, 200, 1000]) {
      let seed = n + 1;
      const xs = Array.from({ length: n }, () => (seed = (seed * 48271) % 2147483647) % 97);
      expect(goSort([...xs], (a, b) => a < b)).toEqual([...xs].sort((a, b) => a - b));
    }
  });
  it('is a stable insertion sort up to 12 elements', () => {
    const xs = Array.from({ length: 12 }, (_, i) => ({ k: i % 3, i }));
    expect(goSort([...xs], (a, b) => a.k < b.k).map((x) => x.i)).toEqual([0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11]);
  });
  it.each([
    ['many-events', true],
    ['many-events-60', false],
  ])('places tied events of %s where kubectl did (stable order matches: %s)', (name, stableMatches) => {
    const events = JSON.parse(readFileSync(join(DIR, `${name}.events.json`), 'utf8')) as Event[];
    const golden = readFileSync(join(DIR, `${name}.txt`), 'utf8');
    const printed = [...golden.matchAll(/event number (\d+)/g)].map((m) => Number(m[1]));
    const ours = sortEvents(events).map((e) => Number(e.message!.split(' ').pop()));
    expect(ours).toEqual(printed);
    const stable = [...events]
      .map((e, i) => ({ t: Date.parse(e.lastTimestamp!), i }))
      .sort((a, b) => a.t - b.t || a.i - b.i)
      .map((x) => x.i);
    // With 60 events Go's pdqsort reorders ties, so a stable sort would print a different table.
    expect(stable.join() === printed.join()).toBe(stableMatches);
  });
});
