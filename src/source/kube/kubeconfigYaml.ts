// The block-style YAML that kubectl and `podscope sim serve` write for a kubeconfig, read
// without the yaml library: its first parseDocument() of a start cost ~10 ms of CPU on this
// machine (its parser's functions compiled on first use), about as much as the rest of
// reading the kubeconfig. Only a strict subset is read here — block mappings and sequences,
// plain scalars, simple quoted strings, `{}` and `[]`, comment lines — and anything else
// (flow collections, anchors, tags, multi-line or escaped strings, a comment after a value,
// duplicate keys, tabs, documents markers, odd indentation) answers undefined, so the caller
// parses the file with the yaml library as before (and reports its errors as before). What
// it does read, it reads as the yaml library's core schema does (test: the same values).

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

interface Line {
  indent: number;
  text: string;
}

class NotSimple extends Error {}

const KEY = /^([A-Za-z0-9_][A-Za-z0-9_./-]*):(?: +(.*))?$/;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** Plain scalars starting with these are YAML syntax (or need a closer look): not read here. `-`, `?` and `:` start a plain scalar when a non-space follows (`--flag`). */
const INDICATOR = /^(?:[,[\]{}#&*!|>'"%@`]|[-?:](?!\S))/;

/** The value of the YAML text, or undefined when it is not in the subset read here. */
export function parseSimpleYaml(text: string): Value | undefined {
  if (text.includes('\t') || text.startsWith('\uFEFF')) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const body = line.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    if (line.startsWith('---') || line.startsWith('...') || line.startsWith('%')) return undefined;
    if (body.endsWith(' ')) return undefined; // trailing spaces: left to the library
    lines.push({ indent: line.length - body.length, text: body });
  }
  if (lines.length === 0) return null;
  try {
    const state = { at: 0 };
    const value = block(lines, state, lines[0]!.indent);
    return state.at === lines.length ? value : undefined;
  } catch (err) {
    if (err instanceof NotSimple) return undefined;
    throw err;
  }
}

function isItem(line: Line | undefined): boolean {
  return line !== undefined && (line.text === '-' || line.text.startsWith('- '));
}

function block(lines: Line[], state: { at: number }, indent: number): Value {
  return isItem(lines[state.at]) ? sequence(lines, state, indent) : mapping(lines, state, indent);
}

function mapping(lines: Line[], state: { at: number }, indent: number): Value {
  const out: { [key: string]: Value } = {};
  const seen = new Set<string>();
  for (let line = lines[state.at]; line && line.indent === indent && !isItem(line); line = lines[state.at]) {
    const m = KEY.exec(line.text);
    if (!m) throw new NotSimple();
    const key = m[1]!;
    if (seen.has(key) || key === '__proto__') throw new NotSimple();
    seen.add(key);
    state.at++;
    const next = lines[state.at];
    if (m[2] !== undefined && m[2] !== '') {
      out[key] = scalar(m[2]);
      if (next && next.indent > indent) throw new NotSimple();
    } else if (next && next.indent > indent) {
      out[key] = block(lines, state, next.indent);
    } else if (next && next.indent === indent && isItem(next)) {
      out[key] = sequence(lines, state, indent); // `key:` then `- …` at the key's own column
    } else {
      out[key] = null;
    }
  }
  const after = lines[state.at];
  if (after && after.indent > indent) throw new NotSimple();
  return out;
}

function sequence(lines: Line[], state: { at: number }, indent: number): Value {
  const out: Value[] = [];
  for (let line = lines[state.at]; line && line.indent === indent && isItem(line); line = lines[state.at]) {
    const rest = line.text.slice(1).trimStart();
    if (rest === '') {
      state.at++;
      const next = lines[state.at];
      out.push(next && next.indent > indent ? block(lines, state, next.indent) : null);
    } else if (isItem({ indent: 0, text: rest })) {
      throw new NotSimple(); // `- - x`
    } else if (KEY.test(rest)) {
      // `- key: value`: a mapping whose keys stand at the column of this first key.
      const column = indent + (line.text.length - rest.length);
      lines[state.at] = { indent: column, text: rest };
      out.push(mapping(lines, state, column));
    } else {
      state.at++;
      out.push(scalar(rest));
      const next = lines[state.at];
      if (next && next.indent > indent) throw new NotSimple();
    }
  }
  const after = lines[state.at];
  if (after && after.indent > indent) throw new NotSimple();
  return out;
}

function scalar(text: string): Value {
  if (text === '{}') return {};
  if (text === '[]') return [];
  const dq = /^"([^"\\]*)"$/.exec(text);
  if (dq) return dq[1]!;
  const sq = /^'((?:[^']|'')*)'$/.exec(text);
  if (sq) return sq[1]!.replaceAll("''", "'");
  if (INDICATOR.test(text) || text.includes(': ') || text.includes(' #') || text.endsWith(':')) throw new NotSimple();
  if (/^(?:null|Null|NULL|~)$/.test(text)) return null;
  if (/^(?:true|True|TRUE)$/.test(text)) return true;
  if (/^(?:false|False|FALSE)$/.test(text)) return false;
  if (INT.test(text)) {
    if (text.replace(/^[-+]/, '').length > 15) throw new NotSimple();
    return Number(text);
  }
  if (FLOAT.test(text)) return Number(text);
  // The core schema's other numbers (0x1F, 0o17, .inf, .nan): the library. Anything else
  // is a string, digits first or not (a token such as 8hi-sso…, an address such as 10.0.0.1).
  if (/^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/.test(text)) throw new NotSimple();
  return text;
}
