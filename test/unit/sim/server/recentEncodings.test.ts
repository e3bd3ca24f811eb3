import { describe, expect, it } from 'vitest';
import { RecentEncodings } from '../../../../src/sim/server/recentEncodings.js';

const keys = (n: number): object[] => Array.from({ length: n }, () => ({}));

describe('RecentEncodings', () => {
  it.each([
    { name: 'keeps everything under one generation', generation: 100, sizes: [10, 10, 10], kept: [true, true, true] },
    { name: 'keeps the generation that just filled', generation: 30, sizes: [10, 10, 10], kept: [true, true, true] },
    { name: 'drops the oldest generation on the second fill', generation: 20, sizes: [10, 10, 10, 10], kept: [false, false, true, true] },
    { name: 'an entry as large as a generation ages alone', generation: 20, sizes: [25, 5, 5, 10], kept: [false, true, true, true] },
  ])('$name', ({ generation, sizes, kept }) => {
    const cache = new RecentEncodings<number>(generation, (v) => v);
    const ks = keys(sizes.length);
    sizes.forEach((size, i) => cache.set(ks[i]!, size));
    expect(ks.map((k) => cache.get(k) !== undefined)).toEqual(kept);
  });

  it('moves an entry read from the old generation back into the young one', () => {
    const cache = new RecentEncodings<string>(20, (v) => v.length);
    const [a, x, b, c] = keys(4);
    cache.set(a!, 'aaaaaaaaaa');
    cache.set(x!, 'xxxxxxxxxx'); // the first generation fills and ages
    expect(cache.get(a!)).toBe('aaaaaaaaaa'); // read from the old one: young again
    cache.set(b!, 'bbbbb');
    cache.set(c!, 'ccccc'); // a second fill drops what was old (x), not a
    expect(cache.get(x!)).toBeUndefined();
    expect(cache.get(a!)).toBe('aaaaaaaaaa');
  });

  it('counts bytes charged to a value kept in place', () => {
    const cache = new RecentEncodings<string[]>(10, (v) => v.join('').length);
    const [a, b] = keys(2);
    const lines = ['12345'];
    cache.set(a!, lines);
    lines.push('67890');
    cache.charge(5); // a's generation is full now and ages
    cache.set(b!, ['1234567890']); // and goes
    expect(cache.get(a!)).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});
