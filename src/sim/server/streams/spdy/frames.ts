// SPDY/3.1 framing (the protocol the kubelet's and client-go's streams speak, moby/spdystream):
// an 8-byte header — control bit, version 3 and type, or the data frame's stream id — then
// flags and a 24-bit length. Only what a stream server needs: SYN_STREAM, SYN_REPLY,
// RST_STREAM, SETTINGS, PING, GOAWAY, HEADERS, WINDOW_UPDATE and DATA.

export const SPDY_VERSION = 3;
export const FLAG_FIN = 0x01;

export const enum ControlType {
  SynStream = 1,
  SynReply = 2,
  RstStream = 3,
  Settings = 4,
  Ping = 6,
  GoAway = 7,
  Headers = 8,
  WindowUpdate = 9,
}

/** RST_STREAM status codes. */
export const RST_PROTOCOL_ERROR = 1;
export const RST_INVALID_STREAM = 2;
export const RST_CANCEL = 5;

export type Frame =
  | { control: true; type: number; flags: number; body: Buffer }
  | { control: false; streamId: number; flags: number; body: Buffer };

/** The largest frame body accepted (the 24-bit length allows 16 MiB; nothing here needs more than this). */
export const MAX_FRAME_BODY = 1 << 20;

/** Splits whole frames off the front of `buffer`; returns them and what is left over. */
export function parseFrames(buffer: Buffer): { frames: Frame[]; rest: Buffer } {
  const frames: Frame[] = [];
  let at = 0;
  while (buffer.length - at >= 8) {
    const first = buffer.readUInt32BE(at);
    const flags = buffer[at + 4]!;
    const length = buffer.readUIntBE(at + 5, 3);
    if (length > MAX_FRAME_BODY) throw new Error(`SPDY frame of ${length} bytes is larger than ${MAX_FRAME_BODY}`);
    if (buffer.length - at - 8 < length) break;
    const body = buffer.subarray(at + 8, at + 8 + length);
    if (first & 0x80000000) {
      const version = (first >>> 16) & 0x7fff;
      if (version !== SPDY_VERSION) throw new Error(`unsupported SPDY version ${version}`);
      frames.push({ control: true, type: first & 0xffff, flags, body });
    } else {
      frames.push({ control: false, streamId: first & 0x7fffffff, flags, body });
    }
    at += 8 + length;
  }
  return { frames, rest: buffer.subarray(at) };
}

function header(first: number, flags: number, length: number): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(first >>> 0, 0);
  h[4] = flags;
  h.writeUIntBE(length, 5, 3);
  return h;
}

export function controlFrame(type: ControlType, flags: number, body: Buffer): Buffer {
  return Buffer.concat([header((0x80000000 | (SPDY_VERSION << 16) | type) >>> 0, flags, body.length), body]);
}

export function dataFrame(streamId: number, flags: number, data: Buffer): Buffer {
  return Buffer.concat([header(streamId & 0x7fffffff, flags, data.length), data]);
}

function uint32s(...values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, i * 4));
  return b;
}

export function synReply(streamId: number, compressedHeaders: Buffer, fin = false): Buffer {
  return controlFrame(ControlType.SynReply, fin ? FLAG_FIN : 0, Buffer.concat([uint32s(streamId & 0x7fffffff), compressedHeaders]));
}

export function rstStream(streamId: number, status: number): Buffer {
  return controlFrame(ControlType.RstStream, 0, uint32s(streamId & 0x7fffffff, status));
}

export function goAway(lastGoodStreamId: number, status = 0): Buffer {
  return controlFrame(ControlType.GoAway, 0, uint32s(lastGoodStreamId & 0x7fffffff, status));
}

export function ping(id: number): Buffer {
  return controlFrame(ControlType.Ping, 0, uint32s(id));
}

/** A SYN_STREAM's fixed part: stream id, associated stream id, then the compressed headers at offset 10. */
export function synStreamParts(body: Buffer): { streamId: number; headerBlock: Buffer } {
  if (body.length < 10) throw new Error('SYN_STREAM frame too short');
  return { streamId: body.readUInt32BE(0) & 0x7fffffff, headerBlock: body.subarray(10) };
}
