// SPDY/3 name/value header blocks: a 32-bit count, then each name and value as a 32-bit length
// and bytes (several values of one name joined by NUL), the whole block compressed with one
// zlib context per direction for the life of the connection, flushed after every block.
import { constants, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';
import { SPDY3_DICTIONARY } from './dictionary.js';

export type HeaderBlock = Map<string, string>;

export function encodeHeaderBlock(headers: HeaderBlock): Buffer {
  const parts: Buffer[] = [];
  const count = Buffer.alloc(4);
  count.writeUInt32BE(headers.size);
  parts.push(count);
  for (const [name, value] of headers) {
    for (const text of [name.toLowerCase(), value]) {
      const bytes = Buffer.from(text, 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32BE(bytes.length);
      parts.push(len, bytes);
    }
  }
  return Buffer.concat(parts);
}

export function decodeHeaderBlock(block: Buffer): HeaderBlock {
  const headers: HeaderBlock = new Map();
  let at = 0;
  const read = (): string => {
    if (at + 4 > block.length) throw new Error('truncated header block');
    const len = block.readUInt32BE(at);
    at += 4;
    if (at + len > block.length) throw new Error('truncated header block');
    const text = block.toString('utf8', at, at + len);
    at += len;
    return text;
  };
  if (block.length < 4) throw new Error('truncated header block');
  const count = block.readUInt32BE(0);
  at = 4;
  for (let i = 0; i < count; i++) {
    const name = read();
    headers.set(name.toLowerCase(), read());
  }
  return headers;
}

/** Writes `input` into a zlib stream that lives on, flushes it (Z_SYNC_FLUSH) and takes what came out. */
function flushThrough(z: Deflate | Inflate, input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    z.once('error', onError);
    z.write(input);
    z.flush(constants.Z_SYNC_FLUSH, () => {
      z.off('error', onError);
      const chunks: Buffer[] = [];
      let chunk: Buffer | null;
      while ((chunk = z.read() as Buffer | null) !== null) chunks.push(chunk);
      resolve(Buffer.concat(chunks));
    });
  });
}

/** One direction's compression context. */
export class HeaderCompressor {
  private readonly deflate: Deflate = createDeflate({ dictionary: SPDY3_DICTIONARY });

  compress(headers: HeaderBlock): Promise<Buffer> {
    return flushThrough(this.deflate, encodeHeaderBlock(headers));
  }

  close(): void {
    this.deflate.close();
  }
}

export class HeaderDecompressor {
  private readonly inflate: Inflate = createInflate({ dictionary: SPDY3_DICTIONARY });

  async decompress(compressed: Buffer): Promise<HeaderBlock> {
    if (compressed.length === 0) return new Map();
    return decodeHeaderBlock(await flushThrough(this.inflate, compressed));
  }

  close(): void {
    this.inflate.close();
  }
}
