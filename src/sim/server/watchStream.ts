// One watch response: newline-delimited JSON events over a chunked response, fed
// synchronously by the store. A reader that falls too far behind is cut off (its buffered
// bytes pass a bound) so it can never hold back the engine or other watchers.
import type { ServerResponse } from 'node:http';
import type { ApiError } from '../../kube/apiError.js';
import type { IncludeObject } from '../../kube/table.js';
import type { AnyObject, Kind, WatchEvent } from '../../kube/types.js';
import { apiVersionOf, type Filter, type Store, type Watch } from '../store.js';
import { encodeTableWatchLine, encodeWatchLine } from './encode.js';
import { tableFor } from './filters.js';
import type { Representation } from './negotiate.js';
import { toApiError } from './respond.js';

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
  /** Bytes the socket may hold unsent before the watcher is cut off. */
  maxBufferedBytes: number;
  now: () => number;
}

export class WatchStream {
  private watch: Watch | undefined;
  private timers: NodeJS.Timeout[] = [];
  private closed = false;
  private headersSent = false;

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
    const from = o.sendInitialEvents ? undefined : o.resourceVersion;
    try {
      this.watch = o.store.watch(o.kind, { namespace: o.namespace, filter: o.filter, resourceVersion: from }, (ev) => this.send(ev));
    } catch (err) {
      this.fail(toApiError(err));
      return;
    }
    if (this.closed) {
      this.watch.stop();
      return;
    }
    if (o.sendInitialEvents && o.allowBookmarks) this.bookmark(true);
    if (o.allowBookmarks) {
      const t = setInterval(() => this.bookmark(false), o.bookmarkIntervalMs);
      t.unref();
      this.timers.push(t);
    }
    const timeout = setTimeout(() => this.end(), o.timeoutMs);
    timeout.unref();
    this.timers.push(timeout);
  }

  /** Ends the stream cleanly (timeoutSeconds, server shutdown). */
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
    this.write(Buffer.from('{"type":"MODIFIED","object":{"kind":\n'));
  }

  /** Fault injection: the 410 ERROR event a watch gets when its version is compacted away, then the end. */
  expire(err: ApiError): void {
    if (this.closed) return;
    this.fail(err);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.watch?.stop();
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    this.onClosed(this);
  }

  /** A watch that cannot start (410 Expired …) still answers 200, with one ERROR event. */
  private fail(err: ApiError): void {
    this.write(Buffer.from(`${JSON.stringify({ type: 'ERROR', object: err.toStatus() })}\n`));
    this.end();
  }

  private send(ev: WatchEvent<AnyObject>): void {
    if (this.closed) return;
    const rep = this.options.representation;
    if (rep.type === 'json') {
      this.write(encodeWatchLine(ev.type, ev.object));
      return;
    }
    const now = this.options.now();
    const noHeaders = this.headersSent;
    this.headersSent = true;
    const variant = `${this.options.includeObject}|${noHeaders ? 'rows' : 'headers'}|${rep.version}`;
    this.write(
      encodeTableWatchLine(ev.type, ev.object, variant, now, () => {
        const table = tableFor(this.options.kind, [ev.object], now, this.options.includeObject, { noHeaders });
        if (rep.version === 'v1beta1') (table as { apiVersion: string }).apiVersion = 'meta.k8s.io/v1beta1';
        return table;
      }),
    );
  }

  private bookmark(initialEventsEnd: boolean): void {
    if (this.closed) return;
    const metadata: Record<string, unknown> = { resourceVersion: this.options.store.resourceVersion };
    if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    const object = { kind: this.options.kind, apiVersion: apiVersionOf(this.options.kind), metadata };
    this.write(Buffer.from(`${JSON.stringify({ type: 'BOOKMARK', object })}\n`));
  }

  private write(buf: Buffer): void {
    if (this.closed) return;
    this.res.write(buf);
    if (this.res.writableLength > this.options.maxBufferedBytes) this.drop();
  }
}
