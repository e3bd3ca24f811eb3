import { describe, expect, it } from 'vitest';
import { eventCount, eventObject, eventRow, eventSource } from '../../src/kube/eventColumns.js';
import type { Event } from '../../src/kube/types.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString().replace('.000Z', 'Z');
const micro = (ms: number): string => new Date(NOW - ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

const kubeletEvent: Event = {
  metadata: { name: 'web-1.17f0c3a2b1d4e5f6', namespace: 'shop' },
  involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-1', fieldPath: 'spec.containers{app}' },
  reason: 'BackOff',
  message: '  Back-off restarting failed container app in pod web-1_shop(u-1)\n',
  type: 'Warning',
  source: { component: 'kubelet', host: 'node-a' },
  firstTimestamp: ago(3 * 60_000 + 11_000),
  lastTimestamp: ago(9_000),
  count: 5,
};

describe('eventRow (printEvent, wide)', () => {
  it('a core/v1 kubelet event', () => {
    expect(eventRow(kubeletEvent, NOW)).toEqual({
      lastSeen: '9s',
      type: 'Warning',
      reason: 'BackOff',
      object: 'pod/web-1',
      subobject: 'spec.containers{app}',
      source: 'kubelet, node-a',
      message: 'Back-off restarting failed container app in pod web-1_shop(u-1)',
      firstSeen: '3m11s',
      count: '5',
      name: 'web-1.17f0c3a2b1d4e5f6',
      namespace: 'shop',
    });
  });

  it('an events.k8s.io-style event: eventTime, no timestamps, no count, reporting fields', () => {
    const ev: Event = {
      metadata: { name: 'web-1.abc', namespace: 'shop' },
      involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-1' },
      reason: 'Scheduled',
      message: 'Successfully assigned shop/web-1 to node-a',
      type: 'Normal',
      eventTime: micro(125_000),
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-cp-1',
    };
    expect(eventRow(ev, NOW)).toMatchObject({
      lastSeen: '2m5s',
      firstSeen: '2m5s',
      count: '1',
      source: 'default-scheduler, default-scheduler-cp-1',
      subobject: '',
    });
  });

  it('a series overrides last seen and count', () => {
    const ev: Event = { ...kubeletEvent, series: { count: 7, lastObservedTime: micro(30_000) } };
    expect(eventRow(ev, NOW)).toMatchObject({ lastSeen: '30s', firstSeen: '3m11s', count: '7' });
  });

  it('a last timestamp without a first timestamp or event time', () => {
    const ev: Event = { metadata: {}, involvedObject: {}, lastTimestamp: ago(61_000) };
    expect(eventRow(ev, NOW)).toMatchObject({ lastSeen: '61s', firstSeen: '<unknown>' });
  });

  it('no times at all', () => {
    const ev: Event = { metadata: {}, involvedObject: {} };
    expect(eventRow(ev, NOW)).toEqual({
      lastSeen: '<unknown>',
      type: '',
      reason: '',
      object: '',
      subobject: '',
      source: '',
      message: '',
      firstSeen: '<unknown>',
      count: '1',
      name: '',
      namespace: '',
    });
  });
});

describe('event column helpers', () => {
  it.each([
    [{ kind: 'Pod', name: 'web-1' }, 'pod/web-1'],
    [{ kind: 'Node' }, 'node'],
    [{ kind: 'ReplicaSet', name: 'web-7d9' }, 'replicaset/web-7d9'],
    [{}, ''],
  ])('OBJECT of %j → %j', (involvedObject, expected) => {
    expect(eventObject({ metadata: {}, involvedObject })).toBe(expected);
  });

  it.each([
    [{ source: { component: 'kubelet', host: 'node-a' } }, 'kubelet, node-a'],
    [{ source: { component: 'kubelet' } }, 'kubelet'],
    [{ source: { host: 'node-a' } }, ', node-a'],
    [{ reportingComponent: 'default-scheduler' }, 'default-scheduler'],
    [{ source: {}, reportingComponent: 'rc', reportingInstance: 'ri' }, 'rc, ri'],
    [{ source: { component: 'kubelet' }, reportingComponent: 'rc', reportingInstance: 'ri' }, 'kubelet, ri'],
    [{}, ''],
  ] as [Partial<Event>, string][])('SOURCE of %j → %j', (fields, expected) => {
    expect(eventSource({ metadata: {}, involvedObject: {}, ...fields })).toBe(expected);
  });

  it.each([
    [{}, 1],
    [{ count: 0 }, 1],
    [{ count: 4 }, 4],
    [{ count: 4, series: { count: 9 } }, 9],
  ] as [Partial<Event>, number][])('COUNT of %j → %d', (fields, expected) => {
    expect(eventCount({ metadata: {}, involvedObject: {}, ...fields })).toBe(expected);
  });
});
