// Field selectors as apimachinery parses and matches them (pkg/fields/selector.go), and the
// apiserver's check that a kind can be selected on a field (its field label conversion).
import { SelectorError } from '../selectorError.js';

/** Go's %q for the strings selectors carry (ASCII in practice). */
const goQuote = (s: string): string => JSON.stringify(s);

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

export interface FieldSelector {
  readonly empty: boolean;
  readonly requirements: FieldRequirement[];
  matches(getField: (field: string) => string | undefined): boolean;
  toString(): string;
}

/** fields.EscapeValue: backslash, comma and equals sign get a backslash. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (ch) => `\\${ch}`);
}

function unescapeFieldValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value;
  let out = '';
  let inSlash = false;
  for (const ch of value) {
    if (inSlash) {
      if (ch !== '\\' && ch !== ',' && ch !== '=') {
        throw new SelectorError(`invalid field selector: invalid escape sequence: \\${ch}`);
      }
      out += ch;
      inSlash = false;
    } else if (ch === '\\') {
      inSlash = true;
    } else if (ch === ',' || ch === '=') {
      // Go prints the rune with %v, which is its number (61 for '=').
      throw new SelectorError(`invalid field selector: unescaped character in value: ${ch.codePointAt(0)}`);
    } else {
      out += ch;
    }
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Splits on commas that are not escaped with a backslash. */
function splitFieldTerms(text: string): string[] {
  if (text.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inSlash) inSlash = false;
    else if (ch === '\\') inSlash = true;
    else if (ch === ',') {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

/** The first operator occurrence, trying `!=`, `==`, `=` at each position. */
function splitFieldTerm(term: string): { field: string; op: '!=' | '==' | '='; rest: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return { field: term.slice(0, i), op, rest: term.slice(i + op.length) };
    }
  }
  return undefined;
}

function makeFieldSelector(requirements: FieldRequirement[]): FieldSelector {
  const text = requirements.map((r) => `${r.field}${r.op}${escapeFieldValue(r.value)}`).join(',');
  return {
    empty: requirements.length === 0,
    requirements,
    matches(getField) {
      // A field the object does not have reads as "" (fields.Set.Get).
      for (const r of requirements) {
        const actual = getField(r.field) ?? '';
        if ((actual === r.value) !== (r.op === '=')) return false;
      }
      return true;
    },
    toString: () => text,
  };
}

/** fields.ParseSelector: `=`, `==`, `!=` only; comma = AND; `\,` `\=` `\\` escapes in values. */
export function parseFieldSelector(text: string): FieldSelector {
  const terms = splitFieldTerms(text).sort();
  const requirements: FieldRequirement[] = [];
  for (const term of terms) {
    if (term === '') continue;
    const split = splitFieldTerm(term);
    if (!split) throw new SelectorError(`invalid selector: '${text}'; can't understand '${term}'`);
    const value = unescapeFieldValue(split.rest);
    // An empty field with an empty value transforms to Everything() upstream: dropped.
    if (split.field === '' && value === '') continue;
    requirements.push({ field: split.field, op: split.op === '!=' ? '!=' : '=', value });
  }
  return makeFieldSelector(requirements);
}

/** Kinds whose field label conversion upstream is hand-written (and says "not supported"). */
const KINDS_WITH_FIELD_CONVERSION = new Set(['Pod', 'Event', 'Node', 'Namespace', 'Secret', 'Service', 'ReplicationController']);

/**
 * The apiserver's field label check: throws for a field the kind cannot be selected on,
 * with the message the real conversion function gives (served as a 400 BadRequest).
 */
export function validateFieldSelector(
  kind: string,
  sel: FieldSelector,
  getField: (field: string) => string | undefined,
): void {
  for (const r of sel.requirements) {
    if (getField(r.field) !== undefined) continue;
    if (KINDS_WITH_FIELD_CONVERSION.has(kind)) throw new SelectorError(`field label not supported: ${r.field}`);
    throw new SelectorError(
      `${goQuote(r.field)} is not a known field selector: only "metadata.name", "metadata.namespace"`,
    );
  }
}
