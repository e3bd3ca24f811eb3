// The simulator served over HTTP(S) as a Kubernetes API server: discovery, health probes,
// and the resources of the store, for kubectl, @kubernetes/client-node and curl.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { isAuthorized, unauthorized } from './auth.js';
import { ApiError } from '../../kube/apiError.js';
import { apiGroup, coreVersions, groupList, resourceList, SERVER_VERSION } from './discovery.js';
import { openApiGroupVersion, openApiRoot } from './openapi.js';
import { handleResource, type ServedCluster, type WatchSettings } from './resources.js';
import { methodNotAllowed, pathNotFound, writeBody, writeError, writeJson } from './respond.js';
import { handlePodLog } from './podLog.js';
import { handleReview } from './reviews.js';
import { parseRoute, SERVED_GROUPS } from './routes.js';
import { handleMetrics } from './metrics.js';
import { formatSimClock, SIM_CLOCK_HEADER, SIM_FIRST_VERSION_HEADER } from '../../kube/simClockHeader.js';
import { FaultInjector } from './faults.js';
import type { FaultSpec } from './faultSpec.js';
import { DEFAULT_CONNECTION_LIMITS, guardConnections, type ConnectionGuard, type ConnectionLimits } from './connections.js';
import type { WatchStream } from './watchStream.js';
import { SIM_CONTROL_PREFIX } from '../../kube/simControl.js';
import { isControllable } from '../clock.js';
import type { SimController } from '../rehearse/control.js';
import { handleSimControl } from './simControl.js';
import type { InsideWorld } from '../inside/types.js';
import { createStreamUpgrades } from './streams/upgrade.js';
import { STREAM_SUBRESOURCE_NAMES } from './routes.js';

export interface SimServerOptions {
  /** The simulator (or anything with its store, api and clock). */
  sim: ServedCluster;
  host?: string;
  port?: number;
  token: string;
  tls?: { cert: string; key: string };
  /** Real milliseconds between BOOKMARK events on watches that allow them (default one minute). */
  bookmarkIntervalMs?: number;
  /** Unsent bytes a watch lets the socket hold before it queues events (default 16 MiB); a reader is cut off when 1,000 live events queue (watchStream.ts). */
  maxWatchBufferBytes?: number;
  /**
   * Stamp every response with the simulated clock (X-Podscope-Sim-Clock), telling clients
   * they talk to a simulator and what time it is there. Off by default: a server posing as
   * a plain cluster (tests of real-cluster behaviour) sends nothing extra.
   */
  advertiseClock?: { scenario: string };
  /** Bounds on held connections (see connections.ts). */
  connections?: Partial<ConnectionLimits>;
  /** Faults to inject (`sim serve --faults`, see faultSpec.ts). */
  faults?: FaultSpec;
  /** Serves the control endpoint (/podscope/sim/v1/…: time and fault injection); absent → those paths are 404. */
  control?: SimController;
  /** What exec and port-forward reach inside the containers (default: the simulator's own). */
  inside?: InsideWorld;
}

export interface SimServer {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Test hook: drops every open watch connection, as a network failure would. */
  dropAllWatches(): void;
  /** Test hook: ends every open watch cleanly, as timeoutSeconds would; clients re-watch from their last version. */
  endAllWatches(): void;
  /** How many watch streams are open (tests, diagnostics). */
  readonly openWatches: number;
  /** Connections held and shed (tests, diagnostics). */
  readonly connections: ConnectionGuard;
  /** The fault injector, when faults were asked for. */
  readonly faults: FaultInjector | undefined;
}

const MINUTE = 60_000;

