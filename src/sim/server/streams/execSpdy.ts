// pods/exec and pods/attach over SPDY (kubelet cri/streaming/remotecommand/httpstream.go, stream
// protocol v4.channel.k8s.io), what kubectl 1.27–1.29 speak and newer ones fall back to: the
// client opens one stream per purpose (streamType error, stdin, stdout, stderr, resize); once all
// it asked for are open the process starts; output goes on stdout/stderr, the final
// metav1.Status on the error stream, then the connection goes away.
import type { ExecRequest, InsideWorld } from '../../inside/types.js';
import { parseResize } from './channels.js';
import { errorStatus } from './execStatus.js';
import type { StreamOptions } from './execOptions.js';
import { startSession, type SessionInput } from './session.js';
import type { SpdySession, SpdyStream } from './spdy/session.js';

/** How long the client has to open its streams (the kubelet's streamCreationTimeout). */
export const STREAM_CREATION_TIMEOUT_MS = 30_000;

type StreamType = 'error' | 'stdin' | 'stdout' | 'stderr' | 'resize';

function expectedTypes(options: StreamOptions): StreamType[] {
  const types: StreamType[] = ['error'];
  if (options.stdin) types.push('stdin');
  if (options.stdout) types.push('stdout');
  if (options.stderr) types.push('stderr');
  if (options.tty) types.push('resize');
  return types;
}

/** The resize stream is a run of JSON objects; each complete one is a new size. */
function resizeReader(apply: (cols: number, rows: number) => void): (data: Buffer) => void {
  let pending = '';
  return (data) => {
    pending += data.toString('utf8');
    let end: number;
    while ((end = pending.indexOf('}')) >= 0) {
      const size = parseResize(Buffer.from(pending.slice(0, end + 1)));
      pending = pending.slice(end + 1);
      if (size) apply(size.cols, size.rows);
    }
  };
}

export interface SpdyExec {
  /** A stream the client opened. */
  stream(stream: SpdyStream): void;
  /** The connection ended. */
  closed(): void;
}

export function spdyExec(session: SpdySession, inside: InsideWorld, req: ExecRequest, options: StreamOptions): SpdyExec {
  const expected = expectedTypes(options);
  const streams = new Map<StreamType, SpdyStream>();
  let started = false;
  const timer = setTimeout(() => {
    if (started) return;
    const error = streams.get('error');
    if (error) {
      error.write(Buffer.from(JSON.stringify(errorStatus(new Error('timed out waiting for client to create streams')))));
      error.end();
    }
    session.close();
  }, STREAM_CREATION_TIMEOUT_MS);
  timer.unref();

  const start = (): void => {
    started = true;
    clearTimeout(timer);
    const out = streams.get('stdout');
    const err = streams.get('stderr');
    const error = streams.get('error')!;
    input = startSession(inside, req, {
      stdout: (d) => out?.write(d),
      stderr: (d) => err?.write(d),
      finish(status) {
        out?.end();
        err?.end();
        error.write(Buffer.from(JSON.stringify(status)));
        error.end();
        session.close();
      },
    });
    const stdin = streams.get('stdin');
    stdin?.onData((d) => input?.stdin(d));
    stdin?.onEnd(() => input?.stdinEnd());
    streams.get('resize')?.onData(resizeReader((cols, rows) => input?.resize(cols, rows)));
  };

  let input: SessionInput | undefined;
  return {
    stream(stream) {
      const type = stream.headers.get('streamtype') as StreamType | undefined;
      if (started || !type || !expected.includes(type) || streams.has(type)) return stream.reset();
      streams.set(type, stream);
      if (streams.size === expected.length) start();
    },
    closed() {
      clearTimeout(timer);
      input?.gone();
    },
  };
}
