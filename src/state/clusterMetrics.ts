// What the last metrics polls said: each pod's and node's usage, and whether the cluster
// has a metrics API at all (the pod list hides its CPU/MEM columns until it knows, and
// for good when there is none). One poll replaces a whole scope's values at once; rows
// read their usage by name when drawn, so a poll costs nothing per row beyond its answer.
import { nodeMetricsUsage, podMetricsUsage, type Usage } from '../kube/metricsColumns.js';
import type { NodeMetricsUsage, PodMetricsUsage } from '../kube/metricsTypes.js';
import type { MetricsAnswer } from '../source/types.js';

/** k9s polls metrics about this often; the simulator's usage moves each 15 s window. */
export const METRICS_POLL_MS = 15_000;

export type MetricsAvailability = 'unknown' | 'available' | 'absent';

export type UsageLookup = (namespace: string, name: string) => Usage | undefined;

export class ClusterMetrics {
  availability: MetricsAvailability = 'unknown';
  /** Why the last poll brought nothing (no API, or the request failed). */
  problem: string | undefined;
  /** By namespace, then name: no key string of its own per pod (the names are the answer's). */
  private pods = new Map<string, Map<string, Usage>>();
  private nodes = new Map<string, Usage>();
  version = 0;
  /** Whether a node poll has answered (a node list opened before any polls at once). */
  nodesKnown = false;

  get available(): boolean {
    return this.availability === 'available';
  }

  readonly podUsage: UsageLookup = (namespace, name) => this.pods.get(namespace)?.get(name);

  nodeUsage(name: string): Usage | undefined {
    return this.nodes.get(name);
  }

  /** A poll's answer for the pods in view; a failed poll keeps the last values. */
  applyPods(answer: MetricsAnswer<PodMetricsUsage>): void {
    if (!this.note(answer)) return;
    const next = new Map<string, Map<string, Usage>>();
    for (const m of answer.items) {
      const namespace = m.metadata?.namespace ?? '';
      let names = next.get(namespace);
      if (names === undefined) next.set(namespace, (names = new Map()));
      names.set(m.metadata?.name ?? '', podMetricsUsage(m));
    }
    this.pods = next;
    this.version++;
  }

  applyNodes(answer: MetricsAnswer<NodeMetricsUsage>): void {
    if (!this.note(answer)) return;
    const next = new Map<string, Usage>();
    for (const m of answer.items) next.set(m.metadata?.name ?? '', nodeMetricsUsage(m));
    this.nodes = next;
    this.nodesKnown = true;
    this.version++;
  }

  /** Another namespace or context: the values in hand describe pods out of view. */
  clearPods(): void {
    if (this.pods.size === 0) return;
    this.pods = new Map();
    this.version++;
  }

  private note<T>(answer: MetricsAnswer<T>): answer is MetricsAnswer<T> & { available: true } {
    if (answer.available) {
      this.availability = 'available';
      this.problem = undefined;
      return true;
    }
    if (answer.absent) {
      this.availability = 'absent';
      this.pods = new Map();
      this.nodes = new Map();
    }
    this.problem = answer.message;
    this.version++;
    return false;
  }
}
