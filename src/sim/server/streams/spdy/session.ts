// The server end of a SPDY/3.1 connection as the kubelet's streaming server runs it (apimachinery
// httpstream/spdy over moby/spdystream): the client opens streams with SYN_STREAM (their purpose in
// the headers — streamType, port, requestID), every one is answered at once with SYN_REPLY, data
// flows both ways in DATA frames and a FIN half-closes a direction. Flow-control windows are not
// enforced in either direction, as spdystream does not enforce them. Header blocks go through
// zlib (asynchronous), so frames are handled one after another in arrival order and written in
// the order they were produced.
import { ControlType, controlFrame, dataFrame, FLAG_FIN, goAway, parseFrames, rstStream, RST_CANCEL, RST_INVALID_STREAM, RST_PROTOCOL_ERROR, synReply, synStreamParts, type Frame } from './frames.js';
import { HeaderCompressor, HeaderDecompressor, type HeaderBlock } from './headerBlock.js';

/** Where the session writes its bytes (a socket, or a WebSocket tunnel). */
export interface ByteSink {
  write(data: Buffer): void;
  end(): void;
}

/** DATA frames carry at most this much (spdystream reads any size; small frames keep latency even). */
const MAX_DATA_CHUNK = 32 * 1024;

export class SpdyStream {
  private dataListeners: ((data: Buffer) => void)[] = [];
  private endListeners: (() => void)[] = [];
  private pending: Buffer[] = [];
  /** The client half-closed (FIN) or reset the stream. */
  remoteEnded = false;
  localEnded = false;
  wasReset = false;

  constructor(
    private readonly session: SpdySession,
    readonly id: number,
    readonly headers: HeaderBlock,
  ) {}

  /** Data from the client; what arrived before the first listener is delivered to it. */
  onData(listener: (data: Buffer) => void): void {
    this.dataListeners.push(listener);
    for (const d of this.pending.splice(0)) listener(d);
  }

  onEnd(listener: () => void): void {
    if (this.remoteEnded) listener();
    else this.endListeners.push(listener);
  }

  write(data: Buffer): void {
    if (this.localEnded || this.wasReset) return;
    for (let at = 0; at < data.length; at += MAX_DATA_CHUNK) this.session.send(dataFrame(this.id, 0, data.subarray(at, at + MAX_DATA_CHUNK)));
  }

  /** Half-closes this side (an empty DATA frame with FIN). */
  end(): void {
    if (this.localEnded || this.wasReset) return;
    this.localEnded = true;
    this.session.send(dataFrame(this.id, FLAG_FIN, Buffer.alloc(0)));
    this.session.forgetIfDone(this);
  }

  reset(): void {
    if (this.wasReset) return;
    this.session.send(rstStream(this.id, RST_CANCEL));
    this.remoteGone(true);
  }

  /** @internal */
  deliver(data: Buffer): void {
    if (this.remoteEnded || data.length === 0) return;
    if (this.dataListeners.length === 0) this.pending.push(Buffer.from(data));
    else for (const l of this.dataListeners) l(data);
  }

  /** @internal */
  remoteGone(reset: boolean): void {
    if (reset) {
      this.wasReset = true;
      this.localEnded = true;
    }
    if (this.remoteEnded) return void this.session.forgetIfDone(this);
    this.remoteEnded = true;
    for (const l of this.endListeners.splice(0)) l();
    this.session.forgetIfDone(this);
  }
}

export class SpdySession {
  private readonly streams = new Map<number, SpdyStream>();
  private readonly compressor = new HeaderCompressor();
  private readonly decompressor = new HeaderDecompressor();
  private buffered = Buffer.alloc(0);
  /** Incoming frames, handled one at a time. */
  private incoming: Promise<void> = Promise.resolve();
  /** Outgoing frames, written in order (a reply's headers are compressed before it goes). */
  private outgoing: Promise<void> = Promise.resolve();
  private lastStreamId = 0;
  private closed = false;

