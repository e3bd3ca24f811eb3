// A live cluster as a ClusterSource: one client per context, one informer per watch, their
// statuses folded into one for the status line.
import type { Event, Kind, KindMap, KubeObject, Pod } from '../../kube/types.js';
import type {
  SimulatorControl,
  ClusterSource,
  ConnectionPhase,
  DeleteOutcome,
  DeleteRequest,
  DeltaBatch,
  ListOptions,
  MetricsAnswer,
  MetricsOutcome,
  PatchRequest,
  Scope,
  SourceInfo,
  SourceStatus,
  Subscription,
  WatchCounters,
  WatchEnd,
} from '../types.js';
import { Backoff } from './backoff.js';
import { streamLogs } from './logStream.js';
import type { LogHandlers, LogRequest } from '../logTypes.js';
import { createKubeClient, type KubeClient } from './client.js';
import { METRICS_GROUP, METRICS_GROUP_VERSION, METRICS_VERSION, metricsPath } from '../../kube/catalog/metrics.js';
import { NODE_METRICS_PICK, POD_METRICS_PICK, type NodeMetricsUsage, type PodMetricsUsage } from '../../kube/metricsTypes.js';
import type { Pick as ListPick } from '../../kube/listItemPicker.js';
import type { Schedule } from '../deltaBuffer.js';
import { isUidPreconditionFailure } from '../../kube/apiError.js';
import { describeFailure } from './errors.js';
import { Informer, type WatchListSupport } from './informer.js';
import { project } from './project.js';
import { detectServedControl } from '../simControl.js';
import { resolveContext, type ResolvedContext } from './kubeconfig.js';
import { forwardThroughApi } from './portForward.js';
import { OpenForwards } from '../localForward.js';
import { readonlyRefusal } from '../readonly.js';
import type { ForwardRequest, PortForwardHandle, ShellRoute } from '../streamTypes.js';

export interface KubeSourceOptions {
  /** --request-timeout for everything but watches, in milliseconds. */
  requestTimeoutMs?: number;
  /** How watch batches are scheduled (default: one flush per ~frame). */
  schedule?: Schedule;
  /** A fresh back-off per watch (tests pass short ones). */
  newBackoff?: () => Backoff;
  /** --readonly: the client refuses every write. */
  readonly?: boolean;
  /** How long an exec credential plugin may run (tests shorten it). */
  credentialTimeoutMs?: number;
}

interface ActiveWatch {
  kind: Kind;
  scope: Scope;
  onBatch: (batch: DeltaBatch<never>) => void;
  informer: Informer<KubeObject>;
  /** What the watch keeps of each parsed object (the pods' or the event table's transform). */
  transform: ((obj: KubeObject) => KubeObject) | undefined;
  /** Which objects the informer's cache keeps a record of (undefined: every one). */
  cacheWhen: ((obj: KubeObject) => boolean) | undefined;
  /** False while a background watch waits for the pods' first sync (see whenPodsSynced). */
  started: boolean;
  stopped: boolean;
}

/** Worst first: the status line shows the most pressing state of any watch. */
/** How many of the latest watch ends a kind keeps for watchEnds() (the bench reads them as they come). */
const WATCH_ENDS_KEPT = 100;

const PHASE_RANK: Record<ConnectionPhase, number> = { error: 0, reconnecting: 1, connecting: 2, syncing: 3, live: 4 };

export class KubeSource implements ClusterSource {
  private readonly watches = new Set<ActiveWatch>();
  /** Whether the server streams lists (sendInitialEvents); learnt once, shared by every informer. */
  private watchList: WatchListSupport = { refused: false };
  private readonly statusListeners = new Set<(status: SourceStatus) => void>();
  private status: SourceStatus = { phase: 'connecting' };
  private closed = false;
  private readonly forwards = new OpenForwards();
  /** Per kind, what its watches went through since the source opened (the bench reads it). */
  private readonly counters = new Map<Kind, WatchCounters>();
  /** The latest watch ends by kind (watchEnds), at most WATCH_ENDS_KEPT each. */
  private readonly ends = new Map<Kind, WatchEnd[]>();
  /** What pods watches keep of each parsed pod (setPodTransform); read per pod, so a watch opened before it is set follows it. */
  private podTransform: ((pod: Pod) => Pod) | undefined;
  /** What the event table's watches keep of each parsed Event (setEventTransform), read per event as podTransform is. */
  private eventTransform: ((event: Event) => Event) | undefined;
  /** Which Events the event table's watches' caches keep a record of (setEventTransform's recordWhen); read per event. */
  private eventRecordWhen: ((event: Event) => boolean) | undefined;
  /** Background work (the Events watch, metrics polls) waiting for the pods watches' first sync. */
  private podSyncWaiters: (() => void)[] = [];
  /** Whether the current client's cluster serves metrics.k8s.io (asked once per client). */
  private metricsGroup: { client: KubeClient; answer: Promise<boolean> } | undefined;

