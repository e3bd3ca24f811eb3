// The simulator served over HTTP(S) as a Kubernetes API server: discovery, health probes,
// and the resources of the store, for kubectl, @kubernetes/client-node and curl.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { isAuthorized, unauthorized } from './auth.js';
import { apiGroup, coreVersions, groupList, resourceList, SERVER_VERSION } from './discovery.js';
import { openApiGroupVersion, openApiRoot } from './openapi.js';
import { handleResource, type ServedCluster, type WatchSettings } from './resources.js';
import { methodNotAllowed, pathNotFound, writeBody, writeError, writeJson } from './respond.js';
import { handlePodLog } from './podLog.js';
import { handleReview } from './reviews.js';
import { parseRoute, SERVED_GROUPS } from './routes.js';
import { formatSimClock, SIM_CLOCK_HEADER } from '../../kube/simClockHeader.js';
import type { WatchStream } from './watchStream.js';

export interface SimServerOptions {
  /** The simulator (or anything with its store, api and clock). */
  sim: ServedCluster;
  host?: string;
  port?: number;
  token: string;
  tls?: { cert: string; key: string };
  /** Real milliseconds between BOOKMARK events on watches that allow them (default one minute). */
  bookmarkIntervalMs?: number;
  /** Unsent bytes a watch may accumulate before it is cut off (default 16 MiB). */
  maxWatchBufferBytes?: number;
  /**
   * Stamp every response with the simulated clock (X-Podscope-Sim-Clock), telling clients
   * they talk to a simulator and what time it is there. Off by default: a server posing as
   * a plain cluster (tests of real-cluster behaviour) sends nothing extra.
   */
  advertiseClock?: { scenario: string };
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
  const advertised = options.advertiseClock;
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    if (advertised) {
      const clock = options.sim.clock;
      res.setHeader(SIM_CLOCK_HEADER, formatSimClock({ nowMs: clock.now(), speed: clock.speed, scenario: advertised.scenario }));
    }
    serve(req, res, options, watch, serverAddress).catch((err: unknown) => {
      if (!res.headersSent) writeError(res, err);
      else res.destroy();
    });
  };
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler) : createHttpServer(handler);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  serverAddress = `${urlHost}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${options.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    get openWatches() {
      return streams.size;
    },
    dropAllWatches() {
      for (const s of [...streams]) s.drop();
    },
    endAllWatches() {
      for (const s of [...streams]) s.end();
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const s of [...streams]) s.end();
        server.close(() => resolve());
        server.closeIdleConnections();
        // Whatever is still mid-request after the watches ended is cut.
        setImmediate(() => server.closeAllConnections());
      });
      return closing;
    },
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, options: SimServerOptions, watch: WatchSettings, serverAddress: string): Promise<void> {
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
  const method = req.method ?? 'GET';
  if (route.type === 'resource' && route.subresource === 'log' && route.namespace !== undefined && route.name !== undefined) {
    handlePodLog(req, res, url, options.sim, route.namespace, route.name);
    return;
  }
  if (route.type === 'resource') {
    await handleResource({ req, res, url, route, cluster: options.sim, watch });
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
