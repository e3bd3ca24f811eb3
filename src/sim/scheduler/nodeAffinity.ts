// nodeSelector and requiredDuringSchedulingIgnoredDuringExecution node affinity
// (component-helpers nodeaffinity): terms are ORed, a term's requirements ANDed; a term
// that cannot be parsed, or has no requirements, matches nothing.
import type { Node, Pod } from '../../kube/types.js';

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

interface Term {
  matchExpressions?: Requirement[];
  matchFields?: Requirement[];
}

export type NodeMatcher = (node: Node) => boolean;

const INTEGER = /^[+-]?\d+$/;

function matchesRequirement(r: Requirement, value: string | undefined): boolean | undefined {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      if (values.length === 0) return undefined;
      return value !== undefined && values.includes(value);
    case 'NotIn':
      if (values.length === 0) return undefined;
      return value === undefined || !values.includes(value);
    case 'Exists':
      if (values.length > 0) return undefined;
      return value !== undefined;
    case 'DoesNotExist':
      if (values.length > 0) return undefined;
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1 || !INTEGER.test(values[0]!)) return undefined;
      if (value === undefined || !INTEGER.test(value)) return false;
      const have = BigInt(value);
      const want = BigInt(values[0]!);
      return r.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return undefined;
  }
}

function termMatches(term: Term, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  for (const r of exprs) {
    if (matchesRequirement(r, labels[r.key]) !== true) return false;
  }
  for (const r of fields) {
    if (r.key !== 'metadata.name' || (r.operator !== 'In' && r.operator !== 'NotIn')) return false;
    if (matchesRequirement(r, node.metadata?.name) !== true) return false;
  }
  return true;
}

/** Whether a node matches any of NodeSelectorTerms (a PersistentVolume's nodeAffinity.required). */
export function nodeSelectorTermsMatch(terms: readonly Term[], node: Node): boolean {
  return terms.some((t) => termMatches(t, node));
}

function requiredTerms(pod: Pod): Term[] | undefined {
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return required ? ((required.nodeSelectorTerms ?? []) as Term[]) : undefined;
}

/** GetRequiredNodeAffinity: nodeSelector AND required affinity; undefined when neither is set. */
export function requiredNodeMatcher(pod: Pod): NodeMatcher | undefined {
  const selector = pod.spec?.nodeSelector;
  const terms = requiredTerms(pod);
  if (!selector && !terms) return undefined;
  const selectorEntries = Object.entries(selector ?? {});
  return (node) => {
    const labels = node.metadata?.labels ?? {};
    for (const [k, v] of selectorEntries) if (labels[k] !== v) return false;
    return terms === undefined || terms.some((t) => termMatches(t, node));
  };
}

/**
 * NodeAffinity's PreFilter: when every term pins metadata.name with In (DaemonSet pods), only
 * those nodes are evaluated. An empty set means the terms conflict.
 */
export function preFilterNodeNames(pod: Pod): Set<string> | undefined {
  const terms = requiredTerms(pod);
  if (!terms || terms.length === 0) return undefined;
  let names: Set<string> | undefined;
  for (const term of terms) {
    let termNames: Set<string> | undefined;
    for (const r of term.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      termNames = termNames === undefined ? s : new Set([...termNames].filter((n) => s.has(n)));
    }
    if (termNames === undefined) return undefined;
    names = new Set([...(names ?? []), ...termNames]);
  }
  return names;
}
