// The wire shapes of metrics.k8s.io/v1beta1 (k8s.io/metrics pkg/apis/metrics/v1beta1):
// what metrics-server serves and what the simulator computes. Usage values are quantities
// (cpu in cores, e.g. "12345678n" or "5m"; memory in bytes, e.g. "53516Ki").
import type { Pick as ListPick } from './listItemPicker.js';
import type { ObjectMeta } from './types.js';

export interface ResourceUsage {
  cpu?: string;
  memory?: string;
}

export interface ContainerMetrics {
  name: string;
  usage: ResourceUsage;
}

export interface PodMetrics {
  kind: 'PodMetrics';
  apiVersion: 'metrics.k8s.io/v1beta1';
  metadata: ObjectMeta;
  /** The end of the interval the usage was measured over (RFC 3339). */
  timestamp: string;
  /** The interval's length as a Go duration string ("15s"). */
  window: string;
  containers: ContainerMetrics[];
}

export interface NodeMetrics {
  kind: 'NodeMetrics';
  apiVersion: 'metrics.k8s.io/v1beta1';
  metadata: ObjectMeta;
  timestamp: string;
  window: string;
  usage: ResourceUsage;
}

export interface MetricsList<T extends PodMetrics | NodeMetrics> {
  kind: T extends PodMetrics ? 'PodMetricsList' : 'NodeMetricsList';
  apiVersion: 'metrics.k8s.io/v1beta1';
  metadata: Record<string, never>;
  items: T[];
}

/** What the TUI reads of a PodMetrics (its row's CPU/MEM): whole objects fit it, and so does a list's item picked by POD_METRICS_PICK. */
export interface PodMetricsUsage {
  metadata?: Pick<ObjectMeta, 'name' | 'namespace'>;
  containers?: { usage?: ResourceUsage }[];
}

/** What the TUI reads of a NodeMetrics. */
export interface NodeMetricsUsage {
  metadata?: Pick<ObjectMeta, 'name'>;
  usage?: ResourceUsage;
}

/** The fields of PodMetricsUsage, picked from each item of a PodMetricsList as it arrives (src/kube/listItemPicker.ts). */
export const POD_METRICS_PICK: ListPick = { metadata: { name: true, namespace: true }, containers: [{ usage: { cpu: true, memory: true } }] };

/** The fields of NodeMetricsUsage. */
export const NODE_METRICS_PICK: ListPick = { metadata: { name: true }, usage: { cpu: true, memory: true } };
