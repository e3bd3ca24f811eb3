import { describe, expect, it } from 'vitest';
import { describePod } from '../../src/kube/describe/describePod.js';
import { describeProbe } from '../../src/kube/describe/probe.js';
import { formatRFC1123Z, formatTimestamp, utcZone } from '../../src/kube/describe/timeFormat.js';
import type { Pod } from '../../src/kube/types.js';

const NOW = Date.parse('2025-06-01T12:30:00.500Z');

function minimalPod(extra: Partial<Pod> = {}): Pod {
  return {
    metadata: { name: 'p', namespace: 'ns' },
    spec: { containers: [{ name: 'c', image: 'alpine' }] },
    status: { phase: 'Running' },
    ...extra,
  };
}

describe('time formatting (Go RFC1123Z)', () => {
  it('formats in a given zone with its offset', () => {
    const cest = () => 120;
    expect(formatRFC1123Z(Date.parse('2025-06-01T22:04:05Z'), cest)).toBe('Mon, 02 Jun 2025 00:04:05 +0200');
    expect(formatRFC1123Z(Date.parse('2025-01-09T03:00:00Z'), () => -330)).toBe('Wed, 08 Jan 2025 21:30:00 -0530');
  });
  it("prints Go's zero time for an unset timestamp", () => {
    expect(formatTimestamp(undefined, utcZone)).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
  });
});

describe('describePod details', () => {
  it('shows a deletion deadline in the future as <invalid>', () => {
    const pod = minimalPod({
      metadata: { name: 'p', namespace: 'ns', deletionTimestamp: '2025-06-01T12:30:30Z', deletionGracePeriodSeconds: 30 },
    });
    const out = describePod(pod, [], NOW, { zone: utcZone });
    expect(out).toContain('Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\n');
  });
  it('does not show Terminating for a finished pod', () => {
    const pod = minimalPod({
      metadata: { name: 'p', namespace: 'ns', deletionTimestamp: '2025-06-01T12:29:00Z', deletionGracePeriodSeconds: 0 },
      status: { phase: 'Succeeded' },
    });
    expect(describePod(pod, [], NOW, { zone: utcZone })).toContain('Status:       Succeeded\n');
  });
  it('prints the whole output of a pod without status details', () => {
    expect(describePod(minimalPod(), [], NOW, { zone: utcZone })).toBe(
      [
        'Name:         p',
        'Namespace:    ns',
        'Node:         <none>',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Status:       Running',
        'IP:           ',
        'IPs:          <none>',
        'Containers:',
        '  c:',
        '    Image:        alpine',
        '    Port:         <none>',
        '    Host Port:    <none>',
        '    Environment:  <none>',
        '    Mounts:       <none>',
        'Volumes:          <none>',
        'QoS Class:        BestEffort',
        'Node-Selectors:   <none>',
        'Tolerations:      <none>',
        'Events:           <none>',
        '',
      ].join('\n'),
    );
  });
  it('leaves Events out when asked', () => {
    expect(describePod(minimalPod(), [], NOW, { zone: utcZone, showEvents: false })).not.toContain('Events');
  });
  it('uses the local zone by default', () => {
    const prev = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata';
    try {
      const pod = minimalPod({ status: { phase: 'Running', startTime: '2025-06-01T12:00:00Z' } });
      expect(describePod(pod, [], NOW)).toContain('Start Time:   Sun, 01 Jun 2025 17:30:00 +0530\n');
    } finally {
      if (prev === undefined) delete process.env.TZ;
      else process.env.TZ = prev;
    }
  });
});

describe('describeProbe', () => {
  const tail = { initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
  it.each([
    [{ httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' } }, 'http-get http://:8080/healthz'],
    [{ httpGet: { path: 'noslash', port: 'web', host: 'example.com', scheme: 'HTTPS' } }, 'http-get https://example.com:web/noslash'],
    [{ httpGet: { path: '/a b?c', port: 80, host: '::1' } }, 'http-get //[::1]:80/a%20b%3Fc'],
    [{ tcpSocket: { port: 5432 } }, 'tcp-socket :5432'],
    [{ exec: { command: ['sh', '-c', 'true'] } }, 'exec [sh -c true]'],
    [{ grpc: { port: 9090 } }, 'grpc <pod>:9090 '],
    [{}, 'unknown'],
  ])('%j', (action, prefix) => {
    expect(describeProbe({ ...tail, ...action } as never)).toBe(`${prefix} delay=0s timeout=1s period=10s #success=1 #failure=3`);
  });
});
