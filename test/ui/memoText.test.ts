// memoByText (src/ui/ink/memoText.ts): the bundle's Ink asks it for each text node's sanitized
// text and widest line on every frame. The same answers as the function, asked once per text
// while the text keeps coming back, and a bounded number of texts kept.
import { describe, expect, it } from 'vitest';
import { memoByText } from '../../src/ui/ink/memoText.js';

function counted<T>(fn: (text: string) => T): { fn: (text: string) => T; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fn: (text) => {
      calls.push(text);
      return fn(text);
    },
  };
}

describe('memoByText', () => {
  it('answers as the function does, and asks it once for a text that comes back frame after frame', () => {
    const f = counted((t) => t.length);
    const memo = memoByText(f.fn, 4);
    const frames = [['header', 'table'], ['header 2', 'table'], ['header 3', 'table'], ['header 3', 'table']];
    for (const frame of frames) for (const text of frame) expect(memo(text)).toBe(text.length);
    expect(f.calls).toEqual(['header', 'table', 'header 2', 'header 3']);
  });

  it('keeps a text that stays in use across many others (it moves to the newer map when found in the older)', () => {
    const f = counted((t) => t.toUpperCase());
    const memo = memoByText(f.fn, 2);
    for (let i = 0; i < 50; i++) {
      expect(memo('table')).toBe('TABLE');
      expect(memo(`clock ${i}`)).toBe(`CLOCK ${i}`);
    }
    expect(f.calls.filter((t) => t === 'table')).toHaveLength(1);
    expect(f.calls).toHaveLength(51);
  });

  it('forgets texts not seen for a while: at most two maps of `size` texts', () => {
    const f = counted((t) => t);
    const memo = memoByText(f.fn, 2);
    for (const t of ['a', 'b', 'c', 'd', 'e', 'f']) memo(t);
    memo('a');
    expect(f.calls.filter((t) => t === 'a')).toHaveLength(2);
  });

  it('remembers an answer of undefined too', () => {
    const f = counted(() => undefined);
    const memo = memoByText(f.fn);
    memo('x');
    memo('x');
    expect(f.calls).toEqual(['x']);
  });
});
