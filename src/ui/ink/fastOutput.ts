// Ink 6's Output turns every frame into a grid of one object per terminal cell: each line is
// split into graphemes (Intl.Segmenter), each character gets a copy of its ANSI styles, and
// each row is joined again with a style diff per character. At 200×50 that is 10–16 ms a
// frame on this machine, nearly all of a keystroke's cost. podscope's frames are
// pre-formatted lines of plain characters and SGR colours, so the same text comes out of
// runs of equally styled characters: a line is parsed once (and kept while it stays on
// screen), a row is joined with one style diff per run. The style arithmetic is the same
// library Ink uses (@alcalzone/ansi-tokenize), so the output is the same string, byte for
// byte. Anything outside that shape (wide or combining characters, escapes other than SGR,
// horizontal clipping, text placed past a row's end) takes Ink's own get() for that frame.
//
// The shipped bundle puts this in Ink's place (scripts/inkFastOutput.mjs); the test compares
// both on the same operations (test/ui/fastOutput.test.ts).
import { ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, tokenize, type AnsiCode } from '@alcalzone/ansi-tokenize';

type Transformer = (line: string, index: number) => string;

interface Clip {
  x1: number | undefined;
  x2: number | undefined;
  y1: number | undefined;
  y2: number | undefined;
}

type Operation = { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] } | { type: 'clip'; clip: Clip } | { type: 'unclip' };

/** What this module needs of Ink's Output (its fields are plain properties at run time). */
export interface InkOutput {
  width: number;
  height: number;
  get(): { output: string; height: number };
}

// The mixin form TypeScript asks for; Ink's constructor takes one { width, height }.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type InkOutputClass = new (...args: any[]) => InkOutput;

/** Equally styled characters, each one terminal cell wide. */
interface Run {
  styles: AnsiCode[];
  text: string;
}

/** A run placed in a row: it covers [start, start + text.length). */
interface Cell extends Run {
  start: number;
}

const NO_STYLES: AnsiCode[] = [];

/**
 * Characters that are one cell wide and a grapheme of their own whatever surrounds them (no
 * combining, joining, wide or control characters): printable ASCII, Latin-1, Greek letters,
 * punctuation, arrows, mathematical operators, box drawing, blocks, most geometric shapes,
 * check marks. The test checks each against Ink.
 */
export function isSimpleChar(code: number): boolean {
  if (code >= 0x20 && code <= 0x7e) return true;
  if (code < 0xa0) return false;
  if (code <= 0xff) return code !== 0xa0 && code !== 0xad;
  return (
    (code >= 0x391 && code <= 0x3c9 && code !== 0x3a2) || // Greek letters (µ as in µs)
    (code >= 0x2010 && code <= 0x2027) ||
    (code >= 0x2030 && code <= 0x205e) ||
    (code >= 0x2190 && code <= 0x21ff) ||
    (code >= 0x2200 && code <= 0x22ff) || // mathematical operators
    (code >= 0x2500 && code <= 0x25fc) ||
    (code >= 0x2713 && code <= 0x2718) // ✓ ✗
  );
}

/** Index of the `m` that ends the SGR sequence starting at `i` (ESC [ digits and semicolons m), or -1. */
function sgrEnd(line: string, i: number): number {
  if (line.charCodeAt(i + 1) !== 0x5b) return -1;
  for (let j = i + 2; j < line.length; j++) {
    const c = line.charCodeAt(j);
    if (c === 0x6d) return j;
    if (c !== 0x3b && (c < 0x30 || c > 0x39)) return -1;
  }
  return -1;
}

const sgrTokens = new Map<string, AnsiCode[] | null>();

/** The codes Ink's tokenizer reads in one SGR sequence (compound ones split), or null if it reads a character too. */
function codesOf(sequence: string): AnsiCode[] | null {
  let codes = sgrTokens.get(sequence);
  if (codes === undefined) {
    const tokens = tokenize(sequence);
    codes = tokens.every((t) => t.type === 'ansi') ? (tokens as AnsiCode[]) : null;
    // Colours are few; text from outside (logs) could carry any number of them.
    if (sgrTokens.size >= 1000) sgrTokens.clear();
    sgrTokens.set(sequence, codes);
  }
  return codes;
}

/** A line as runs, or null when it holds anything but simple characters and SGR sequences. */
export function parseLine(line: string): Run[] | null {
  const runs: Run[] = [];
  let styles = NO_STYLES;
  let from = 0;
  let i = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 0x1b) {
      const end = sgrEnd(line, i);
      if (end < 0) return null;
      const codes = codesOf(line.slice(i, end + 1));
      if (codes === null) return null;
      if (i > from) runs.push({ styles, text: line.slice(from, i) });
      styles = reduceAnsiCodesIncremental(styles, codes);
      i = end + 1;
      from = i;
      continue;
    }
    if (!isSimpleChar(c)) return null;
    i++;
  }
  if (i > from) runs.push({ styles, text: line.slice(from, i) });
  return runs;
}

/** Parsed lines of this frame and the one before (what stays on screen is parsed once). */
let linesNow = new Map<string, Run[] | null>();
let linesBefore = new Map<string, Run[] | null>();

/** A new frame: what the last one parsed is kept for this one only, so the memory stays two frames' lines. */
function nextFrame(): void {
  linesBefore = linesNow;
  linesNow = new Map();
}

function runsOf(line: string): Run[] | null {
  let runs = linesNow.get(line);
  if (runs !== undefined) return runs;
  runs = linesBefore.get(line);
  if (runs === undefined) runs = parseLine(line);
  linesNow.set(line, runs);
  return runs;
}

