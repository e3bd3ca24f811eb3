// The usage columns k9s shows beside a pod or node (internal/render/pod.go, node.go): CPU in
// millicores, MEM in MiB, and usage as a whole percentage of requests, limits or
// allocatable ("n/a" when there is none). Pure: from metrics objects and specs.
import type { NodeMetricsUsage, PodMetricsUsage, ResourceUsage } from './metricsTypes.js';
import { ceilDivInteger, integerQuantity } from './integerQuantity.js';
import { quantityNanos, tryParseQuantity } from './quantity.js';
import type { Container, Node, Pod } from './types.js';

/** Quantity.MilliValue() of cpu and Value() of memory (both rounded up), summed. */
export interface Usage {
  cpuMillis: number;
  memBytes: number;
}

export const NA = 'n/a';

const NANO = 1_000_000_000n;

function ceilDiv(a: bigint, b: bigint): number {
  return Number(a <= 0n ? 0n : (a + b - 1n) / b);
}

function nanosOf(q: string | undefined): bigint {
  if (q === undefined || tryParseQuantity(q) === undefined) return 0n;
  return quantityNanos(q);
}

/** Each item's usage, summed exactly; cpu rounded up to millicores and memory to bytes once summed. */
function exactUsageOf<T>(items: readonly T[], usageOf: (item: T) => ResourceUsage | undefined): Usage {
  let cpu = 0n;
  let mem = 0n;
  for (const item of items) {
    const u = usageOf(item);
    cpu += nanosOf(u?.cpu);
    mem += nanosOf(u?.memory);
  }
  return { cpuMillis: ceilDiv(cpu, 1_000_000n), memBytes: ceilDiv(mem, NANO) };
}

/**
 * The same sums in nanocores and bytes as safe integers, where every quantity is plain digits
 * and a suffix (src/kube/integerQuantity.ts); the exact BigInt path for anything else.
 */
function sumUsage<T>(items: readonly T[], usageOf: (item: T) => ResourceUsage | undefined): Usage {
  let cpuNanos = 0;
  let memBytes = 0;
  for (const item of items) {
    const u = usageOf(item);
    const cpu = u?.cpu === undefined ? 0 : integerQuantity(u.cpu, 9);
    const mem = u?.memory === undefined ? 0 : integerQuantity(u.memory, 0);
    if (cpu === undefined || mem === undefined) return exactUsageOf(items, usageOf);
    cpuNanos += cpu;
    memBytes += mem;
  }
  if (!Number.isSafeInteger(cpuNanos) || !Number.isSafeInteger(memBytes)) return exactUsageOf(items, usageOf);
  return { cpuMillis: ceilDivInteger(cpuNanos, 1_000_000), memBytes };
}

const NO_CONTAINERS: readonly { usage?: ResourceUsage }[] = [];
const containerUsage = (c: { usage?: ResourceUsage }): ResourceUsage | undefined => c.usage;
const itself = (u: ResourceUsage | undefined): ResourceUsage | undefined => u;

export function podMetricsUsage(m: PodMetricsUsage): Usage {
  return sumUsage(m.containers ?? NO_CONTAINERS, containerUsage);
}

export function nodeMetricsUsage(m: NodeMetricsUsage): Usage {
  return sumUsage([m.usage], itself);
}

export interface RequestsLimits {
  cpuRequest: number;
  cpuLimit: number;
  memRequest: number;
  memLimit: number;
}

function millis(q: string | undefined): number {
  return q === undefined ? 0 : ceilDiv(nanosOf(q), 1_000_000n);
}
function bytes(q: string | undefined): number {
  return q === undefined ? 0 : ceilDiv(nanosOf(q), NANO);
}

/** A container's requests, or its limits when it requests nothing (what the apiserver would default). */
function requestsOf(c: Container): Record<string, string> | undefined {
  const r = c.resources?.requests;
  if (r && Object.keys(r).length > 0) return r as Record<string, string>;
  const l = c.resources?.limits;
  return l && Object.keys(l).length > 0 ? (l as Record<string, string>) : undefined;
}

/** Summed over the app containers and sidecars (restartable init containers), as k9s sums them. */
export function podRequestsLimits(pod: Pod): RequestsLimits {
  const out: RequestsLimits = { cpuRequest: 0, cpuLimit: 0, memRequest: 0, memLimit: 0 };
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...sidecars, ...(pod.spec?.containers ?? [])]) {
    const req = requestsOf(c);
    out.cpuRequest += millis(req?.cpu);
    out.memRequest += bytes(req?.memory);
    const lim = c.resources?.limits as Record<string, string> | undefined;
    out.cpuLimit += millis(lim?.cpu);
    out.memLimit += bytes(lim?.memory);
  }
  return out;
}

/** Millicores as k9s prints them ("0" for none). */
export function toMc(millis: number): string {
  return String(Math.trunc(millis));
}

/** Whole MiB, rounded down, as k9s prints them. */
export function toMi(bytes: number): string {
  return String(Math.floor(bytes / (1024 * 1024)));
}

/** Whole percent, rounded down; "n/a" against nothing. */
export function percentOf(value: number, total: number): string {
  if (total === 0) return NA;
  return String(Math.floor((value / total) * 100));
}

export interface PodUsageCells {
  cpu: string;
  mem: string;
  cpuOfRequest: string;
  cpuOfLimit: string;
  memOfRequest: string;
  memOfLimit: string;
}

/** A pod without metrics (not running) counts as using nothing, as k9s shows it. */
export function podUsageCells(usage: Usage | undefined, rl: RequestsLimits): PodUsageCells {
  const u = usage ?? { cpuMillis: 0, memBytes: 0 };
  return {
    cpu: toMc(u.cpuMillis),
    mem: toMi(u.memBytes),
    cpuOfRequest: percentOf(u.cpuMillis, rl.cpuRequest),
    cpuOfLimit: percentOf(u.cpuMillis, rl.cpuLimit),
    memOfRequest: percentOf(u.memBytes, rl.memRequest),
    memOfLimit: percentOf(u.memBytes, rl.memLimit),
  };
}

export interface NodeUsageCells {
  cpu: string;
  cpuOfAllocatable: string;
  mem: string;
  memOfAllocatable: string;
}

/** A node without metrics (unreachable) shows "n/a". */
export function nodeUsageCells(usage: Usage | undefined, node: Node): NodeUsageCells {
  if (!usage) return { cpu: NA, cpuOfAllocatable: NA, mem: NA, memOfAllocatable: NA };
  const alloc = node.status?.allocatable as Record<string, string> | undefined;
  return {
    cpu: toMc(usage.cpuMillis),
    cpuOfAllocatable: percentOf(usage.cpuMillis, millis(alloc?.cpu)),
    mem: toMi(usage.memBytes),
    memOfAllocatable: percentOf(usage.memBytes, bytes(alloc?.memory)),
  };
}
