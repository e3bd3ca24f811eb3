// The bundle's Output (src/ui/ink/fastOutput.ts) against Ink's own, on the same operations:
// the same frame text byte for byte, and Ink's path wherever the fast one does not apply.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Chalk } from 'chalk';
import { beforeAll, describe, expect, it } from 'vitest';
import { fallbacks, isSimpleChar, joins, parseLine, withFastGet, type InkOutputClass } from '../../src/ui/ink/fastOutput.js';

interface Output {
  write(x: number, y: number, text: string, options: { transformers: ((line: string, index: number) => string)[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputClass = new (options: { width: number; height: number }) => Output;

let InkOutput: OutputClass;
let FastOutput: OutputClass;

beforeAll(async () => {
  // Ink does not export its Output; it is loaded from the file its renderer imports.
  const inkMain = createRequire(import.meta.url).resolve('ink');
  InkOutput = ((await import(pathToFileURL(join(dirname(inkMain), 'output.js')).href)) as { default: OutputClass }).default;
  FastOutput = withFastGet(InkOutput as unknown as InkOutputClass) as unknown as OutputClass;
});

type Op = ['write', number, number, string, ((line: string, index: number) => string)[]?] | ['clip', { x1?: number; x2?: number; y1?: number; y2?: number }] | ['unclip'];

function both(width: number, height: number, ops: Op[]): { ink: string; fast: string; fellBack: boolean } {
  const outs = [new InkOutput({ width, height }), new FastOutput({ width, height })];
  for (const out of outs) {
    for (const op of ops) {
      if (op[0] === 'write') out.write(op[1], op[2], op[3], { transformers: op[4] ?? [] });
      else if (op[0] === 'clip') out.clip(op[1]);
      else out.unclip();
    }
  }
  const ink = outs[0]!.get();
  const before = fallbacks.count;
  const fast = outs[1]!.get();
  expect(fast.height).toBe(ink.height);
  return { ink: ink.output, fast: fast.output, fellBack: fallbacks.count > before };
}

const c = new Chalk({ level: 3 });
const c1 = new Chalk({ level: 1 });

describe('fast Output', () => {
  const cases: { name: string; width: number; height: number; ops: Op[]; fast: boolean }[] = [
    { name: 'plain lines', width: 20, height: 3, ops: [['write', 0, 0, 'hello\nworld']], fast: true },
    { name: 'an empty frame', width: 10, height: 2, ops: [], fast: true },
    { name: 'a zero-wide frame', width: 0, height: 2, ops: [['write', 0, 0, 'abc']], fast: true },
    { name: 'colours, nested and compound', width: 30, height: 2, ops: [['write', 0, 0, `${c.bold.cyan('title')} ${c.red('err')}\n${c.inverse(c.green('sel  '))}`]], fast: true },
    { name: 'bold and dim together, closed at once', width: 20, height: 1, ops: [['write', 0, 0, '\u001b[1m\u001b[2mab\u001b[22mcd']], fast: true },
    { name: 'a compound SGR sequence', width: 20, height: 1, ops: [['write', 0, 0, '\u001b[1;31;44mab\u001b[0mcd \u001b[mx']], fast: true },
    { name: '8-bit and 24-bit colours', width: 20, height: 1, ops: [['write', 0, 0, '\u001b[38;5;208mab\u001b[48;2;1;2;3mcd\u001b[39;49m e']], fast: true },
    { name: '16-colour chalk', width: 20, height: 1, ops: [['write', 0, 0, c1.black.bgYellow(' SIM ') + ' x']], fast: true },
    { name: 'a styled trailing blank survives the trim', width: 12, height: 1, ops: [['write', 0, 0, c.inverse('ab   ')]], fast: true },
    { name: 'plain trailing blanks are trimmed', width: 12, height: 1, ops: [['write', 0, 0, 'ab   ']], fast: true },
    { name: 'side by side writes', width: 20, height: 1, ops: [['write', 0, 0, c.red('left')], ['write', 6, 0, c.blue('right')]], fast: true },
    { name: 'an overlapping write splits the run under it', width: 20, height: 1, ops: [['write', 0, 0, c.red('abcdefghij')], ['write', 3, 0, c.green('XY')]], fast: true },
    { name: 'a write past the width grows the row', width: 5, height: 1, ops: [['write', 3, 0, 'abcdef']], fast: true },
    { name: 'a write that starts at the width', width: 5, height: 1, ops: [['write', 5, 0, 'ab']], fast: true },
    { name: 'lines below the last row are dropped', width: 10, height: 2, ops: [['write', 0, 1, 'a\nb\nc']], fast: true },
    { name: 'a negative row drops the whole write', width: 10, height: 2, ops: [['write', 0, -1, 'a\nb']], fast: true },
    { name: 'transformers see each line and its index', width: 20, height: 2, ops: [['write', 0, 0, 'a\nb', [(l, i) => c.yellow(`${i}:${l}`)]]], fast: true },
    { name: 'vertical clipping', width: 10, height: 4, ops: [['clip', { y1: 1, y2: 3 }], ['write', 0, 0, 'a\nb\nc\nd'], ['unclip'], ['write', 5, 3, 'z']], fast: true },
    { name: 'a write outside a vertical clip', width: 10, height: 4, ops: [['clip', { y1: 0, y2: 1 }], ['write', 0, 3, 'a'], ['unclip']], fast: true },
    { name: 'punctuation, arrows, boxes and blocks', width: 40, height: 1, ops: [['write', 0, 0, `NAME↑ a…b █ ─│┼ ▲▼ «é» ${c.cyan('•')} ✓ ✗ µs ≥ ▶`]], fast: true },
    // Ink's own path:
    { name: 'wide characters', width: 20, height: 1, ops: [['write', 0, 0, '漢字 ok']], fast: false },
    { name: 'emoji', width: 20, height: 1, ops: [['write', 0, 0, 'a 👍 b']], fast: false },
    { name: 'a combining mark', width: 20, height: 1, ops: [['write', 0, 0, 'e\u0301 b']], fast: false },
    { name: 'a tab', width: 20, height: 1, ops: [['write', 0, 0, 'a\tb']], fast: false },
    { name: 'an escape that is not SGR', width: 20, height: 1, ops: [['write', 0, 0, 'a\u001b[2Kb']], fast: false },
    { name: 'a lone escape', width: 20, height: 1, ops: [['write', 0, 0, 'a\u001bb']], fast: false },
    { name: 'a link', width: 30, height: 1, ops: [['write', 0, 0, '\u001b]8;;http://x\u0007link\u001b]8;;\u0007']], fast: false },
    { name: 'horizontal clipping', width: 10, height: 1, ops: [['clip', { x1: 2, x2: 6 }], ['write', 0, 0, 'abcdefgh'], ['unclip']], fast: false },
    { name: 'a write that leaves a hole', width: 5, height: 1, ops: [['write', 8, 0, 'ab']], fast: false },
  ];
  for (const t of cases) {
    it(`${t.name}: the same text as Ink's, ${t.fast ? 'by runs' : "through Ink's own get()"}`, () => {
      const r = both(t.width, t.height, t.ops);
      expect(r.fast).toBe(r.ink);
      expect(r.fellBack).toBe(!t.fast);
    });
  }

  it('every character it calls simple is one cell and one grapheme to Ink, alone and between others', () => {
    const simple: string[] = [];
    for (let code = 0; code <= 0x10ffff; code++) if (isSimpleChar(code)) simple.push(String.fromCharCode(code));
    expect(simple.length).toBeGreaterThan(600);
    for (let i = 0; i < simple.length; i += 40) {
      const chunk = simple.slice(i, i + 40);
      const line = chunk.join('');
      const r = both(100, 2, [['write', 0, 0, `${line}|\n${c.red(chunk.join('x'))}`]]);
      expect(r.fast).toBe(r.ink);
      expect(r.fellBack).toBe(false);
    }
  });

  it('random pod-list-like frames come out the same', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const styles = [c.red, c.green, c.yellow, c.gray, c.magenta, c.dim, c.bold, c.inverse, c.cyan, c.black.bgYellow, (s: string) => s];
    for (let frame = 0; frame < 200; frame++) {
      const width = 20 + rand(60);
      const height = 1 + rand(12);
      const ops: Op[] = [];
      for (let w = 0; w < 1 + rand(4); w++) {
        const lines: string[] = [];
        for (let l = 0; l < 1 + rand(height); l++) {
          let line = '';
          for (let p = 0; p < 1 + rand(5); p++) {
            const word = 'abc… XYZ-12 ▲'.slice(rand(6), 6 + rand(8));
            let styled = styles[rand(styles.length)]!(word);
            if (rand(3) === 0) styled = styles[rand(styles.length)]!(styled + ' ');
            line += styled;
          }
          lines.push(line);
        }
        ops.push(['write', rand(width), rand(height), lines.join('\n')]);
      }
      const r = both(width, height, ops);
      expect(r.fast, `frame ${frame}`).toBe(r.ink);
      expect(r.fellBack).toBe(false);
    }
  });

  it('frame after frame, a row whose writes are unchanged is taken from the last frame and the rest joined anew, the same text as Ink', () => {
    const table = ['web-1   Running   5m', c.red('crash-2 Error     7m'), c.inverse('web-3   Running   9m')];
    const frame = (clock: string, extra: Op[] = []): Op[] => [['write', 0, 0, `Context: x ${c.black.bgYellow(` SIMULATOR ${clock} `)}`], ['write', 0, 1, table.join('\n')], ...extra];
    const steps: { ops: Op[]; width?: number; joined: number }[] = [
      { ops: frame('10:00:00'), joined: 5 },
      { ops: frame('10:00:01'), joined: 1 }, // the clock's row alone
      { ops: frame('10:00:01'), joined: 0 },
      { ops: frame('10:00:02', [['write', 4, 2, c.green('XY')]]), joined: 2 }, // a write over a kept row
      { ops: frame('10:00:02'), joined: 1 }, // that write gone again
      { ops: frame('10:00:02'), width: 30, joined: 5 }, // another width: every row
      { ops: [['write', 0, 1, table.join('\n')], ['write', 0, 0, `Context: x ${c.black.bgYellow(' SIMULATOR 10:00:02 ')}`]], width: 30, joined: 0 }, // same writes, other order of rows
      { ops: [['write', 0, 2, table.join('\n')]], width: 30, joined: 5 }, // the table a row lower
    ];
    for (const [i, step] of steps.entries()) {
      const before = joins.rows;
      const r = both(step.width ?? 40, 5, step.ops);
      expect(r.fast, `step ${i}`).toBe(r.ink);
      expect(r.fellBack, `step ${i}`).toBe(false);
      expect(joins.rows - before, `step ${i}`).toBe(step.joined);
    }
  });

  it('parses a line into runs of equally styled characters', () => {
    expect(parseLine('ab')?.map((r) => r.text)).toEqual(['ab']);
    expect(parseLine('x\u001b[31mred\u001b[39m.')?.map((r) => [r.text, r.styles.map((s) => s.code)])).toEqual([
      ['x', []],
      ['red', ['\u001b[31m']],
      ['.', []],
    ]);
    expect(parseLine('漢')).toBeNull();
  });
});
