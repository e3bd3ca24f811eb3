// The remote-command channel protocol over WebSocket (apimachinery wsstream and client-go
// remotecommand/websocket.go): every binary message starts with its channel byte — 0 stdin,
// 1 stdout, 2 stderr, 3 error (the final metav1.Status), 4 resize ({"Width","Height"}).
// v5.channel.k8s.io adds message 255 <channel>: the client closed that stream (stdin's end of
// file). v4.channel.k8s.io has no such message: stdin ends with the connection.
import type { WebSocket } from 'ws';
import type { SessionInput, SessionWire } from './session.js';

export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const ERROR = 3;
export const RESIZE = 4;
export const CLOSE_STREAM = 255;

export const CHANNEL_V5 = 'v5.channel.k8s.io';
export const CHANNEL_V4 = 'v4.channel.k8s.io';
/** The remote-command subprotocols served, most preferred first. */
export const CHANNEL_PROTOCOLS = [CHANNEL_V5, CHANNEL_V4] as const;

/** The resize message's body as client-go's TerminalSize marshals it; undefined when malformed. */
export function parseResize(body: Buffer): { cols: number; rows: number } | undefined {
  try {
    const size = JSON.parse(body.toString('utf8')) as { Width?: unknown; Height?: unknown };
    const cols = size.Width;
    const rows = size.Height;
    if (typeof cols !== 'number' || typeof rows !== 'number' || !Number.isInteger(cols) || !Number.isInteger(rows) || cols < 0 || rows < 0) return undefined;
    return { cols, rows };
  } catch {
    return undefined;
  }
}

function frame(channel: number, data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(data.length + 1);
  out[0] = channel;
  data.copy(out, 1);
  return out;
}

/**
 * How long output waits for the client after the upgrade. client-go creates its streams only
 * after the handshake while it already reads, and drops a message for a stream it has not made
 * yet ("Unknown stream id 1, discarding message"); a real exec's start in the runtime takes
 * longer than that, a simulated one does not. So output is held until the client's first
 * message (kubectl sends the terminal size first on a tty) or this long.
 */
export const FIRST_OUTPUT_HOLD_MS = 100;

/** The process's output as channel messages; the status ends the connection (normal closure). */
export function channelWire(ws: WebSocket): SessionWire {
  let held: (() => void)[] | undefined = [];
  const release = (): void => {
    const queued = held;
    held = undefined;
    clearTimeout(timer);
    for (const send of queued ?? []) send();
  };
  const timer = setTimeout(release, FIRST_OUTPUT_HOLD_MS);
  ws.once('message', release);
  ws.once('close', () => clearTimeout(timer));
  const later = (send: () => void): void => {
    if (held) held.push(send);
    else send();
  };
  const send = (channel: number, data: Buffer): void => {
    if (ws.readyState === ws.OPEN) ws.send(frame(channel, data), { binary: true });
  };
  return {
    stdout: (d) => later(() => send(STDOUT, d)),
    stderr: (d) => later(() => send(STDERR, d)),
    finish(status) {
      later(() => {
        send(ERROR, Buffer.from(JSON.stringify(status)));
        if (ws.readyState === ws.OPEN) ws.close(1000);
      });
    },
  };
}

/** Feeds the client's messages to the process until the connection ends. */
export function readChannels(ws: WebSocket, protocol: string, input: SessionInput): void {
  const v5 = protocol === CHANNEL_V5;
  let stdinOpen = true;
  ws.on('message', (raw, isBinary) => {
    const data = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    if (!isBinary || data.length === 0) return;
    const body = data.subarray(1);
    switch (data[0]) {
      case STDIN:
        if (stdinOpen && body.length > 0) input.stdin(body);
        return;
      case RESIZE: {
        const size = parseResize(body);
        if (size) input.resize(size.cols, size.rows);
        return;
      }
      case CLOSE_STREAM:
        if (v5 && body[0] === STDIN && stdinOpen) {
          stdinOpen = false;
          input.stdinEnd();
        }
        return;
    }
  });
  ws.on('close', () => input.gone());
  ws.on('error', () => input.gone());
}
