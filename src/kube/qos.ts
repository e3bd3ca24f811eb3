// Pod QoS class (k/k pkg/apis/core/helper/qos/qos.go GetPodQOS/ComputePodQOS, 1.33).
// Only cpu and memory count, and only amounts above zero. Requests and limits are summed
// over containers and init containers; Guaranteed needs cpu and memory limits on every
// container and the summed requests equal to the summed limits. The apiserver defaults a
// missing request to its limit before this runs; pods here may not have been defaulted,
// so the same defaulting is applied per container first.
// Pod-level resources (spec.resources, feature gate PodLevelResources, off by default in
// 1.33) replace the containers' when enabled: the apiserver checks the gate, kubectl (which
// cannot) uses them whenever they are present.
import { quantityNanos } from './quantity.js';
import type { Pod } from './types.js';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'] as const;

type ResourceList = Record<string, string> | undefined;
interface Resources {
  requests?: ResourceList;
  limits?: ResourceList;
}

export interface QosOptions {
  /** Compute from spec.resources when the pod has them (kubectl's view). Default false. */
  podLevelResources?: boolean;
}

function addPositive(sums: Map<string, bigint>, name: string, quantity: string | undefined): boolean {
  if (quantity === undefined) return false;
  const nanos = quantityNanos(quantity);
  if (nanos <= 0n) return false;
  sums.set(name, (sums.get(name) ?? 0n) + nanos);
  return true;
}

/** Adds one container's (or the pod's) cpu/memory to the sums; true when both limits are set above zero. */
function addResources(r: Resources | undefined, requests: Map<string, bigint>, limits: Map<string, bigint>): boolean {
  const req = r?.requests;
  const lim = r?.limits;
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
export function computeQosClass(pod: Pod, options: QosOptions = {}): QosClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  const podResources = options.podLevelResources ? pod.spec?.resources : undefined;
  const sources: (Resources | undefined)[] = podResources
    ? [podResources]
    : [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].map((c) => c.resources);
  let guaranteed = true;
  for (const r of sources) {
    if (!addResources(r, requests, limits)) guaranteed = false;
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
export function qosClass(pod: Pod, options: QosOptions = {}): QosClass {
  const recorded = pod.status?.qosClass;
  if (recorded === 'Guaranteed' || recorded === 'Burstable' || recorded === 'BestEffort') return recorded;
  return computeQosClass(pod, options);
}
