// Go's text/tabwriter (elastic tabstops), as kubectl uses it for `get` tables and `describe`.
//
// Input is cut into cells: a cell ends at '\t' (hard tab), '\v' (soft tab), '\n' or '\f'
// (line breaks). The last cell of a line is not part of any column. A column is a block of
// consecutive lines that all have a tab-terminated cell at that index; its width is the widest
// cell (in code points) plus padding, at least minwidth. A line with a single cell, a '\f', or
// the end of input closes every open column. HTML filtering and Escape sequences are not
// supported (kubectl uses neither).

export interface TabwriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  /** One character; default ' '. With '\t', padding is written as tabs and cells align left. */
  padchar?: string;
  alignRight?: boolean;
  /** Columns made only of empty soft-tab ('\v') cells get width 0. */
  discardEmptyColumns?: boolean;
  /** Leading empty cells are padded with tabs whatever padchar is. */
  tabIndent?: boolean;
}

/** kubectl describe: tabwriter.Init(buf, 0, 8, 2, ' ', 0). */
export const DESCRIBE_TABS: TabwriterOptions = { minwidth: 0, tabwidth: 8, padding: 2 };
/** kubectl get (cli-runtime printers.GetNewTabWriter): NewWriter(out, 6, 4, 3, ' ', 0). */
export const GET_TABS: TabwriterOptions = { minwidth: 6, tabwidth: 4, padding: 3 };

interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

/** Width in code points (Go counts runes). */
function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

class Formatter {
  private readonly out: string[] = [];
  private readonly widths: number[] = [];
  private readonly padchar: string;
  private readonly alignRight: boolean;

  constructor(private readonly opts: TabwriterOptions) {
    this.padchar = opts.padchar ?? ' ';
    this.alignRight = (opts.alignRight ?? false) && this.padchar !== '\t';
  }

  result(): string {
    return this.out.join('');
  }

  /** Lay out one flushed segment; `closed` says whether its last line ended with a line break. */
  flush(lines: Cell[][], closedWithNewline: boolean): void {
    this.widths.length = 0;
    this.format(lines, 0, lines.length, closedWithNewline);
  }

  private pad(textw: number, cellw: number, useTabs: boolean): void {
    const { tabwidth } = this.opts;
    if (this.padchar === '\t' || useTabs) {
      if (tabwidth === 0) return;
      const w = Math.ceil(cellw / tabwidth) * tabwidth;
      this.out.push('\t'.repeat(Math.ceil((w - textw) / tabwidth)));
      return;
    }
    if (cellw > textw) this.out.push(this.padchar.repeat(cellw - textw));
  }

  private writeLines(lines: Cell[][], line0: number, line1: number, closed: boolean): void {
    const widths = this.widths;
    for (let i = line0; i < line1; i++) {
      const line = lines[i]!;
      let useTabs = this.opts.tabIndent ?? false;
      for (let j = 0; j < line.length; j++) {
        const c = line[j]!;
        if (c.text.length === 0) {
          if (j < widths.length) this.pad(c.width, widths[j]!, useTabs);
          continue;
        }
        useTabs = false;
        if (this.alignRight) {
          if (j < widths.length) this.pad(c.width, widths[j]!, false);
          this.out.push(c.text);
        } else {
          this.out.push(c.text);
          if (j < widths.length) this.pad(c.width, widths[j]!, false);
        }
      }
      if (i + 1 < lines.length || closed) this.out.push('\n');
    }
  }

  private format(lines: Cell[][], line0: number, line1: number, closed: boolean): void {
    const column = this.widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t]!.length - 1) continue;
      // A cell exists in this column: print the lines above, then size the block.
      this.writeLines(lines, line0, t, closed);
      line0 = t;
      let width = this.opts.minwidth;
      let discardable = true;
      for (; t < line1; t++) {
        const line = lines[t]!;
        if (column >= line.length - 1) break;
        const c = line[column]!;
        const w = c.width + this.opts.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.opts.discardEmptyColumns) width = 0;
      this.widths.push(width);
      this.format(lines, line0, t, closed);
      this.widths.pop();
      // Line t has no cell in this column, so the loop's t++ may skip it.
      line0 = t;
    }
    this.writeLines(lines, line0, line1, closed);
  }
}

/** Format `text` the way a Go tabwriter.Writer would after Write(text) and Flush(). */
export function tabwrite(text: string, opts: TabwriterOptions): string {
  const f = new Formatter(opts);
  let lines: Cell[][] = [[]];
  let cellStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    // \t=9 \v=11 \n=10 \f=12
    if (ch !== 9 && ch !== 10 && ch !== 11 && ch !== 12) continue;
    const cellText = text.slice(cellStart, i);
    cellStart = i + 1;
    const line = lines[lines.length - 1]!;
    line.push({ text: cellText, width: runeCount(cellText), htab: ch === 9 });
    if (ch === 10 || ch === 12) {
      // A one-cell line cannot influence later columns, so Go flushes there; '\f' always flushes.
      if (ch === 12 || line.length === 1) {
        f.flush(lines, true);
        lines = [[]];
      } else {
        lines.push([]);
      }
    }
  }
  const rest = text.slice(cellStart);
  if (rest.length > 0) {
    lines[lines.length - 1]!.push({ text: rest, width: runeCount(rest), htab: false });
  }
  f.flush(lines, false);
  return f.result();
}