  private constructor(
    private client: KubeClient,
    private version: string,
    private readonly options: KubeSourceOptions,
  ) {}

  /** Builds the client and asks the server its version (which also proves it answers). */
  static async connect(context: ResolvedContext, options: KubeSourceOptions = {}): Promise<KubeSource> {
    const { source, version } = await KubeSource.open(context, options);
    try {
      await version;
    } catch (err) {
      source.close();
      throw err;
    }
    return source;
  }

  /**
   * Builds the client and sends the version request, handing the source out before its
   * answer, so a start can send its other requests (the start-up check, the pods watch)
   * alongside it instead of one round trip after another. `version` settles with that answer;
   * info() names the version from then on. A failed answer leaves the source to be closed.
   */
  static async open(context: ResolvedContext, options: KubeSourceOptions = {}): Promise<{ source: KubeSource; version: Promise<void> }> {
    const client = await createKubeClient(context, { requestTimeoutMs: options.requestTimeoutMs, readonly: options.readonly, credentialTimeoutMs: options.credentialTimeoutMs });
    const source = new KubeSource(client, 'unknown', options);
    const version = client.serverVersion().then((v) => {
      if (source.client === client) source.version = v;
    });
    return { source, version };
  }

  /** The client in use (the start-up check lists through it). */
  get kubeClient(): KubeClient {
    return this.client;
  }

  /** True while a watch still holds deltas it has not delivered (tests wait for this to clear). */
  get busy(): boolean {
    return [...this.watches].some((w) => w.informer.busy);
  }

  pendingWork(): readonly string[] {
    const n = [...this.watches].filter((w) => w.informer.busy).length;
    return n > 0 ? [`kube source: ${n} watch(es) with deltas waiting for their flush`] : [];
  }

  /** True once every watch has delivered a full list and is streaming. */
  get live(): boolean {
    return [...this.watches].every((w) => w.informer.hasSynced && w.informer.status.phase === 'live');
  }

  info(): SourceInfo {
    const c = this.client.context;
    const info: SourceInfo = { context: c.name, cluster: c.clusterName, user: c.userName, server: c.server, version: this.version };
    const clock = this.client.simClock();
    if (clock !== undefined) {
      info.simulator = { nowMs: clock.now(), speed: clock.speed, scenario: clock.scenario };
      if (clock.paused) info.simulator.paused = true;
    }
    return info;
  }

  private control: Promise<SimulatorControl | undefined> | undefined;

  /** A served simulator's control endpoint, asked once; never asked of a server that sent no simulator clock. */
  simulatorControl(): Promise<SimulatorControl | undefined> {
    const raw = this.client.raw?.bind(this.client);
    if (raw === undefined || this.client.simClock() === undefined) return Promise.resolve(undefined);
    return (this.control ??= detectServedControl(raw, this.options.readonly === true));
  }

  /** The served simulator's clock when the server advertises one (at --speed X it runs ahead), else the wall clock. */
  now(): number {
    return this.client.simClock()?.now() ?? Date.now();
  }

  onStatus(listener: (status: SourceStatus) => void): Subscription {
    this.statusListeners.add(listener);
    listener(this.status);
    return { stop: () => this.statusListeners.delete(listener) };
  }

  watch<K extends Kind>(kind: K, scope: Scope, onBatch: (batch: DeltaBatch<KindMap[K]>) => void): Subscription {
    return this.watchWith(kind, scope, onBatch, kind === 'Pod' ? this.takePod : undefined, undefined, false);
  }

  /** `background`: the watch starts once no pods watch is on its first sync (whenPodsSynced). */
  private watchWith<K extends Kind>(
    kind: K,
    scope: Scope,
    onBatch: (batch: DeltaBatch<KindMap[K]>) => void,
    transform: ((obj: KubeObject) => KubeObject) | undefined,
    cacheWhen: ((obj: KubeObject) => boolean) | undefined,
    background: boolean,
  ): Subscription {
    const batches = onBatch as (batch: DeltaBatch<never>) => void;
    const active: ActiveWatch = { kind, scope, onBatch: batches, transform, cacheWhen, informer: this.newInformer(kind, scope, batches, transform, cacheWhen), started: false, stopped: false };
    this.watches.add(active);
    const start = (): void => {
      if (active.stopped || this.closed) return;
      active.started = true;
      active.informer.start();
      this.refreshStatus();
    };
    if (background && this.podsSyncing) this.podSyncWaiters.push(start);
    else start();
    return {
      stop: () => {
        active.stopped = true;
        active.informer.stop();
        this.watches.delete(active);
        this.refreshStatus();
      },
    };
  }

