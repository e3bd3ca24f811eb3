// Port-forward on a live cluster: a local listener whose every connection opens one WebSocket
// to pods/portforward (the kubelet's channel protocol, v4.channel.k8s.io, `ports=P`): data on
// channel 0, the kubelet's error text on channel 1, each channel's first two bytes the port.
// The same protocol @kubernetes/client-node's PortForward speaks, on the source's own client
// (its credentials, TLS, proxy and --readonly check).
import type { Socket } from 'node:net';
import type WebSocket from 'ws';
import { errorText } from '../../kube/errorText.js';
import { listenForward } from '../localForward.js';
import type { ForwardRequest, PortForwardHandle } from '../streamTypes.js';
import type { KubeClient } from './client.js';

const DATA = 0;
const ERROR = 1;

function tunnel(socket: Socket, ws: WebSocket, request: ForwardRequest, localPort: number): void {
  const headerLeft = [2, 2];
  let failure = '';
  ws.on('message', (raw: Buffer, isBinary: boolean) => {
    if (!isBinary || raw.length === 0) return;
    const channel = raw[0]!;
    if (channel !== DATA && channel !== ERROR) return;
    let body = raw.subarray(1);
    const skip = Math.min(headerLeft[channel]!, body.length);
    headerLeft[channel]! -= skip;
    body = body.subarray(skip);
    if (body.length === 0) return;
    if (channel === DATA) socket.write(body);
    else failure += body.toString('utf8');
  });
  ws.on('close', () => {
    if (failure !== '') request.onError?.(`an error occurred forwarding ${localPort} -> ${request.port}: ${failure}`);
    socket.end();
  });
  ws.on('error', () => socket.destroy());
  socket.on('data', (d: Buffer) => {
    if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([DATA]), d]), { binary: true });
  });
  socket.on('close', () => ws.close());
}

export function forwardThroughApi(client: KubeClient, request: ForwardRequest): Promise<PortForwardHandle> {
  const path = `/api/v1/namespaces/${encodeURIComponent(request.namespace)}/pods/${encodeURIComponent(request.pod)}/portforward`;
  let localPort = request.localPort;
  const listening = listenForward(request.localPort, (socket) => {
    socket.pause();
    client.openWebSocket(path, [['ports', String(request.port)]], ['v4.channel.k8s.io']).then(
      (ws) => {
        tunnel(socket, ws, request, localPort);
        socket.resume();
      },
      (err: unknown) => {
        request.onError?.(`an error occurred forwarding ${localPort} -> ${request.port}: ${errorText(err)}`);
        socket.destroy();
      },
    );
  });
  return listening.then((h) => ((localPort = h.localPort), h));
}
