// What metrics-server would report for a simulated pod or node at one instant, from the
// model alone: a running container's memory follows its `memory` schedule since it started,
// its CPU the `cpu` range (src/sim/behaviour). A node uses what its pods use plus its own
// system overhead. Pure: the same pod at the same instant measures the same.
import { rfc3339 } from '../../kube/duration.js';
import { formatGoDuration } from '../../kube/goDuration.js';
import { METRICS_GROUP_VERSION } from '../../kube/catalog/metrics.js';
import type { ContainerMetrics, NodeMetrics, PodMetrics } from '../../kube/metricsTypes.js';
import { cpuMillis, formatQuantity, memoryBytes } from '../../kube/quantity.js';
import type { Container, ContainerStatus, Node, Pod } from '../../kube/types.js';
import { BehaviourError, containerBehaviour, cpuMillisAt, memoryBytesAt, METRICS_WINDOW_MS, type CpuRange } from '../behaviour/index.js';

/** A container's usage in exact units: nanocores and bytes. */
export interface Usage {
  nanocores: number;
  bytes: number;
}

/** What a node's system (kubelet, runtime, OS) uses besides its pods. */
export const NODE_OVERHEAD: { cpu: CpuRange; bytes: number } = { cpu: { minMillis: 50, maxMillis: 150 }, bytes: 512 * 1024 * 1024 };

const WINDOW = formatGoDuration(METRICS_WINDOW_MS);

/** Usage is measured on whole seconds (metrics' timestamps carry no more). */
export function measuredAt(nowMs: number): number {
  return Math.floor(nowMs / 1000) * 1000;
}

export function cpuQuantity(nanocores: number): string {
  return formatQuantity({ nanos: BigInt(Math.round(nanocores)), format: 'DecimalSI' });
}

export function memoryQuantity(bytes: number): string {
  return formatQuantity({ nanos: BigInt(Math.round(bytes)) * 1_000_000_000n, format: 'BinarySI' });
}

function containerUsage(pod: Pod, spec: Container, status: ContainerStatus, atMs: number): Usage | undefined {
  const started = status.state?.running?.startedAt;
  if (!started) return undefined;
  let b;
  try {
    b = containerBehaviour(pod, spec);
  } catch (err) {
    if (err instanceof BehaviourError) return undefined;
    throw err;
  }
  const limits = spec.resources?.limits;
  const bytes = memoryBytesAt(b.memory, atMs - Date.parse(started), limits?.memory === undefined ? undefined : memoryBytes(limits.memory));
  const millis = cpuMillisAt(b.cpu, `${pod.metadata?.uid ?? ''}/${spec.name}`, atMs, limits?.cpu === undefined ? undefined : cpuMillis(limits.cpu));
  return { nanocores: Math.round(millis * 1_000_000), bytes };
}

/** Each running container's usage at `atMs`, in spec order (sidecars first); empty when none runs. */
export function podUsage(pod: Pod, atMs: number): { name: string; usage: Usage }[] {
  if (pod.status?.phase !== 'Running') return [];
  const out: { name: string; usage: Usage }[] = [];
  const statuses = [...(pod.status.initContainerStatuses ?? []), ...(pod.status.containerStatuses ?? [])];
  for (const spec of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    const status = statuses.find((s) => s.name === spec.name);
    const usage = status && containerUsage(pod, spec, status, atMs);
    if (usage) out.push({ name: spec.name, usage });
  }
  return out;
}

/** The PodMetrics object for a pod, or undefined when metrics-server would have none (not running). */
export function podMetricsAt(pod: Pod, nowMs: number): PodMetrics | undefined {
  const atMs = measuredAt(nowMs);
  const usage = podUsage(pod, atMs);
  if (usage.length === 0) return undefined;
  const containers: ContainerMetrics[] = usage.map(({ name, usage: u }) => ({ name, usage: { cpu: cpuQuantity(u.nanocores), memory: memoryQuantity(u.bytes) } }));
  const meta = pod.metadata ?? {};
  return {
    kind: 'PodMetrics',
    apiVersion: METRICS_GROUP_VERSION,
    metadata: { name: meta.name, namespace: meta.namespace, creationTimestamp: rfc3339(nowMs), ...(meta.labels ? { labels: meta.labels } : {}) },
    timestamp: rfc3339(atMs),
    window: WINDOW,
    containers,
  };
}

/** The node's own usage plus its pods' (`pods`: the pods bound to it). */
export function nodeUsage(node: Node, pods: Iterable<Pod>, atMs: number): Usage {
  const system = cpuMillisAt(NODE_OVERHEAD.cpu, `node/${node.metadata?.uid ?? node.metadata?.name ?? ''}`, atMs, undefined);
  const total: Usage = { nanocores: Math.round(system * 1_000_000), bytes: NODE_OVERHEAD.bytes };
  for (const pod of pods) {
    for (const { usage } of podUsage(pod, atMs)) {
      total.nanocores += usage.nanocores;
      total.bytes += usage.bytes;
    }
  }
  return total;
}

export function nodeMetricsAt(node: Node, pods: Iterable<Pod>, nowMs: number): NodeMetrics {
  const atMs = measuredAt(nowMs);
  const u = nodeUsage(node, pods, atMs);
  const meta = node.metadata ?? {};
  return {
    kind: 'NodeMetrics',
    apiVersion: METRICS_GROUP_VERSION,
    metadata: { name: meta.name, creationTimestamp: rfc3339(nowMs), ...(meta.labels ? { labels: meta.labels } : {}) },
    timestamp: rfc3339(atMs),
    window: WINDOW,
    usage: { cpu: cpuQuantity(u.nanocores), memory: memoryQuantity(u.bytes) },
  };
}
