// Protobuf request bodies (application/vnd.kubernetes.protobuf), as kubectl's typed client
// sends them for `kubectl create configmap`.
import { describe, expect, it } from 'vitest';
import { decodeProtobuf } from '../../../src/sim/server/protobuf/decode.js';

/** A protobuf encoder just big enough to write what kubectl's typed client sends. */
function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}
const field = (num: number, bytes: number[]): number[] => [...varint((num << 3) | 2), ...varint(bytes.length), ...bytes];
const str = (num: number, s: string): number[] => field(num, [...Buffer.from(s, 'utf8')]);
const varintField = (num: number, v: number): number[] => [...varint(num << 3), ...varint(v)];
const entry = (num: number, key: string, value: number[]): number[] => field(num, [...str(1, key), ...field(2, value)]);

describe('protobuf request bodies', () => {
  it('decodes a ConfigMap in the k8s envelope as the JSON body would read', () => {
    const meta = [...str(1, 'x'), ...str(3, 'default'), ...varintField(7, 0), ...entry(11, 'app', [...Buffer.from('web')]), ...field(8, [])];
    const cm = [...field(1, meta), ...entry(2, 'a', [...Buffer.from('b')]), ...entry(3, 'bin', [0, 255]), ...varintField(4, 1)];
    const unknown = [...field(1, [...str(1, 'v1'), ...str(2, 'ConfigMap')]), ...field(2, cm)];
    const body = Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...unknown]);
    expect(decodeProtobuf('ConfigMap', body)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', namespace: 'default', labels: { app: 'web' } },
      data: { a: 'b' },
      binaryData: { bin: 'AP8=' },
      immutable: true,
    });
  });

  it('refuses a body without the envelope prefix', () => {
    expect(() => decodeProtobuf('ConfigMap', Uint8Array.from([1, 2, 3, 4]))).toThrow('the body does not start with the protobuf envelope prefix');
  });
});

