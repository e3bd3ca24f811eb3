// The in-process simulator as a ClusterSource: list from the store, watch from the list's
// resourceVersion, and hand deltas over in batches (one per macrotask), as an informer does;
// the batching is the live source's DeltaBuffer (no client-node behind it).
import { ApiError, isUidPreconditionFailure } from '../kube/apiError.js';
import { parseFieldSelector, parseLabelSelector, eventFieldValue } from '../kube/selectors.js';
import type { Event, Pod } from '../kube/types.js';
import type { SimApi } from '../sim/api.js';
import type { Clock } from '../sim/clock.js';
import type { Store } from '../sim/store.js';
import { DeltaBuffer } from './deltaBuffer.js';
import type {
  ClusterSource,
  DeleteOutcome,
  DeltaBatch,
  ListOptions,
  Scope,
  SourceInfo,
  SourceStatus,
  Subscription,
} from './types.js';
import { SIM_SERVER_GIT_VERSION } from '../sim/version.js';

/** The parts of a Simulator this source needs (engine.ts's Simulator has them). */
export interface SimulatorHandle {
  readonly store: Store;
  readonly api: SimApi;
  readonly clock: Clock;
}

export interface SimSourceOptions {
  scenario?: string;
  /** Schedules a batch flush; default setImmediate. */
  schedule?: (fn: () => void) => void;
}

export const SIM_CONTEXT = 'podscope-simulator';
export const SIM_VERSION = SIM_SERVER_GIT_VERSION;

export class SimSource implements ClusterSource {
  private readonly schedule: (fn: () => void) => void;
  private pendingFlushes = 0;

  constructor(
    private readonly sim: SimulatorHandle,
    private readonly options: SimSourceOptions = {},
  ) {
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
    return {
      context: SIM_CONTEXT,
      cluster: 'podscope-simulator',
      user: 'simulator',
      server: 'in-process',
      version: SIM_VERSION,
      simulator: { nowMs: this.sim.clock.now(), speed: this.sim.clock.speed, scenario: this.options.scenario ?? 'default' },
    };
  }

  now(): number {
    return this.sim.clock.now();
  }

  onStatus(listener: (status: SourceStatus) => void): Subscription {
    listener({ phase: 'live' });
    return { stop: () => undefined };
  }

  watchPods(scope: Scope, onBatch: (batch: DeltaBatch<Pod>) => void): Subscription {
    return this.watchKind('Pod', scope, onBatch);
  }

  watchEvents(scope: Scope, onBatch: (batch: DeltaBatch<Event>) => void): Subscription {
    return this.watchKind('Event', scope, onBatch);
  }

  private watchKind<K extends 'Pod' | 'Event'>(
    kind: K,
    scope: Scope,
    onBatch: (batch: DeltaBatch<K extends 'Pod' ? Pod : Event>) => void,
  ): Subscription {
    type T = K extends 'Pod' ? Pod : Event;
    const batcher = new DeltaBuffer<T>(onBatch, this.schedule);
    const list = this.sim.store.list(kind, { namespace: scope.namespace });
    batcher.push({ type: 'RESET', objects: list.items as T[] });
    const watch = this.sim.store.watch(kind, { namespace: scope.namespace, resourceVersion: list.resourceVersion }, (ev) => {
      if (ev.type === 'ADDED' || ev.type === 'MODIFIED' || ev.type === 'DELETED') {
        batcher.push({ type: ev.type, object: ev.object as T });
      }
    });
    return {
      stop: () => {
        batcher.stop();
        watch.stop();
      },
    };
  }

  async listPods(options: ListOptions): Promise<Pod[]> {
    const selector = options.labelSelector ? parseLabelSelector(options.labelSelector) : undefined;
    const items = this.sim.store.list('Pod', { namespace: options.namespace }).items;
    return selector ? items.filter((p) => selector.matches(p.metadata?.labels)) : items;
  }

  async listEvents(options: ListOptions): Promise<Event[]> {
    const selector = options.fieldSelector ? parseFieldSelector(options.fieldSelector) : undefined;
    const items = this.sim.store.list('Event', { namespace: options.namespace }).items;
    return selector ? items.filter((ev) => selector.matches((f) => eventFieldValue(ev, f))) : items;
  }

  async getPod(namespace: string, name: string): Promise<Pod | undefined> {
    return this.sim.store.get('Pod', namespace, name);
  }

  async deletePod(namespace: string, name: string, graceSeconds: number | undefined, uid?: string): Promise<DeleteOutcome> {
    try {
      const result = this.sim.api.delete('Pod', namespace, name, {
        gracePeriodSeconds: graceSeconds,
        preconditions: uid === undefined ? undefined : { uid },
      });
      if (result.deleted) return { kind: 'deleted' };
      return { kind: 'deleting', graceSeconds: result.object.metadata?.deletionGracePeriodSeconds ?? 0 };
    } catch (err) {
      return outcomeOfError(err);
    }
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

  close(): void {
    // The simulator belongs to whoever created it; nothing to release here.
  }
}

export function outcomeOfError(err: unknown): DeleteOutcome {
  if (err instanceof ApiError) {
    if (err.code === 404 || isUidPreconditionFailure(err.code, err.message)) return { kind: 'notFound', message: err.message };
    if (err.code === 403) return { kind: 'forbidden', message: err.message };
    return { kind: 'error', message: err.message };
  }
  return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
}
