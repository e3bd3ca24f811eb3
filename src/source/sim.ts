// The in-process simulator as a ClusterSource: list from the store, watch from the list's
// resourceVersion, and hand deltas over in batches (one per macrotask), as an informer does;
// the batching is the live source's DeltaBuffer (no client-node behind it).
import { ApiError, isUidPreconditionFailure } from '../kube/apiError.js';
import { objectSelector } from '../kube/catalog/objectSelector.js';
import type { Event, Kind, KindMap, Pod } from '../kube/types.js';
import type { SimApi } from '../sim/api.js';
import { isControllable, type Clock } from '../sim/clock.js';
import type { Store } from '../sim/store.js';
import { DeltaBuffer } from './deltaBuffer.js';
import type {
  ClusterSource,
  DeleteOutcome,
  DeleteRequest,
  DeltaBatch,
  ListOptions,
  PatchRequest,
  Scope,
  SourceInfo,
  SourceStatus,
  Subscription,
} from './types.js';
import { applyPatch } from '../sim/server/patch.js';
import { applyScale, scaleOf, type Scale } from '../sim/server/scale.js';
import { SIM_SERVER_GIT_VERSION } from '../kube/version.js';
import { errorText } from '../kube/errorText.js';
import type { LogHandlers, LogRequest } from './logTypes.js';
import { simLogs } from './simLogs.js';
import { readonlyRefusal } from './readonly.js';
import { CATALOG } from '../kube/catalog/index.js';
import type { SimController } from '../sim/rehearse/control.js';
import { inProcessControl } from './simControl.js';
import type { SimulatorControl, SimulatorInfo } from './types.js';
import type { InsideWorld } from '../sim/inside/types.js';
import { SimPodAccess } from './simPodAccess.js';
import type { ForwardRequest, PortForwardHandle, ShellRoute, ShellSession, ShellTarget, TerminalSize } from './streamTypes.js';
import type { NodeMetrics, PodMetrics } from '../kube/metricsTypes.js';
import { SimMetrics } from '../sim/metrics/index.js';
import type { MetricsAnswer, MetricsOutcome } from './types.js';

/** The parts of a Simulator this source needs (engine.ts's Simulator has them). */
export interface SimulatorHandle {
  readonly store: Store;
  readonly api: SimApi;
  readonly clock: Clock;
  /** The containers' insides (shell, network), when the simulator models them. */
  readonly inside?: InsideWorld;
}

export interface SimSourceOptions {
  scenario?: string;
  /** --readonly: every write is refused here, whatever calls it. */
  readonly?: boolean;
  /** Schedules a batch flush; default setImmediate. */
  schedule?: (fn: () => void) => void;
  /** The simulator's control (time and faults); absent → the source offers none. */
  control?: SimController;
}

export const SIM_CONTEXT = 'podscope-simulator';
export const SIM_VERSION = SIM_SERVER_GIT_VERSION;

export class SimSource implements ClusterSource {
  private readonly schedule: (fn: () => void) => void;
  private pendingFlushes = 0;
  private readonly podAccess: SimPodAccess;

  constructor(
    private readonly sim: SimulatorHandle,
    private readonly options: SimSourceOptions = {},
  ) {
    this.podAccess = new SimPodAccess(
      () => sim.inside,
      (namespace, name) => sim.store.get('Pod', namespace, name),
      options.readonly ?? false,
    );
    const schedule = options.schedule ?? ((fn) => setImmediate(fn));
    // Counts flushes on their way, so busy() can tell tests when every batch has landed.
    this.schedule = (fn) => {
      this.pendingFlushes++;
      schedule(() => {
        this.pendingFlushes--;
        fn();
      });
    };
  }

  /** True while a batch is waiting to be delivered (tests wait for this to clear). */
  get busy(): boolean {
    return this.pendingFlushes > 0;
  }

  pendingWork(): readonly string[] {
    return this.pendingFlushes > 0 ? [`sim source: ${this.pendingFlushes} batch flush(es) scheduled`] : [];
  }

  info(): SourceInfo {
    const simulator: SimulatorInfo = { nowMs: this.sim.clock.now(), speed: this.sim.clock.speed, scenario: this.options.scenario ?? 'default' };
    // A manual clock (tests) reports pause as set; set only when true, so the info of a running simulator is unchanged.
    if (isControllable(this.sim.clock) && this.sim.clock.paused) simulator.paused = true;
    return { context: SIM_CONTEXT, cluster: 'podscope-simulator', user: 'simulator', server: 'in-process', version: SIM_VERSION, simulator };
  }

  private control: SimulatorControl | undefined;

  async simulatorControl(): Promise<SimulatorControl | undefined> {
    if (!this.options.control) return undefined;
    return (this.control ??= inProcessControl(this.options.control, this.options.readonly === true));
  }

  now(): number {
    return this.sim.clock.now();
  }

  onStatus(listener: (status: SourceStatus) => void): Subscription {
    listener({ phase: 'live' });
    return { stop: () => undefined };
  }

  watch<K extends Kind>(kind: K, scope: Scope, onBatch: (batch: DeltaBatch<KindMap[K]>) => void): Subscription {
    const batcher = new DeltaBuffer<KindMap[K]>(onBatch, this.schedule);
    const list = this.sim.store.list(kind, { namespace: scope.namespace });
    batcher.push({ type: 'RESET', objects: list.items });
    const watch = this.sim.store.watch(kind, { namespace: scope.namespace, resourceVersion: list.resourceVersion }, (ev) => {
      if (ev.type === 'ADDED' || ev.type === 'MODIFIED' || ev.type === 'DELETED') {
        batcher.push({ type: ev.type, object: ev.object });
      }
    });
    return {
      stop: () => {
        batcher.stop();
        watch.stop();
      },
    };
  }

