// Our own list+watch loop (client-node's informer stops for good on the first non-410 error).
// Sync by watch-list streaming when the server offers it (sendInitialEvents=true: the state as
// ADDED events on the watch itself, ended by a BOOKMARK annotated k8s.io/initial-events-end,
// so no relist can outrun the watch history), else LIST in pages, showing the first page at
// once, then WATCH from the list's resourceVersion. A dropped watch resumes from the last
// resourceVersion it read (events or BOOKMARKs); only a 410 relists.
// 410 → relist and RESET; a dropped stream → re-watch from the last resourceVersion after a
// capped, jittered back-off; an unreachable server → relist once it answers again, since it
// may have come back with another history. A cache keyed by uid turns replays into updates,
// so the UI never sees a ghost or a duplicate.
import type { KubeObject, Status } from '../../kube/types.js';
import type { ConnectionPhase, DeltaBatch, SourceStatus, WatchCounters, WatchEnd } from '../types.js';
import { Backoff } from './backoff.js';
import { CATALOG } from '../../kube/catalog/index.js';
import type { Kind } from '../../kube/types.js';
import type { KubeClient, ListPage, ListRequest, WatchHandle } from './client.js';
import { DeltaBuffer, type Schedule } from '../deltaBuffer.js';
import { httpFailure, isTooLargeResourceVersion, KubeRequestError, describeFailure } from './errors.js';
import { project } from './project.js';

export const PAGE_SIZE = 500;
/** A stream that stayed open this long was healthy: the back-off starts over. */
const HEALTHY_STREAM_MS = 10_000;
/**
 * A watch quiet this long is checked with a one-item list; no answer in STALL_PROBE_MS and it
 * is given up. client-go's HTTP/2 health check (apimachinery's util/net: read idle 30 s, ping
 * timeout 15 s): a server too busy to answer a probe in 5 s (a 100k watch-list being built on
 * a loaded machine) is not dead, and giving its stream up only starts the same work over.
 */
const STALL_QUIET_MS = 30_000;
const STALL_PROBE_MS = 15_000;

