// The API calls podscope makes, for any catalogued kind. Requests go out raw over node's
// http(s) with the kubeconfig's credentials, TLS and agent (staticCredentials.ts, or
// client-node's KubeConfig.applyToHTTPSOptions), and each answer is parsed once: the JSON as the server sent it,
// timestamps kept as RFC 3339 strings (client-node's generated API would first turn every
// list page into its model classes, then we parsed the text again). Watches stream the same
// way, one JSON.parse per event line. client-node supplies only KubeConfig, imported lazily
// and only for credentials that need code (exec plugins, auth-providers) or a proxy.
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { spawn, type SpawnOptions } from 'node:child_process';
import { scrubSecrets } from '../../kube/scrubSecrets.js';
import { ListItemPicker, ListPickError, type Pick as ListPick } from '../../kube/listItemPicker.js';
import { CATALOG } from '../../kube/catalog/index.js';
import type { Kind, KindMap, KubeObject, Status } from '../../kube/types.js';
import type { DeleteRequest } from '../types.js';
import { describeFailure, httpFailure, KubeRequestError, statusFromBody } from './errors.js';
import { inlineCredentialFiles, toSingleDocument, type ResolvedContext } from './kubeconfig.js';
import { readSimClock, SIM_CLOCK_HEADER_KEY, type SimClockReading } from './simClock.js';
import { staticCredentials } from './staticCredentials.js';
import { continueOfHead, LIST_HEAD_LIMIT } from './listHead.js';
import { SIM_FIRST_VERSION_HEADER } from '../../kube/simClockHeader.js';
import { readonlyRefusal } from '../readonly.js';
import type WebSocket from 'ws';

const SIM_FIRST_VERSION_HEADER_KEY = SIM_FIRST_VERSION_HEADER.toLowerCase();
/** Without --request-timeout a request still gives up (not watches, which have stall detection). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** An exec credential plugin that runs longer is killed: a hung plugin must not hang podscope. */
export const EXEC_PLUGIN_TIMEOUT_MS = 30_000;

type SpawnFn = typeof spawn;

/** client-node's exec authenticator spawns with no timeout: give its spawns one (the child is killed when it runs out). */
function limitExecPlugins(kc: KubeConfig, timeoutMs: number): void {
  const authenticators = (kc as unknown as { authenticators?: { execFn?: SpawnFn }[] }).authenticators ?? [];
  for (const a of authenticators) {
    if (typeof a.execFn !== 'function') continue;
    a.execFn = ((command: string, args: readonly string[], opts: SpawnOptions) => spawn(command, args ?? [], { ...opts, timeout: timeoutMs, killSignal: 'SIGKILL' })) as SpawnFn;
  }
}

/** What the user's credentials come from, for messages: `exec plugin "gke-gcloud-auth-plugin"`, `auth-provider "gcp"`. */
function credentialSource(context: ResolvedContext): string {
  const user = context.merged.users.find((u) => u.name === context.userName)?.body ?? {};
  const exec = user['exec'] as { command?: unknown } | undefined;
  if (exec && typeof exec === 'object') return `exec credential plugin "${String(exec.command ?? '')}"`;
  const provider = user['auth-provider'] as { name?: unknown } | undefined;
  if (provider && typeof provider === 'object') return `auth-provider "${String(provider.name ?? '')}"`;
  return 'credentials';
}

/** A failure while obtaining credentials (before any request): said as such, in plain words. */
function credentialFailure(err: unknown, context: ResolvedContext, elapsedMs: number, timeoutMs: number): KubeRequestError {
  const source = credentialSource(context);
  const who = `user "${context.userName}"`;
  if (elapsedMs >= timeoutMs) return new KubeRequestError('credentials', `the ${source} of ${who} did not finish in ${Math.round(timeoutMs / 1000)}s and was stopped`);
  const raw = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown })?.code;
  let why: string;
  if (code === 'ENOENT') why = 'the command was not found';
  else if (code === 'EACCES') why = 'the command is not executable';
  else if (err instanceof TypeError || /Cannot read properties|is not a function|undefined/.test(raw)) why = 'its configuration in the kubeconfig is incomplete or not supported';
  else if (raw.trim() === '') why = 'it failed without saying why';
  else why = raw.trim().split('\n')[0]!;
  return new KubeRequestError('credentials', `the ${source} of ${who} failed: ${scrubSecrets(why)}`);
}

