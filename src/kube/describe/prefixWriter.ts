// kubectl describe's PrefixWriter over a tabwriter (tabbedString): text written at an
// indentation level of two spaces per level, terminal escapes neutralised, and explicit
// flushes that end every tabwriter column (DescribeEvents flushes before its table).
import { DESCRIBE_TABS, tabwrite } from '../tabwriter.js';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

const INDENT = ['', '  ', '    ', '      ', '        '];
// cli-runtime printers.WriteEscaped: ESC → "^[", CR → "\r" spelled out (issue #101695).
const UNSAFE = /[\x1b\r]/g;

function escapeTerminal(s: string): string {
  return s.replace(UNSAFE, (c) => (c === '\x1b' ? '^[' : '\\r'));
}

export class PrefixWriter {
  private segments: string[][] = [[]];

  write(level: number, text: string): void {
    const prefix = INDENT[level] ?? '  '.repeat(level);
    this.segments[this.segments.length - 1]!.push(escapeTerminal(prefix + text));
  }

  /** WriteLine: the text and a newline, no indentation. */
  writeLine(text: string): void {
    this.segments[this.segments.length - 1]!.push(escapeTerminal(text) + '\n');
  }

  flush(): void {
    this.segments.push([]);
  }

  /** The tabwriter's output for everything written. */
  toString(): string {
    let out = '';
    for (const seg of this.segments) out += tabwrite(seg.join(''), DESCRIBE_TABS);
    return out;
  }
}
