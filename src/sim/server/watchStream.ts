// One watch response: newline-delimited JSON events over a chunked response, fed by the
// store, written at the pace the reader takes them.
//
// As the apiserver's cacheWatcher does, two kinds of events are kept apart:
// - the "interval": the synthetic ADDED of the current state (resourceVersion unset or 0,
//   or sendInitialEvents=true) or the history replayed after a resourceVersion. It is
//   written as the socket drains, however long it is, and never counts against the reader.
// - live events, queued behind it in a channel of WATCH_CHANNEL_SIZE events. A reader that
//   lets the channel fill is cut off: the stream ends (cleanly, as the apiserver closes a
//   terminated watcher's result channel) and the client watches again from the last
//   resourceVersion it read. The limit is a number of events, never a time.
// Events are encoded when they are written, so a queued event costs a reference.
import type { ServerResponse } from 'node:http';
import type { ApiError } from '../../kube/apiError.js';
import type { IncludeObject } from '../../kube/table.js';
import type { AnyObject, Kind, WatchEvent } from '../../kube/types.js';
import { apiVersionOf, type Filter, type Store, type Watch } from '../store.js';
import { encodeTableWatchLine, encodeWatchLine, encodeWatchLineOnce } from './encode.js';
import { tableFor } from './filters.js';
import type { Representation } from './negotiate.js';
import { toApiError } from './respond.js';

/**
 * Live events a watcher may have queued before it is cut off: the apiserver's largest watch
 * channel (maxWatchChanSizeWithIndexWithoutTrigger, which an unfiltered pods watch gets once
 * its watch cache holds 75 s of history; the cacher terminates a watcher whose channel stays
 * full past its dispatch budget).
 */
export const WATCH_CHANNEL_SIZE = 1_000;

export interface WatchStreamOptions {
  store: Store;
  kind: Kind;
  namespace?: string;
  filter?: Filter<AnyObject>;
  resourceVersion?: string;
  representation: Representation;
  includeObject: IncludeObject;
  allowBookmarks: boolean;
  /** sendInitialEvents=true: synthetic ADDED for the current state, then a BOOKMARK marking their end. */
  sendInitialEvents: boolean;
  timeoutMs: number;
  bookmarkIntervalMs: number;
  /** Unsent bytes the socket may hold before the stream stops writing and queues. */
  maxBufferedBytes: number;
  /** Live events that may queue behind a slow reader before it is cut off (default WATCH_CHANNEL_SIZE). */
  channelSize?: number;
  now: () => number;
}

type Item = WatchEvent<AnyObject> | { type: 'BOOKMARK'; resourceVersion: string; initialEventsEnd: boolean };

