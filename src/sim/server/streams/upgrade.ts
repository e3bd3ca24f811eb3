// The connections that leave HTTP: pods/exec, pods/attach and pods/portforward. The apiserver's
// checks answer as plain HTTP errors (authentication, the pod, the container, the query); then
// the connection switches to WebSocket (remote-command channels v5/v4, port-forward channels, or
// SPDY tunnelled through WebSocket for port-forward) or to SPDY/3.1 (kubectl before 1.30, and
// newer ones when a WebSocket upgrade is refused), and carries the streams to the container's
// inside.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiError } from '../../../kube/apiError.js';
import type { Pod } from '../../../kube/types.js';
import type { ExecRequest, InsideWorld } from '../../inside/types.js';
import { isAuthorized, unauthorized } from '../auth.js';
import { methodNotAllowed, pathNotFound } from '../respond.js';
import type { ServedCluster } from '../resources.js';
import { parseRoute, STREAM_SUBRESOURCE_NAMES } from '../routes.js';
import { channelWire, CHANNEL_PROTOCOLS, readChannels } from './channels.js';
import { streamOptions, type StreamOptions, type StreamVerb } from './execOptions.js';
import { spdyExec } from './execSpdy.js';
import { forwardedPorts, serveChannelPortForward } from './portForwardChannels.js';
import { spdyPortForward } from './portForwardSpdy.js';
import { refuseUpgrade } from './rawResponse.js';
import { startSession } from './session.js';
import { SpdySession, type ByteSink } from './spdy/session.js';
import { requireHost, streamContainer } from './target.js';

/** kubectl 1.31+ port-forward: SPDY carried in WebSocket binary messages (client-go tunneling_dialer.go). */
export const SPDY_TUNNEL_PORTFORWARD = 'SPDY/3.1+portforward.k8s.io';
/** The SPDY stream protocol of exec/attach served (remote-command v4: a Status on the error stream). */
export const SPDY_EXEC_PROTOCOL = 'v4.channel.k8s.io';
export const SPDY_PORTFORWARD_PROTOCOL = 'portforward.k8s.io';
/** The kubelet's WebSocket port-forward (what @kubernetes/client-node speaks). */
const CHANNEL_PORTFORWARD_PROTOCOLS = ['v4.channel.k8s.io'];

export interface StreamUpgradeOptions {
  cluster: ServedCluster;
  token: string;
  /** What answers inside the containers; undefined when the served cluster models none. */
  inside: InsideWorld | undefined;
}

export interface StreamUpgrades {
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ends every upgraded connection (server close). */
  closeAll(): void;
  /** Upgraded connections open now (tests, diagnostics). */
  readonly open: number;
}

type Target = { verb: StreamVerb; pod: Pod; options: StreamOptions; request: ExecRequest } | { verb: 'portforward'; pod: Pod; params: URLSearchParams };

