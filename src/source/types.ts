// The one seam between the UI and a cluster. The simulator source (sim.ts) and a live
// client-node source implement the same contract, so state/ and ui/ never know which.
//
// Watches deliver *batches*: a live informer receives many events per network read and the
// simulator emits many per clock tick; the UI applies one batch per frame either way.
import type { Fault, SimControlStatus, TimeCommand } from '../kube/simControl.js';
import type { Event, Kind, KindMap, Pod } from '../kube/types.js';
import type { LogReader } from './logTypes.js';
import type { NodeMetricsUsage, PodMetricsUsage } from '../kube/metricsTypes.js';

export type { LogEnd, LogHandlers, LogReader, LogRequest, SourceLogLine } from './logTypes.js';
import type { PodAccess } from './streamTypes.js';
export type { ForwardRequest, PodAccess, PortForwardHandle, ShellRoute, ShellSession, ShellTarget, TerminalSize } from './streamTypes.js';

/** One change to the cache. RESET replaces everything (first list, or a relist after 410). */
export type Delta<T> =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: T }
  | { type: 'RESET'; objects: readonly T[] };

export type DeltaBatch<T> = readonly Delta<T>[];

export interface Subscription {
  stop(): void;
}

/** Which namespace a watch or list covers; undefined means all namespaces. */
export interface Scope {
  namespace: string | undefined;
}

export type ConnectionPhase = 'connecting' | 'syncing' | 'live' | 'reconnecting' | 'error';

export interface SourceStatus {
  phase: ConnectionPhase;
  /** Plain words for the status line, e.g. "watch dropped, retrying in 4s". */
  message?: string;
}

/**
 * What a live source's watches went through, counted for the bench (never shown): a healthy
 * watch under churn syncs once and never relists or drops.
 */
export interface WatchCounters {
  /** Full syncs started (LIST or watch-list): the first one, then every relist. */
  syncs: number;
  /** Syncs started after the first had completed: the cache was thrown away and listed again. */
  relists: number;
  /** Watch requests opened (each resume after a drop or a routine timeout is one more). */
  watches: number;
  /** Watches that ended for any reason but their own timeoutSeconds: an error, a 410, a cut-off (a clean end before the timeout). */
  drops: number;
}

/** How one watch ended: what the bench reads to tell a routine end from a drop, and why. */
export interface WatchEnd {
  /** When it ended, epoch milliseconds. */
  at: number;
  /**
   * timeout: its own timeoutSeconds ran out (routine, not a drop). cut: the server ended it
   * cleanly before that (a reader cut off as too slow, a watch-list whose initial events were
   * outrun, the server closing). error: the connection failed or the server sent an ERROR
   * event. stalled: nothing heard and a probe unanswered (the informer gave it up). expired:
   * 410 Gone (a relist follows). ahead: the server's history is behind our version.
   */
  how: 'timeout' | 'cut' | 'error' | 'stalled' | 'expired' | 'ahead';
  /** How long it was open, and the timeoutSeconds it asked for, in milliseconds. */
  openMs: number;
  askedMs: number;
  /** A watch-list (sendInitialEvents) still in its initial events when it ended. */
  initial?: boolean;
  /** The failure's message (error, stalled). */
  message?: string;
}

export type DeleteOutcome =
  /** Accepted with a grace period; the pod stays, Terminating, until its containers stop. */
  | { kind: 'deleting'; graceSeconds: number }
  /** Gone at once (grace 0, or not yet scheduled, or already finished). */
  | { kind: 'deleted' }
  | { kind: 'notFound'; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'error'; message: string };

export interface SimulatorInfo {
  /** Simulated time, epoch ms. */
  nowMs: number;
  speed: number;
  scenario: string;
  /** Simulated time stands still (rehearsing). */
  paused?: boolean;
}

/** Holding, stepping and breaking the simulator on purpose (README, "Rehearsing on the simulator"). */
export interface SimulatorControl {
  status(): Promise<SimControlStatus>;
  /** Rejects with the refusal (--readonly, a bad step) in plain words. */
  time(command: TimeCommand): Promise<SimControlStatus>;
  /** Resolves with what was done; rejects with why it could not be. */
  inject(fault: Fault): Promise<string>;
}

/** What the header shows about where we are. */
export interface SourceInfo {
  context: string;
  cluster: string;
  user: string;
  server: string;
  /** Server version, e.g. "v1.33.0". */
  version: string;
  /** Set only when the source is the bundled simulator. */
  simulator?: SimulatorInfo;
}

export interface ListOptions extends Scope {
  /** A label selector in kubectl syntax (`app=web,tier!=db`). */
  labelSelector?: string;
  /** A field selector in kubectl syntax (`involvedObject.name=x`). */
  fieldSelector?: string;
}

/** A PATCH: `merge` is application/merge-patch+json, `strategic` application/strategic-merge-patch+json. */
export interface PatchRequest {
  type: 'merge' | 'strategic';
  /** `scale`: the autoscaling/v1 Scale subresource (what `kubectl scale` patches). */
  subresource?: 'scale';
}

export interface DeleteRequest {
  /** undefined: the object's own grace (the server's default). */
  graceSeconds?: number;
  /** A uid precondition: an object replaced by a namesake of the same name is reported gone instead. */
  uid?: string;
}

/**
 * What a source still has on its way (batches buffered, flushes scheduled): tests wait until
 * it is empty, and name what is left when it never empties. Empty means idle.
 */
