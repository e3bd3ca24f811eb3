// An HTTP answer written straight onto a socket whose request asked for an upgrade (the
// 'upgrade' event hands over the socket, not a ServerResponse): an error Status as the
// apiserver would send it instead of switching protocols.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { toApiError } from '../respond.js';

export function refuseUpgrade(socket: Duplex, err: unknown): void {
  const status = toApiError(err).toStatus();
  const code = status.code ?? 500;
  const body = JSON.stringify(status);
  const head = [
    `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? 'Error'}`,
    'Content-Type: application/json',
    'Cache-Control: no-cache, private',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ];
  if (!socket.writable) return void socket.destroy();
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
