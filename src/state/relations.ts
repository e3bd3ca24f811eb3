// How objects relate, as k9s follows them: a workload's pods (its label selector), a node's
// pods (spec.nodeName), a Service's pods (its selector map), and an object's controller
// (the ownerReference with controller: true). Pure functions over the objects.
import { labelSelectorFromSpec, type LabelSelector } from '../kube/selectors.js';
import { errorText } from '../kube/errorText.js';
import type { Kind, KubeObject, Pod } from '../kube/types.js';

/** Which pods belong to an object: a namespace to watch and a test per pod. */
export interface PodScope {
  /** undefined: every namespace (a node's pods). */
  namespace: string | undefined;
  /** Plain words for the crumb: `selector app=web`, `on node kind-worker`. */
  label: string;
  matches(pod: Pod): boolean;
  /** A Service's pods: the list also shows whether each is in its endpoints. */
  service?: string;
}

interface WithSelector {
  spec?: { selector?: unknown; nodeName?: string };
}

const isStringMap = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

function selectorScope(namespace: string | undefined, selector: LabelSelector): PodScope {
  return { namespace, label: `selector ${selector.toString()}`, matches: (pod) => selector.matches(pod.metadata?.labels) };
}

/**
 * The pods of an object, or why it has none to show. Workloads (Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, Job) select by spec.selector as a LabelSelector; a Service by
 * its spec.selector map; a Node by spec.nodeName, in every namespace.
 */
export function podScopeOf(kind: Kind | string, obj: KubeObject): PodScope | string {
  const meta = obj.metadata ?? {};
  const name = meta.name ?? '';
  if (kind === 'Node') return { namespace: undefined, label: `on node ${name}`, matches: (pod) => pod.spec?.nodeName === name };
  const selector = (obj as WithSelector).spec?.selector;
  if (kind === 'Service') {
    if (!isStringMap(selector) || Object.keys(selector).length === 0) return `service ${name} has no selector: its endpoints are managed by hand`;
    return { ...selectorScope(meta.namespace, labelSelectorFromSpec({ matchLabels: selector })), service: name };
  }
  if (selector === undefined) return `a ${kind} has no pods to show`;
  try {
    const parsed = labelSelectorFromSpec(selector as Parameters<typeof labelSelectorFromSpec>[0]);
    if (parsed.empty) return `${kind.toLowerCase()} ${name} has an empty selector`;
    return selectorScope(meta.namespace, parsed);
  } catch (err) {
    return `${kind.toLowerCase()} ${name} has a selector podscope cannot use: ${errorText(err)}`;
  }
}

/** The kinds whose pods Enter shows. */
export const KINDS_WITH_PODS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'Node', 'Service']);

export interface OwnerRef {
  kind: string;
  name: string;
  namespace: string | undefined;
}

/** The object's controller (ownerReferences[controller=true]), else its first owner. */
export function ownerOf(obj: KubeObject): OwnerRef | undefined {
  const refs = obj.metadata?.ownerReferences ?? [];
  const ref = refs.find((r) => r.controller) ?? refs[0];
  if (!ref) return undefined;
  return { kind: ref.kind, name: ref.name, namespace: obj.metadata?.namespace };
}
