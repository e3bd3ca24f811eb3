// SPDY/3.1 as the kubelet and spdystream speak it: the header dictionary, name/value blocks
// through one zlib context per direction, frame parsing, and a session answering every stream
// with SYN_REPLY, carrying data both ways and half-closing with FIN.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SPDY3_DICTIONARY } from '../../../../src/sim/server/streams/spdy/dictionary.js';
import { controlFrame, ControlType, dataFrame, FLAG_FIN, parseFrames, type Frame } from '../../../../src/sim/server/streams/spdy/frames.js';
import { decodeHeaderBlock, encodeHeaderBlock, HeaderCompressor, HeaderDecompressor } from '../../../../src/sim/server/streams/spdy/headerBlock.js';
import { SpdySession, type SpdyStream } from '../../../../src/sim/server/streams/spdy/session.js';

describe('the SPDY/3 header dictionary', () => {
  it('is the protocol draft 3 constant, byte for byte (1423 bytes, its SHA-256)', () => {
    expect(SPDY3_DICTIONARY.length).toBe(1423);
    expect(createHash('sha256').update(SPDY3_DICTIONARY).digest('hex')).toBe('51d27341373f923f3cd88e1eb7162aeaa3723d7585ff2399201dc06498407f02');
  });
});

describe('header blocks', () => {
  it.each([
    [new Map<string, string>()],
    [new Map([['streamtype', 'error']])],
    [new Map([['streamtype', 'data'], ['port', '8080'], ['requestid', '0']])],
  ])('round-trips %o, names lower-cased', (headers) => {
    expect(decodeHeaderBlock(encodeHeaderBlock(headers))).toEqual(headers);
  });

  it('refuses a truncated block', () => {
    expect(() => decodeHeaderBlock(encodeHeaderBlock(new Map([['port', '80']])).subarray(0, 9))).toThrow('truncated header block');
  });

  it('keeps one zlib context per direction across blocks (the second block depends on the first)', async () => {
    const c = new HeaderCompressor();
    const d = new HeaderDecompressor();
    const blocks = [new Map([['streamtype', 'error']]), new Map([['streamtype', 'stdout']]), new Map([['streamtype', 'stderr']])];
    for (const b of blocks) expect(await d.decompress(await c.compress(b))).toEqual(b);
    // A fresh decompressor cannot read the third block alone: the context is shared.
    const later = await c.compress(blocks[0]!);
    await expect(new HeaderDecompressor().decompress(later)).rejects.toThrow();
    c.close();
    d.close();
  });
});

describe('frames', () => {
  it('parses control and data frames, leaving a partial frame for later', () => {
    const ping = controlFrame(ControlType.Ping, 0, Buffer.from([0, 0, 0, 1]));
    const data = dataFrame(3, FLAG_FIN, Buffer.from('hi'));
    const both = Buffer.concat([ping, data]);
    const { frames, rest } = parseFrames(both.subarray(0, both.length - 1));
    expect(frames).toEqual([{ control: true, type: ControlType.Ping, flags: 0, body: Buffer.from([0, 0, 0, 1]) }]);
    expect(rest.length).toBe(data.length - 1);
    expect(parseFrames(both).frames[1]).toEqual({ control: false, streamId: 3, flags: FLAG_FIN, body: Buffer.from('hi') });
  });

  it('refuses another SPDY version', () => {
    const f = controlFrame(ControlType.Ping, 0, Buffer.alloc(4));
    f.writeUInt16BE(0x8002, 0);
    expect(() => parseFrames(f)).toThrow('unsupported SPDY version 2');
  });
});

/** A client end: compresses its SYN_STREAM headers and reads the server's frames. */
class Client {
  readonly received: Frame[] = [];
  private readonly c = new HeaderCompressor();
  ended = false;
  sink = { write: (d: Buffer) => this.received.push(...parseFrames(d).frames), end: () => (this.ended = true) };

  async open(server: SpdySession, id: number, headers: Map<string, string>, fin = false): Promise<void> {
    const block = await this.c.compress(headers);
    const body = Buffer.concat([Buffer.from([0, 0, 0, id, 0, 0, 0, 0, 0, 0]), block]);
    server.receive(controlFrame(ControlType.SynStream, fin ? FLAG_FIN : 0, body));
  }
}


describe('a server session', () => {
  it('replies to every stream, delivers data with its FIN, writes back in order and echoes pings', async () => {
    const streams: SpdyStream[] = [];
    const client = new Client();
    const server = new SpdySession(client.sink, (s) => streams.push(s));
    await client.open(server, 1, new Map([['streamtype', 'error']]));
    await client.open(server, 3, new Map([['streamtype', 'data'], ['port', '80']]));
    await server.idle();
    expect(streams.map((s) => [s.id, s.headers.get('streamtype')])).toEqual([[1, 'error'], [3, 'data']]);
    expect(client.received.filter((f) => f.control && f.type === ControlType.SynReply)).toHaveLength(2);

    const got: string[] = [];
    streams[1]!.onData((d) => got.push(d.toString()));
    let ended = false;
    streams[1]!.onEnd(() => (ended = true));
    server.receive(Buffer.concat([dataFrame(3, 0, Buffer.from('GET /')), dataFrame(3, FLAG_FIN, Buffer.from(' HTTP/1.0'))]));
    server.receive(controlFrame(ControlType.Ping, 0, Buffer.from([0, 0, 0, 7])));
    await server.idle();
    expect(got.join('')).toBe('GET / HTTP/1.0');
    expect(ended).toBe(true);
    expect(client.received.at(-1)).toMatchObject({ control: true, type: ControlType.Ping, body: Buffer.from([0, 0, 0, 7]) });

    streams[1]!.write(Buffer.from('200'));
    streams[1]!.end();
    await server.idle();
    const out = client.received.filter((f) => !f.control);
    expect(out.map((f) => [f.control ? 0 : f.streamId, f.body.toString(), f.flags])).toEqual([
      [3, '200', 0],
      [3, '', FLAG_FIN],
    ]);
    expect(server.openStreams).toBe(1);
  });

  it('answers data for an unknown stream with RST_STREAM and goes away on garbage', async () => {
    const client = new Client();
    const server = new SpdySession(client.sink, () => {});
    server.receive(dataFrame(9, 0, Buffer.from('x')));
    await server.idle();
    expect(client.received[0]).toMatchObject({ control: true, type: ControlType.RstStream });
    const bad = controlFrame(ControlType.Ping, 0, Buffer.alloc(4));
    bad.writeUInt16BE(0x8009, 0);
    server.receive(bad);
    await server.idle();
    expect(client.received.at(-1)).toMatchObject({ control: true, type: ControlType.GoAway });
    expect(client.ended).toBe(true);
  });
});
