// The tar stream `kubectl cp` drives through exec (k/kubectl pkg/cmd/cp: `tar cf - PATH` from a
// pod, `tar -xmf - [-C DIR]` into one): ustar headers, 512-byte blocks, two zero blocks at the
// end. Reading also takes PAX (`x`) and GNU long-name (`L`) headers for long paths.

const BLOCK = 512;

export interface TarEntry {
  readonly name: string;
  readonly kind: 'file' | 'dir';
  readonly mode: number;
  readonly mtimeMs: number;
  readonly data: Buffer;
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header(e: TarEntry): Buffer {
  const h = Buffer.alloc(BLOCK);
  let name = e.name + (e.kind === 'dir' && !e.name.endsWith('/') ? '/' : '');
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', name.length - 2);
    if (cut <= 0 || cut > 155 || Buffer.byteLength(name.slice(cut + 1)) > 100) throw new Error(`${e.name}: file name is too long`);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
  }
  h.write(name, 0, 100);
  h.write(octal(e.mode & 0o7777, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(e.kind === 'file' ? e.data.length : 0, 12), 124);
  h.write(octal(Math.floor(e.mtimeMs / 1000), 12), 136);
  h.write('        ', 148);
  h.write(e.kind === 'file' ? '0' : '5', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.write('root', 265);
  h.write('root', 297);
  h.write(prefix, 345, 155);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

export function writeTar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(header(e));
    if (e.kind === 'file' && e.data.length > 0) {
      parts.push(e.data);
      const pad = (BLOCK - (e.data.length % BLOCK)) % BLOCK;
      if (pad) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

const field = (b: Buffer, off: number, len: number): string => {
  const s = b.subarray(off, off + len);
  const z = s.indexOf(0);
  return s.subarray(0, z < 0 ? len : z).toString('utf8');
};
const num = (b: Buffer, off: number, len: number): number => parseInt(field(b, off, len).trim() || '0', 8);

export class TarError extends Error {}

export function readTar(data: Buffer): TarEntry[] {
  const out: TarEntry[] = [];
  let off = 0;
  let longName: string | undefined;
  while (off + BLOCK <= data.length) {
    const h = data.subarray(off, off + BLOCK);
    if (h.every((b) => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    if (sum !== num(h, 148, 8)) throw new TarError('This does not look like a tar archive');
    const size = num(h, 124, 12);
    const type = String.fromCharCode(h[156]!);
    const body = data.subarray(off + BLOCK, off + BLOCK + size);
    off += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x' || type === 'L') {
      if (type === 'L') longName = body.toString('utf8').replace(/\0+$/, '');
      else {
        const m = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
        if (m) longName = m[1];
      }
      continue;
    }
    if (type === 'g') continue;
    const prefix = field(h, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100));
    longName = undefined;
    if (type === '5') out.push({ name, kind: 'dir', mode: num(h, 100, 8), mtimeMs: num(h, 136, 12) * 1000, data: Buffer.alloc(0) });
    else if (type === '0' || type === '\0' || type === '7') out.push({ name, kind: 'file', mode: num(h, 100, 8), mtimeMs: num(h, 136, 12) * 1000, data: Buffer.from(body) });
    // Links and devices are not modelled: skipped.
  }
  return out;
}
