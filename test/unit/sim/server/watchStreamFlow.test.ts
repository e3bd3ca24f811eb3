// How a watch stream's live events reach a socket that is slow but keeping up: the stream
// stops writing at its fill (maxBufferedBytes) and queues; it goes on once the socket has
// taken half of that, not only when all of it has gone ('drain'). A reader that takes bytes
// faster than events come is not cut off for the time the last of a full buffer takes to
// drain (the apiserver's writer takes from the channel as the connection takes bytes).
// The socket here is a fake whose buffer the test empties by hand.
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Pod, WatchEvent } from '../../../../src/kube/types.js';
import type { Store } from '../../../../src/sim/store.js';
import { WatchStream } from '../../../../src/sim/server/watchStream.js';

/** A response over a socket that takes bytes only when `flush` says so. */
class SlowSocketResponse extends EventEmitter {
  private chunks: { bytes: number; done?: () => void }[] = [];
  writableLength = 0;
  private needDrain = false;
  ended = false;
  /** Bytes of watch lines written, in order. */
  readonly lines: string[] = [];

  writeHead(): this {
    return this;
  }
  flushHeaders(): void {}
  get writableNeedDrain(): boolean {
    return this.needDrain;
  }
  write(chunk: Buffer, done?: () => void): boolean {
    this.lines.push(chunk.toString().trim());
    this.chunks.push({ bytes: chunk.length, done });
    this.writableLength += chunk.length;
    if (this.writableLength >= 16) this.needDrain = true;
    return !this.needDrain;
  }
  end(): void {
    this.ended = true;
  }
  destroy(): void {
    this.ended = true;
  }
  /** The socket takes the oldest chunks, at least `bytes` of them; their callbacks run as Node runs them (next tick); 'drain' once empty. */
  async flush(bytes: number): Promise<void> {
    let taken = 0;
    const done: (() => void)[] = [];
    while (taken < bytes && this.chunks.length > 0) {
      const c = this.chunks.shift()!;
      taken += c.bytes;
      this.writableLength -= c.bytes;
      if (c.done) done.push(c.done);
    }
    await new Promise((r) => process.nextTick(r));
    for (const d of done) d();
    if (this.writableLength === 0 && this.needDrain) {
      this.needDrain = false;
      this.emit('drain');
    }
  }
}

/** Pods whose watch lines are all of one length (names and versions of fixed width). */
function pod(i: number): Pod {
  const id = String(i).padStart(3, '0');
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${id}`, namespace: 'default', uid: `u${id}`, resourceVersion: String(1000 + i) } };
}

function stream(res: SlowSocketResponse, maxBufferedBytes: number, channelSize: number): { emit: (i: number) => void } {
  let listener: ((ev: WatchEvent<Pod>) => void) | undefined;
  const store = {
    resourceVersion: '100',
    watch: (_kind: string, _options: unknown, l: (ev: WatchEvent<Pod>) => void) => {
      listener = l;
      return { stop: () => (listener = undefined) };
    },
  } as unknown as Store;
  const s = new WatchStream(
    res as unknown as ServerResponse,
    {
      store,
      kind: 'Pod',
      resourceVersion: '100',
      representation: { type: 'json' },
      includeObject: 'Metadata',
      allowBookmarks: false,
      sendInitialEvents: false,
      timeoutMs: 60_000,
      bookmarkIntervalMs: 60_000,
      maxBufferedBytes,
      channelSize,
      now: () => 0,
    },
    () => undefined,
  );
  s.start();
  return { emit: (i) => listener?.({ type: 'MODIFIED', object: pod(i) }) };
}

describe('a watch stream over a slow socket', () => {
  it('goes on writing once the socket has taken half its fill, so a reader that keeps up is not cut off', async () => {
    const res = new SlowSocketResponse();
    const line = Buffer.byteLength(`${JSON.stringify({ type: 'MODIFIED', object: pod(0) })}\n`);
    // Room for ten lines; three more may queue.
    const { emit } = stream(res, line * 10, 3);
    let n = 0;
    // A burst fills the socket past its fill (the eleventh line) and queues three more.
    while (n < 14) emit(n++);
    expect(res.lines).toHaveLength(11);
    // The reader takes six lines' worth (under half the fill is left) …
    await res.flush(line * 6);
    // … so the queued three went out, and more events as they come keep going out while it reads on.
    expect(res.lines).toHaveLength(14);
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 3; i++) emit(n++);
      await res.flush(line * 3);
    }
    expect(res.ended).toBe(false);
    expect(res.lines).toHaveLength(n);
    expect(res.lines.map((l) => (JSON.parse(l) as { object: Pod }).object.metadata!.name)).toEqual(Array.from({ length: n }, (_, i) => pod(i).metadata!.name));
  });

  it('still cuts off a reader that lets more than the channel queue behind a full socket', async () => {
    const res = new SlowSocketResponse();
    const line = Buffer.byteLength(`${JSON.stringify({ type: 'MODIFIED', object: pod(0) })}\n`);
    const { emit } = stream(res, line * 10, 3);
    let n = 0;
    while (n < 14) emit(n++);
    expect(res.ended).toBe(false);
    // It takes a little, not enough to get under half: the queue stays, and the fourth queued event ends the stream.
    await res.flush(line * 2);
    emit(n++);
    expect(res.ended).toBe(true);
  });
});