export interface InformerScope {
  namespace: string | undefined;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface InformerOptions<T> {
  client: KubeClient;
  /** The catalogued kind to list and watch. */
  kind: Kind;
  scope: InformerScope;
  onBatch: (batch: DeltaBatch<T>) => void;
  onStatus?: (status: SourceStatus) => void;
  pageSize?: number;
  schedule?: Schedule;
  backoff?: Backoff;
  /** Real time, for the stream's age; injectable for tests. */
  now?: () => number;
  /** The back-off waits; injectable so tests can run them on a manual clock. */
  timers?: Timers;
  /** Seconds each watch asks the server to keep it open (client-go picks 5–10 minutes at random). */
  watchTimeoutSeconds?: () => number;
  /** Stall detection: quiet time before a probe, how long the probe may take, and its timers (tests shorten them). */
  stall?: { quietMs: number; probeMs: number; timers?: Timers };
  /**
   * Try watch-list streaming first; shared by a source's informers, so once the server refuses
   * it (400/422: WatchList off, or a server older than 1.27) all of them use paged LIST.
   * Unset: paged LIST only.
   */
  watchList?: WatchListSupport;
  /** Least time between two batches while a first sync pours in (default SYNC_BATCH_GAP_MS with the default schedule, else 0). */
  syncBatchGapMs?: number;
  /** Counted into as syncs, relists, watches and drops happen (shared by a source's informers of one kind). */
  counters?: WatchCounters;
  /** Told how each watch ended (not a refused watch-list, nor one this informer stopped). */
  onEnd?: (end: WatchEnd) => void;
  /**
   * What is kept of each object, applied as soon as it is parsed (client-go's SetTransform):
   * the deltas, and the batches waiting for their flush, carry what it returns, so a whole
   * object the view does not keep dies young instead of waiting in a batch. Not applied to
   * BOOKMARKs or ERRORs. It must keep metadata's namespace, name, uid and resourceVersion.
   * Default: `project` (managedFields dropped).
   */
  transform?: (obj: T) => T;
  /**
   * Which objects the cache keeps a record of (default: every one). One without a record is
   * passed on as the server sent it (ADDED, MODIFIED, DELETED), with no replay filter and no
   * part in a resumed list's vanished check: for a view that keeps few of many objects and
   * takes each by uid, newest resourceVersion winning (the TUI's Events store).
   */
  cacheWhen?: (obj: T) => boolean;
}

/** One page of a paged LIST on its way, and the page after it once asked for. */
interface PageFetch {
  page: Promise<ListPage<unknown>>;
  /** Its continue token, as soon as its first bytes held it. */
  token?: string;
  next?: PageFetch;
}

/** Batches at most this often during a first sync: a few frames a second show its progress. */
export const SYNC_BATCH_GAP_MS = 150;

export interface WatchListSupport {
  refused: boolean;
}

/** The annotation on the BOOKMARK that ends a watch-list's initial events. */
const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/** The timer functions the informer sleeps with (setTimeout/clearTimeout by default). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_TIMERS: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const randomWatchTimeout = (): number => 300 + Math.floor(Math.random() * 300);
/** A clean end this close to the timeoutSeconds asked for is the timeout, not a cut-off. */
const TIMEOUT_SLACK_MS = 1_000;

type WatchOutcome =
  | { kind: 'expired' }
  | { kind: 'ahead' }
  | { kind: 'ended'; error?: KubeRequestError; stalled?: true }
  | { kind: 'stopped' }
  | { kind: 'refused'; error: KubeRequestError };

/** A watch-list in progress: the objects seen before the initial-events-end bookmark. */
interface InitialEvents {
  /** First sync: objects go to the view as they come. A resync collects them and RESETs at the end. */
  progressive: boolean;
  fresh: Map<string, unknown>;
  count: number;
}

/**
 * What the informer remembers of each object, by uid: its resourceVersion as a number (absent
 * when the server's is not one), enough to tell a replay from news. The objects themselves go
 * to the view in the deltas and are not kept here, so the view alone decides what of them
 * stays in memory (the pod list keeps a projection, the event table what it bounds); a number
 * costs the cache's own entry and nothing more (no object, no string of its own).
 */
type CachedVersion = number | undefined;

function versionOf(obj: KubeObject): CachedVersion {
  return rvNumber(obj.metadata?.resourceVersion);
}

function keyOf(obj: KubeObject): string {
  const m = obj.metadata;
  return m?.uid ?? `${m?.namespace ?? ''}/${m?.name ?? ''}`;
}

function rvNumber(rv: string | undefined): number | undefined {
  if (rv === undefined || !/^\d+$/.test(rv)) return undefined;
  return Number(rv);
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}

export class Informer<T extends KubeObject> {
  private readonly cache = new Map<string, CachedVersion>();
  private rv: string | undefined;
  /** The server incarnation (sim serve's first version) the cache was listed from. */
  private listedFrom: string | undefined;
  private synced = false;
  /** A watch-list ended midway through its initial events (cut off, or dropped): page the next sync. */
  private pageNextSync = false;
  /** The latest watch-list delivered some initial events. */
  private streamedPartly = false;
  private stopped = false;
  private watchHandle: WatchHandle | undefined;
  private endWatch: ((outcome: WatchOutcome) => void) | undefined;
  private wake: (() => void) | undefined;
  private readonly buffer: DeltaBuffer<T>;
  private readonly backoff: Backoff;
  private readonly pageSize: number;
  private readonly syncBatchGapMs: number;
  private readonly now: () => number;
  private readonly timers: Timers;
  /** What is kept of a parsed object (see InformerOptions.transform). */
  private readonly transform: (obj: T) => T;
  private lastStatus: SourceStatus = { phase: 'connecting' };
  /** The timeoutSeconds the latest watch asked for, in milliseconds. */
  private askedTimeoutMs = 0;

  constructor(private readonly options: InformerOptions<T>) {
    this.buffer = new DeltaBuffer<T>(options.onBatch, options.schedule);
    this.syncBatchGapMs = options.syncBatchGapMs ?? (options.schedule ? 0 : SYNC_BATCH_GAP_MS);
    this.backoff = options.backoff ?? new Backoff();
    this.pageSize = options.pageSize ?? PAGE_SIZE;
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? REAL_TIMERS;
    this.transform = options.transform ?? project;
  }

  get status(): SourceStatus {
    return this.lastStatus;
  }

  /** True once a full list has been delivered. */
  get hasSynced(): boolean {
    return this.synced;
  }

  /** A first sync under way that has delivered objects already (a watch-list cut or broken after some, a paged LIST part-way). */
  get partlySynced(): boolean {
    return !this.synced && this.cache.size > 0;
  }

  /** True while deltas wait for their flush. */
  get busy(): boolean {
    return this.buffer.pending;
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.buffer.stop();
    this.watchHandle?.abort();
    this.endWatch?.({ kind: 'stopped' });
    this.wake?.();
  }

