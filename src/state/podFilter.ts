// The `/` filter language of the pod list (k9s-compatible):
//   text     case-insensitive regex over the row (a literal match when it is not a valid regex)
//   !text    the same, inverted
//   -l SEL   a Kubernetes label selector (app=web,tier!=db)
//   -f text  fuzzy: the letters of text appear in the pod name in order
import { parseLabelSelector, type LabelSelector } from '../kube/selectors.js';
import { errorText } from '../kube/errorText.js';

export interface FilterTarget {
  /** The row's text, lower-cased: namespace, name, ready, status, restarts, ip, node. */
  readonly searchText: string;
  readonly name: string;
  readonly labels: Record<string, string> | undefined;
}

export type FilterKind = 'none' | 'text' | 'regex' | 'label' | 'fuzzy';

export interface PodFilter {
  readonly query: string;
  readonly kind: FilterKind;
  readonly inverted: boolean;
  /** Plain words when the query cannot be used (a bad label selector); the filter then matches nothing. */
  readonly error?: string;
  matches(target: FilterTarget): boolean;
  /** Set when the filter is exactly "searchText contains this" (a text index can find its rows: textIndex.ts). */
  readonly literal?: string;
  /**
   * True when every row this filter accepts is also accepted by `previous`, so the new
   * result can be computed from the previous one instead of from every pod.
   */
  narrows(previous: PodFilter): boolean;
}

const REGEX_META = /[\\^$.*+?()[\]{}|]/;

export const NO_FILTER: PodFilter = {
  query: '',
  kind: 'none',
  inverted: false,
  matches: () => true,
  narrows: (previous) => previous.kind === 'none',
};

function fuzzyMatch(needle: string, haystack: string): boolean {
  let i = 0;
  for (let j = 0; j < haystack.length && i < needle.length; j++) {
    if (haystack[j] === needle[i]) i++;
  }
  return i === needle.length;
}

export function parsePodFilter(raw: string): PodFilter {
  const query = raw.trim();
  if (query === '') return NO_FILTER;
  if (query.startsWith('-l ') || query === '-l') {
    const text = query.slice(2).trim();
    let selector: LabelSelector;
    try {
      selector = parseLabelSelector(text);
    } catch (err) {
      const error = `label selector: ${errorText(err)}`;
      return { query, kind: 'label', inverted: false, error, matches: () => false, narrows: () => false };
    }
    return { query, kind: 'label', inverted: false, matches: (t) => selector.matches(t.labels), narrows: () => false };
  }
  if (query.startsWith('-f ') || query === '-f') {
    const needle = query.slice(2).trim().toLowerCase();
    return {
      query,
      kind: 'fuzzy',
      inverted: false,
      matches: (t) => fuzzyMatch(needle, t.name.toLowerCase()),
      // Adding letters to a fuzzy needle only removes matches.
      narrows: (previous) =>
        previous.kind === 'none' || (previous.kind === 'fuzzy' && fuzzyMatch(previous.query.slice(2).trim().toLowerCase(), needle)),
    };
  }
  const inverted = query.startsWith('!');
  const body = inverted ? query.slice(1) : query;
  if (body === '') return NO_FILTER;
  const lower = body.toLowerCase();
  let test: (t: FilterTarget) => boolean;
  let kind: FilterKind = 'text';
  let literal: string | undefined = lower;
  if (REGEX_META.test(body)) {
    try {
      const re = new RegExp(body, 'i');
      // The row starts with the namespace: NAME alone is tried too, so `^web` finds web-… pods.
      test = (t) => re.test(t.searchText) || re.test(t.name);
      kind = 'regex';
      literal = undefined;
    } catch {
      test = (t) => t.searchText.includes(lower);
    }
  } else {
    test = (t) => t.searchText.includes(lower);
  }
  return {
    query,
    kind,
    inverted,
    ...(literal !== undefined && !inverted ? { literal } : {}),
    matches: inverted ? (t) => !test(t) : test,
    narrows: (previous) => {
      if (previous.kind === 'none') return true;
      if (kind !== 'text' || previous.kind !== 'text' || previous.inverted !== inverted) return false;
      const prevBody = (previous.inverted ? previous.query.slice(1) : previous.query).toLowerCase();
      // A longer substring matches a subset; an inverted one excludes a superset of rows only when shorter.
      return inverted ? prevBody.includes(lower) : lower.includes(prevBody);
    },
  };
}
