// What the pod list keeps per pod: the list's projection of the object (kube/podProjection.ts:
// the fields the list's readers use, conformed, shared between pods where equal) plus the
// values sorting, filtering and colouring need, computed once per object version instead of
// once per frame. The whole object is not kept here: AppState's focus fetches it for the
// views that show it.
import { Interner } from '../kube/interner.js';
import { isPodProjection, projectPod } from '../kube/podProjection.js';
import { podRequestsLimits, type RequestsLimits } from '../kube/metricsColumns.js';
import { podSummary, type PodSummary } from '../kube/podColumns.js';
import { statusCategory, type StatusCategory } from '../kube/statusCategory.js';
import type { Pod } from '../kube/types.js';
import type { DeltaBatch } from '../source/types.js';
import type { FilterTarget } from './podFilter.js';

export interface PodEntry extends FilterTarget {
  readonly uid: string;
  /** The list's projection of the pod (podProjection.ts says what it holds): not the whole object. */
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

  constructor(
    readonly pod: Pod,
    summary: PodSummary,
  ) {
    const meta = pod.metadata;
    this.uid = podUid(pod);
    this.namespace = meta?.namespace ?? '';
    this.name = meta?.name ?? '';
    this.summary = summary;
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

/**
 * The list's copies of pods: each pod projected once per version (podProjection.ts), which
 * also conforms a malformed one. A projection given again is returned as it is.
 */
/** Past this many kept summaries the cache starts over (it costs sharing, never correctness). */
const SUMMARY_LIMIT = 4_096;

export class PodProjector {
  private readonly interner = new Interner();
  /** One frozen summary for equal ones: most pods of a list read alike ("1/1 Running 0", no restart). */
  private readonly summaries = new Map<string, PodSummary>();

  /** `held`: the list's projection of a pod by uid, whose unchanged shared parts a new version keeps (podProjection.ts). */
  constructor(private readonly held: (uid: string) => Pod | undefined = () => undefined) {}

  project(pod: Pod): Pod {
    if (isPodProjection(pod)) return pod;
    const uid = pod?.metadata?.uid;
    return projectPod(pod, this.interner, uid === undefined ? undefined : this.held(uid));
  }

  /** The pod's summary, shared with every pod whose summary is equal. */
  summary(pod: Pod): PodSummary {
    const s = podSummary(pod);
    // Numbers first, each ended by '/': the status (any text) is the rest.
    const key = `${s.ready}/${s.total}/${s.restarts}/${s.lastRestartMs}/${s.status}`;
    const known = this.summaries.get(key);
    if (known !== undefined) return known;
    if (this.summaries.size >= SUMMARY_LIMIT) this.summaries.clear();
    this.summaries.set(key, Object.freeze(s));
    return s;
  }

  /** True for a projection (a source may hand them over already projected). */
  isProjection(pod: Pod): boolean {
    return isPodProjection(pod);
  }

  /** The batch with every pod projected (RESET, ADDED, MODIFIED and DELETED alike); the batch itself when the source projected them all as it parsed them. */
  projectBatch(batch: DeltaBatch<Pod>): DeltaBatch<Pod> {
    if (batch.every((d) => (d.type === 'RESET' ? d.objects.every(isPodProjection) : isPodProjection(d.object)))) return batch;
    return batch.map((d) => (d.type === 'RESET' ? { type: 'RESET', objects: d.objects.map((p) => this.project(p)) } : { type: d.type, object: this.project(d.object) }));
  }
}

/** The list reads the pod through its entry: built from the pod's projection. */
export function makePodEntry(pod: Pod, projector: PodProjector): PodEntry {
  const projected = projector.project(pod);
  return new Entry(projected, projector.summary(projected));
}