export interface ListRequest {
  /** undefined: all namespaces (ignored for cluster-scoped kinds). */
  namespace: string | undefined;
  limit?: number;
  continue?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface WatchRequest extends ListRequest {
  resourceVersion: string;
  timeoutSeconds?: number;
  /** Watch-list streaming (KEP-3157): the current state as ADDED events, ended by a BOOKMARK annotated k8s.io/initial-events-end. */
  sendInitialEvents?: boolean;
}

export interface ListPage<T> {
  items: T[];
  resourceVersion: string;
  continue?: string;
}

/** What a caller of list() hears before the page is whole. */
export interface ListEarly {
  /**
   * The page's continue token, as soon as its first bytes hold it (listHead.ts): at most once,
   * before the page resolves, with the token the page will carry. Not called for a last page,
   * a server that writes the items before the list's metadata, or a failed request.
   */
  onContinue(token: string): void;
}

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
  list<K extends Kind>(kind: K, request: ListRequest, early?: ListEarly): Promise<ListPage<KindMap[K]>>;
  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): Promise<KindMap[K]>;
  /** The server's answer: the object (deleting, or its last state) or a Status. */
  delete(kind: Kind, namespace: string | undefined, name: string, options?: DeleteRequest): Promise<KubeObject | Status>;
  /** PATCH with the given content type, on the object or one of its subresources. */
  patch(kind: Kind, namespace: string | undefined, name: string, body: object, contentType: string, subresource?: string): Promise<unknown>;
  listNamespaceNames(): Promise<string[]>;
  /** gitVersion from GET /version, e.g. "v1.33.0". */
  serverVersion(): Promise<string>;
  /**
   * The simulated clock from the latest response (lists, reads, deletes, /version) of a
   * served simulator; undefined for a real cluster, which sends no such header.
   */
  simClock(): SimClockReading | undefined;
  /**
   * Which run of a served simulator answered last (its X-Podscope-Sim-First-Version): a
   * change means a restart with another history. Undefined for a real cluster.
   */
  incarnation?(): string | undefined;
  /**
   * timeoutSeconds: the server ends the stream cleanly after it, so a silently dead connection
   * cannot hang forever. sendInitialEvents: a watch-list (see WatchRequest).
   */
  watch(kind: Kind, request: WatchRequest, handlers: WatchHandlers): Promise<WatchHandle>;
  /** One JSON request to any path (the served simulator's control endpoint); non-2xx rejects with the server's message. */
  raw?<R>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<R>;
  /** A GET of any path whose answer is JSON (discovery). */
  getJson?<R>(path: string, query?: [string, string | undefined][]): Promise<R>;
  /**
   * A GET of a list whose items are read as the body arrives, each handed to onItem with only
   * the fields `pick` names (src/kube/listItemPicker.ts): the whole document is never built.
   */
  getListItems<T>(path: string, pick: ListPick, onItem: (item: T) => void): Promise<void>;
  /** A GET whose body is read as it streams (pod logs): the response once its headers arrive; abort with the signal. */
  stream(path: string, query: [string, string | undefined][], signal: AbortSignal): Promise<IncomingMessage>;
  /** A WebSocket upgrade of `path` (port-forward) with the kubeconfig's credentials and TLS; resolves once open. */
  openWebSocket(path: string, query: [string, string][], protocols: string[]): Promise<WebSocket>;
  /** Lets go of the connections kept alive for later requests (the source is closing). */
  close?(): void;
}

