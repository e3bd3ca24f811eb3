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

  it('decodes a Deployment through the field tables: kept zeros, int-or-strings, quantities, unknown fields skipped', () => {
    const meta = [...str(1, 'web'), ...varintField(7, 0)];
    const container = [...str(1, 'nginx'), ...str(2, 'nginx:1.27'), ...field(8, entry(2, 'cpu', str(1, '250m'))), ...str(99, 'from a newer release')];
    const podSpec = [...field(2, container), ...str(3, ''), ...varintField(4, 0)];
    const template = [...field(1, []), ...field(2, podSpec)];
    const intOrString = (s: string | number): number[] => (typeof s === 'string' ? [...varintField(1, 1), ...str(3, s)] : [...varintField(1, 0), ...varintField(2, s)]);
    const strategy = [...str(1, 'RollingUpdate'), ...field(2, [...field(1, intOrString(1)), ...field(2, intOrString('25%'))])];
    const spec = [...varintField(1, 0), ...field(2, entry(1, 'app', [...Buffer.from('web')])), ...field(3, template), ...field(4, strategy), ...varintField(5, 0)];
    const unknown = [...field(1, [...str(1, 'apps/v1'), ...str(2, 'Deployment')]), ...field(2, [...field(1, meta), ...field(2, spec)])];
    expect(decodeProtobuf('Deployment', Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...unknown]))).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        // *int32: a zero sent is a zero meant (scale to none); minReadySeconds (int32, omitempty) is left out.
        replicas: 0,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: {},
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '250m' } } }], terminationGracePeriodSeconds: 0 },
        },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } },
      },
    });
  });

  it('inlines EphemeralContainerCommon and reads packed repeated integers', () => {
    const eph = [...field(1, [...str(1, 'debugger'), ...str(2, 'busybox')]), ...str(2, 'nginx')];
    const podSecurity = field(4, [1000, 2000].flatMap((n) => varint(n)));
    const pod = [...field(1, [...str(1, 'p')]), ...field(2, [...field(34, eph), ...field(14, podSecurity)])];
    const body = Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...field(1, [...str(1, 'v1'), ...str(2, 'Pod')]), ...field(2, pod)]);
    expect(decodeProtobuf('Pod', body)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { ephemeralContainers: [{ name: 'debugger', image: 'busybox', targetContainerName: 'nginx' }], securityContext: { supplementalGroups: [1000, 2000] } },
    });
  });

  it('refuses a body without the envelope prefix', () => {
    expect(() => decodeProtobuf('ConfigMap', Uint8Array.from([1, 2, 3, 4]))).toThrow('the body does not start with the protobuf envelope prefix');
  });
});