export async function startSimServer(options: SimServerOptions): Promise<SimServer> {
  const host = options.host ?? '127.0.0.1';
  const streams = new Set<WatchStream>();
  const watch: WatchSettings = {
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? MINUTE,
    maxBufferedBytes: options.maxWatchBufferBytes ?? 16 * 1024 * 1024,
    // As the apiserver: minRequestTimeout (30 min) times a random factor in [1, 2).
    defaultTimeoutMs: () => Math.floor(30 * MINUTE * (1 + Math.random())),
    register: (s) => streams.add(s),
    unregister: (s) => streams.delete(s),
  };
  let serverAddress = '';
  let faults: FaultInjector | undefined;
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    serve(req, res, options, watch, serverAddress, faults).catch((err: unknown) => {
      if (!res.headersSent) writeError(res, err);
      else res.destroy();
    });
  };
  // A client gets 10 s to finish its TLS handshake and to send a request's headers, a minute
  // for a whole request body; an idle keep-alive connection is closed after 30 s.
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key, handshakeTimeout: 10_000 }, handler)
    : createHttpServer(handler);
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 30_000;
  const connections = guardConnections(server, { ...DEFAULT_CONNECTION_LIMITS, ...options.connections });
  const upgrades = createStreamUpgrades({ cluster: options.sim, token: options.token, inside: options.inside ?? options.sim.inside });
  server.on('upgrade', upgrades.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  if (options.faults) {
    const store = options.sim.store;
    faults = new FaultInjector(options.faults, {
      watches: () => streams,
      closeAllConnections: () => server.closeAllConnections(),
      compactHistory: () => (store.compactHistory(), Number(store.resourceVersion)),
    });
    faults.start();
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  serverAddress = `${urlHost}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${options.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    get openWatches() {
      return streams.size;
    },
    connections,
    faults,
    dropAllWatches() {
      for (const s of [...streams]) s.drop();
    },
    endAllWatches() {
      for (const s of [...streams]) s.end();
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        faults?.stop();
        for (const s of [...streams]) s.end();
        upgrades.closeAll();
        server.close(() => resolve());
        server.closeIdleConnections();
        // Whatever is still mid-request after the watches ended is cut.
        setImmediate(() => server.closeAllConnections());
      });
      return closing;
    },
  };
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  options: SimServerOptions,
  watch: WatchSettings,
  serverAddress: string,
  faults: FaultInjector | undefined,
): Promise<void> {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://sim.invalid');
  } catch {
    writeError(res, pathNotFound());
    return;
  }
  const route = parseRoute(url.pathname);
  // Health probes are public, as the apiserver's system:public-info-viewer allows.
  if (route.type === 'health') {
    writeBody(res, 200, 'ok', 'text/plain; charset=utf-8');
    return;
  }
  if (!isAuthorized(req, options.token)) {
    writeError(res, unauthorized());
    return;
  }
  // Simulator facts go to authenticated clients only: the scenario may be a path on this machine.
  const advertised = options.advertiseClock;
  const stampClock = (): void => {
    if (!advertised) return;
    const clock = options.sim.clock;
    const paused = isControllable(clock) && clock.paused;
    res.setHeader(SIM_CLOCK_HEADER, formatSimClock({ nowMs: clock.now(), speed: clock.speed, scenario: advertised.scenario, paused }));
  };
  if (advertised) {
    stampClock();
    res.setHeader(SIM_FIRST_VERSION_HEADER, String(options.sim.store.startResourceVersion));
  }
  if (options.control && (url.pathname === SIM_CONTROL_PREFIX || url.pathname.startsWith(`${SIM_CONTROL_PREFIX}/`))) {
    await handleSimControl(req, res, url.pathname, options.control, stampClock);
    return;
  }
  if (faults) {
    const w = url.searchParams.get('watch');
    const isList = route.type === 'resource' && route.name === undefined && !route.watchPrefix && w !== 'true' && w !== '1' && (req.method ?? 'GET') === 'GET';
    if (await faults.intercept(res, isList)) return;
  }
  const method = req.method ?? 'GET';
  if (route.type === 'resource' && route.subresource === 'log' && route.namespace !== undefined && route.name !== undefined) {
    handlePodLog(req, res, url, options.sim, route.namespace, route.name);
    return;
  }
  if (route.type === 'resource' && route.subresource !== undefined && STREAM_SUBRESOURCE_NAMES.has(route.subresource)) {
    // The apiserver finds the pod before it proxies; a request that does not upgrade goes no further.
    if (route.namespace !== undefined && route.name !== undefined) options.sim.api.get('Pod', route.namespace, route.name);
    writeError(res, new ApiError(400, 'BadRequest', 'Upgrade request required'));
    return;
  }
  if (route.type === 'resource') {
    await handleResource({ req, res, url, route, cluster: options.sim, watch });
    return;
  }
  if (route.type === 'metrics') {
    handleMetrics(req, res, url, route, options.sim);
    return;
  }
  if (route.type === 'review') {
    await handleReview(req, res, route.review);
    return;
  }
  if (route.type === 'notFound') {
    writeError(res, pathNotFound());
    return;
  }
  if (method !== 'GET') {
    writeError(res, methodNotAllowed());
    return;
  }
  switch (route.type) {
    case 'version':
      return writeJson(res, 200, SERVER_VERSION);
    case 'coreVersions':
      return writeJson(res, 200, coreVersions(serverAddress));
    case 'groups':
      return writeJson(res, 200, groupList(SERVED_GROUPS));
    case 'groupVersions':
      return writeJson(res, 200, apiGroup(route.group));
    case 'openapi': {
      const doc = route.path === '' ? openApiRoot() : openApiGroupVersion(route.path);
      if (doc === undefined) return writeError(res, pathNotFound());
      return writeJson(res, 200, doc);
    }
    case 'resourceList': {
      const doc = resourceList(route.group, route.version);
      if (doc === undefined) return writeError(res, pathNotFound());
      return writeJson(res, 200, doc);
    }
  }
}
