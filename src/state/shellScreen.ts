// What the in-process shell view shows: the session's output as a scrollback of lines, with
// just enough of a terminal to read a shell — carriage return, backspace, tabs, line erase and
// clear screen; every other escape sequence (colours, cursor moves) is dropped, never printed.
// Control bytes never reach the screen as text.

const ESC = '\u001b';

export class ShellScreen {
  private lines: string[] = [''];
  private col = 0;
  /** An escape sequence cut at the end of the last chunk. */
  private pending = '';

  constructor(private readonly maxLines = 2000) {}

  get lineCount(): number {
    return this.lines.length;
  }

  /** The last `height` lines (the cursor's line last). */
  tail(height: number): string[] {
    return this.lines.slice(Math.max(0, this.lines.length - height));
  }

  /** Where the cursor is on the last line (the view draws it). */
  get cursorColumn(): number {
    return this.col;
  }

  feed(text: string): void {
    let s = this.pending + text;
    this.pending = '';
    let i = 0;
    while (i < s.length) {
      const ch = s[i]!;
      if (ch === ESC) {
        const used = this.escape(s, i);
        if (used === 0) {
          this.pending = s.slice(i);
          return;
        }
        i += used;
        continue;
      }
      i++;
      switch (ch) {
        case '\n':
          this.newLine();
          break;
        case '\r':
          this.col = 0;
          break;
        case '\b':
          this.col = Math.max(0, this.col - 1);
          break;
        case '\t':
          this.put(' '.repeat(8 - (this.col % 8)));
          break;
        default:
          if (ch >= ' ' && ch !== '\u007f') this.put(ch);
      }
    }
    s = '';
  }

  private put(text: string): void {
    const line = this.lines[this.lines.length - 1]!;
    const padded = line.length < this.col ? line + ' '.repeat(this.col - line.length) : line;
    this.lines[this.lines.length - 1] = padded.slice(0, this.col) + text + padded.slice(this.col + text.length);
    this.col += text.length;
  }

  private newLine(): void {
    this.lines.push('');
    this.col = 0;
    if (this.lines.length > this.maxLines) this.lines.splice(0, this.lines.length - this.maxLines);
  }

  /** Consumes the escape sequence at `at`; 0 when it is not complete yet. */
  private escape(s: string, at: number): number {
    const next = s[at + 1];
    if (next === undefined) return 0;
    if (next === '[') {
      let j = at + 2;
      while (j < s.length && !/[@-~]/.test(s[j]!)) j++;
      if (j >= s.length) return 0;
      const params = s.slice(at + 2, j);
      const final = s[j]!;
      if (final === 'J' && (params === '2' || params === '3')) this.clear();
      else if (final === 'K' && (params === '' || params === '0')) this.lines[this.lines.length - 1] = this.lines[this.lines.length - 1]!.slice(0, this.col);
      return j - at + 1;
    }
    if (next === ']') {
      // An operating system command (a window title): up to BEL or ESC \.
      for (let j = at + 2; j < s.length; j++) {
        if (s[j] === '\u0007') return j - at + 1;
        if (s[j] === ESC && s[j + 1] === '\\') return j - at + 2;
      }
      return 0;
    }
    return 2;
  }

  private clear(): void {
    this.lines = [''];
    this.col = 0;
  }
}
