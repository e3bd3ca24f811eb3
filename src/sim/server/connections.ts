// Bounds on the connections `sim serve` holds, so no client (or crowd of idle sockets) can
// exhaust its file descriptors or memory: at most `maxConnections` at once, the oldest
// connection with nothing in flight is closed to make room for a new one (so /healthz keeps
// answering under a flood of idle sockets), and a connection that sends no complete request
// within `firstRequestTimeoutMs` is closed. Slow headers, slow bodies and idle keep-alive
// connections are Node's headersTimeout, requestTimeout and keepAliveTimeout (set in server.ts).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  /** Connections held at once (default 4096, well under the usual descriptor limits). */
  maxConnections: number;
  /** Time from accepting a connection to its first complete request header (default 10 s). */
  firstRequestTimeoutMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = { maxConnections: 4096, firstRequestTimeoutMs: 10_000 };

interface Tracked {
  socket: Socket;
  inFlight: number;
  timer: NodeJS.Timeout | undefined;
}

export interface ConnectionGuard {
  readonly open: number;
  /** Connections closed to make room or for sending nothing in time (diagnostics, tests). */
  readonly shed: number;
}

/** One live TCP connection per remote address and port: the key shared by the raw and the TLS socket. */
const keyOf = (s: Socket): string => `${s.remoteAddress ?? ''}|${s.remotePort ?? ''}`;

export function guardConnections(server: Server, limits: ConnectionLimits): ConnectionGuard {
  const all = new Map<string, Tracked>();
  /** Connections with nothing in flight, oldest first (a Map keeps insertion order). */
  const idle = new Map<string, Tracked>();
  let shed = 0;

  const drop = (t: Tracked): void => {
    shed++;
    t.socket.destroy();
  };

  server.on('connection', (socket: Socket) => {
    const key = keyOf(socket);
    if (all.size >= limits.maxConnections) {
      const oldest = idle.values().next();
      if (oldest.done) {
        // Every held connection is busy (watches, requests): the newcomer waits its turn elsewhere.
        shed++;
        socket.destroy();
        return;
      }
      drop(oldest.value);
    }
    const t: Tracked = { socket, inFlight: 0, timer: undefined };
    t.timer = setTimeout(() => drop(t), limits.firstRequestTimeoutMs);
    t.timer.unref();
    all.set(key, t);
    idle.set(key, t);
    socket.once('close', () => {
      if (t.timer) clearTimeout(t.timer);
      if (all.get(key) === t) all.delete(key);
      if (idle.get(key) === t) idle.delete(key);
    });
  });

  // An upgraded connection (exec, port-forward) is busy until it closes; the first-request timer no longer applies.
  server.on('upgrade', (req: IncomingMessage) => {
    const t = all.get(keyOf(req.socket));
    if (!t) return;
    if (t.timer) clearTimeout(t.timer);
    t.timer = undefined;
    t.inFlight++;
    idle.delete(keyOf(req.socket));
  });

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const key = keyOf(req.socket);
    const t = all.get(key);
    if (!t) return;
    if (t.timer) clearTimeout(t.timer);
    t.timer = undefined;
    t.inFlight++;
    idle.delete(key);
    res.once('close', () => {
      t.inFlight--;
      // Idle again: the newest candidate for making room; keepAliveTimeout closes it in time.
      if (t.inFlight === 0 && all.get(key) === t) idle.set(key, t);
    });
  });

  return {
    get open() {
      return all.size;
    },
    get shed() {
      return shed;
    },
  };
}
