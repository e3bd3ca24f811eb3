// The downward API as environment values (k/k pkg/kubelet/kubelet_pods.go
// podFieldSelectorRuntimeValue, pkg/fieldpath ExtractFieldPathAsString, and
// pkg/api/v1/resource ExtractContainerResourceValue): what a fieldRef or resourceFieldRef
// resolves to when the container is created. An unsupported path gives undefined (the
// apiserver's validation refuses those before a pod is stored).
import { cpuMillis, memoryBytes, parseQuantity } from '../../kube/quantity.js';
import type { Container, Pod } from '../../kube/types.js';

export interface DownwardSource {
  readonly pod: Pod;
  readonly podIP: string;
  readonly hostIP: string;
  /** The node's allocatable resources: a limit left unset resolves to them. */
  readonly allocatable: Readonly<Record<string, string>> | undefined;
}

/** `k1="v1"\nk2="v2"`, sorted by key (fieldpath.FormatMap). */
function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(m![k])}`)
    .join('\n');
}

const SUBSCRIPT = /^metadata\.(labels|annotations)\['(.+)'\]$/;

export function fieldRefValue(src: DownwardSource, fieldPath: string): string | undefined {
  const { pod } = src;
  switch (fieldPath) {
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return src.hostIP;
    case 'status.podIP':
    case 'status.podIPs':
      return src.podIP;
    case 'metadata.name':
      return pod.metadata?.name ?? '';
    case 'metadata.namespace':
      return pod.metadata?.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata?.uid ?? '';
    case 'metadata.labels':
      return formatMap(pod.metadata?.labels);
    case 'metadata.annotations':
      return formatMap(pod.metadata?.annotations);
  }
  const m = SUBSCRIPT.exec(fieldPath);
  if (!m) return undefined;
  const map = m[1] === 'labels' ? pod.metadata?.labels : pod.metadata?.annotations;
  return map?.[m[2]!] ?? '';
}

type ResourceRef = { containerName?: string; resource: string; divisor?: string | number };

/** ExtractContainerResourceValue: cpu rounds up to whole divisors, the rest rounds up too. */
export function resourceFieldValue(src: DownwardSource, self: Container, ref: ResourceRef): string | undefined {
  const c = ref.containerName ? (src.pod.spec?.containers?.find((x) => x.name === ref.containerName) ?? self) : self;
  const [kind, name] = ref.resource.split('.') as [string, string | undefined];
  if (!name || (kind !== 'limits' && kind !== 'requests')) return undefined;
  const set = kind === 'limits' ? c.resources?.limits : c.resources?.requests;
  let q: string | number | undefined = set?.[name];
  // An unset limit is the node's allocatable; an unset request is 0 (or the limit, defaulted by the apiserver).
  if (q === undefined && kind === 'limits') q = src.allocatable?.[name];
  if (q === undefined) q = 0;
  const divisor = ref.divisor ?? '1';
  if (name === 'cpu') {
    const d = cpuMillis(divisor) || 1000;
    return String(Math.ceil(cpuMillis(q) / d));
  }
  if (name === 'memory') return String(Math.ceil(memoryBytes(q) / (memoryBytes(divisor) || 1)));
  return String(Math.ceil(parseQuantity(q) / (parseQuantity(divisor) || 1)));
}

/**
 * `$(VAR)` references in a value (third_party/forked/golang/expansion): replaced when VAR is
 * known, left as written otherwise; `$$` is a literal `$`.
 */
export function expandEnvRefs(value: string, lookup: (name: string) => string | undefined): string {
  if (!value.includes('$')) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch !== '$' || i + 1 >= value.length) {
      out += ch;
      continue;
    }
    const next = value[i + 1]!;
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const end = value.indexOf(')', i + 2);
      if (end < 0) {
        out += value.slice(i);
        break;
      }
      const name = value.slice(i + 2, end);
      const v = lookup(name);
      out += v ?? `$(${name})`;
      i = end;
    } else {
      out += '$' + next;
      i++;
    }
  }
  return out;
}