  /** The plural resource name, as status messages name the watch ("pods watch dropped"). */
  private get label(): string {
    return CATALOG[this.options.kind].resource;
  }

  private get server(): string {
    return this.options.client.context.server;
  }

  private setStatus(phase: ConnectionPhase, message?: string): void {
    if (this.stopped) return;
    const status: SourceStatus = message === undefined ? { phase } : { phase, message };
    if (status.phase === this.lastStatus.phase && status.message === this.lastStatus.message) return;
    this.lastStatus = status;
    this.options.onStatus?.(status);
  }

  private request(extra: Partial<ListRequest> = {}): ListRequest {
    const s = this.options.scope;
    const req: ListRequest = { namespace: s.namespace, ...extra };
    if (s.labelSelector) req.labelSelector = s.labelSelector;
    if (s.fieldSelector) req.fieldSelector = s.fieldSelector;
    return req;
  }

  private async run(): Promise<void> {
    this.setStatus('connecting', `connecting to ${this.server}`);
    let probe = false;
    while (!this.stopped) {
      try {
        let streamed = false;
        if (this.rv === undefined) {
          if (this.options.watchList && !this.options.watchList.refused && !this.pageNextSync) streamed = true;
          else {
            this.pageNextSync = false;
            await this.list();
          }
          probe = false;
        } else if (probe) {
          probe = false;
          await this.checkHistory();
          continue;
        }
        if (this.stopped) return;
        const opened = this.now();
        const outcome = await this.watchOnce(streamed);
        if (outcome.kind === 'stopped' || this.stopped) return;
        this.countEnd(outcome, this.now() - opened, streamed && this.rv === undefined);
        if (outcome.kind === 'refused') {
          // The server does not stream lists (WatchList off, or older than 1.27): page instead.
          this.options.watchList!.refused = true;
          continue;
        }
        if (outcome.kind === 'expired') {
          this.rv = undefined;
          this.setStatus('syncing', `${this.label}: the watch fell too far behind the server; relisting`);
          continue;
        }
        if (outcome.kind === 'ahead') {
          this.rv = undefined;
          this.setStatus('syncing', `${this.label}: the server's history has not reached our version (a restarted server); relisting`);
          continue;
        }
        if (streamed && this.rv === undefined && this.streamedPartly) {
          // A watch-list that ended after some of its initial events but before their end (cut
          // off as a slow reader, or its connection lost): the next sync pages. Pages are answers, not one long stream
          // that any drop starts over, and the watch after them replays at our pace.
          this.pageNextSync = true;
          if (!outcome.error) {
            this.setStatus('syncing', `${this.label}: the server ended the streamed list early; listing in pages`);
            continue;
          }
        }
        const healthy = this.now() - opened >= HEALTHY_STREAM_MS;
        if (healthy) this.backoff.reset();
        // A watch-list cut short before its initial events ended has no version to resume from.
        if (this.rv !== undefined) probe = true;
        // The server ending a long-open stream cleanly is its timeoutSeconds running out:
        // routine, so watch again at once (as client-go does), with no "reconnecting" alarm.
        if (healthy && !outcome.error) continue;
        const why = outcome.error ? ` (${outcome.error.message})` : '';
        const delay = this.backoff.next();
        this.setStatus('reconnecting', `${this.label} watch dropped${why}; reconnecting in ${seconds(delay)}`);
        await this.sleep(delay);
      } catch (err) {
        if (this.stopped) return;
        const failure = describeFailure(err, this.server);
        if (failure.kind === 'gone' || failure.kind === 'versionAhead') {
          // A continue token that expired mid-list: start the list over.
          this.rv = undefined;
          continue;
        }
        // The server went away: it may come back with another history, so relist then.
        if (failure.kind === 'unreachable') this.rv = undefined;
        const delay = this.backoff.next();
        const denied = failure.kind === 'unauthorized' || failure.kind === 'forbidden';
        this.setStatus(denied ? 'error' : 'reconnecting', `cannot sync ${this.label}: ${failure.message}; retrying in ${seconds(delay)}`);
        await this.sleep(delay);
      }
    }
  }

  private countSync(): void {
    const c = this.options.counters;
    if (!c) return;
    c.syncs++;
    if (this.synced) c.relists++;
  }

