// Plain-text cell helpers: lines are padded and cut before colour is applied, so widths
// count characters, not escape codes.

export function fit(s: string, width: number): string {
  if (width <= 0) return '';
  if (s.length > width) return width === 1 ? '…' : `${s.slice(0, width - 1)}…`;
  return s.padEnd(width);
}

export function cut(s: string, width: number): string {
  return s.length > width ? s.slice(0, Math.max(0, width)) : s;
}

/** Lays rows of cells out in columns (3 spaces apart, as kubectl does), each line cut to `width`. */
export function columns(rows: readonly (readonly string[])[], width: number, gap = 3): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => cut(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + gap))).join(''), width));
}

/**
 * A table whose last column (a message) wraps onto lines indented to where it starts, so
 * nothing is cut off; when that column would be too narrow, continuations start further left.
 */
export function wrappedColumns(rows: readonly (readonly string[])[], width: number, gap = 3): string[] {
  const widths: number[] = [];
  for (const r of rows) r.slice(0, -1).forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  const start = widths.reduce((sum, w) => sum + w + gap, 0);
  const indent = width - start >= 20 ? start : Math.max(0, Math.min(start, width - 20));
  const out: string[] = [];
  for (const r of rows) {
    const line = r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + gap))).join('');
    out.push(...wrapMessage(line, width, indent));
  }
  return out;
}

/** Past this length a word is split at the edge rather than carried whole to the next line. */
const LONG_WORD = 20;

function wrapMessage(text: string, width: number, indent: number): string[] {
  const out: string[] = [];
  let line = text;
  while (line.length > width && width > indent + 10) {
    const space = line.lastIndexOf(' ', width);
    const nextSpace = line.indexOf(' ', width);
    const wordEnd = nextSpace < 0 ? line.length : nextSpace;
    const at = space > indent && wordEnd - space <= LONG_WORD ? space : width;
    out.push(line.slice(0, at));
    line = ' '.repeat(indent) + line.slice(at).trimStart();
  }
  out.push(cut(line, width));
  return out;
}

/** Long descriptions continue on indented lines instead of being cut off. */
export function wrapLines(lines: readonly string[], width: number, indent = 27): string[] {
  const out: string[] = [];
  for (let line of lines) {
    while (line.length > width && width > indent + 10) {
      const room = line.lastIndexOf(' ', width);
      const at = room > indent ? room : width;
      out.push(line.slice(0, at));
      line = ' '.repeat(indent) + line.slice(at).trimStart();
    }
    out.push(cut(line, width));
  }
  return out;
}
