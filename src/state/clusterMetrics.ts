// What the last metrics polls said: each pod's and node's usage, and whether the cluster
// has a metrics API at all (the pod list hides its CPU/MEM columns until it knows, and
// for good when there is none). A pods poll writes each pod's usage in place as its answer
// arrives (no object or map of its own for a pod already known: at 10k pods a poll's new
// maps and values were promoted to the old generation and stayed there as garbage until
// the next full collection); rows read their usage by name when drawn.
import { nodeMetricsUsage, podMetricsUsage, type Usage } from '../kube/metricsColumns.js';
import type { NodeMetricsUsage, PodMetricsUsage } from '../kube/metricsTypes.js';
import type { MetricsAnswer, MetricsOutcome } from '../source/types.js';

/** k9s polls metrics about this often; the simulator's usage moves each 15 s window. */
export const METRICS_POLL_MS = 15_000;

export type MetricsAvailability = 'unknown' | 'available' | 'absent';

export type UsageLookup = (namespace: string, name: string) => Usage | undefined;

/** A pod's usage, rewritten by each poll that names the pod; the poll that last did so. */
class PolledUsage implements Usage {
  #poll: number;

  constructor(
    public cpuMillis: number,
    public memBytes: number,
    poll: number,
  ) {
    this.#poll = poll;
  }

  set(usage: Usage, poll: number): void {
    this.cpuMillis = usage.cpuMillis;
    this.memBytes = usage.memBytes;
    this.#poll = poll;
  }

  namedBy(poll: number): boolean {
    return this.#poll === poll;
  }
}

type PodUsages = Map<string, Map<string, PolledUsage>>;

/** One pods poll on its way: `put` takes each item of its answer as it is read. */
export class PodUsagePoll {
  constructor(
    readonly id: number,
    /** The values it writes into: once they are replaced (another namespace), it writes nothing. */
    readonly into: PodUsages,
    private readonly current: () => PodUsages,
  ) {}

  readonly put = (item: PodMetricsUsage): void => {
    if (this.current() !== this.into) return;
    const namespace = item.metadata?.namespace ?? '';
    const name = item.metadata?.name ?? '';
    const usage = podMetricsUsage(item);
    let names = this.into.get(namespace);
    if (names === undefined) this.into.set(namespace, (names = new Map()));
    const known = names.get(name);
    if (known !== undefined) known.set(usage, this.id);
    else names.set(name, new PolledUsage(usage.cpuMillis, usage.memBytes, this.id));
  };
}

export class ClusterMetrics {
  availability: MetricsAvailability = 'unknown';
  /** Why the last poll brought nothing (no API, or the request failed). */
  problem: string | undefined;
  /** By namespace, then name: no key string of its own per pod (the names are the answer's). */
  private pods: PodUsages = new Map();
  private nodes = new Map<string, Usage>();
  private polls = 0;
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

  /** A pods poll starts: its items go to the returned poll's `put` as they arrive. */
  startPodPoll(): PodUsagePoll {
    return new PodUsagePoll(++this.polls, this.pods, () => this.pods);
  }

  /**
   * The poll's answer ended. A whole answer drops the pods it did not name; a failed one keeps
   * every value it did not rewrite (the values it did are newer, as real as the rest).
   */
  finishPodPoll(poll: PodUsagePoll, outcome: MetricsOutcome): void {
    if (!this.note(outcome)) return;
    if (poll.into === this.pods) {
      for (const [namespace, names] of this.pods) {
        for (const [name, usage] of names) if (!usage.namedBy(poll.id)) names.delete(name);
        if (names.size === 0) this.pods.delete(namespace);
      }
    }
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

  private note(outcome: MetricsOutcome): outcome is { available: true } {
    if (outcome.available) {
      this.availability = 'available';
      this.problem = undefined;
      return true;
    }
    if (outcome.absent) {
      this.availability = 'absent';
      this.pods = new Map();
      this.nodes = new Map();
    }
    this.problem = outcome.message;
    this.version++;
    return false;
  }
}
