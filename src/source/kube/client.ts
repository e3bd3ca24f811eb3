// The few API calls podscope makes, on @kubernetes/client-node (imported lazily, so the
// simulator path never loads it). Lists and reads keep the server's JSON as sent: client-node's
// models turn timestamps into Dates, our wire types keep the RFC 3339 strings.
import type * as ClientNode from '@kubernetes/client-node';
import type { Event, Pod, Status } from '../../kube/types.js';
import { describeFailure, KubeRequestError } from './errors.js';
import { toSingleDocument, type ResolvedContext } from './kubeconfig.js';
import { readSimClock, SIM_CLOCK_HEADER_KEY, type SimClockReading } from './simClock.js';

export interface ListRequest {
  /** undefined: all namespaces. */
  namespace: string | undefined;
  limit?: number;
  continue?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface ListPage<T> {
  items: T[];
  resourceVersion: string;
  continue?: string;
}

export type ListResource = 'pods' | 'events';

export interface WatchHandlers {
  onEvent(type: string, object: unknown): void;
  /** The stream ended: undefined for a clean end, else why. Not called after abort(). */
  onDone(error: KubeRequestError | undefined): void;
}

export interface WatchHandle {
  abort(): void;
}

export interface KubeClient {
  readonly context: ResolvedContext;
  list<R extends ListResource>(resource: R, request: ListRequest): Promise<ListPage<R extends 'pods' ? Pod : Event>>;
  readPod(namespace: string, name: string): Promise<Pod>;
  /** The server's answer: the Pod (deleting, or its last state) or a Status. */
  deletePod(namespace: string, name: string, graceSeconds: number | undefined, uid?: string): Promise<Pod | Status>;
  listNamespaceNames(): Promise<string[]>;
  /** gitVersion from GET /version, e.g. "v1.33.0". */
  serverVersion(): Promise<string>;
  /**
   * The simulated clock from the latest response (lists, reads, deletes, /version) of a
   * served simulator; undefined for a real cluster, which sends no such header.
   */
  simClock(): SimClockReading | undefined;
  /** timeoutSeconds: the server ends the stream cleanly after it, so a silently dead connection cannot hang forever. */
  watch(resource: ListResource, request: ListRequest & { resourceVersion: string; timeoutSeconds?: number }, handlers: WatchHandlers): Promise<WatchHandle>;
}

export interface KubeClientOptions {
  /** Per-request timeout for everything but watches (--request-timeout); 0 or undefined: none. */
  requestTimeoutMs?: number;
}

type ClientNodeModule = typeof ClientNode;

let loading: Promise<ClientNodeModule> | undefined;

/** The client-node module, loaded on first use. */
export function loadClientNode(): Promise<ClientNodeModule> {
  loading ??= import('@kubernetes/client-node');
  return loading;
}

export function collectionPath(resource: ListResource, namespace: string | undefined): string {
  return namespace === undefined ? `/api/v1/${resource}` : `/api/v1/namespaces/${encodeURIComponent(namespace)}/${resource}`;
}

/** Builds a client for one context; a new context needs a new client (old ones keep the old URL). */
export async function createKubeClient(context: ResolvedContext, options: KubeClientOptions = {}): Promise<KubeClient> {
  const k8s = await loadClientNode();
  const kc = new k8s.KubeConfig();
  // Entries unrelated to this context may be incomplete; only the chosen one was validated.
  kc.loadFromString(JSON.stringify(toSingleDocument(context.merged, context.name)), { onInvalidEntry: 'filter' });
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const versionApi = kc.makeApiClient(k8s.VersionApi);
  const watcher = new k8s.Watch(kc);
  const server = context.server;
  const timeoutMs = options.requestTimeoutMs && options.requestTimeoutMs > 0 ? options.requestTimeoutMs : undefined;
  let clock: SimClockReading | undefined;
  let clockReceivedAt = -Infinity;

  /** Runs one call with the request timeout, keeping the body's raw JSON. */
  async function call<R>(run: (opts: ClientNode.ConfigurationOptions) => Promise<unknown>): Promise<R> {
    let raw: string | undefined;
    let sentAt = Date.now();
    // ObjectParamAPI hands call-time middleware to the Observable layer unwrapped.
    const middleware: ClientNode.ObservableMiddleware = {
      pre: (ctx) => {
        if (timeoutMs !== undefined) ctx.setSignal(AbortSignal.timeout(timeoutMs));
        sentAt = Date.now();
        return new k8s.Observable(Promise.resolve(ctx));
      },
      post: (rsp) => {
        const receivedAt = Date.now();
        // Concurrent calls may answer out of order: the latest answer's stamp wins.
        if (receivedAt >= clockReceivedAt) {
          clockReceivedAt = receivedAt;
          clock = readSimClock(rsp.headers[SIM_CLOCK_HEADER_KEY], sentAt, receivedAt);
        }
        return new k8s.Observable(
          rsp.body.text().then((text) => {
            raw = text;
            return new k8s.ResponseContext(rsp.httpStatusCode, rsp.headers, {
              text: async () => text,
              binary: async () => Buffer.from(text),
            });
          }),
        );
      },
    };
    const opts = { middleware: [middleware], middlewareMergeStrategy: 'append' } as unknown as ClientNode.ConfigurationOptions;
    try {
      await run(opts);
    } catch (err) {
      throw describeFailure(err, server);
    }
    if (raw === undefined) throw new KubeRequestError('other', `the API server at ${server} sent no body`);
    return JSON.parse(raw) as R;
  }

  return {
    context,

    async list(resource, request) {
      const params = {
        limit: request.limit,
        _continue: request.continue,
        labelSelector: request.labelSelector,
        fieldSelector: request.fieldSelector,
      };
      type Raw = { metadata?: { resourceVersion?: string; continue?: string }; items?: unknown[] };
      const body = await call<Raw>((opts) => {
        if (resource === 'pods') {
          return request.namespace === undefined
            ? core.listPodForAllNamespaces(params, opts)
            : core.listNamespacedPod({ ...params, namespace: request.namespace }, opts);
        }
        return request.namespace === undefined
          ? core.listEventForAllNamespaces(params, opts)
          : core.listNamespacedEvent({ ...params, namespace: request.namespace }, opts);
      });
      const page = { items: (body.items ?? []) as never[], resourceVersion: body.metadata?.resourceVersion ?? '' } as ListPage<never>;
      if (body.metadata?.continue) page.continue = body.metadata.continue;
      return page;
    },

    readPod(namespace, name) {
      return call<Pod>((opts) => core.readNamespacedPod({ namespace, name }, opts));
    },

    deletePod(namespace, name, graceSeconds, uid) {
      return call<Pod | Status>((opts) =>
        core.deleteNamespacedPod(
          {
            namespace,
            name,
            gracePeriodSeconds: graceSeconds,
            propagationPolicy: 'Background',
            body: uid === undefined ? undefined : { preconditions: { uid } },
          },
          opts,
        ),
      );
    },

    async listNamespaceNames() {
      const body = await call<{ items?: { metadata?: { name?: string } }[] }>((opts) => core.listNamespace({}, opts));
      return (body.items ?? []).map((ns) => ns.metadata?.name ?? '').filter((n) => n !== '').sort();
    },

    async serverVersion() {
      const body = await call<{ gitVersion?: string }>((opts) => versionApi.getCode({}, opts));
      return body.gitVersion ?? 'unknown';
    },

    simClock() {
      return clock;
    },

    async watch(resource, request, handlers) {
      const query: Record<string, string> = { resourceVersion: request.resourceVersion, allowWatchBookmarks: 'true' };
      if (request.labelSelector) query['labelSelector'] = request.labelSelector;
      if (request.fieldSelector) query['fieldSelector'] = request.fieldSelector;
      if (request.timeoutSeconds !== undefined) query['timeoutSeconds'] = String(request.timeoutSeconds);
      let aborted = false;
      let controller: AbortController | undefined;
      const done = (err: unknown): void => {
        if (aborted) return; // our own abort() ends with an AbortError: not news
        handlers.onDone(err ? describeFailure(err, server) : undefined);
      };
      const handle: WatchHandle = {
        abort() {
          aborted = true;
          controller?.abort();
        },
      };
      try {
        controller = await watcher.watch(collectionPath(resource, request.namespace), query, (type, object) => {
          if (!aborted) handlers.onEvent(type, object);
        }, done);
      } catch (err) {
        done(err);
        return handle;
      }
      if (aborted) controller.abort();
      return handle;
    },
  };
}