export class WatchStream {
  private watch: Watch | undefined;
  private timers: NodeJS.Timeout[] = [];
  private closed = false;
  private headersSent = false;
  /** Initial or replayed events not yet written (never counted against the reader). */
  private interval: Item[] = [];
  private intervalAt = 0;
  /** Live events (and bookmarks, in order) not yet written. */
  private live: Item[] = [];
  private liveAt = 0;
  private subscribing = false;
  private waitingForDrain = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly options: WatchStreamOptions,
    private readonly onClosed: (stream: WatchStream) => void,
  ) {}

  start(): void {
    const o = this.options;
    const contentType =
      o.representation.type === 'table' ? `application/json;as=Table;v=${o.representation.version};g=meta.k8s.io` : 'application/json';
    this.res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private' });
    this.res.flushHeaders();
    this.res.on('close', () => this.close());
    this.res.on('drain', () => {
      this.waitingForDrain = false;
      this.pump();
    });
    const from = o.sendInitialEvents ? undefined : o.resourceVersion;
    this.subscribing = true;
    try {
      // The store replays (or synthesises) synchronously inside watch(): that is the interval.
      this.watch = o.store.watch(o.kind, { namespace: o.namespace, filter: o.filter, resourceVersion: from }, (ev) => this.enqueue(ev));
    } catch (err) {
      this.subscribing = false;
      this.fail(toApiError(err));
      return;
    } finally {
      this.subscribing = false;
    }
    if (this.closed) {
      this.watch.stop();
      return;
    }
    if (o.sendInitialEvents && o.allowBookmarks) {
      this.interval.push({ type: 'BOOKMARK', resourceVersion: o.store.resourceVersion, initialEventsEnd: true });
    }
    if (o.allowBookmarks) {
      const t = setInterval(() => this.bookmark(), o.bookmarkIntervalMs);
      t.unref();
      this.timers.push(t);
    }
    const timeout = setTimeout(() => this.end(), o.timeoutMs);
    timeout.unref();
    this.timers.push(timeout);
    this.pump();
  }

  /** Ends the stream cleanly (timeoutSeconds, server shutdown, a reader cut off). */
  end(): void {
    if (this.closed) return;
    this.res.end();
    this.close();
  }

  /** Drops the connection without a clean end, as a network failure would. */
  drop(): void {
    if (this.closed) return;
    this.res.destroy();
    this.close();
  }

  /** Fault injection: a line that is not a JSON watch event, as a broken proxy might send. */
  sendMalformedLine(): void {
    if (this.closed) return;
    this.res.write(Buffer.from('{"type":"MODIFIED","object":{"kind":\n'));
  }

  /** Fault injection: the 410 ERROR event a watch gets when its version is compacted away, then the end. */
  expire(err: ApiError): void {
    if (this.closed) return;
    this.fail(err);
  }

  /** Events written or queued but not yet written (tests, diagnostics). */
  get queued(): number {
    return this.interval.length - this.intervalAt + this.live.length - this.liveAt;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.watch?.stop();
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    this.interval = [];
    this.live = [];
    this.onClosed(this);
  }

  /** A watch that cannot start (410 Expired …) still answers 200, with one ERROR event. */
  private fail(err: ApiError): void {
    this.res.write(Buffer.from(`${JSON.stringify({ type: 'ERROR', object: err.toStatus() })}\n`));
    this.end();
  }

  private enqueue(ev: WatchEvent<AnyObject>): void {
    if (this.closed) return;
    if (this.subscribing) {
      this.interval.push(ev);
      return;
    }
    this.live.push(ev);
    if (this.live.length - this.liveAt > (this.options.channelSize ?? WATCH_CHANNEL_SIZE)) {
      this.end();
      return;
    }
    if (!this.waitingForDrain) this.pump();
  }

  /** A progress bookmark, in order behind what is queued; none while the interval is still going out. */
  private bookmark(): void {
    if (this.closed || this.intervalAt < this.interval.length) return;
    this.live.push({ type: 'BOOKMARK', resourceVersion: this.options.store.resourceVersion, initialEventsEnd: false });
    if (!this.waitingForDrain) this.pump();
  }

  /**
   * A write reached the socket. Once what the socket holds is back under half its fill, the
   * queue goes on out: 'drain' comes only when all of it has gone, and a reader that takes
   * more than the events coming in would still have its channel filled while the last
   * megabytes drain (the apiserver's writer takes from the channel as the connection takes
   * bytes, with no such pause).
   */
  private readonly written = (): void => {
    if (!this.waitingForDrain || this.closed || this.res.writableLength > this.options.maxBufferedBytes / 2) return;
    this.waitingForDrain = false;
    this.pump();
  };

  /** Writes queued items until the socket holds its fill, then waits for it to take half of that ('drain', or written). */
  private pump(): void {
    const limit = this.options.maxBufferedBytes;
    while (!this.closed && !this.waitingForDrain) {
      let item: Item | undefined;
      const fromInterval = this.intervalAt < this.interval.length;
      if (fromInterval) {
        item = this.interval[this.intervalAt]!;
        this.interval[this.intervalAt++] = undefined as unknown as Item;
      } else if (this.liveAt < this.live.length) {
        item = this.live[this.liveAt]!;
        this.live[this.liveAt++] = undefined as unknown as Item;
      } else {
        this.interval = [];
        this.intervalAt = 0;
        this.live = [];
        this.liveAt = 0;
        return;
      }
      this.res.write(this.encode(item, fromInterval), this.written);
      // 'drain' follows only a write that found the buffer past its high-water mark, which this one did.
      if (this.res.writableLength > limit && this.res.writableNeedDrain) this.waitingForDrain = true;
    }
    if (this.liveAt > 4_096 && this.liveAt * 2 > this.live.length) {
      this.live = this.live.slice(this.liveAt);
      this.liveAt = 0;
    }
  }

  /** `once`: an initial or replayed event, whose JSON line no other watcher shares (encodeWatchLineOnce). */
  private encode(item: Item, once: boolean): Buffer {
    if (item.type === 'BOOKMARK' && 'initialEventsEnd' in item) {
      const metadata: Record<string, unknown> = { resourceVersion: item.resourceVersion };
      if (item.initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
      const object = { kind: this.options.kind, apiVersion: apiVersionOf(this.options.kind), metadata };
      return Buffer.from(`${JSON.stringify({ type: 'BOOKMARK', object })}\n`);
    }
    const ev = item as WatchEvent<AnyObject>;
    const rep = this.options.representation;
    if (rep.type === 'json') return once ? encodeWatchLineOnce(ev.type, ev.object) : encodeWatchLine(ev.type, ev.object);
    const now = this.options.now();
    const noHeaders = this.headersSent;
    this.headersSent = true;
    const variant = `${this.options.includeObject}|${noHeaders ? 'rows' : 'headers'}|${rep.version}`;
    return encodeTableWatchLine(ev.type, ev.object, variant, now, () => {
      const table = tableFor(this.options.kind, [ev.object], now, this.options.includeObject, { noHeaders });
      if (rep.version === 'v1beta1') (table as { apiVersion: string }).apiVersion = 'meta.k8s.io/v1beta1';
      return table;
    });
  }
}
