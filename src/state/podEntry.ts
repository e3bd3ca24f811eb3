// What the pod list keeps per pod: the object plus the values sorting, filtering and
// colouring need, computed once per object version instead of once per frame.
import { conformPod } from '../kube/conformPod.js';
import { podRequestsLimits, type RequestsLimits } from '../kube/metricsColumns.js';
import { podSummary, type PodSummary } from '../kube/podColumns.js';
import { statusCategory, type StatusCategory } from '../kube/statusCategory.js';
import type { Pod } from '../kube/types.js';
import type { FilterTarget } from './podFilter.js';

export interface PodEntry extends FilterTarget {
  readonly uid: string;
  readonly pod: Pod;
  readonly namespace: string;
  readonly name: string;
  readonly summary: PodSummary;
  readonly category: StatusCategory;
  readonly createdMs: number;
  /** Summed requests and limits, for the usage percentages (built on first use). */
  readonly requestsLimits: RequestsLimits;
}

export function podUid(pod: Pod): string {
  return pod.metadata?.uid ?? `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

class Entry implements PodEntry {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly summary: PodSummary;
  readonly category: StatusCategory;
  readonly createdMs: number;
  private search: string | undefined;
  private resources: RequestsLimits | undefined;

  constructor(readonly pod: Pod) {
    const meta = pod.metadata;
    this.uid = podUid(pod);
    this.namespace = meta?.namespace ?? '';
    this.name = meta?.name ?? '';
    this.summary = podSummary(pod);
    this.category = statusCategory(this.summary.status, pod);
    const created = meta?.creationTimestamp ? Date.parse(meta.creationTimestamp) : NaN;
    this.createdMs = Number.isNaN(created) ? 0 : created;
  }

  get labels(): Record<string, string> | undefined {
    return this.pod.metadata?.labels;
  }

  get requestsLimits(): RequestsLimits {
    return (this.resources ??= podRequestsLimits(this.pod));
  }

  /** Built on first use: most pods are never searched. */
  get searchText(): string {
    if (this.search === undefined) {
      const s = this.summary;
      const ip = this.pod.status?.podIPs?.[0]?.ip ?? '';
      const node = this.pod.spec?.nodeName ?? '';
      this.search = `${this.namespace} ${this.name} ${s.ready}/${s.total} ${s.status} ${s.restarts} ${ip} ${node}`.toLowerCase();
    }
    return this.search;
  }
}

/** Every view reads the pod through its entry, so a malformed one is conformed here, once per version. */
export function makePodEntry(pod: Pod): PodEntry {
  return new Entry(conformPod(pod));
}