  private countEnd(outcome: WatchOutcome, openMs: number, initial: boolean): void {
    const timedOut = outcome.kind === 'ended' && !outcome.error && openMs >= this.askedTimeoutMs - TIMEOUT_SLACK_MS;
    const c = this.options.counters;
    if (c) {
      if (outcome.kind === 'refused') c.syncs--; // the server does not stream lists: no sync happened, the paged one follows
      else if (!timedOut) c.drops++;
    }
    if (!this.options.onEnd || outcome.kind === 'refused' || outcome.kind === 'stopped') return;
    const how: WatchEnd['how'] =
      outcome.kind !== 'ended' ? outcome.kind : timedOut ? 'timeout' : outcome.stalled ? 'stalled' : outcome.error ? 'error' : 'cut';
    const end: WatchEnd = { at: Date.now(), how, openMs: Math.round(openMs), askedMs: this.askedTimeoutMs };
    if (initial) end.initial = true;
    if (outcome.kind === 'ended' && outcome.error) end.message = outcome.error.message;
    this.options.onEnd(end);
  }

  /**
   * LIST in pages. The first list shows each page as it comes; a relist replaces the view at once.
   * A first list after a watch-list that was cut short keeps what the stream delivered: each
   * page's pods are upserts (an unchanged one, same resourceVersion, is no news), and only if
   * the list misses some streamed object (deleted meanwhile) does its end replace the view.
   */
  private async list(): Promise<void> {
    this.countSync();
    const progressive = !this.synced;
    const resuming = progressive && this.cache.size > 0;
    if (!progressive) this.setStatus('syncing', `resyncing ${this.label}`);
    else this.buffer.pace(this.syncBatchGapMs);
    const fresh = new Map<string, T>();
    let rv = '';
    let first = true;
    // The next page is asked for as soon as the awaited one's continue token is known: from
    // its first bytes where the server writes the list's metadata first (client.list's early
    // hook), else once it is parsed, before it is digested. Either way the server builds the
    // next page while we read, parse, project and apply this one (a loaded server's answer is
    // most of a page's time). At most one page is asked for ahead of the awaited one.
    let current: PageFetch;
    const askNext = (f: PageFetch): void => {
      if (f.next === undefined && f.token !== undefined && !this.stopped) f.next = fetchPage(f.token);
    };
    const fetchPage = (token: string | undefined): PageFetch => {
      const f: PageFetch = { page: undefined as unknown as Promise<ListPage<unknown>> };
      f.page = this.options.client.list(this.options.kind, this.request(token ? { limit: this.pageSize, continue: token } : { limit: this.pageSize }), {
        onContinue: (following) => {
          f.token = following;
          if (f === current) askNext(f);
        },
      });
      // Not awaited until its turn: a failure then is that turn's, not an unhandled rejection now.
      f.page.catch(() => undefined);
      return f;
    };
    current = fetchPage(undefined);
    for (;;) {
      const page = await current.page;
      if (this.stopped) return;
      if (page.continue) {
        current = current.next !== undefined && current.token === page.continue ? current.next : fetchPage(page.continue);
        // Its first bytes may have come while this page was awaited.
        askNext(current);
      }
      if (first) {
        rv = page.resourceVersion;
        this.listedFrom = this.incarnation();
      }
      const items = page.items as unknown as T[];
      for (let i = 0; i < items.length; i++) items[i] = this.transform(items[i]!);
      if (resuming) {
        for (const obj of items) {
          fresh.set(keyOf(obj), obj);
          this.upsert(obj);
        }
      } else if (progressive) {
        if (first) {
          this.cache.clear();
          for (const obj of items) this.record(obj);
          this.buffer.push({ type: 'RESET', objects: items });
        } else {
          for (const obj of items) this.upsert(obj);
        }
      } else {
        for (const obj of items) fresh.set(keyOf(obj), obj);
      }
      if (progressive && page.continue) this.setStatus('syncing', `loading ${this.label}: ${this.cache.size} so far`);
      first = false;
      if (!page.continue) break;
    }
    const vanished = resuming && [...this.cache.keys()].some((k) => !fresh.has(k));
    if (!progressive || vanished) {
      this.cache.clear();
      for (const v of fresh.values()) this.record(v);
      this.buffer.push({ type: 'RESET', objects: [...fresh.values()] });
    }
    this.rv = rv;
    this.synced = true;
    this.buffer.pace(0);
    // A completed (re)list is a recovery: a later outage starts its back-off from the first step.
    this.backoff.reset();
  }

  private incarnation(): string | undefined {
    return this.options.client.incarnation?.();
  }

