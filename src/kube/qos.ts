// Pod QoS class (k/k pkg/apis/core/helper/qos/qos.go GetPodQOS/ComputePodQOS, 1.33).
// Only cpu and memory count, and only amounts above zero. Requests and limits are summed
// over containers and init containers; Guaranteed needs cpu and memory limits on every
// container and the summed requests equal to the summed limits. The apiserver defaults a
// missing request to its limit before this runs; pods here may not have been defaulted,
// so the same defaulting is applied per container first.
// Pod-level resources (feature gate PodLevelResources, off by default in 1.33) are ignored.
import { quantityNanos } from './quantity.js';
import type { Container, Pod } from './types.js';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'] as const;

type ResourceList = Record<string, string> | undefined;

function addPositive(sums: Map<string, bigint>, name: string, quantity: string | undefined): boolean {
  if (quantity === undefined) return false;
  const nanos = quantityNanos(quantity);
  if (nanos <= 0n) return false;
  sums.set(name, (sums.get(name) ?? 0n) + nanos);
  return true;
}

/** Adds one container's cpu/memory to the sums; true when it has both limits set above zero. */
function addContainer(c: Container, requests: Map<string, bigint>, limits: Map<string, bigint>): boolean {
  const req: ResourceList = c.resources?.requests;
  const lim: ResourceList = c.resources?.limits;
  let limitsFound = 0;
  for (const name of QOS_RESOURCES) {
    const limit = lim?.[name];
    // Defaulting (SetDefaults_Container): a missing request takes the limit's value.
    addPositive(requests, name, req?.[name] ?? limit);
    if (addPositive(limits, name, limit)) limitsFound++;
  }
  return limitsFound === QOS_RESOURCES.length;
}

/** ComputePodQOS: the class from the containers' resources alone. */
export function computeQosClass(pod: Pod): QosClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  for (const c of pod.spec?.containers ?? []) {
    if (!addContainer(c, requests, limits)) guaranteed = false;
  }
  for (const c of pod.spec?.initContainers ?? []) {
    if (!addContainer(c, requests, limits)) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, request] of requests) {
      if (limits.get(name) !== request) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** GetPodQOS: status.qosClass when the server has set it, else computed from the spec. */
export function qosClass(pod: Pod): QosClass {
  const recorded = pod.status?.qosClass;
  if (recorded === 'Guaranteed' || recorded === 'Burstable' || recorded === 'BestEffort') return recorded;
  return computeQosClass(pod);
}
