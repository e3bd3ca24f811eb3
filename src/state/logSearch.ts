// The logs view's `/` pattern: a regular expression when it is one, else the literal text,
// matched case-insensitively; the ranges it covers in a line, for highlighting.

export interface LogPattern {
  text: string;
  /** Finds every match ("g"); reset lastIndex before each use. */
  regex: RegExp;
  /** The text was not a valid regular expression, so it is matched literally. */
  literal: boolean;
}

export function compileLogPattern(text: string): LogPattern | undefined {
  if (text === '') return undefined;
  try {
    return { text, regex: new RegExp(text, 'gi'), literal: false };
  } catch {
    return { text, regex: new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), literal: true };
  }
}

export function matches(p: LogPattern, line: string): boolean {
  p.regex.lastIndex = 0;
  return p.regex.test(line);
}

/** [start, end) of each non-empty match in the line. */
export function matchRanges(p: LogPattern, line: string): [number, number][] {
  const out: [number, number][] = [];
  p.regex.lastIndex = 0;
  for (let m = p.regex.exec(line); m !== null; m = p.regex.exec(line)) {
    if (m[0] === '') {
      p.regex.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}
