// The protobuf wire format, read only: varints, length-delimited fields, and skipping what a
// schema does not name (https://protobuf.dev/programming-guides/encoding/).
export class ProtobufError extends Error {
  override name = 'ProtobufError';
}

export interface Field {
  number: number;
  /** 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
  wireType: number;
  /** The varint's value (wire type 0). */
  varint?: bigint;
  /** The bytes of a length-delimited field (wire type 2). */
  bytes?: Uint8Array;
}

export class Reader {
  private pos = 0;

  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  private varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw new ProtobufError('unexpected end of data in a varint');
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new ProtobufError('varint longer than 64 bits');
    }
  }

  private take(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.buf.length) throw new ProtobufError('unexpected end of data in a field');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** The next field; fixed-width fields are skipped over but still returned (without a value). */
  next(): Field {
    const key = Number(this.varint());
    const field: Field = { number: key >>> 3, wireType: key & 7 };
    switch (field.wireType) {
      case 0:
        field.varint = this.varint();
        break;
      case 1:
        this.take(8);
        break;
      case 2:
        field.bytes = this.take(Number(this.varint()));
        break;
      case 5:
        this.take(4);
        break;
      default:
        throw new ProtobufError(`unsupported wire type ${field.wireType}`);
    }
    return field;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function text(field: Field): string {
  return field.bytes ? utf8.decode(field.bytes) : '';
}

/** A varint as a signed 64-bit integer (int64 fields), as a JS number. */
export function int64(field: Field): number {
  return Number(BigInt.asIntN(64, field.varint ?? 0n));
}

/** One entry of a map<string, V> field: key 1, value 2. */
export function mapEntry(field: Field): { key: string; value: Field | undefined } {
  const r = new Reader(field.bytes ?? new Uint8Array());
  let key = '';
  let value: Field | undefined;
  while (!r.done) {
    const f = r.next();
    if (f.number === 1) key = text(f);
    else if (f.number === 2) value = f;
  }
  return { key, value };
}
