// Label selectors as apimachinery parses and matches them (pkg/labels/selector.go), with the
// same error texts, so a bad `?labelSelector=` gets the answer a real apiserver would give.
import { SelectorError } from '../selectorError.js';
import { labelKeyErrors, labelValueErrors } from '../validation.js';

export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt' | 'exists' | '!';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  /** Sorted and de-duplicated for in/notin, as sets.String.List() gives them. */
  readonly values: readonly string[];
}

export interface LabelSelector {
  readonly empty: boolean;
  readonly requirements: readonly LabelRequirement[];
  matches(labels: Record<string, string> | undefined): boolean;
  toString(): string;
}

/** The operator list in parseOperator's "expected:" message (binaryOperators). */
const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';


/** Go's %q for the strings selectors carry (ASCII in practice). */
const goQuote = (s: string): string => JSON.stringify(s);

/** Go's %#v of a []string, as field.Invalid prints a values slice. */
function goStringSlice(values: readonly string[] | null): string {
  if (values === null) return '[]string(nil)';
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

/** field.Invalid(...).Error(): `<path>: Invalid value: <value>: <detail>`. */
const invalid = (path: string, shownValue: string, detail: string): string =>
  `${path}: Invalid value: ${shownValue}: ${detail}`;

/** utilerrors.NewAggregate(...).Error(): one message alone, several de-duplicated in brackets. */
function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DECIMAL_INT = /^[+-]?\d+$/;

/** strconv.ParseInt(s, 10, 64), or undefined where Go returns an error. */
function parseInt64(s: string): bigint | undefined {
  if (!DECIMAL_INT.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/**
 * NewRequirement's checks. `values` is null for a nil slice (only from a spec's
 * matchExpressions without values), which Go prints differently from an empty one.
 */
function newRequirement(key: string, operator: LabelOperator, values: string[] | null): LabelRequirement {
  const errs: string[] = [];
  const keyErrs = labelKeyErrors(key);
  if (keyErrs.length) errs.push(invalid('key', goQuote(key), keyErrs.join('; ')));
  const vals = values ?? [];
  switch (operator) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errs.push(invalid('values', goStringSlice(values), "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errs.push(invalid('values', goStringSlice(values), 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) errs.push(invalid('values', goStringSlice(values), 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errs.push(invalid('values', goStringSlice(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
      vals.forEach((v, i) => {
        if (parseInt64(v) === undefined) {
          errs.push(invalid(`values[${i}]`, goQuote(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
  }
  vals.forEach((v, i) => {
    const valueErrs = labelValueErrors(v);
    if (valueErrs.length) errs.push(invalid(`values[${i}][${key}]`, goQuote(v), valueErrs.join('; ')));
  });
  if (errs.length) throw new SelectorError(aggregate(errs));
  return { key, operator, values: vals };
}

const hasOwn = (labels: Record<string, string>, key: string): boolean => Object.prototype.hasOwnProperty.call(labels, key);

function requirementMatches(r: LabelRequirement, labels: Record<string, string>): boolean {
  const present = hasOwn(labels, r.key);
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return present && r.values.includes(labels[r.key]!);
    case 'notin':
    case '!=':
      return !present || !r.values.includes(labels[r.key]!);
    case 'exists':
      return present;
    case '!':
      return !present;
    case 'gt':
    case 'lt': {
      if (!present || r.values.length !== 1) return false;
      const have = parseInt64(labels[r.key]!);
      const want = parseInt64(r.values[0]!);
      if (have === undefined || want === undefined) return false;
      return r.operator === 'gt' ? have > want : have < want;
    }
  }
}

function requirementString(r: LabelRequirement): string {
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.operator} (${[...r.values].sort().join(',')})`;
    case 'gt':
      return `${r.key}>${r.values.join(',')}`;
    case 'lt':
      return `${r.key}<${r.values.join(',')}`;
    default:
      return `${r.key}${r.operator}${[...r.values].sort().join(',')}`;
  }
}

const EMPTY_LABELS: Record<string, string> = {};

function makeLabelSelector(requirements: LabelRequirement[]): LabelSelector {
  // Sorted by key (stable) for a deterministic string, as parse() does.
  const reqs = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const text = reqs.map(requirementString).join(',');
  return {
    empty: reqs.length === 0,
    requirements: reqs,
    matches(labels) {
      const ls = labels ?? EMPTY_LABELS;
      for (const r of reqs) if (!requirementMatches(r, ls)) return false;
      return true;
    },
    toString: () => text,
  };
}

// The lexer: identifiers end at whitespace or one of the special symbols.
type TokenKind =
  | 'error'
  | 'end'
  | ')'
  | ','
  | '!'
  | '=='
  | '='
  | '>'
  | 'ident'
  | 'in'
  | '<'
  | '!='
  | 'notin'
  | '(';

interface Token {
  kind: TokenKind;
  text: string;
}

const SYMBOL_TOKENS: ReadonlyMap<string, TokenKind> = new Map<string, TokenKind>([
  [')', ')'],
  [',', ','],
  ['!', '!'],
  ['==', '=='],
  ['=', '='],
  ['>', '>'],
  ['<', '<'],
  ['!=', '!='],
  ['(', '('],
]);

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string): boolean => '=!(),><'.includes(ch);

function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  for (;;) {
    while (pos < input.length && isWhitespace(input[pos]!)) pos++;
    if (pos >= input.length) {
      tokens.push({ kind: 'end', text: '' });
      return tokens;
    }
    if (isSpecial(input[pos]!)) {
      // Longest run of symbols that still forms a token ("!=", "==").
      let buffer = '';
      let last: Token | undefined;
      while (pos < input.length && isSpecial(input[pos]!)) {
        buffer += input[pos];
        const kind = SYMBOL_TOKENS.get(buffer);
        if (kind) last = { kind, text: buffer };
        else if (last) break;
        pos++;
      }
      tokens.push(last ?? { kind: 'error', text: `error expected: keyword found '${buffer}'` });
    } else {
      const start = pos;
      while (pos < input.length && !isSpecial(input[pos]!) && !isWhitespace(input[pos]!)) pos++;
      const word = input.slice(start, pos);
      tokens.push({ kind: word === 'in' ? 'in' : word === 'notin' ? 'notin' : 'ident', text: word });
    }
  }
}

class LabelParser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  /** In value context the keywords in/notin are plain identifiers. */
  private asValue(t: Token): Token {
    return t.kind === 'in' || t.kind === 'notin' ? { kind: 'ident', text: t.text } : t;
  }
  private lookahead(valueContext = true): Token {
    const t = this.tokens[this.position]!;
    return valueContext ? this.asValue(t) : t;
  }
  private consume(valueContext = true): Token {
    const t = this.tokens[this.position++]!;
    return valueContext ? this.asValue(t) : t;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const t = this.lookahead();
      if (t.kind === 'ident' || t.kind === '!') {
        let r: LabelRequirement;
        try {
          r = this.parseRequirement();
        } catch (e) {
          throw new SelectorError(`unable to parse requirement: ${(e as Error).message}`);
        }
        requirements.push(r);
        const next = this.consume();
        if (next.kind === 'end') return requirements;
        if (next.kind === ',') {
          const after = this.lookahead();
          if (after.kind !== 'ident' && after.kind !== '!') {
            throw new SelectorError(`found '${after.text}', expected: identifier after ','`);
          }
        } else {
          throw new SelectorError(`found '${next.text}', expected: ',' or 'end of string'`);
        }
      } else if (t.kind === 'end') {
        return requirements;
      } else {
        throw new SelectorError(`found '${t.text}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): LabelRequirement {
    let t = this.consume();
    let notExists = false;
    if (t.kind === '!') {
      notExists = true;
      t = this.consume();
    }
    if (t.kind !== 'ident') throw new Error(`found '${t.text}', expected: identifier`);
    const key = t.text;
    const keyErrs = labelKeyErrors(key);
    if (keyErrs.length) throw new Error(invalid('<nil>', goQuote(key), keyErrs.join('; ')));
    const next = this.lookahead().kind;
    if (notExists) return newRequirement(key, '!', []);
    if (next === 'end' || next === ',') return newRequirement(key, 'exists', []);

    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, values);
  }

  private parseOperator(): LabelOperator {
    const t = this.consume(false);
    switch (t.kind) {
      case 'in':
        return 'in';
      case 'notin':
        return 'notin';
      case '=':
        return '=';
      case '==':
        return '==';
      case '!=':
        return '!=';
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      default:
        throw new Error(`found '${t.text}', expected: ${BINARY_OPERATORS}`);
    }
  }

  /** `(a,b,,c)` → the sorted set of values ("" included where commas leave gaps). */
  private parseValues(): string[] {
    const open = this.consume();
    if (open.kind !== '(') throw new Error(`found '${open.text}' expected: '('`);
    const first = this.lookahead();
    if (first.kind === ')') {
      this.consume();
      return [''];
    }
    if (first.kind !== 'ident' && first.kind !== ',') {
      throw new Error(`found '${first.text}', expected: ',', ')' or identifier`);
    }
    const set = this.parseIdentifiersList();
    if (this.consume().kind !== ')') throw new Error(`found '${first.text}', expected: ')'`);
    return [...set].sort();
  }

  private parseIdentifiersList(): Set<string> {
    const set = new Set<string>();
    for (;;) {
      const t = this.consume();
      if (t.kind === 'ident') {
        set.add(t.text);
        const after = this.lookahead();
        if (after.kind === ',') continue;
        if (after.kind === ')') return set;
        throw new Error(`found '${after.text}', expected: ',' or ')'`);
      } else if (t.kind === ',') {
        if (set.size === 0) set.add('');
        const after = this.lookahead().kind;
        if (after === ')') {
          set.add('');
          return set;
        }
        if (after === ',') set.add('');
      } else {
        throw new Error(`found '${t.text}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): string[] {
    const next = this.lookahead().kind;
    if (next === 'end' || next === ',') return [''];
    const t = this.consume();
    if (t.kind === 'ident') return [t.text];
    throw new Error(`found '${t.text}', expected: identifier`);
  }
}

/** labels.Parse: `=`, `==`, `!=`, `in (…)`, `notin (…)`, `key`, `!key`, `>`, `<`; comma = AND. */
export function parseLabelSelector(text: string): LabelSelector {
  return makeLabelSelector(new LabelParser(lex(text)).parse());
}

type SpecOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
const SPEC_OPERATORS: Readonly<Record<SpecOperator, LabelOperator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * metav1.LabelSelectorAsSelector, for controllers. An undefined or empty selector matches
 * everything (upstream maps a nil selector to Nothing, but our callers treat "no selector"
 * as "no restriction", as the brief asks).
 */
export function labelSelectorFromSpec(
  sel:
    | {
        matchLabels?: Record<string, string>;
        matchExpressions?: { key: string; operator: string; values?: string[] }[];
      }
    | undefined,
): LabelSelector {
  const requirements: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(sel?.matchLabels ?? {})) {
    requirements.push(newRequirement(key, '=', [value]));
  }
  for (const expr of sel?.matchExpressions ?? []) {
    const op = SPEC_OPERATORS[expr.operator as SpecOperator];
    if (!op) throw new SelectorError(`${goQuote(expr.operator)} is not a valid label selector operator`);
    const values = expr.values && expr.values.length ? [...expr.values] : null;
    requirements.push(newRequirement(expr.key, op, values));
  }
  return makeLabelSelector(requirements);
}