export interface Idleness {
  pendingWork(): readonly string[];
}

/** Why a metrics.k8s.io request brought nothing: no metrics API on the cluster (absent), or the request failed. */
export interface MetricsFailure {
  available: false;
  absent: boolean;
  message: string;
}

/** A metrics.k8s.io answer: the items, or why there are none. */
export type MetricsAnswer<T> = { available: true; items: T[] } | MetricsFailure;

/** How a metrics.k8s.io request whose items were handed over one by one ended. */
export type MetricsOutcome = { available: true } | MetricsFailure;

export interface ClusterSource extends Partial<Idleness>, LogReader, PodAccess {
  /**
   * metrics.k8s.io (metrics-server; the simulator computes its own): every PodMetrics of a
   * namespace (undefined: all) in one request, each handed to onItem as it is read (at 10k
   * pods an array of them lived through the whole answer and was promoted to the old
   * generation each poll). A failure after some items leaves those handed over. A source
   * without it has no metrics.
   */
  podMetrics?(namespace: string | undefined, onItem: (item: PodMetricsUsage) => void): Promise<MetricsOutcome>;
  /** Every NodeMetrics, in one request (a cluster has few). */
  nodeMetrics?(): Promise<MetricsAnswer<NodeMetricsUsage>>;

  /** A live source's watch counters by kind (the bench's hook reads them); the simulator has none. */
  watchCounters?(): Readonly<Record<string, Readonly<WatchCounters>>>;
  /** The latest watch ends by kind, oldest first (a bounded record, for the bench hooks). */
  watchEnds?(): Readonly<Record<string, readonly WatchEnd[]>>;

  info(): SourceInfo;
  /** The cluster's notion of now (simulated time on the simulator), for ages and countdowns. */
  now(): number;
  /** Connection status changes; called at once with the current status. */
  onStatus(listener: (status: SourceStatus) => void): Subscription;

  /** List then watch any catalogued kind: the first batch holds a RESET with the current objects. */
  watch<K extends Kind>(kind: K, scope: Scope, onBatch: (batch: DeltaBatch<KindMap[K]>) => void): Subscription;
  /** Every object of a kind in scope matching the selectors (a bad selector rejects with the server's message). */
  list<K extends Kind>(kind: K, options: ListOptions): Promise<KindMap[K][]>;
  /** undefined namespace for cluster-scoped kinds; undefined answer when there is no such object. */
  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): Promise<KindMap[K] | undefined>;
  delete(kind: Kind, namespace: string | undefined, name: string, options?: DeleteRequest): Promise<DeleteOutcome>;
  /** Patches an object (or its scale); rejects with the server's message (not found, conflict, invalid, forbidden). */
  patch(kind: Kind, namespace: string | undefined, name: string, patch: object, request: PatchRequest): Promise<unknown>;

  /** watch('Pod', …): the first batch holds a RESET with the current pods. */
  watchPods(scope: Scope, onBatch: (batch: DeltaBatch<Pod>) => void): Subscription;
  /**
   * What the pods watches deliver of each pod, applied as each is parsed (before it waits in
   * a batch), for watches open and to come; undefined: the whole pod. A source whose pods are
   * not parsed for it (the simulator's store) has none: its deltas carry the whole pod.
   */
  setPodTransform?(transform: ((pod: Pod) => Pod) | undefined): void;
  watchEvents(scope: Scope, onBatch: (batch: DeltaBatch<Event>) => void): Subscription;
  /**
   * What watchEvents delivers of each Event, applied as each is parsed, for watches open and
   * to come (the generic watch('Event') keeps whole events; listEvents' pages go through it
   * too); undefined: the whole event. `recordWhen`: which events the watch's own cache keeps
   * a record of (a source with one; default every one) — the rest are passed on as the server
   * sends them, for a store that takes each by uid and keeps few.
   */
  setEventTransform?(transform: ((event: Event) => Event) | undefined, options?: { recordWhen?: (event: Event) => boolean }): void;

  listPods(options: ListOptions): Promise<Pod[]>;
  listEvents(options: ListOptions): Promise<Event[]>;
  getPod(namespace: string, name: string): Promise<Pod | undefined>;
  /**
   * The whole pod at once, from a source that holds it in this process (the simulator's
   * store); a source that would have to ask the server has none, and getPod() is used.
   */
  peekPod?(namespace: string, name: string): Pod | undefined;
  /** graceSeconds undefined: the pod's own terminationGracePeriodSeconds (server default). */
  /**
   * With `uid`, the delete carries a uid precondition: a pod that was replaced by a new one
   * of the same name (a StatefulSet's) is reported as gone instead of deleting the newcomer.
   */
  deletePod(namespace: string, name: string, graceSeconds: number | undefined, uid?: string): Promise<DeleteOutcome>;

  listNamespaces(): Promise<string[]>;
  /** The namespace of the current context (kubeconfig), used when no -n is given. */
  defaultNamespace(): string;
  contexts(): string[];
  currentContext(): string;
  /** Rebuilds clients and watches for another context; existing subscriptions get a RESET. */
  switchContext(name: string): Promise<void>;

  close(): void;

  /**
   * The simulator's control, when this source is one that has it (in process, or a served
   * simulator answering its control endpoint, asked once); undefined on a real cluster.
   */
  simulatorControl?(): Promise<SimulatorControl | undefined>;
}
