// `kubectl describe node` (kubectl 1.33 describeNode, describeNodeLease, describeNodeResource),
// byte for byte: the node, its Lease, conditions, addresses, capacity, system info, its
// non-terminated pods with their requests and limits, and the totals against allocatable.
import { since } from '../duration.js';
import { formatQuantity, scaledQuantityValue, toQuantity as parse, type Quantity } from '../quantity.js';
import type { Event, Lease, Node, Pod, Taint } from '../types.js';
import { writeEvents } from './events.js';
import { writeAnnotations, writeLabels } from './metadata.js';
import { addList, podRequestsAndLimits, type QuantityList } from './podResources.js';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './prefixWriter.js';
import { formatTimestamp, localZone, type ZoneOffset } from './timeFormat.js';

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';
const ZERO: Quantity = { nanos: 0n, format: 'DecimalSI' };
const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** findNodeRoles: node-role.kubernetes.io/<role> labels and kubernetes.io/role, sorted. */
function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === ROLE_LABEL && v !== '') roles.add(v);
  }
  return [...roles].sort(byString);
}

/** Taint.ToString. */
function taintString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

function writeTaints(w: PrefixWriter, taints: readonly Taint[] | undefined): void {
  w.write(LEVEL_0, 'Taints:\t');
  if (!taints || taints.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...taints].sort((a, b) => byString(`${a.effect},${a.key}`, `${b.effect},${b.key}`));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

function writeLease(w: PrefixWriter, nodeName: string, lease: Lease | undefined, zone: ZoneOffset): void {
  if (!lease) {
    w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${nodeName}" not found\n`);
    return;
  }
  const spec = lease.spec ?? {};
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${spec.holderIdentity ?? '<unset>'}\n`);
  w.write(LEVEL_1, `AcquireTime:\t${spec.acquireTime ? formatTimestamp(spec.acquireTime, zone) : '<unset>'}\n`);
  w.write(LEVEL_1, `RenewTime:\t${spec.renewTime ? formatTimestamp(spec.renewTime, zone) : '<unset>'}\n`);
}

function writeResourceList(w: PrefixWriter, list: { [k: string]: string } | undefined): void {
  for (const name of Object.keys(list ?? {}).sort(byString)) w.write(LEVEL_0, `  ${name}:\t${quantityString(list![name]!)}\n`);
}

function quantityString(q: string): string {
  try {
    return formatQuantity(parse(q));
  } catch {
    return q;
  }
}

function list(wire: { [k: string]: string } | undefined): QuantityList {
  const out: QuantityList = new Map();
  for (const [k, v] of Object.entries(wire ?? {})) {
    try {
      out.set(k, parse(v));
    } catch {
      // not a quantity: left out
    }
  }
  return out;
}

const milli = (q: Quantity | undefined): number => scaledQuantityValue(q ?? ZERO, 3);
const value = (q: Quantity | undefined): number => scaledQuantityValue(q ?? ZERO, 0);
const str = (q: Quantity | undefined): string => formatQuantity(q ?? ZERO);

/** int64(float64(a) / float64(b) * 100), truncated toward zero; against nothing allocatable, 0 (kubectl would print Go's overflow value). */
function percent(a: number, b: number): number {
  if (b === 0) return 0;
  return Math.trunc((a / b) * 100);
}

function writeNodeResource(w: PrefixWriter, node: Node, pods: readonly Pod[], nowMs: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const alloc = list(Object.keys(node.status?.allocatable ?? {}).length > 0 ? (node.status!.allocatable as { [k: string]: string }) : (node.status?.capacity as { [k: string]: string } | undefined));
  const allocCpu = milli(alloc.get('cpu'));
  const allocMem = value(alloc.get('memory'));
  const totalReqs: QuantityList = new Map();
  const totalLimits: QuantityList = new Map();
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod);
    addList(totalReqs, requests);
    addList(totalLimits, limits);
    const cpuReq = requests.get('cpu');
    const cpuLim = limits.get('cpu');
    const memReq = requests.get('memory');
    const memLim = limits.get('memory');
    w.write(
      LEVEL_1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t${str(cpuReq)} (${percent(milli(cpuReq), allocCpu)}%)\t${str(cpuLim)} (${percent(milli(cpuLim), allocCpu)}%)\t${str(memReq)} (${percent(value(memReq), allocMem)}%)\t${str(memLim)} (${percent(value(memLim), allocMem)}%)\t${since(pod.metadata?.creationTimestamp, nowMs)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const allocEph = value(alloc.get('ephemeral-storage'));
  const row = (name: string, of: (q: Quantity | undefined) => number, total: number): void => {
    const r = totalReqs.get(name);
    const l = totalLimits.get(name);
    w.write(LEVEL_1, `${name}\t${str(r)} (${percent(of(r), total)}%)\t${str(l)} (${percent(of(l), total)}%)\n`);
  };
  row('cpu', milli, allocCpu);
  row('memory', value, allocMem);
  row('ephemeral-storage', value, allocEph);
  const names = [...alloc.keys()];
  const huge = names.filter((n) => n.startsWith('hugepages-')).sort(byString);
  const ext = names.filter((n) => !n.startsWith('hugepages-') && !STANDARD.has(n) && !n.startsWith('requests.') && !n.startsWith('limits.')).sort(byString);
  for (const name of huge) row(name, value, value(alloc.get(name)));
  for (const name of ext) w.write(LEVEL_1, `${name}\t${str(totalReqs.get(name))}\t${str(totalLimits.get(name))}\n`);
}

export function describeNode(node: Node, events: Event[], nowMs: number, pods: readonly Pod[], lease: Lease | undefined, zone: ZoneOffset = localZone): string {
  const w = new PrefixWriter();
  const meta = node.metadata ?? {};
  const spec = node.spec ?? {};
  const status = node.status ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  const roles = nodeRoles(node);
  w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, meta.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatTimestamp(meta.creationTimestamp, zone)}\n`);
  writeTaints(w, spec.taints);
  w.write(LEVEL_0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  writeLease(w, meta.name ?? '', lease, zone);
  const conditions = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${formatTimestamp(c.lastHeartbeatTime, zone)} \t${formatTimestamp(c.lastTransitionTime, zone)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  if (Object.keys(status.capacity ?? {}).length > 0) {
    w.write(LEVEL_0, 'Capacity:\n');
    writeResourceList(w, status.capacity as { [k: string]: string });
  }
  if (Object.keys(status.allocatable ?? {}).length > 0) {
    w.write(LEVEL_0, 'Allocatable:\n');
    writeResourceList(w, status.allocatable as { [k: string]: string });
  }
  const info = status.nodeInfo;
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
  if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
  if ((spec.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs!.join(',')}\n`);
  if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
  writeNodeResource(w, node, pods, nowMs);
  writeEvents(w, events, nowMs);
  return w.toString();
}