export interface KubeClientOptions {
  /** Per-request timeout for everything but watches (--request-timeout); 0: none; undefined: DEFAULT_REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number;
  /** --readonly: any request but a GET is refused before it is sent. */
  readonly?: boolean;
  /** How long an exec credential plugin may run before it is killed (default EXEC_PLUGIN_TIMEOUT_MS). */
  credentialTimeoutMs?: number;
}

type ClientNodeModule = typeof import('./kubeConfigClass.js');

let loading: Promise<ClientNodeModule> | undefined;

/** The client-node module, loaded on first use. */
export function loadClientNode(): Promise<ClientNodeModule> {
  loading ??= import('./kubeConfigClass.js');
  return loading;
}

/** The REST path of a kind's collection, in one namespace or across all of them. */
export function collectionPath(kind: Kind, namespace: string | undefined): string {
  const e = CATALOG[kind];
  const root = e.group ? `/apis/${e.group}/${e.version}` : `/api/${e.version}`;
  return e.namespaced && namespace !== undefined ? `${root}/namespaces/${encodeURIComponent(namespace)}/${e.resource}` : `${root}/${e.resource}`;
}

export function objectPath(kind: Kind, namespace: string | undefined, name: string): string {
  return `${collectionPath(kind, namespace)}/${encodeURIComponent(name)}`;
}

/** Query parameters in the order client-node's generated API sends them. */
function listQuery(request: ListRequest): [string, string | undefined][] {
  return [
    ['continue', request.continue],
    ['fieldSelector', request.fieldSelector],
    ['labelSelector', request.labelSelector],
    ['limit', request.limit === undefined ? undefined : String(request.limit)],
  ];
}

interface Answer {
  code: number;
  headers: IncomingHttpHeaders;
  text: string;
}

type HttpsOptions = RequestOptions & { headers: Record<string, string> };

/** Where requests go and what each one carries (headers, TLS, agent); `apply` may run an exec plugin. */
interface Credentials {
  base: string;
  apply(opts: HttpsOptions): Promise<void>;
  close(): void;
}

/**
 * Plain-data credentials are applied here (staticCredentials.ts); an exec plugin, an
 * auth-provider, a proxy or plain http loads client-node's KubeConfig, which runs them.
 */
async function credentialsFor(context: ResolvedContext, credentialTimeoutMs: number): Promise<Credentials> {
  const doc = inlineCredentialFiles(toSingleDocument(context.merged, context.name));
  const user = (doc['users'] as { name: string; user: Record<string, unknown> }[]).find((u) => u.name === context.userName)?.user;
  const cluster = (doc['clusters'] as { name: string; cluster: Record<string, unknown> }[]).find((c) => c.name === context.clusterName)?.cluster ?? {};
  const plain = staticCredentials(user, cluster, context.server);
  if (plain) {
    return {
      base: context.server,
      apply: async (opts) => plain(opts),
      close: () => plain.close(),
    };
  }
  const k8s = await loadClientNode();
  const kc = new k8s.KubeConfig();
  // Entries unrelated to this context may be incomplete; only the chosen one was validated.
  kc.loadFromString(JSON.stringify(doc), { onInvalidEntry: 'filter' });
  limitExecPlugins(kc, credentialTimeoutMs);
  return { base: kc.getCurrentCluster()?.server ?? context.server, apply: (opts) => kc.applyToHTTPSOptions(opts), close: () => undefined };
}

