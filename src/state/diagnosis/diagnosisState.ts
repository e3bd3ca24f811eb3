// Diagnosis for the screen: the pod view's (the focused pod with what the source knows around
// it, gathered in the background and refreshed at most every 10 s of cluster time while its
// pod changes) and the pod list's WHY cells (pod and events only, memoised per pod version,
// events version and second, computed for the rows drawn and never for the rest).
import { diagnose, type Diagnosis } from '../../kube/diagnosis/index.js';
import type { Pod } from '../../kube/types.js';
import type { ClusterSource } from '../../source/types.js';
import { subjectOf } from '../../kube/eventSubject.js';
import type { EventTable } from '../eventTable.js';
import { gatherPodWorld, type PodWorld } from './gather.js';

/** Cluster time between two gatherings for the same pod (a new pod version is needed too). */
export const WORLD_REFRESH_MS = 10_000;
/** The memo holds the cells of the rows on screen; past this it starts over. */
const CELL_MEMO_LIMIT = 2_000;

export interface DiagnosisHost {
  readonly source: ClusterSource;
  readonly events: EventTable;
  /** Counts a request in the app's idleness until it settles, then asks for a frame. */
  track(p: Promise<unknown>): void;
}

interface Gathered {
  uid: string;
  resourceVersion: string | undefined;
  atMs: number;
  world: PodWorld | undefined;
  inflight: boolean;
}

interface Cell {
  pod: Pod;
  eventsVersion: number;
  second: number;
  text: string;
}

/** What the background store holds of the pod's events: every one a rule reads (the WHY column). */
function podEvents(host: DiagnosisHost, pod: Pod) {
  const meta = pod.metadata ?? {};
  return host.events.forPod(meta.namespace ?? '', meta.name ?? '', meta.uid);
}

/** The focused pod's whole event list once its LIST is in, else what the store holds (which has what the rules read). */
function focusedEvents(host: DiagnosisHost, pod: Pod) {
  const whole = host.events.subjects.get(subjectOf('Pod', pod.metadata));
  return whole && whole.phase !== 'loading' ? whole.events : podEvents(host, pod);
}

export class DiagnosisState {
  private gathered: Gathered | undefined;
  private readonly cells = new Map<string, Cell>();
  private focusedMemo: { key: { pod: Pod; world: PodWorld | undefined; eventsVersion: number; subjectsVersion: number; ms: number }; diagnosis: Diagnosis } | undefined;

  constructor(private readonly host: DiagnosisHost) {}

  /** The pod view's diagnosis; starts (or refreshes) gathering its world when due. Memoised per frame's inputs. */
  forFocused(pod: Pod): Diagnosis {
    const now = this.host.source.now();
    const world = this.worldFor(pod, now);
    const key = { pod, world, eventsVersion: this.host.events.version, subjectsVersion: this.host.events.subjects.version, ms: now };
    const m = this.focusedMemo;
    if (m && m.key.pod === key.pod && m.key.world === key.world && m.key.eventsVersion === key.eventsVersion && m.key.subjectsVersion === key.subjectsVersion && m.key.ms === key.ms) return m.diagnosis;
    const diagnosis = diagnose({ pod, events: focusedEvents(this.host, pod), nowMs: now, ...world });
    this.focusedMemo = { key, diagnosis };
    return diagnosis;
  }

  /** The list's WHY cell: '' for a Ready or Completed pod, else the first finding's few words. */
  cell(uid: string, pod: Pod, nowMs: number): string {
    const second = Math.floor(nowMs / 1000);
    const hit = this.cells.get(uid);
    if (hit && hit.pod === pod && hit.eventsVersion === this.host.events.version && hit.second === second) return hit.text;
    const d = diagnose({ pod, events: podEvents(this.host, pod), nowMs });
    const text = d.findings.length === 0 ? '' : d.summary;
    if (this.cells.size >= CELL_MEMO_LIMIT) this.cells.clear();
    this.cells.set(uid, { pod, eventsVersion: this.host.events.version, second, text });
    return text;
  }

  private worldFor(pod: Pod, now: number): PodWorld | undefined {
    const uid = pod.metadata?.uid ?? `${pod.metadata?.namespace}/${pod.metadata?.name}`;
    const rv = pod.metadata?.resourceVersion;
    const g = this.gathered;
    const same = g?.uid === uid;
    const due = !same || (!g.inflight && g.resourceVersion !== rv && now - g.atMs >= WORLD_REFRESH_MS);
    if (due) this.gather(uid, rv, pod, now);
    return same ? g.world : undefined;
  }

  private gather(uid: string, resourceVersion: string | undefined, pod: Pod, now: number): void {
    const previous = this.gathered?.uid === uid ? this.gathered.world : undefined;
    const g: Gathered = { uid, resourceVersion, atMs: now, world: previous, inflight: true };
    this.gathered = g;
    const hasPrevious = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].some((s) => s.lastState?.terminated);
    this.host.track(
      gatherPodWorld(this.host.source, pod, { logs: hasPrevious }).then(
        (world) => {
          g.world = world;
          g.inflight = false;
        },
        () => {
          g.inflight = false;
        },
      ),
    );
  }
}
