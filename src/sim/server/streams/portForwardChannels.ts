// pods/portforward over WebSocket channels (kubelet cri/streaming/portforward/websocket.go, what
// @kubernetes/client-node's PortForward speaks): `ports=` names the ports; port i has data
// channel 2i and error channel 2i+1; the server starts each channel with the port as two
// little-endian bytes. The connection ends when every port's forward is over.
import type { WebSocket } from 'ws';
import { ApiError } from '../../../kube/apiError.js';
import type { Pod } from '../../../kube/types.js';
import type { InsideWorld } from '../../inside/types.js';
import { openForward, type ForwardInput } from './forwardPipe.js';

/** The ports of the query as the kubelet parses them (several values, each a comma list). */
export function forwardedPorts(params: URLSearchParams): number[] {
  const values = params.getAll('ports');
  if (values.length === 0) throw new ApiError(400, 'BadRequest', 'query parameter "port" is required');
  const ports: number[] = [];
  for (const value of values) {
    for (const s of value.split(',')) {
      if (!/^\d+$/.test(s) || Number(s) > 65535) throw new ApiError(400, 'BadRequest', `unable to parse "${s}" as a port: strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`);
      if (Number(s) < 1) throw new ApiError(400, 'BadRequest', `port "${s}" must be > 0`);
      ports.push(Number(s));
    }
  }
  return ports;
}

function message(channel: number, data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(data.length + 1);
  out[0] = channel;
  data.copy(out, 1);
  return out;
}

export function serveChannelPortForward(ws: WebSocket, inside: InsideWorld, pod: Pod, ports: number[]): void {
  const send = (channel: number, data: Buffer): void => {
    if (ws.readyState === ws.OPEN) ws.send(message(channel, data), { binary: true });
  };
  let open = ports.length;
  const inputs: ForwardInput[] = [];
  ports.forEach((port, i) => {
    const header = Buffer.alloc(2);
    header.writeUInt16LE(port);
    send(2 * i, header);
    send(2 * i + 1, header);
  });
  ports.forEach((port, i) => {
    inputs[i] = openForward(inside, pod, port, {
      send: (d) => send(2 * i, d),
      sendEnd: () => {},
      sendError: (text) => send(2 * i + 1, Buffer.from(text)),
      done: () => {
        if (--open === 0 && ws.readyState === ws.OPEN) ws.close(1000);
      },
    });
  });
  ws.on('message', (raw, isBinary) => {
    const data = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    if (!isBinary || data.length === 0) return;
    const channel = data[0]!;
    if (channel % 2 === 0) inputs[channel / 2]?.receive(data.subarray(1));
  });
  ws.on('close', () => inputs.forEach((i) => i.abort()));
}