/** The row with `runs` written from column x on (what was under them is replaced). */
function place(row: Cell[], x: number, runs: readonly Run[]): Cell[] {
  let width = 0;
  for (const r of runs) width += r.text.length;
  if (width === 0) return row;
  const to = x + width;
  const out: Cell[] = [];
  for (const cell of row) {
    const end = cell.start + cell.text.length;
    if (end <= x) out.push(cell);
    else if (cell.start < x) out.push({ styles: cell.styles, text: cell.text.slice(0, x - cell.start), start: cell.start });
  }
  let at = x;
  for (const r of runs) {
    if (r.text.length === 0) continue;
    out.push({ styles: r.styles, text: r.text, start: at });
    at += r.text.length;
  }
  for (const cell of row) {
    const end = cell.start + cell.text.length;
    if (end <= to) continue;
    if (cell.start >= to) out.push(cell);
    else out.push({ styles: cell.styles, text: cell.text.slice(to - cell.start), start: to });
  }
  return out;
}

/** A row as Ink's styledCharsToString(...).trimEnd() writes it: one style diff per run. */
function rowText(row: readonly Cell[]): string {
  let out = '';
  let previous: AnsiCode[] | undefined;
  for (const cell of row) {
    if (cell.text.length === 0) continue;
    out += ansiCodesToString(previous === undefined ? cell.styles : diffAnsiCodes(previous, cell.styles));
    out += cell.text;
    previous = cell.styles;
  }
  if (previous !== undefined) out += ansiCodesToString(diffAnsiCodes(previous, []));
  return out.trimEnd();
}

/** One write into a row: the runs of a line, from column x on. */
interface Placement {
  x: number;
  runs: readonly Run[];
}

/**
 * Each row's placements and text in the last frame drawn by runs. A row whose placements are
 * the same runs (the same parsed line objects) at the same columns as then has the same
 * text: a frame that changes one line (the simulator's clock) joins that row alone.
 */
let rowsBefore: { width: number; placements: Placement[][]; texts: string[] } | undefined;

function samePlacements(a: readonly Placement[] | undefined, b: readonly Placement[]): boolean {
  if (a === undefined || a.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[i]!.x !== b[i]!.x || a[i]!.runs !== b[i]!.runs) return false;
  return true;
}

/** Output.get() by runs, or undefined when the frame needs Ink's own. */
export function fastGet(width: number, height: number, operations: readonly Operation[]): { output: string; height: number } | undefined {
  nextFrame();
  const placements: Placement[][] = [];
  // Where each row's cells end (a blank row is `width` wide): a write past the end is not this path's shape.
  const ends: number[] = [];
  for (let y = 0; y < height; y++) {
    placements.push([]);
    ends.push(Math.max(0, width));
  }
  const clips: Clip[] = [];
  for (const op of operations) {
    if (op.type === 'clip') {
      clips.push(op.clip);
      continue;
    }
    if (op.type === 'unclip') {
      clips.pop();
      continue;
    }
    let { x, y } = op;
    let lines = op.text.split('\n');
    const clip = clips.at(-1);
    if (clip) {
      if (typeof clip.x1 === 'number' && typeof clip.x2 === 'number') return undefined;
      if (typeof clip.y1 === 'number' && typeof clip.y2 === 'number') {
        if (y + lines.length < clip.y1 || y > clip.y2) continue;
        const from = y < clip.y1 ? clip.y1 - y : 0;
        const to = y + lines.length > clip.y2 ? clip.y2 - y : lines.length;
        lines = lines.slice(from, to);
        if (y < clip.y1) y = clip.y1;
      }
    }
    for (let index = 0; index < lines.length; index++) {
      // As Ink: a line with no row to go to ends the write (its row offset never moves on).
      const row = placements[y + index];
      if (row === undefined) break;
      let line = lines[index]!;
      for (const transform of op.transformers) line = transform(line, index);
      const runs = runsOf(line);
      if (runs === null) return undefined;
      // Past the row's end Ink leaves holes that its join skips: not this path's shape.
      if (x < 0 || x > ends[y + index]!) return undefined;
      let runsWidth = 0;
      for (const r of runs) runsWidth += r.text.length;
      if (runsWidth === 0) continue;
      row.push({ x, runs });
      ends[y + index] = Math.max(ends[y + index]!, x + runsWidth);
    }
  }
  const before = rowsBefore?.width === width ? rowsBefore : undefined;
  const blank: Cell = { styles: NO_STYLES, text: ' '.repeat(Math.max(0, width)), start: 0 };
  const texts = placements.map((row, y) => {
    if (before && samePlacements(before.placements[y], row)) return before.texts[y]!;
    joins.rows++;
    let cells: Cell[] = width > 0 ? [blank] : [];
    for (const p of row) cells = place(cells, p.x, p.runs);
    return rowText(cells);
  });
  rowsBefore = { width, placements, texts };
  return { output: texts.join('\n'), height };
}

/** How many rows were joined anew rather than taken from the last frame (for tests and profiling). */
export const joins = { rows: 0 };

/** How many frames took Ink's own get() (for tests and profiling). */
export const fallbacks = { count: 0 };

/** Ink's Output class with get() done by runs where the frame allows it (the bundle uses this in Ink's place). */
export function withFastGet<C extends InkOutputClass>(Base: C): C {
  return class FastOutput extends Base {
    override get(): { output: string; height: number } {
      const self = this as unknown as { width: number; height: number; operations: Operation[] };
      const fast = fastGet(self.width, self.height, self.operations);
      if (fast !== undefined) return fast;
      fallbacks.count++;
      return super.get();
    }
  };
}
