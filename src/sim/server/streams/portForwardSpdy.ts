// pods/portforward over SPDY (portforward.k8s.io, kubelet cri/streaming/portforward/httpstream.go):
// for every forwarded connection the client opens an error stream and a data stream with the
// same requestID and the target port in their headers; the pair becomes one connection into the
// pod. kubectl 1.31+ tunnels this SPDY connection through a WebSocket, older ones upgrade to it.
import type { Pod } from '../../../kube/types.js';
import type { InsideWorld } from '../../inside/types.js';
import { openForward } from './forwardPipe.js';
import type { SpdyStream } from './spdy/session.js';

interface Pair {
  data?: SpdyStream;
  error?: SpdyStream;
}

/** The kubelet's parsing of a stream's port header (strconv.ParseUint(s, 10, 16), then > 0). */
export function parsePortHeader(value: string | undefined): { port: number } | { error: string } {
  if (value === undefined || value === '') return { error: 'port header is missing' };
  if (!/^\d+$/.test(value) || Number(value) > 65535) return { error: `unable to parse '${value}' as a port: strconv.ParseUint: parsing ${JSON.stringify(value)}: invalid syntax` };
  const port = Number(value);
  if (port < 1) return { error: `port '${value}' must be > 0` };
  return { port };
}

/** The handler for each new stream of one port-forward connection. */
export function spdyPortForward(inside: InsideWorld, pod: Pod): (stream: SpdyStream) => void {
  const pairs = new Map<string, Pair>();
  return (stream) => {
    const type = stream.headers.get('streamtype');
    const requestId = stream.headers.get('requestid') ?? '';
    if (type !== 'data' && type !== 'error') return stream.reset();
    const pair = pairs.get(requestId) ?? {};
    if (pair[type]) return stream.reset();
    pair[type] = stream;
    pairs.set(requestId, pair);
    const { data, error } = pair;
    if (!data || !error) return;
    pairs.delete(requestId);
    const parsed = parsePortHeader(data.headers.get('port'));
    if ('error' in parsed) {
      error.write(Buffer.from(parsed.error));
      error.end();
      data.end();
      return;
    }
    const input = openForward(inside, pod, parsed.port, {
      send: (d) => data.write(d),
      sendEnd: () => data.end(),
      sendError: (text) => error.write(Buffer.from(text)),
      done: () => {
        data.end();
        error.end();
      },
    });
    data.onData((d) => input.receive(d));
    data.onEnd(() => (data.wasReset ? input.abort() : input.receiveEnd()));
  };
}
