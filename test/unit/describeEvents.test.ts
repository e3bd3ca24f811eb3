import { describe, expect, it } from 'vitest';
import { describeEvents, eventAge, sortEvents } from '../../src/kube/describe/events.js';
import type { Event } from '../../src/kube/types.js';

const NOW = Date.parse('2025-06-01T12:30:00.500Z');
const ago = (s: number) => new Date(NOW - 500 - s * 1000).toISOString().replace('.000Z', 'Z');

function ev(partial: Partial<Event>): Event {
  return { metadata: {}, involvedObject: {}, ...partial } as Event;
}

describe('eventAge', () => {
  it('prints the first time for a single event', () => {
    expect(eventAge(ev({ firstTimestamp: ago(42), lastTimestamp: ago(42), count: 1 }), NOW)).toBe('42s');
  });
  it('prints "(xN over first)" when counted', () => {
    expect(eventAge(ev({ firstTimestamp: ago(191), lastTimestamp: ago(9), count: 5 }), NOW)).toBe('9s (x5 over 3m11s)');
  });
  it('prefers eventTime over firstTimestamp and uses series when present', () => {
    const e = ev({
      eventTime: ago(250),
      firstTimestamp: ago(999),
      series: { count: 4, lastObservedTime: ago(12) },
    });
    expect(eventAge(e, NOW)).toBe('12s (x4 over 4m10s)');
  });
  it('prints <unknown> without any time', () => {
    expect(eventAge(ev({}), NOW)).toBe('<unknown>');
    expect(eventAge(ev({ count: 3 }), NOW)).toBe('<unknown> (x3 over <unknown>)');
  });
});

describe('sortEvents', () => {
  it('orders by lastTimestamp, events without one first, ties keep their order', () => {
    const a = ev({ reason: 'a', lastTimestamp: ago(10) });
    const b = ev({ reason: 'b', eventTime: ago(100) });
    const c = ev({ reason: 'c', lastTimestamp: ago(50) });
    const d = ev({ reason: 'd', lastTimestamp: ago(10) });
    expect(sortEvents([a, b, c, d]).map((e) => e.reason)).toEqual(['b', 'c', 'a', 'd']);
  });
});

describe('describeEvents', () => {
  it('prints <none> for no events', () => {
    expect(describeEvents([], NOW)).toBe('Events:  <none>\n');
  });
  it('prints the table, falling back to reportingComponent and trimming messages', () => {
    const events = [
      ev({ type: 'Warning', reason: 'FailedScheduling', eventTime: ago(70), reportingComponent: 'default-scheduler', source: {}, message: '0/3 nodes are available.' }),
      ev({ type: 'Normal', reason: 'Started', firstTimestamp: ago(5), lastTimestamp: ago(5), count: 1, source: { component: 'kubelet' }, message: '  Started container app \n' }),
    ];
    expect(describeEvents(events, NOW)).toBe(
      'Events:\n' +
        '  Type     Reason            Age   From               Message\n' +
        '  ----     ------            ----  ----               -------\n' +
        '  Warning  FailedScheduling  70s   default-scheduler  0/3 nodes are available.\n' +
        '  Normal   Started           5s    kubelet            Started container app\n',
    );
  });
});