  /**
   * True while a pods watch is on its first full list and has not been refused. At 100k pods
   * that list is the server's heaviest work and what the screen waits for; the Events watch (a
   * full sync of its own) and the metrics polls (every pod's usage) wait until it is done, so
   * they neither slow it nor, on a busy server, help cut its watch-list short. One that fails
   * (denied, unreachable: 'error' or 'reconnecting' before any pod came) lets them go; one
   * reconnecting after some pods came still holds them: a watch-list whose connection broke
   * goes on in pages, and an Events watch-list of ~400k events let in then would take the
   * server's CPU from it.
   */
  private get podsSyncing(): boolean {
    for (const w of this.watches) {
      if (w.kind !== 'Pod' || !w.started || w.informer.hasSynced) continue;
      const phase = w.informer.status.phase;
      if (phase === 'error') continue;
      if (phase !== 'reconnecting' || w.informer.partlySynced) return true;
    }
    return false;
  }

  /** Resolves once no pods watch is on its first sync (at once when none is). */
  private whenPodsSynced(): Promise<void> {
    if (!this.podsSyncing) return Promise.resolve();
    return new Promise((resolve) => this.podSyncWaiters.push(resolve));
  }

  private releasePodSyncWaiters(): void {
    if (this.podSyncWaiters.length === 0 || (this.podsSyncing && !this.closed)) return;
    for (const waiter of this.podSyncWaiters.splice(0)) waiter();
  }

  logs(namespace: string, pod: string, request: LogRequest, handlers: LogHandlers): Subscription {
    return streamLogs({ client: this.client, namespace, pod, request, handlers, backoff: this.options.newBackoff?.() });
  }

  watchPods(scope: Scope, onBatch: (batch: DeltaBatch<Pod>) => void): Subscription {
    return this.watch('Pod', scope, onBatch);
  }

  watchEvents(scope: Scope, onBatch: (batch: DeltaBatch<Event>) => void): Subscription {
    return this.watchWith('Event', scope, onBatch, this.takeEvent, this.recordEvent, true);
  }

  setEventTransform(transform: ((event: Event) => Event) | undefined, options?: { recordWhen?: (event: Event) => boolean }): void {
    this.eventTransform = transform;
    this.eventRecordWhen = options?.recordWhen;
  }

  /** Whether the Events watch's cache keeps a record of an event (every one unless recordWhen says not). */
  private readonly recordEvent = (obj: KubeObject): boolean => this.eventRecordWhen?.(obj as Event) ?? true;

  /** The event table's Events go through the event transform when one is set, else project(). */
  private readonly takeEvent = (obj: KubeObject): KubeObject => (this.eventTransform ? this.eventTransform(obj as Event) : project(obj));

  setPodTransform(transform: ((pod: Pod) => Pod) | undefined): void {
    this.podTransform = transform;
  }

  /** Pods go through the pod transform when one is set, else project(). */
  private readonly takePod = (obj: KubeObject): KubeObject => (this.podTransform ? this.podTransform(obj as Pod) : project(obj));

  private newInformer(
    kind: Kind,
    scope: Scope,
    onBatch: (batch: DeltaBatch<never>) => void,
    transform: ((obj: KubeObject) => KubeObject) | undefined,
    cacheWhen: ((obj: KubeObject) => boolean) | undefined,
  ): Informer<KubeObject> {
    return new Informer<KubeObject>({
      client: this.client,
      kind,
      scope: { namespace: scope.namespace },
      onBatch: onBatch as (batch: DeltaBatch<KubeObject>) => void,
      onStatus: () => this.refreshStatus(),
      schedule: this.options.schedule,
      backoff: this.options.newBackoff?.(),
      watchList: this.watchList,
      counters: this.countersOf(kind),
      onEnd: (end) => this.noteEnd(kind, end),
      transform,
      cacheWhen,
    });
  }

  private countersOf(kind: Kind): WatchCounters {
    let c = this.counters.get(kind);
    if (!c) this.counters.set(kind, (c = { syncs: 0, relists: 0, watches: 0, drops: 0 }));
    return c;
  }

  watchCounters(): Readonly<Record<string, Readonly<WatchCounters>>> {
    return Object.fromEntries(this.counters);
  }

