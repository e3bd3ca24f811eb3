// The local end of a port-forward, for both sources: a TCP listener on 127.0.0.1 that hands
// each accepted connection to a tunnel, counts what is open and closes everything on stop.
import { createServer, type Server, type Socket } from 'node:net';
import type { PortForwardHandle } from './streamTypes.js';

export const FORWARD_ADDRESS = '127.0.0.1';

/** Listens on `localPort` (0: a free one) and calls `tunnel` for every connection. */
export async function listenForward(localPort: number, tunnel: (socket: Socket) => void): Promise<PortForwardHandle> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    tunnel(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'address already in use' : err.code === 'EACCES' ? 'permission denied' : err.message;
      reject(new Error(`unable to listen on ${FORWARD_ADDRESS}:${localPort}: ${why}`));
    });
    server.listen(localPort, FORWARD_ADDRESS, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : localPort;
  let stopping: Promise<void> | undefined;
  return {
    localAddress: FORWARD_ADDRESS,
    localPort: port,
    get connections() {
      return sockets.size;
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of [...sockets]) s.destroy();
      });
      return stopping;
    },
  };
}

/** Bytes both ways between a local socket and a stream into the pod; either end closing closes the other. */
export function splice(socket: Socket, remote: NodeJS.ReadWriteStream & { destroy(): void }): void {
  socket.pipe(remote);
  remote.pipe(socket);
  remote.on('error', () => socket.destroy());
  remote.on('close', () => socket.destroy());
  socket.on('close', () => remote.destroy());
}

/** The forwards a source opened: one leaves when it is stopped, and all stop when the source closes. */
export class OpenForwards {
  private readonly open = new Set<PortForwardHandle>();

  track(handle: PortForwardHandle): PortForwardHandle {
    const open = this.open;
    const tracked: PortForwardHandle = {
      localAddress: handle.localAddress,
      localPort: handle.localPort,
      get connections() {
        return handle.connections;
      },
      stop: () => {
        open.delete(tracked);
        return handle.stop();
      },
    };
    open.add(tracked);
    return tracked;
  }

  stopAll(): void {
    for (const f of [...this.open]) void f.stop();
    this.open.clear();
  }
}
