import { describe, expect, it } from 'vitest';
import { eventFieldValue, genericFieldValue, podFieldValue } from '../../src/kube/fields/selectable.js';
import { escapeFieldValue, parseFieldSelector, validateFieldSelector } from '../../src/kube/fields/selector.js';
import { SelectorError } from '../../src/kube/selectorError.js';
import type { Event, Pod } from '../../src/kube/types.js';

describe('parseFieldSelector', () => {
  it.each([
    ['', []],
    [',', []],
    ['=', []],
    ['metadata.name=foo', [{ field: 'metadata.name', op: '=', value: 'foo' }]],
    ['metadata.name==foo', [{ field: 'metadata.name', op: '=', value: 'foo' }]],
    ['status.phase!=Running', [{ field: 'status.phase', op: '!=', value: 'Running' }]],
    ['spec.nodeName=', [{ field: 'spec.nodeName', op: '=', value: '' }]],
    [
      'b=1,a=2,',
      [
        { field: 'a', op: '=', value: '2' },
        { field: 'b', op: '=', value: '1' },
      ],
    ],
    ['metadata.name=a\\,b', [{ field: 'metadata.name', op: '=', value: 'a,b' }]],
    ['x=a\\=b\\\\c', [{ field: 'x', op: '=', value: 'a=b\\c' }]],
    ['x = y', [{ field: 'x ', op: '=', value: ' y' }]],
  ])('%j → %j', (text, requirements) => {
    const sel = parseFieldSelector(text);
    expect(sel.requirements).toEqual(requirements);
    expect(sel.empty).toBe(requirements.length === 0);
  });

  it('prints values escaped again', () => {
    expect(parseFieldSelector('x=a\\,b,a!=c\\=d').toString()).toBe('a!=c\\=d,x=a\\,b');
    expect(escapeFieldValue('a\\b,c=d')).toBe('a\\\\b\\,c\\=d');
  });

  it.each([
    ['foo', "invalid selector: 'foo'; can't understand 'foo'"],
    ['a=b,foo', "invalid selector: 'a=b,foo'; can't understand 'foo'"],
    ['x in (a)', "invalid selector: 'x in (a)'; can't understand 'x in (a)'"],
    ['x=a=b', 'invalid field selector: unescaped character in value: 61'],
    ['x=a\\b', 'invalid field selector: invalid escape sequence: \\b'],
    ['x=a\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('%j → %s', (text, message) => {
    expect(() => parseFieldSelector(text)).toThrow(new SelectorError(message));
  });

  it('matches with = and !=, reading a missing field as ""', () => {
    const fields: Record<string, string> = { 'metadata.name': 'web-1', 'status.phase': 'Running' };
    const get = (f: string): string | undefined => fields[f];
    expect(parseFieldSelector('metadata.name=web-1').matches(get)).toBe(true);
    expect(parseFieldSelector('metadata.name=web-2').matches(get)).toBe(false);
    expect(parseFieldSelector('status.phase!=Running').matches(get)).toBe(false);
    expect(parseFieldSelector('status.phase!=Pending,metadata.name=web-1').matches(get)).toBe(true);
    expect(parseFieldSelector('spec.nodeName=').matches(get)).toBe(true);
    expect(parseFieldSelector('spec.nodeName!=').matches(get)).toBe(false);
  });
});

describe('selectable fields', () => {
  const pod: Pod = {
    metadata: { name: 'web-1', namespace: 'shop' },
    spec: {
      containers: [],
      nodeName: 'node-a',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'default',
    },
    status: { phase: 'Running', podIP: '10.0.0.9', podIPs: [{ ip: '10.0.0.1' }], nominatedNodeName: 'node-b' },
  };

  it.each([
    ['metadata.name', 'web-1'],
    ['metadata.namespace', 'shop'],
    ['spec.nodeName', 'node-a'],
    ['spec.host', 'node-a'],
    ['spec.restartPolicy', 'Always'],
    ['spec.schedulerName', 'default-scheduler'],
    ['spec.serviceAccountName', 'default'],
    ['spec.hostNetwork', 'false'],
    ['status.phase', 'Running'],
    ['status.podIP', '10.0.0.1'],
    ['status.podIPs', ''],
    ['status.nominatedNodeName', 'node-b'],
    ['metadata.labels', undefined],
    ['spec.containers', undefined],
  ])('pod %s → %j', (field, value) => {
    expect(podFieldValue(pod, field)).toBe(value);
  });

  it('pod fields of an empty pod read as ""', () => {
    expect(podFieldValue({}, 'spec.nodeName')).toBe('');
    expect(podFieldValue({}, 'status.podIP')).toBe('');
    expect(podFieldValue({ spec: { containers: [], hostNetwork: true } }, 'spec.hostNetwork')).toBe('true');
  });

  const ev: Event = {
    metadata: { name: 'web-1.17f', namespace: 'shop' },
    involvedObject: {
      kind: 'Pod',
      namespace: 'shop',
      name: 'web-1',
      uid: 'u-1',
      apiVersion: 'v1',
      resourceVersion: '42',
      fieldPath: 'spec.containers{app}',
    },
    reason: 'Started',
    type: 'Normal',
    source: { component: 'kubelet', host: 'node-a' },
    reportingComponent: 'kubelet-rc',
  };

  it.each([
    ['metadata.name', 'web-1.17f'],
    ['metadata.namespace', 'shop'],
    ['involvedObject.kind', 'Pod'],
    ['involvedObject.namespace', 'shop'],
    ['involvedObject.name', 'web-1'],
    ['involvedObject.uid', 'u-1'],
    ['involvedObject.apiVersion', 'v1'],
    ['involvedObject.resourceVersion', '42'],
    ['involvedObject.fieldPath', 'spec.containers{app}'],
    ['reason', 'Started'],
    ['reportingComponent', 'kubelet-rc'],
    ['source', 'kubelet'],
    ['type', 'Normal'],
    ['message', undefined],
  ])('event %s → %j', (field, value) => {
    expect(eventFieldValue(ev, field)).toBe(value);
  });

  it('event source falls back to reportingComponent', () => {
    const scheduler: Event = { metadata: {}, involvedObject: {}, reportingComponent: 'default-scheduler' };
    expect(eventFieldValue(scheduler, 'source')).toBe('default-scheduler');
  });

  it('generic kinds select on name and namespace only', () => {
    const obj = { kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };
    expect(genericFieldValue(obj, 'metadata.name')).toBe('web');
    expect(genericFieldValue(obj, 'metadata.namespace')).toBe('shop');
    expect(genericFieldValue(obj, 'spec.replicas')).toBeUndefined();
  });
});

describe('validateFieldSelector', () => {
  const podGet = (f: string): string | undefined => podFieldValue({}, f);
  it('accepts selectable fields', () => {
    expect(() => validateFieldSelector('Pod', parseFieldSelector('spec.nodeName=a,status.phase!=Failed'), podGet)).not.toThrow();
  });
  it.each([
    ['Pod', 'metadata.labels=x', 'field label not supported: metadata.labels'],
    ['Event', 'message=x', 'field label not supported: message'],
    ['Deployment', 'spec.replicas=1', '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ])('%s %s → %s', (kind, text, message) => {
    const get =
      kind === 'Pod'
        ? podGet
        : kind === 'Event'
          ? (f: string) => eventFieldValue({ metadata: {}, involvedObject: {} }, f)
          : (f: string) => genericFieldValue({}, f);
    expect(() => validateFieldSelector(kind, parseFieldSelector(text), get)).toThrow(new SelectorError(message));
  });
});