  private noteEnd(kind: Kind, end: WatchEnd): void {
    let ends = this.ends.get(kind);
    if (!ends) this.ends.set(kind, (ends = []));
    ends.push(end);
    if (ends.length > WATCH_ENDS_KEPT) ends.shift();
  }

  watchEnds(): Readonly<Record<string, readonly WatchEnd[]>> {
    return Object.fromEntries(this.ends);
  }

  private refreshStatus(): void {
    this.releasePodSyncWaiters();
    if (this.closed) return;
    let worst: SourceStatus = { phase: 'live' };
    for (const w of this.watches) {
      if (!w.started) continue;
      const s = w.informer.status;
      if (PHASE_RANK[s.phase] < PHASE_RANK[worst.phase]) worst = s;
    }
    if (worst.phase === this.status.phase && worst.message === this.status.message) return;
    this.status = worst;
    for (const l of [...this.statusListeners]) l(worst);
  }

  /** Every page of a list, 500 objects at a time. */
  async list<K extends Kind>(kind: K, options: ListOptions): Promise<KindMap[K][]> {
    const out: KindMap[K][] = [];
    let cont: string | undefined;
    do {
      const page = await this.client.list(kind, {
        namespace: options.namespace,
        labelSelector: options.labelSelector,
        fieldSelector: options.fieldSelector,
        limit: 500,
        continue: cont,
      });
      // The event table's Events are projected page by page (a full LIST at 100k pods is 500k of them).
      if (kind === 'Event' && this.eventTransform) for (const ev of page.items) out.push(this.eventTransform(ev as Event) as KindMap[K]);
      else out.push(...page.items);
      cont = page.continue;
    } while (cont);
    return out;
  }

  async get<K extends Kind>(kind: K, namespace: string | undefined, name: string): Promise<KindMap[K] | undefined> {
    try {
      return await this.client.get(kind, namespace, name);
    } catch (err) {
      if (describeFailure(err, this.client.context.server).kind === 'notFound') return undefined;
      throw err;
    }
  }

  async delete(kind: Kind, namespace: string | undefined, name: string, options: DeleteRequest = {}): Promise<DeleteOutcome> {
    try {
      const body = await this.client.delete(kind, namespace, name, options);
      if (body.kind === 'Status') return { kind: 'deleted' };
      const meta = (body as KubeObject).metadata;
      const grace = meta?.deletionGracePeriodSeconds;
      if (meta?.deletionTimestamp && grace !== undefined && grace > 0) return { kind: 'deleting', graceSeconds: grace };
      return { kind: 'deleted' };
    } catch (err) {
      const failure = describeFailure(err, this.client.context.server);
      if (failure.kind === 'notFound' || (failure.kind === 'conflict' && isUidPreconditionFailure(409, failure.message))) {
        return { kind: 'notFound', message: failure.message };
      }
      if (failure.kind === 'forbidden') return { kind: 'forbidden', message: failure.message };
      return { kind: 'error', message: failure.message };
    }
  }

  patch(kind: Kind, namespace: string | undefined, name: string, patch: object, request: PatchRequest): Promise<unknown> {
    const type = request.type === 'merge' ? 'application/merge-patch+json' : 'application/strategic-merge-patch+json';
    return this.client.patch(kind, namespace, name, patch, type, request.subresource);
  }

  listPods(options: ListOptions): Promise<Pod[]> {
    return this.list('Pod', options);
  }

  listEvents(options: ListOptions): Promise<Event[]> {
    return this.list('Event', options);
  }

  getPod(namespace: string, name: string): Promise<Pod | undefined> {
    return this.get('Pod', namespace, name);
  }

  deletePod(namespace: string, name: string, graceSeconds: number | undefined, uid?: string): Promise<DeleteOutcome> {
    return this.delete('Pod', namespace, name, { graceSeconds, uid });
  }

  /** All namespaces, or only the context's own when listing them is forbidden. */
  async listNamespaces(): Promise<string[]> {
    try {
      return await this.client.listNamespaceNames();
    } catch (err) {
      if (describeFailure(err, this.client.context.server).kind === 'forbidden') return [this.defaultNamespace()];
      throw err;
    }
  }

  defaultNamespace(): string {
    return this.client.context.namespace;
  }

  contexts(): string[] {
    return this.client.context.merged.contexts.map((c) => c.name);
  }

