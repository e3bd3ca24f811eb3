// kubectl's GetPodQOS: status.qosClass when the server set it, else computed from the spec
// (pod-level resources when present, otherwise containers plus init containers; cpu and memory only).
import type { Pod } from '../types.js';
import { parseQuantity } from './quantity.js';

type ResourceList = { [name: string]: string } | undefined;
type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = new Set(['cpu', 'memory']);

/** Adds the positive cpu/memory quantities of `from` into `into`; returns which names were positive. */
function accumulate(into: Map<string, bigint>, from: ResourceList): Set<string> {
  const positive = new Set<string>();
  for (const [name, raw] of Object.entries(from ?? {})) {
    if (!QOS_RESOURCES.has(name)) continue;
    const nanos = parseQuantity(raw)?.nanos ?? 0n;
    if (nanos <= 0n) continue;
    positive.add(name);
    into.set(name, (into.get(name) ?? 0n) + nanos);
  }
  return positive;
}

export function podQosClass(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  return computePodQos(pod);
}

export function computePodQos(pod: Pod): QosClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const sources = pod.spec?.resources
    ? [pod.spec.resources]
    : [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].map((c) => c.resources ?? {});
  const podLevel = pod.spec?.resources !== undefined;
  for (const r of sources) {
    accumulate(requests, r.requests);
    if (podLevel && r.limits === undefined) continue;
    const limited = accumulate(limits, r.limits);
    if (!limited.has('cpu') || !limited.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