  async list<K extends Kind>(kind: K, options: ListOptions): Promise<KindMap[K][]> {
    // A bad selector rejects with its SelectorError (the apiserver's 400 text).
    const selector = objectSelector(kind, options.labelSelector, options.fieldSelector);
    return this.sim.store.list(kind, { namespace: options.namespace, filter: selector }).items;
  }

  async get<K extends Kind>(kind: K, namespace: string | undefined, name: string): Promise<KindMap[K] | undefined> {
    return this.sim.store.get(kind, namespace, name);
  }

  async delete(kind: Kind, namespace: string | undefined, name: string, options: DeleteRequest = {}): Promise<DeleteOutcome> {
    if (this.options.readonly) return { kind: 'forbidden', message: readonlyRefusal('delete', `${CATALOG[kind].resource} "${namespace === undefined ? name : `${namespace}/${name}`}"`) };
    try {
      const result = this.sim.api.delete(kind, namespace, name, {
        gracePeriodSeconds: options.graceSeconds,
        preconditions: options.uid === undefined ? undefined : { uid: options.uid },
      });
      if (result.deleted) return { kind: 'deleted' };
      return { kind: 'deleting', graceSeconds: result.object.metadata?.deletionGracePeriodSeconds ?? 0 };
    } catch (err) {
      return outcomeOfError(err);
    }
  }

  logs(namespace: string, pod: string, request: LogRequest, handlers: LogHandlers): Subscription {
    return simLogs(this.sim, this.schedule, namespace, pod, request, handlers);
  }

  async patch(kind: Kind, namespace: string | undefined, name: string, patch: object, request: PatchRequest): Promise<unknown> {
    if (this.options.readonly) throw new Error(readonlyRefusal('patch', `${CATALOG[kind].resource} "${namespace === undefined ? name : `${namespace}/${name}`}"`));
    const type = request.type === 'merge' ? 'application/merge-patch+json' : 'application/strategic-merge-patch+json';
    const current = this.sim.api.get(kind, namespace, name);
    if (request.subresource === 'scale') {
      const scale = applyPatch(type, scaleOf(current as Parameters<typeof scaleOf>[0]), patch) as Scale;
      return applyScale(this.sim.api, kind, namespace, name, scale);
    }
    return this.sim.api.update(kind, applyPatch(type, current, patch) as KindMap[typeof kind]);
  }

  watchPods(scope: Scope, onBatch: (batch: DeltaBatch<Pod>) => void): Subscription {
    return this.watch('Pod', scope, onBatch);
  }

  watchEvents(scope: Scope, onBatch: (batch: DeltaBatch<Event>) => void): Subscription {
    return this.watch('Event', scope, onBatch);
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

  peekPod(namespace: string, name: string): Pod | undefined {
    return this.sim.store.get('Pod', namespace, name);
  }

  /** The simulator serves metrics.k8s.io itself: computed from its model at this instant. */
  async podMetrics(namespace: string | undefined, onItem: (item: PodMetrics) => void): Promise<MetricsOutcome> {
    for (const item of new SimMetrics(this.sim.store, this.sim.clock).listPods(namespace)) onItem(item);
    return { available: true };
  }

  async nodeMetrics(): Promise<MetricsAnswer<NodeMetrics>> {
    return { available: true, items: new SimMetrics(this.sim.store, this.sim.clock).listNodes() };
  }

  async listNamespaces(): Promise<string[]> {
    return [...this.sim.store.all('Namespace')].map((ns) => ns.metadata?.name ?? '').sort();
  }

  defaultNamespace(): string {
    return 'default';
  }

  contexts(): string[] {
    return [SIM_CONTEXT];
  }

  currentContext(): string {
    return SIM_CONTEXT;
  }

  async switchContext(name: string): Promise<void> {
    if (name !== SIM_CONTEXT) throw new Error(`context "${name}" does not exist (the simulator has one context, ${SIM_CONTEXT})`);
  }

  shellRoute(): ShellRoute {
    return this.podAccess.shellRoute();
  }

  openShell(target: ShellTarget, output: (data: string) => void, size: TerminalSize): ShellSession {
    return this.podAccess.openShell(target, output, size);
  }

  attachRoute(): ShellRoute {
    return this.podAccess.attachRoute();
  }

  openAttach(target: ShellTarget, output: (data: string) => void, size: TerminalSize): ShellSession {
    return this.podAccess.openAttach(target, output, size);
  }

  forwardPort(request: ForwardRequest): Promise<PortForwardHandle> {
    return this.podAccess.forwardPort(request);
  }

  close(): void {
    // The simulator belongs to whoever created it; the forwards opened here end.
    this.podAccess.close();
  }
}

export function outcomeOfError(err: unknown): DeleteOutcome {
  if (err instanceof ApiError) {
    if (err.code === 404 || isUidPreconditionFailure(err.code, err.message)) return { kind: 'notFound', message: err.message };
    if (err.code === 403) return { kind: 'forbidden', message: err.message };
    return { kind: 'error', message: err.message };
  }
  return { kind: 'error', message: errorText(err) };
}
