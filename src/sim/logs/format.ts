// Log lines as bytes on the wire, and the container a client picks when none is named.
import type { Pod } from '../../kube/types.js';
import type { LogLine } from './instance.js';
import { rfc3339Nano } from './timeFormat.js';

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** The kubelet's output: each line's text and a line break (none after a cut line), `timestamps` → `<RFC3339Nano> ` first. */
export function formatLogLines(lines: readonly LogLine[], timestamps: boolean): string {
  let out = '';
  for (const l of lines) {
    if (timestamps) out += `${rfc3339Nano(l.atMs)} `;
    out += l.text;
    if (!l.partial) out += '\n';
  }
  return out;
}

/**
 * The container kubectl reads when none is named: the one the default-container annotation
 * names (when the pod has it), else the only one; undefined when the pod has several.
 */
export function defaultContainerName(pod: Pod): string | undefined {
  const named = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  if (named && all.some((c) => c.name === named)) return named;
  const containers = pod.spec?.containers ?? [];
  return containers.length === 1 ? containers[0]!.name : undefined;
}
