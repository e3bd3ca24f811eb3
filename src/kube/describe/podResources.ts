// kubectl's resourcehelper.PodRequestsAndLimits (pkg/util/resource): a pod's requests and
// limits as quantities, summed over app containers and sidecars, the max with each init
// container's, plus the pod overhead; sums keep the format of the first term, as
// resource.Quantity.Add does, so they print as kubectl prints them.
import { toQuantity, type Quantity } from '../quantity.js';
import type { Container, ContainerStatus, Pod } from '../types.js';

export type QuantityList = Map<string, Quantity>;
type Wire = { [name: string]: string } | undefined;

function toList(wire: Wire): QuantityList {
  const out: QuantityList = new Map();
  for (const [name, q] of Object.entries(wire ?? {})) {
    try {
      out.set(name, toQuantity(q));
    } catch {
      // A quantity the apiserver would not have stored: left out.
    }
  }
  return out;
}

export function addList(list: QuantityList, add: QuantityList): void {
  for (const [name, q] of add) {
    const have = list.get(name);
    list.set(name, have ? { nanos: have.nanos + q.nanos, format: have.format } : { ...q });
  }
}

function maxList(list: QuantityList, other: QuantityList): void {
  for (const [name, q] of other) {
    const have = list.get(name);
    if (!have || q.nanos > have.nanos) list.set(name, { ...q });
  }
}

function containerRequests(c: Container, status: ContainerStatus | undefined): QuantityList {
  const reqs = toList(c.resources?.requests as Wire);
  if (status?.resources) {
    maxList(reqs, toList(status.resources.requests as Wire));
    maxList(reqs, toList(status.allocatedResources as Wire));
  }
  return reqs;
}

function podRequests(pod: Pod): QuantityList {
  const reqs: QuantityList = new Map();
  const statuses = new Map<string, ContainerStatus>();
  for (const s of pod.status?.containerStatuses ?? []) statuses.set(s.name, s);
  for (const s of pod.status?.initContainerStatuses ?? []) statuses.set(s.name, s);
  for (const c of pod.spec?.containers ?? []) addList(reqs, containerRequests(c, statuses.get(c.name)));
  const sidecars: QuantityList = new Map();
  const init: QuantityList = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    let these: QuantityList;
    if (c.restartPolicy === 'Always') {
      const r = containerRequests(c, statuses.get(c.name));
      addList(reqs, r);
      addList(sidecars, r);
      these = sidecars;
    } else {
      these = new Map();
      addList(these, toList(c.resources?.requests as Wire));
      addList(these, sidecars);
    }
    maxList(init, these);
  }
  maxList(reqs, init);
  if (pod.spec?.overhead) addList(reqs, toList(pod.spec.overhead as Wire));
  return reqs;
}

function podLimits(pod: Pod): QuantityList {
  const limits: QuantityList = new Map();
  for (const c of pod.spec?.containers ?? []) addList(limits, toList(c.resources?.limits as Wire));
  const sidecars: QuantityList = new Map();
  const init: QuantityList = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    let these: QuantityList;
    const l = toList(c.resources?.limits as Wire);
    if (c.restartPolicy === 'Always') {
      addList(limits, l);
      addList(sidecars, l);
      these = sidecars;
    } else {
      these = new Map();
      addList(these, l);
      addList(these, sidecars);
    }
    maxList(init, these);
  }
  maxList(limits, init);
  for (const [name, q] of toList(pod.spec?.overhead as Wire)) {
    const have = limits.get(name);
    if (have && have.nanos !== 0n) limits.set(name, { nanos: have.nanos + q.nanos, format: have.format });
  }
  return limits;
}

export function podRequestsAndLimits(pod: Pod): { requests: QuantityList; limits: QuantityList } {
  return { requests: podRequests(pod), limits: podLimits(pod) };
}
