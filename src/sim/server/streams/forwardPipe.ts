// One forwarded TCP connection into a pod's network namespace: the client's bytes go to what
// InsideWorld.connect opened, its bytes come back, and either side ending ends the other.
// A refused port (or a pod gone) is reported once, as the kubelet reports it.
import type { Duplex } from 'node:stream';
import type { Pod } from '../../../kube/types.js';
import type { InsideWorld } from '../../inside/types.js';
import { forwardErrorText } from './forwardError.js';

/** The client's side of one forwarded connection, whatever carries it. */
export interface ForwardEnds {
  /** Bytes for the client. */
  send(data: Buffer): void;
  /** The pod side ended: no more bytes for the client. */
  sendEnd(): void;
  /** The kubelet's error text for this connection. */
  sendError(text: string): void;
  /** Everything for this connection is over (both directions, or an error). */
  done(): void;
}

export interface ForwardInput {
  receive(data: Buffer): void;
  receiveEnd(): void;
  /** The client went away: the pod side is cut. */
  abort(): void;
}

export function openForward(inside: InsideWorld, pod: Pod, port: number, ends: ForwardEnds): ForwardInput {
  const namespace = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  let over = false;
  const finish = (): void => {
    if (over) return;
    over = true;
    ends.done();
  };
  const fail = (err: unknown): void => {
    if (over) return;
    ends.sendError(forwardErrorText(pod, port, err));
    finish();
  };
  let conn: Duplex;
  try {
    conn = inside.connect(namespace, name, port);
  } catch (err) {
    fail(err);
    return { receive: () => {}, receiveEnd: () => {}, abort: () => {} };
  }
  // As containerd's portForward: the forward is over when the pod side is done sending; the
  // client's end of input only half-closes the connection into the pod.
  const podDone = (): void => {
    if (over) return;
    ends.sendEnd();
    finish();
  };
  conn.on('data', (d: Buffer) => !over && ends.send(Buffer.isBuffer(d) ? d : Buffer.from(d)));
  conn.on('end', podDone);
  conn.on('error', fail);
  conn.on('close', podDone);
  return {
    receive: (d) => {
      if (!over && !conn.writableEnded) conn.write(d);
    },
    receiveEnd: () => {
      if (!conn.writableEnded) conn.end();
    },
    abort: () => {
      over = true;
      conn.destroy();
    },
  };
}
