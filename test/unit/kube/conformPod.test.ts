import { describe, expect, it } from 'vitest';
import { conformPod, INVALID } from '../../../src/kube/conformPod.js';

describe('conformPod', () => {
  it('returns a well-formed pod as it is (no copy)', () => {
    const pod = { metadata: { name: 'a', labels: { x: 'y' } }, spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80 }] }] }, status: { phase: 'Running' } };
    expect(conformPod(pod)).toBe(pod);
  });

  it.each([
    ['a number where a string belongs', { spec: { nodeName: 5 } }, { spec: { nodeName: INVALID } }],
    ['a number as the name', { metadata: { name: 42 } }, { metadata: { name: INVALID } }],
    ['metadata null', { metadata: null }, {}],
    ['containers not a list', { spec: { containers: { a: 1 } } }, { spec: {} }],
    ['a container that is a number, one without a name', { spec: { containers: [7, { image: 'x' }] } }, { spec: { containers: [{ name: INVALID, image: 'x' }] } }],
    ['a sparse list', { status: { podIPs: [, { ip: '1' }] } }, { status: { podIPs: [{ ip: '1' }] } }],
    ['restartCount a string', { status: { containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: true, restartCount: 'many' }] } }, { status: { containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: true, restartCount: 0 }] } }],
    ['an unparseable time', { metadata: { creationTimestamp: 'yesterday' } }, { metadata: {} }],
    ['a label that is not a string', { metadata: { labels: { a: 1, b: 'c' } } }, { metadata: { labels: { a: INVALID, b: 'c' } } }],
    ['not an object at all', 'pod', {}],
    // Fields the pod list's projection reads are typed by the same schema (podProjection.ts picks from it).
    ['stdin and tty that are not flags', { spec: { containers: [{ name: 'c', stdin: 'yes', tty: 1, stdinOnce: true }] } }, { spec: { containers: [{ name: 'c', stdinOnce: true }] } }],
    ['a scheduling gate without a name', { spec: { schedulingGates: [{}, { name: 'wait' }] } }, { spec: { schedulingGates: [{ name: INVALID }, { name: 'wait' }] } }],
  ])('%s', (_what, raw, want) => {
    expect(conformPod(raw)).toEqual(want);
  });

  it('never changes its input', () => {
    const raw = { spec: { nodeName: 5, containers: [7] } };
    const copy = structuredClone(raw);
    conformPod(raw);
    expect(raw).toEqual(copy);
  });
});