function headerList(req: IncomingMessage, name: string): string[] {
  const raw = req.headers[name];
  const joined = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  return joined
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function negotiate(offered: string[], served: readonly string[]): string | undefined {
  return offered.find((p) => served.includes(p));
}

function protocolRefusal(offered: string[], served: readonly string[]): ApiError {
  return new ApiError(403, 'Forbidden', `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server supports [${served.join(' ')}]`);
}

export function createStreamUpgrades(options: StreamUpgradeOptions): StreamUpgrades {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 16 * 1024 * 1024 });
  const sockets = new Set<Duplex>();

  const target = (req: IncomingMessage, url: URL): Target => {
    const route = parseRoute(url.pathname);
    if (route.type !== 'resource' || route.kind !== 'Pod' || !route.subresource || !STREAM_SUBRESOURCE_NAMES.has(route.subresource) || !route.namespace || !route.name) {
      throw new ApiError(400, 'BadRequest', `podscope serves upgraded connections only for pods/exec, pods/attach and pods/portforward, not ${url.pathname}`);
    }
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'POST') throw methodNotAllowed();
    const pod = options.cluster.api.get('Pod', route.namespace, route.name);
    if (route.subresource === 'portforward') {
      requireHost(pod);
      return { verb: 'portforward', pod, params: url.searchParams };
    }
    const verb = route.subresource as StreamVerb;
    const opts = streamOptions(verb, url.searchParams);
    const container = streamContainer(pod, opts.container);
    if (verb === 'attach') {
      // The kubelet attaches with the container's own tty setting, whatever the client asked.
      const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === container);
      const tty = spec?.tty === true;
      const request: ExecRequest = { namespace: route.namespace, pod: route.name, container, command: [], tty, stdin: opts.stdin };
      return { verb, pod, options: { ...opts, tty, stderr: opts.stderr && !tty }, request };
    }
    if (opts.command.length === 0) throw new ApiError(400, 'BadRequest', 'you must specify at least one command for the container');
    const request: ExecRequest = { namespace: route.namespace, pod: route.name, container, command: opts.command, tty: opts.tty, stdin: opts.stdin };
    return { verb, pod, options: opts, request };
  };

  const track = (socket: Duplex): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const serveWebSocket = (req: IncomingMessage, socket: Duplex, head: Buffer, t: Target, inside: InsideWorld): void => {
    const offered = headerList(req, 'sec-websocket-protocol');
    const served: readonly string[] = t.verb === 'portforward' ? [SPDY_TUNNEL_PORTFORWARD, ...CHANNEL_PORTFORWARD_PROTOCOLS] : CHANNEL_PROTOCOLS;
    const protocol = negotiate(offered, served);
    if (!protocol) return refuseUpgrade(socket, protocolRefusal(offered, served));
    let ports: number[] = [];
    if (t.verb === 'portforward' && protocol !== SPDY_TUNNEL_PORTFORWARD) ports = forwardedPorts(t.params);
    // The protocol is answered here, not by ws: its token check refuses the '/' in
    // SPDY/3.1+portforward.k8s.io, which gorilla/websocket (kubectl) accepts.
    delete req.headers['sec-websocket-protocol'];
    const answer = (headers: string[], upgraded: IncomingMessage): void => {
      if (upgraded !== req) return;
      headers.push(`Sec-WebSocket-Protocol: ${protocol}`);
      wss.off('headers', answer);
    };
    wss.on('headers', answer);
    socket.once('close', () => wss.off('headers', answer));
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      track(socket);
      if (t.verb === 'portforward') {
        if (protocol === SPDY_TUNNEL_PORTFORWARD) return tunnelSpdy(ws, inside, t.pod);
        return serveChannelPortForward(ws, inside, t.pod, ports);
      }
      readChannels(ws, protocol, startSession(inside, t.request, channelWire(ws)));
    });
  };

  const serveSpdy = (req: IncomingMessage, socket: Duplex, head: Buffer, t: Target, inside: InsideWorld): void => {
    const offered = headerList(req, 'x-stream-protocol-version');
    const served = t.verb === 'portforward' ? [SPDY_PORTFORWARD_PROTOCOL] : [SPDY_EXEC_PROTOCOL];
    const protocol = negotiate(offered, served);
    if (!protocol) return refuseUpgrade(socket, protocolRefusal(offered, served));
    track(socket);
    socket.write(['HTTP/1.1 101 Switching Protocols', 'Connection: Upgrade', 'Upgrade: SPDY/3.1', `X-Stream-Protocol-Version: ${protocol}`, '', ''].join('\r\n'));
    const sink: ByteSink = { write: (d) => void (socket.writable && socket.write(d)), end: () => socket.end() };
    let onStream: (s: Parameters<ReturnType<typeof spdyPortForward>>[0]) => void;
    let closed = (): void => {};
    const session = new SpdySession(sink, (s) => onStream(s), () => closed());
    if (t.verb === 'portforward') onStream = spdyPortForward(inside, t.pod);
    else {
      const exec = spdyExec(session, inside, t.request, t.options);
      onStream = (s) => exec.stream(s);
      closed = () => exec.closed();
    }
    socket.on('data', (d: Buffer) => session.receive(d));
    socket.on('close', () => session.transportClosed());
    socket.on('error', () => session.transportClosed());
    if (head.length > 0) session.receive(head);
  };

  return {
    get open() {
      return sockets.size;
    },
    handle(req, socket, head) {
      socket.on('error', () => socket.destroy());
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://sim.invalid');
      } catch {
        return refuseUpgrade(socket, pathNotFound());
      }
      if (!isAuthorized(req, options.token)) return refuseUpgrade(socket, unauthorized());
      try {
        const t = target(req, url);
        const inside = options.inside;
        if (!inside) throw new ApiError(500, 'InternalError', 'Internal error occurred: this simulator models no container insides to stream to');
        const upgrade = (req.headers.upgrade ?? '').toLowerCase();
        if (upgrade === 'websocket') return serveWebSocket(req, socket, head, t, inside);
        if (upgrade === 'spdy/3.1') return serveSpdy(req, socket, head, t, inside);
        throw new ApiError(400, 'BadRequest', `unable to upgrade: unsupported protocol ${JSON.stringify(req.headers.upgrade ?? '')} (WebSocket or SPDY/3.1 are served)`);
      } catch (err) {
        refuseUpgrade(socket, err);
      }
    },
    closeAll() {
      for (const s of [...sockets]) s.destroy();
      wss.close();
    },
  };
}

/** The SPDY connection kubectl 1.31+ tunnels through the WebSocket: each binary message is a run of SPDY bytes. */
function tunnelSpdy(ws: WebSocket, inside: InsideWorld, pod: Pod): void {
  const sink: ByteSink = {
    write: (d) => {
      if (ws.readyState === ws.OPEN) ws.send(d, { binary: true });
    },
    end: () => {
      if (ws.readyState === ws.OPEN) ws.close(1000);
    },
  };
  const session = new SpdySession(sink, spdyPortForward(inside, pod));
  ws.on('message', (raw, isBinary) => {
    if (!isBinary) return;
    session.receive(Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw));
  });
  ws.on('close', () => session.transportClosed());
  ws.on('error', () => session.transportClosed());
}