  /**
   * Whether the cluster serves metrics.k8s.io/v1beta1, asked once per context through
   * discovery (/apis), as kubectl top does before it asks for metrics.
   */
  private metricsServed(): Promise<boolean> {
    const client = this.client;
    if (this.metricsGroup?.client !== client) {
      const answer = (client.getJson?.<{ groups?: { name?: string; versions?: { version?: string }[] }[] }>('/apis') ?? Promise.resolve({ groups: [] })).then((body) =>
        (body.groups ?? []).some((g) => g.name === METRICS_GROUP && (g.versions ?? []).some((v) => v.version === METRICS_VERSION)),
      );
      // A failed discovery is asked again next time.
      answer.catch(() => {
        if (this.metricsGroup?.answer === answer) this.metricsGroup = undefined;
      });
      this.metricsGroup = { client, answer };
    }
    return this.metricsGroup.answer;
  }

  /**
   * Every pod's (or node's) metrics: read as the answer arrives, only what a row shows kept of
   * each item (`pick`), so the whole answer — 3.6 MB at 10k pods — is never parsed into objects.
   */
  private async metricsList<T>(resource: 'pods' | 'nodes', namespace: string | undefined, pick: ListPick, onItem: (item: T) => void): Promise<MetricsOutcome> {
    try {
      if (!(await this.metricsServed())) return { available: false, absent: true, message: `the cluster serves no metrics API (${METRICS_GROUP_VERSION}; is metrics-server installed?)` };
      await this.client.getListItems<T>(metricsPath(resource, namespace), pick, onItem);
      return { available: true };
    } catch (err) {
      return { available: false, absent: false, message: describeFailure(err, this.client.context.server).message };
    }
  }

  async podMetrics(namespace: string | undefined, onItem: (item: PodMetricsUsage) => void): Promise<MetricsOutcome> {
    await this.whenPodsSynced();
    return this.metricsList<PodMetricsUsage>('pods', namespace, POD_METRICS_PICK, onItem);
  }

  async nodeMetrics(): Promise<MetricsAnswer<NodeMetricsUsage>> {
    const items: NodeMetricsUsage[] = [];
    const outcome = await this.metricsList<NodeMetricsUsage>('nodes', undefined, NODE_METRICS_PICK, (item) => items.push(item));
    return outcome.available ? { available: true, items } : outcome;
  }

  currentContext(): string {
    return this.client.context.name;
  }

  /**
   * New client (old ones keep the old URL), new informers; each watch starts over with a
   * RESET. Throws, keeping the current context, when the new one is unknown or unreachable.
   */
  async switchContext(name: string): Promise<void> {
    const next = resolveContext(this.client.context.merged, name, 'asked for with :ctx');
    const client = await createKubeClient(next, { requestTimeoutMs: this.options.requestTimeoutMs, readonly: this.options.readonly, credentialTimeoutMs: this.options.credentialTimeoutMs });
    // An unreachable or refusing context is reported and the current one kept.
    let version: string;
    try {
      version = await client.serverVersion();
    } catch (err) {
      throw new Error(`cannot switch to context "${name}": ${describeFailure(err, next.server).message}`);
    }
    if (this.closed) return;
    this.client = client;
    this.control = undefined;
    this.version = version;
    this.watchList = { refused: false }; // another server: learnt again
    for (const w of this.watches) {
      w.informer.stop();
      w.informer = this.newInformer(w.kind, w.scope, w.onBatch, w.transform, w.cacheWhen);
      // A background watch still waiting for the pods' first sync starts the new informer then.
      if (w.started) w.informer.start();
    }
    this.refreshStatus();
  }

  /** `kubectl exec -it` with this source's kubeconfig files and context (as k9s does). */
  shellRoute(): ShellRoute {
    if (this.options.readonly) throw new Error(readonlyRefusal('exec into', 'pods'));
    const c = this.client.context;
    return { kind: 'kubectl', context: c.name, kubeconfigFiles: c.files };
  }

  /** `kubectl attach` with this source's kubeconfig files and context (as k9s does). */
  attachRoute(): ShellRoute {
    if (this.options.readonly) throw new Error(readonlyRefusal('attach to', 'pods'));
    const c = this.client.context;
    return { kind: 'kubectl', context: c.name, kubeconfigFiles: c.files };
  }

  async forwardPort(request: ForwardRequest): Promise<PortForwardHandle> {
    if (this.options.readonly) throw new Error(readonlyRefusal('port-forward to', 'pods'));
    const handle = await forwardThroughApi(this.client, request);
    return this.forwards.track(handle);
  }

  close(): void {
    this.forwards.stopAll();
    this.closed = true;
    for (const w of this.watches) w.informer.stop();
    this.watches.clear();
    this.releasePodSyncWaiters();
    this.statusListeners.clear();
    this.client.close?.();
  }
}
