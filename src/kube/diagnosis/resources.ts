// Requests and allocatable as numbers (millicores, bytes), and back to words.
import { cpuMillis, memoryBytes } from '../quantity.js';
import type { Container, Node, Pod } from '../types.js';

export interface Amounts {
  cpu: number;
  memory: number;
}

/** A malformed quantity (the pod list must never throw) counts as nothing. */
function safe(read: (q: string | number) => number, q: string | number | undefined): number {
  if (q === undefined) return 0;
  try {
    return read(q);
  } catch {
    return 0;
  }
}

function requestsOf(c: Container): Amounts {
  const r = (c.resources?.requests ?? {}) as Record<string, string | number | undefined>;
  const l = (c.resources?.limits ?? {}) as Record<string, string | number | undefined>;
  // A limit with no request sets the request (the apiserver defaults it so).
  return { cpu: safe(cpuMillis, r.cpu ?? l.cpu), memory: safe(memoryBytes, r.memory ?? l.memory) };
}

/** The scheduler's view of a pod's request: its containers and sidecars, or the largest regular init container with the sidecars, whichever is more. */
export function podRequests(pod: Pod): Amounts {
  const sum: Amounts = { cpu: 0, memory: 0 };
  let sidecars: Amounts = { cpu: 0, memory: 0 };
  let init: Amounts = { cpu: 0, memory: 0 };
  for (const c of pod.spec?.initContainers ?? []) {
    const r = requestsOf(c);
    if (c.restartPolicy === 'Always') sidecars = { cpu: sidecars.cpu + r.cpu, memory: sidecars.memory + r.memory };
    else init = { cpu: Math.max(init.cpu, r.cpu + sidecars.cpu), memory: Math.max(init.memory, r.memory + sidecars.memory) };
  }
  for (const c of pod.spec?.containers ?? []) {
    const r = requestsOf(c);
    sum.cpu += r.cpu;
    sum.memory += r.memory;
  }
  const overhead = (pod.spec?.overhead ?? {}) as Record<string, string | number | undefined>;
  return {
    cpu: Math.max(sum.cpu + sidecars.cpu, init.cpu) + safe(cpuMillis, overhead.cpu),
    memory: Math.max(sum.memory + sidecars.memory, init.memory) + safe(memoryBytes, overhead.memory),
  };
}

export function nodeAllocatable(node: Node): Amounts {
  const a = (node.status?.allocatable ?? node.status?.capacity ?? {}) as Record<string, string | number | undefined>;
  return { cpu: safe(cpuMillis, a.cpu), memory: safe(memoryBytes, a.memory) };
}

/** `3`, `500m`, `1.5`. */
export function formatCpu(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** `1Gi`, `128Mi`, `1500Ki`, else bytes. */
export function formatMemory(bytes: number): string {
  for (const [unit, size] of [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)}Mi`;
  return String(bytes);
}
