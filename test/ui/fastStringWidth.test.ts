// src/ui/ink/fastStringWidth.ts answers for string-width only where string-width itself would
// say "as wide as it is long": every character of its one-column set is checked against both
// string-width versions the bundle carries (Ink's, and wrap-ansi's own) and against grapheme
// segmentation, and texts with colour codes and other escapes give the library's answer.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { oneColumnWidth, withOneColumnPath } from '../../src/ui/ink/fastStringWidth.js';

type Width = (text: string, options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }) => number;

/** wrap-ansi's own string-width (an older major), resolved from wrap-ansi as the bundle does. */
async function wrapAnsiStringWidth(): Promise<Width> {
  const wrapAnsi = createRequire(import.meta.url).resolve('wrap-ansi');
  const path = createRequire(join(dirname(wrapAnsi), 'index.js')).resolve('string-width');
  return ((await import(pathToFileURL(path).href)) as { default: Width }).default;
}

/** Every BMP code point the fast path takes as one column. */
function oneColumnSet(): string[] {
  const out: string[] = [];
  for (let cp = 0; cp <= 0xffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCharCode(cp);
    if (oneColumnWidth(c) === 1) out.push(c);
  }
  return out;
}

describe('oneColumnWidth', () => {
  it('takes only characters both string-width versions measure as one column and that never join a neighbour', async () => {
    const older = await wrapAnsiStringWidth();
    const segmenter = new Intl.Segmenter();
    const graphemes = (s: string): number => [...segmenter.segment(s)].length;
    const set = oneColumnSet();
    expect(set.length).toBeGreaterThan(800);
    const wrong = set.filter((c) => stringWidth(c) !== 1 || older(c) !== 1 || graphemes(`x${c}`) !== 2 || graphemes(`${c}x`) !== 2 || graphemes(c + c) !== 2);
    expect(wrong.map((c) => c.charCodeAt(0).toString(16))).toEqual([]);
    const text = set.join('');
    expect(oneColumnWidth(text)).toBe(text.length);
    expect(stringWidth(text)).toBe(text.length);
    expect(older(text)).toBe(text.length);
  });

  it.each([
    ['', 0],
    ['web-0-5b48c8876f-62rjm', 22],
    ['NAME↑ ─│ … — → ✓ ×µ', 19],
    ['\u001B[31mred\u001B[39m \u001B[1;38;5;196mbold\u001B[0m', 8],
    ['\u001B[m\u001B[;m\u001B[12345mx', 1],
  ])('measures %j as string-width does (%d)', async (text, width) => {
    const older = await wrapAnsiStringWidth();
    expect(oneColumnWidth(text)).toBe(width);
    expect(stringWidth(text)).toBe(width);
    expect(older(text)).toBe(width);
  });

  it.each([
    ['wide', '日本'],
    ['emoji', 'ok ✅'],
    ['text-default emoji', '▶'],
    ['a combining mark', 'e\u0301'],
    ['a zero-width joiner', 'a\u200Db'],
    ['a soft hyphen', 'a\u00ADb'],
    ['a tab', 'a\tb'],
    ['a cursor move', '\u001B[2Ax'],
    ['an OSC link', '\u001B]8;;http://x\u0007x\u001B]8;;\u0007'],
    ['a lone escape', 'x\u001B'],
    ['an 8-bit CSI', '\u009B31mx'],
    ['a bell', 'x\u0007'],
  ])('leaves %s to the library', (_what, text) => {
    expect(oneColumnWidth(text)).toBeUndefined();
  });

  it('leaves non-default options to the library: ambiguous characters are two columns when not narrow', () => {
    expect(oneColumnWidth('─', { ambiguousIsNarrow: false })).toBeUndefined();
    expect(stringWidth('─', { ambiguousIsNarrow: false })).toBe(2);
    expect(oneColumnWidth('─', { ambiguousIsNarrow: true })).toBe(1);
    expect(oneColumnWidth('\u001B[31mx', { countAnsiEscapeCodes: true })).toBeUndefined();
    expect(oneColumnWidth(42)).toBeUndefined();
  });
});

describe('withOneColumnPath', () => {
  it('loads the library once, on the first text outside the path, and gives its answers', () => {
    let loads = 0;
    const width = withOneColumnPath(() => {
      loads++;
      return stringWidth as Width;
    });
    expect(width('plain ─ text')).toBe(12);
    expect(loads).toBe(0);
    expect(width('日本')).toBe(4);
    expect(width('✅')).toBe(2);
    expect(width('─', { ambiguousIsNarrow: false })).toBe(2);
    expect(loads).toBe(1);
  });
});
