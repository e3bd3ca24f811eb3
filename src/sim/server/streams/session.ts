// One exec'd process between a stream transport (WebSocket channels or SPDY streams) and the
// container's inside: output goes out as it comes, the exit becomes the error-stream status,
// and a client that goes away kills the process.
import type { ExecRequest, ExecSession, InsideWorld } from '../../inside/types.js';
import { errorStatus, exitStatus, type StreamStatus } from './execStatus.js';

/** What the transport sends to the client. */
export interface SessionWire {
  stdout(data: Buffer): void;
  stderr(data: Buffer): void;
  /** The last word: the status on the error stream, then the connection closes. */
  finish(status: StreamStatus): void;
}

/** What the transport hands to the process. */
export interface SessionInput {
  stdin(data: Buffer): void;
  stdinEnd(): void;
  resize(cols: number, rows: number): void;
  /** The client went away. */
  gone(): void;
}

const bytes = (data: Uint8Array | string): Buffer => (typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength));

export function startSession(inside: InsideWorld, req: ExecRequest, wire: SessionWire): SessionInput {
  let finished = false;
  const finish = (status: StreamStatus): void => {
    if (finished) return;
    finished = true;
    wire.finish(status);
  };
  let session: ExecSession;
  try {
    // An empty command is an attach (exec refuses one before the upgrade).
    const open = req.command.length === 0 ? inside.attach.bind(inside) : inside.exec.bind(inside);
    session = open(req, {
      stdout: (d) => !finished && wire.stdout(bytes(d)),
      // With a tty the terminal carries both streams, as the kubelet merges them.
      stderr: (d) => !finished && (req.tty ? wire.stdout(bytes(d)) : wire.stderr(bytes(d))),
    });
  } catch (err) {
    finish(errorStatus(err));
    return { stdin: () => {}, stdinEnd: () => {}, resize: () => {}, gone: () => {} };
  }
  session.exited.then(
    (code) => finish(exitStatus(code)),
    (err: unknown) => finish(errorStatus(err)),
  );
  return {
    stdin: (d) => req.stdin && session.write(d),
    stdinEnd: () => req.stdin && session.endInput(),
    resize: (cols, rows) => req.tty && session.resize(cols, rows),
    gone: () => {
      finished = true;
      session.kill();
    },
  };
}
