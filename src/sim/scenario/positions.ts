// Maps an object field path (`spec.containers[0].resources.requests[cpu]`) to the place in the
// YAML source that a person should look at: the value when it exists, else the nearest
// enclosing node that does (a missing `image` points at its container).
import { isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

export type PathSegment = string | number;

export interface SourcePosition {
  line: number;
  column: number;
}

/** Splits the apiserver's field notation: `a.b[0].c[key.with.dots]` → ['a','b',0,'c','key.with.dots']. */
export function parseFieldPath(field: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  let word = '';
  const flush = (): void => {
    if (word) out.push(word);
    word = '';
  };
  while (i < field.length) {
    const ch = field[i]!;
    if (ch === '.') {
      flush();
      i++;
    } else if (ch === '[') {
      flush();
      const end = field.indexOf(']', i);
      const inner = end < 0 ? field.slice(i + 1) : field.slice(i + 1, end);
      out.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = end < 0 ? field.length : end + 1;
    } else {
      word += ch;
      i++;
    }
  }
  flush();
  return out;
}

/**
 * The deepest node along `path` under `root`: a scalar value itself, a collection at its key
 * (where the eye finds it); with `at: 'key'` the last segment's key even for a scalar.
 */
export function locate(root: Node | null | undefined, path: readonly PathSegment[], lines: LineCounter, at: 'value' | 'key' = 'value'): SourcePosition {
  let node: Node | null | undefined = root;
  let anchor: number | undefined = root?.range?.[0];
  for (const [depth, seg] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const value = pair.value as Node | null;
      const keyStart = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      // A scalar value is pointed at itself; a nested block at its key, where the eye finds it.
      const wantKey = at === 'key' && depth === path.length - 1;
      anchor = isScalar(value) && !wantKey ? (value.range?.[0] ?? keyStart) : (keyStart ?? anchor);
      node = value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      anchor = item.range?.[0] ?? anchor;
      node = item;
    } else {
      break;
    }
  }
  const pos = lines.linePos(anchor ?? 0);
  return { line: pos.line, column: pos.col };
}