  constructor(
    private readonly sink: ByteSink,
    private readonly onStream: (stream: SpdyStream) => void,
    private readonly onClose: () => void = () => {},
  ) {}

  get openStreams(): number {
    return this.streams.size;
  }

  /** Settles once every frame received so far is handled and every frame produced is written (tests). */
  async idle(): Promise<void> {
    let incoming: Promise<void>;
    let outgoing: Promise<void>;
    do {
      incoming = this.incoming;
      outgoing = this.outgoing;
      await incoming;
      await outgoing;
    } while (incoming !== this.incoming || outgoing !== this.outgoing);
  }

  /** Bytes from the client. */
  receive(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Frame[];
    try {
      const parsed = parseFrames(this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk);
      frames = parsed.frames;
      this.buffered = Buffer.from(parsed.rest);
    } catch {
      return this.protocolError();
    }
    for (const f of frames) {
      this.incoming = this.incoming.then(() => (this.closed ? undefined : this.handle(f))).catch(() => this.protocolError());
    }
  }

  /** A framing or compression error leaves the connection unusable, as in spdystream. */
  private protocolError(): void {
    this.send(goAway(this.lastStreamId, RST_PROTOCOL_ERROR));
    this.close();
  }

  /** The transport ended: every stream ends with it. */
  transportClosed(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of [...this.streams.values()]) s.remoteGone(true);
    this.streams.clear();
    // Replies still being compressed go out first; then the zlib contexts are released.
    void this.outgoing.then(() => {
      this.compressor.close();
      this.decompressor.close();
    });
    this.onClose();
  }

  /** GOAWAY, then (after everything queued before it) the transport ends. */
  close(): void {
    if (this.closed) return;
    this.send(goAway(this.lastStreamId));
    this.outgoing = this.outgoing.then(() => this.sink.end());
    this.transportClosed();
  }

  /** @internal */
  send(frame: Buffer | Promise<Buffer>): void {
    if (this.closed) return;
    this.outgoing = this.outgoing.then(async () => this.sink.write(await frame)).catch(() => this.sink.end());
  }

  /** @internal */
  forgetIfDone(stream: SpdyStream): void {
    if (stream.remoteEnded && stream.localEnded) this.streams.delete(stream.id);
  }

  private async handle(frame: Frame): Promise<void> {
    if (!frame.control) {
      const stream = this.streams.get(frame.streamId);
      if (!stream) return void this.send(rstStream(frame.streamId, RST_INVALID_STREAM));
      stream.deliver(frame.body);
      if (frame.flags & FLAG_FIN) stream.remoteGone(false);
      return;
    }
    switch (frame.type) {
      case ControlType.SynStream: {
        const { streamId, headerBlock } = synStreamParts(frame.body);
        const headers = await this.decompressor.decompress(headerBlock);
        if (streamId <= this.lastStreamId || streamId % 2 === 0) return void this.send(rstStream(streamId, RST_PROTOCOL_ERROR));
        this.lastStreamId = streamId;
        const stream = new SpdyStream(this, streamId, headers);
        this.streams.set(streamId, stream);
        this.send(this.compressor.compress(new Map()).then((block) => synReply(streamId, block)));
        this.onStream(stream);
        if (frame.flags & FLAG_FIN) stream.remoteGone(false);
        return;
      }
      case ControlType.Headers:
        // Nothing here needs late headers, but the shared zlib context must see every block.
        if (frame.body.length >= 4) await this.decompressor.decompress(frame.body.subarray(4));
        return;
      case ControlType.RstStream: {
        if (frame.body.length < 8) return;
        this.streams.get(frame.body.readUInt32BE(0) & 0x7fffffff)?.remoteGone(true);
        return;
      }
      case ControlType.Ping:
        this.send(controlFrame(ControlType.Ping, frame.flags, frame.body));
        return;
      case ControlType.GoAway:
        this.close();
        return;
      default:
        // SETTINGS and WINDOW_UPDATE: windows are not enforced (see above).
        return;
    }
  }
}