  /**
   * After a reconnect: a server whose resourceVersion went backwards, or that names another
   * incarnation than the one we listed from, restarted with a new history.
   */
  private async checkHistory(): Promise<void> {
    const page = await this.options.client.list(this.options.kind, this.request({ limit: 1 }));
    this.backoff.reset();
    const theirs = rvNumber(page.resourceVersion);
    const ours = rvNumber(this.rv);
    const now = this.incarnation();
    if ((theirs !== undefined && ours !== undefined && theirs < ours) || (now !== undefined && now !== this.listedFrom)) {
      this.rv = undefined;
      this.setStatus('syncing', `${this.label}: the server restarted with a new history; relisting`);
    }
  }

  /** One watch. `streamed`: a watch-list, whose initial events sync the cache first. */
  private watchOnce(streamed: boolean): Promise<WatchOutcome> {
    if (this.options.counters) {
      this.options.counters.watches++;
      if (streamed) this.countSync();
    }
    return new Promise<WatchOutcome>((resolve) => {
      let settled = false;
      const initial: InitialEvents | undefined = streamed ? { progressive: !this.synced, fresh: new Map(), count: 0 } : undefined;
      if (initial && !initial.progressive) this.setStatus('syncing', `resyncing ${this.label}`);
      if (initial?.progressive) this.buffer.pace(this.syncBatchGapMs);
      if (streamed) this.streamedPartly = false;
      let phaseInitial = initial !== undefined;
      const finish = (outcome: WatchOutcome): void => {
        if (settled) return;
        settled = true;
        this.endWatch = undefined;
        this.watchHandle?.abort();
        this.watchHandle = undefined;
        resolve(outcome);
      };
      this.endWatch = finish;
      const stall = this.options.stall ?? { quietMs: STALL_QUIET_MS, probeMs: STALL_PROBE_MS };
      const stallTimers = stall.timers ?? REAL_TIMERS;
      let heard = this.now();
      let watchdog: unknown;
      const arm = (): void => {
        watchdog = stallTimers.setTimeout(() => void check(), stall.quietMs);
      };
      // A quiet stream may be a quiet namespace or a dead server: ask the server something small.
      const check = async (): Promise<void> => {
        if (settled) return;
        if (this.now() - heard < stall.quietMs) return arm();
        const answered = await this.probe(stall.probeMs, stallTimers);
        if (settled) return;
        if (answered) {
          heard = this.now();
          return arm();
        }
        finish({ kind: 'ended', stalled: true, error: new KubeRequestError('timeout', `the API server at ${this.server} stopped answering (nothing in ${seconds(stall.quietMs + stall.probeMs)})`) });
      };
      const settle = finish;
      const finishAndDisarm = (outcome: WatchOutcome): void => {
        if (watchdog !== undefined) stallTimers.clearTimeout(watchdog);
        settle(outcome);
      };
      this.endWatch = finishAndDisarm;
      arm();
      const from = streamed ? { resourceVersion: '', sendInitialEvents: true } : { resourceVersion: this.rv ?? '' };
      const timeoutSeconds = (this.options.watchTimeoutSeconds ?? randomWatchTimeout)();
      this.askedTimeoutMs = timeoutSeconds * 1000;
      this.options.client
        .watch(this.options.kind, { ...this.request(), ...from, timeoutSeconds }, {
          onEvent: (type, object) => {
            if (settled) return;
            heard = this.now();
            if (phaseInitial && initial) {
              const ended = this.onInitialEvent(initial, type, object);
              if (ended === 'done') {
                phaseInitial = false;
                this.setStatus('live');
              } else if (ended) finishAndDisarm(ended);
              return;
            }
            const ended = this.onWatchEvent(type, object);
            if (ended) finishAndDisarm(ended);
          },
          onDone: (error) => {
            // 400 or 422 to the watch-list request itself: the server does not stream lists (its
            // ListOptions validation rejects sendInitialEvents). Not a 429: that is "later".
            const refused = streamed && phaseInitial && initial!.count === 0 && (error?.code === 400 || error?.code === 422);
            if (refused) return finishAndDisarm({ kind: 'refused', error });
            finishAndDisarm(error?.kind === 'gone' ? { kind: 'expired' } : error?.kind === 'versionAhead' ? { kind: 'ahead' } : error ? { kind: 'ended', error } : { kind: 'ended' });
          },
        })
        .then((handle) => {
          if (settled) {
            handle.abort();
            return;
          }
          this.watchHandle = handle;
          if (!phaseInitial) this.setStatus('live');
        })
        .catch((err: unknown) => finishAndDisarm({ kind: 'ended', error: describeFailure(err, this.server) }));
    });
  }