/** Builds a client for one context; a new context needs a new client (old ones keep the old URL). */
export async function createKubeClient(context: ResolvedContext, options: KubeClientOptions = {}): Promise<KubeClient> {
  const credentialTimeoutMs = options.credentialTimeoutMs ?? EXEC_PLUGIN_TIMEOUT_MS;
  const credentials = await credentialsFor(context, credentialTimeoutMs);
  const server = context.server;
  const base = credentials.base;
  const timeoutMs = options.requestTimeoutMs === undefined ? DEFAULT_REQUEST_TIMEOUT_MS : options.requestTimeoutMs > 0 ? options.requestTimeoutMs : undefined;
  let clock: SimClockReading | undefined;
  let firstVersion: string | undefined;
  let clockReceivedAt = -Infinity;

  /**
   * One request: credentials and TLS from the kubeconfig, the body read whole — or, for a 2xx
   * answer when `reader` is given, handed to it piece by piece (the answer's text is then '').
   * `early` hears a list page's continue token as soon as its first bytes hold it.
   */
  async function send(method: string, path: string, query: [string, string | undefined][] = [], body?: unknown, contentType = 'application/json', early?: ListEarly, reader?: (piece: string) => void): Promise<Answer> {
    const url = new URL(base.replace(/\/+$/, '') + path);
    for (const [key, value] of query) if (value !== undefined) url.searchParams.append(key, value);
    // The kubeconfig's authenticator runs each time, so refreshed tokens are used.
    const opts: HttpsOptions = { method, headers: { Accept: 'application/json' } };
    const authStarted = Date.now();
    try {
      await credentials.apply(opts);
    } catch (err) {
      throw credentialFailure(err, context, Date.now() - authStarted, credentialTimeoutMs);
    }
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) {
      opts.headers['Content-Type'] = contentType;
      // Node sends a DELETE's body neither chunked nor sized unless told its length.
      opts.headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    if (timeoutMs !== undefined) opts.signal = AbortSignal.timeout(timeoutMs);
    const sentAt = Date.now();
    const answer = await new Promise<Answer>((resolve, reject) => {
      const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, opts, (res) => {
        const code = res.statusCode ?? 0;
        res.on('error', reject);
        if (reader && code >= 200 && code <= 299) {
          res.setEncoding('utf8');
          res.on('data', (piece: string) => {
            try {
              reader(piece);
            } catch (err) {
              res.destroy();
              reject(err);
            }
          });
          res.on('end', () => resolve({ code, headers: res.headers, text: '' }));
          return;
        }
        const chunks: Buffer[] = [];
        // A list page's continue token, looked for in its first bytes (a 2xx answer only).
        let head: string | undefined = early && code >= 200 && code < 300 ? '' : undefined;
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          if (head === undefined) return;
          head += chunk.toString('latin1', 0, Math.min(chunk.length, LIST_HEAD_LIMIT + 1));
          const token = continueOfHead(head);
          if (token === undefined) return;
          head = undefined;
          if (token !== null) early!.onContinue(token);
        });
        res.on('end', () => resolve({ code, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(payload);
    });
    const receivedAt = Date.now();
    // Concurrent calls may answer out of order: the latest answer's stamp wins.
    if (receivedAt >= clockReceivedAt) {
      clockReceivedAt = receivedAt;
      const stamp = answer.headers[SIM_CLOCK_HEADER_KEY];
      clock = readSimClock(Array.isArray(stamp) ? stamp[0] : stamp, sentAt, receivedAt);
      const first = answer.headers[SIM_FIRST_VERSION_HEADER_KEY];
      if (typeof first === 'string') firstVersion = first;
    }
    return answer;
  }

  const notJson = (err: ListPickError): KubeRequestError => new KubeRequestError('other', `the API server at ${server} sent a body that is not JSON (${err.message})`);

  /** A request whose 2xx body is JSON, parsed once; anything else becomes a KubeRequestError. */
  async function call<R>(method: string, path: string, query?: [string, string | undefined][], body?: unknown, contentType?: string, early?: ListEarly): Promise<R> {
    if (options.readonly && method !== 'GET') throw new KubeRequestError('forbidden', readonlyRefusal(method.toLowerCase(), path));
    let answer: Answer;
    try {
      answer = await send(method, path, query, body, contentType, early);
    } catch (err) {
      throw describeFailure(err, server);
    }
    if (answer.code < 200 || answer.code > 299) throw httpFailure(answer.code, server, statusFromBody(answer.text));
    if (answer.text === '') throw new KubeRequestError('other', `the API server at ${server} sent no body`);
    try {
      return JSON.parse(answer.text) as R;
    } catch {
      throw new KubeRequestError('other', `the API server at ${server} sent a body that is not JSON`);
    }
  }

  return {
    context,

    close() {
      credentials.close();
    },

    async list(kind, request, early) {
      type Raw = { metadata?: { resourceVersion?: string; continue?: string }; items?: KindMap[typeof kind][] };
      const body = await call<Raw>('GET', collectionPath(kind, request.namespace), listQuery(request), undefined, undefined, early);
      const page: ListPage<KindMap[typeof kind]> = { items: body.items ?? [], resourceVersion: body.metadata?.resourceVersion ?? '' };
      if (body.metadata?.continue) page.continue = body.metadata.continue;
      return page;
    },

    get(kind, namespace, name) {
      return call('GET', objectPath(kind, namespace, name));
    },

    delete(kind, namespace, name, options = {}) {
      const query: [string, string | undefined][] = [
        ['gracePeriodSeconds', options.graceSeconds === undefined ? undefined : String(options.graceSeconds)],
        ['propagationPolicy', 'Background'],
      ];
      const body = options.uid === undefined ? undefined : { preconditions: { uid: options.uid } };
      return call('DELETE', objectPath(kind, namespace, name), query, body);
    },

    patch(kind, namespace, name, body, contentType, subresource) {
      const path = objectPath(kind, namespace, name) + (subresource ? `/${subresource}` : '');
      return call('PATCH', path, [], body, contentType);
    },

    async listNamespaceNames() {
      const body = await call<{ items?: { metadata?: { name?: string } }[] }>('GET', collectionPath('Namespace', undefined));
      return (body.items ?? []).map((ns) => ns.metadata?.name ?? '').filter((n) => n !== '').sort();
    },

    async serverVersion() {
      const body = await call<{ gitVersion?: string }>('GET', '/version');
      return body.gitVersion ?? 'unknown';
    },

    simClock() {
      return clock;
    },

    raw(method, path, body) {
      return call(method, path, [], body);
    },

    getJson<R>(path: string, query: [string, string | undefined][] = []) {
      return call<R>('GET', path, query);
    },

    async getListItems<T>(path: string, pick: ListPick, onItem: (item: T) => void) {
      const picker = new ListItemPicker<T>(pick, onItem);
      let answer: Answer;
      try {
        answer = await send('GET', path, [], undefined, undefined, undefined, (piece) => picker.write(piece));
      } catch (err) {
        if (err instanceof ListPickError) throw notJson(err);
        throw describeFailure(err, server);
      }
      if (answer.code < 200 || answer.code > 299) throw httpFailure(answer.code, server, statusFromBody(answer.text));
      try {
        picker.end();
      } catch (err) {
        throw notJson(err as ListPickError);
      }
    },

    async stream(path, query, signal) {
      const url = new URL(base.replace(/\/+$/, '') + path);
      for (const [key, value] of query) if (value !== undefined) url.searchParams.append(key, value);
      const opts: HttpsOptions = { method: 'GET', headers: { Accept: '*/*' } };
      const authStarted = Date.now();
      try {
        await credentials.apply(opts);
      } catch (err) {
        throw credentialFailure(err, context, Date.now() - authStarted, credentialTimeoutMs);
      }
      opts.signal = signal;
      return new Promise<IncomingMessage>((resolve, reject) => {
        const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, opts, resolve);
        req.on('error', reject);
        req.end();
      });
    },

    incarnation() {
      return firstVersion;
    },

    async openWebSocket(path, query, protocols) {
      if (options.readonly) throw new KubeRequestError('forbidden', readonlyRefusal('open a stream to', path));
      const url = new URL(base.replace(/\/+$/, '') + path);
      for (const [key, value] of query) url.searchParams.append(key, value);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      const opts: HttpsOptions = { headers: {} };
      const authStarted = Date.now();
      try {
        await credentials.apply(opts);
      } catch (err) {
        throw credentialFailure(err, context, Date.now() - authStarted, credentialTimeoutMs);
      }
      const { default: WebSocket } = await import('ws');
      const ws = new WebSocket(url, protocols, { ...(opts as object), headers: opts.headers, handshakeTimeout: timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, perMessageDeflate: false });
      return new Promise<WebSocket>((resolve, reject) => {
        ws.once('open', () => resolve(ws));
        ws.once('unexpected-response', (_req, res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => reject(httpFailure(res.statusCode ?? 0, server, statusFromBody(Buffer.concat(chunks).toString('utf8')))));
          res.on('error', (err) => reject(describeFailure(err, server)));
        });
        ws.once('error', (err) => reject(describeFailure(err, server)));
      });
    },

    async watch(kind, request, handlers) {
      // The order client-node's Watch used: watch first, then the options as given.
      const query: [string, string | undefined][] = [
        ['watch', 'true'],
        ['resourceVersion', request.resourceVersion],
        ['allowWatchBookmarks', 'true'],
        ['labelSelector', request.labelSelector],
        ['fieldSelector', request.fieldSelector],
        ['timeoutSeconds', request.timeoutSeconds === undefined ? undefined : String(request.timeoutSeconds)],
        ['sendInitialEvents', request.sendInitialEvents ? 'true' : undefined],
        ['resourceVersionMatch', request.sendInitialEvents ? 'NotOlderThan' : undefined],
      ];
      const url = new URL(base.replace(/\/+$/, '') + collectionPath(kind, request.namespace));
      for (const [key, value] of query) if (value !== undefined) url.searchParams.append(key, value);
      const controller = new AbortController();
      let aborted = false;
      let finished = false;
      const finish = (err: unknown): void => {
        if (aborted || finished) return; // our own abort() is not news
        finished = true;
        handlers.onDone(err ? describeFailure(err, server) : undefined);
      };
      const handle: WatchHandle = {
        abort() {
          aborted = true;
          controller.abort();
        },
      };
      const opts: HttpsOptions = { method: 'GET', headers: { Accept: 'application/json' } };
      const authStarted = Date.now();
      try {
        await credentials.apply(opts);
      } catch (err) {
        finish(credentialFailure(err, context, Date.now() - authStarted, credentialTimeoutMs));
        return handle;
      }
      if (aborted) return handle;
      opts.signal = controller.signal;
      await new Promise<void>((opened) => {
        const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, opts, (res) => {
          const code = res.statusCode ?? 0;
          const first = res.headers[SIM_FIRST_VERSION_HEADER_KEY];
          if (typeof first === 'string') firstVersion = first;
          res.setEncoding('utf8');
          opened();
          if (code !== 200) {
            let text = '';
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => finish(httpFailure(code, server, statusFromBody(text))));
            res.on('error', finish);
            return;
          }
          // Newline-delimited events, each parsed once as its line completes.
          let partial = '';
          res.on('data', (chunk: string) => {
            const text = partial === '' ? chunk : partial + chunk;
            let start = 0;
            for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
              const line = text.slice(start, nl);
              start = nl + 1;
              if (aborted || finished) return;
              if (line.trim() === '') continue;
              let event: { type?: unknown; object?: unknown };
              try {
                event = JSON.parse(line) as { type?: unknown; object?: unknown };
              } catch {
                finish(new KubeRequestError('other', `the API server at ${server} sent a watch event that is not JSON`));
                controller.abort();
                return;
              }
              handlers.onEvent(typeof event?.type === 'string' ? event.type : '', event?.object);
            }
            partial = text.slice(start);
          });
          res.on('end', () => finish(undefined));
          res.on('error', finish);
          res.on('close', () => finish(res.complete ? undefined : new KubeRequestError('other', `the watch stream from ${server} closed early`)));
        });
        req.on('error', (err) => {
          finish(err);
          opened();
        });
        req.end();
      });
      return handle;
    },
  };
}
