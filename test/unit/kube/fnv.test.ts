import { describe, expect, test } from 'vitest';
import { fnv32a, fnv32aText } from '../../../src/kube/fnv.js';

// Reference values of Go's hash/fnv New32a (the FNV test vectors).
describe('FNV-1a 32', () => {
  test.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('%j', (text, hash) => {
    expect(fnv32a(new TextEncoder().encode(text))).toBe(hash);
    expect(fnv32aText(text)).toBe(hash);
  });

  test('continues from a given state as if the inputs were joined', () => {
    expect(fnv32aText('bar', fnv32aText('foo'))).toBe(fnv32aText('foobar'));
  });
});