  /** True when a one-item list answers within `ms` (any answer, even an error status, proves the server is there). */
  private probe(ms: number, timers: Timers): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = timers.setTimeout(() => resolve(false), ms);
      const done = (answered: boolean): void => {
        timers.clearTimeout(timer);
        resolve(answered);
      };
      this.options.client.list(this.options.kind, this.request({ limit: 1 })).then(
        () => done(true),
        (err: unknown) => done(describeFailure(err, this.server).code !== undefined),
      );
    });
  }

  /** One event of a watch-list's initial state; 'done' at the bookmark that ends it. */
  private onInitialEvent(initial: InitialEvents, type: string, object: unknown): WatchOutcome | 'done' | undefined {
    if (type !== 'ADDED' && type !== 'BOOKMARK') return this.onWatchEvent(type, object);
    if (type === 'BOOKMARK') {
      const obj = object as T;
      if (obj?.metadata?.annotations?.[INITIAL_EVENTS_END] !== 'true') return undefined;
      if (!initial.progressive) this.startView([...initial.fresh.values()] as T[]);
      else if (initial.count === 0) this.startView([]);
      this.rv = obj.metadata?.resourceVersion ?? this.rv;
      this.listedFrom = this.incarnation();
      this.synced = true;
      this.buffer.pace(0);
      // A completed sync is a recovery: a later outage starts its back-off from the first step.
      this.backoff.reset();
      return 'done';
    }
    const obj = this.transform(object as T);
    initial.count++;
    this.streamedPartly = true;
    if (initial.progressive && initial.count === 1) this.startView([obj]);
    else if (initial.progressive) this.upsert(obj);
    else initial.fresh.set(keyOf(obj), obj);
    if (initial.progressive && initial.count % 1_000 === 0) this.setStatus('syncing', `loading ${this.label}: ${initial.count} so far`);
    return undefined;
  }

  /** The view starts over from these objects (later ADDED deltas join the RESET until the flush). */
  private startView(objects: T[]): void {
    this.cache.clear();
    for (const obj of objects) this.record(obj);
    this.buffer.push({ type: 'RESET', objects });
  }

  /** The keys (uids) the cache records now: what a relist's diff and the replay filter know of. */
  recordedKeys(): string[] {
    return [...this.cache.keys()];
  }

  /** Notes the object in the cache, unless cacheWhen says it is not to be recorded. */
  private record(obj: T): void {
    if (this.options.cacheWhen && !this.options.cacheWhen(obj)) return;
    this.cache.set(keyOf(obj), versionOf(obj));
  }

  /** Applies one watch event; returns an outcome when the event ends the stream. */
  private onWatchEvent(type: string, object: unknown): WatchOutcome | undefined {
    if (type === 'ERROR') {
      const status = object as Status;
      const code = status?.code ?? 500;
      if (code === 410) return { kind: 'expired' };
      if (isTooLargeResourceVersion(code, status)) return { kind: 'ahead' };
      return { kind: 'ended', error: httpFailure(code, this.server, status) };
    }
    if (type === 'BOOKMARK') {
      const rv = (object as T)?.metadata?.resourceVersion;
      if (rv) this.rv = rv;
      return undefined;
    }
    const obj = this.transform(object as T);
    const rv = obj?.metadata?.resourceVersion;
    if (type === 'ADDED' || type === 'MODIFIED') this.upsert(obj, type);
    else if (type === 'DELETED') this.remove(obj);
    if (rv) this.rv = rv;
    return undefined;
  }

  /** ADDED for a new uid, MODIFIED for a known one; replays older than what we hold are skipped. */
  private upsert(obj: T, type: 'ADDED' | 'MODIFIED' = 'ADDED'): void {
    const key = keyOf(obj);
    const had = this.cache.get(key);
    const known = had !== undefined || this.cache.has(key);
    if (!known && this.options.cacheWhen && !this.options.cacheWhen(obj)) {
      this.buffer.push({ type, object: obj });
      return;
    }
    const got = versionOf(obj);
    if (had !== undefined && got !== undefined && got <= had) return;
    this.cache.set(key, got);
    this.buffer.push({ type: known ? 'MODIFIED' : 'ADDED', object: obj });
  }

  private remove(obj: T): void {
    const key = keyOf(obj);
    if (!this.cache.delete(key) && !(this.options.cacheWhen && !this.options.cacheWhen(obj))) return;
    this.buffer.push({ type: 'DELETED', object: obj });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) return resolve();
      const timer = this.timers.setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        this.timers.clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
