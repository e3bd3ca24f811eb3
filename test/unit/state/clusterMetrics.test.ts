// A pods poll writes each pod's usage in place as its answer is read (ClusterMetrics.startPodPoll):
// a pod already known keeps its value object, a whole answer drops the pods it did not name, a
// failed one keeps what it did not rewrite, and a poll whose values were replaced (another
// namespace) writes nothing.
import { describe, expect, it } from 'vitest';
import type { PodMetricsUsage } from '../../../src/kube/metricsTypes.js';
import { ClusterMetrics } from '../../../src/state/clusterMetrics.js';
import { applyPodAnswer } from '../../helpers/podMetricsAnswer.js';

const item = (namespace: string, name: string, cpu: string, memory: string): PodMetricsUsage => ({ metadata: { namespace, name }, containers: [{ usage: { cpu, memory } }] });
const FAILED = { available: false, absent: false, message: 'the server was unreachable' } as const;

describe('a pods poll', () => {
  it('rewrites a known pod in place and adds the new ones', () => {
    const m = new ClusterMetrics();
    applyPodAnswer(m, { available: true, items: [item('a', 'web', '5m', '1Mi'), item('a', 'db', '1', '2Mi')] });
    const web = m.podUsage('a', 'web');
    const poll = m.startPodPoll();
    poll.put(item('a', 'web', '7m', '3Mi'));
    poll.put(item('b', 'job', '250u', '512Ki'));
    // Values are there as they are read, before the answer ends.
    expect(m.podUsage('a', 'web')).toEqual({ cpuMillis: 7, memBytes: 3 * 1024 * 1024 });
    expect(m.podUsage('a', 'web')).toBe(web);
    expect(m.podUsage('b', 'job')).toEqual({ cpuMillis: 1, memBytes: 512 * 1024 });
    const version = m.version;
    m.finishPodPoll(poll, { available: true });
    expect(m.version).toBeGreaterThan(version);
    // The whole answer did not name a/db: gone.
    expect(m.podUsage('a', 'db')).toBeUndefined();
    expect(m.podUsage('a', 'web')).toEqual({ cpuMillis: 7, memBytes: 3 * 1024 * 1024 });
  });

  it('keeps what a failed answer did not rewrite, and says why', () => {
    const m = new ClusterMetrics();
    applyPodAnswer(m, { available: true, items: [item('a', 'web', '5m', '1Mi'), item('a', 'db', '1', '2Mi')] });
    const poll = m.startPodPoll();
    poll.put(item('a', 'web', '9m', '1Mi'));
    m.finishPodPoll(poll, FAILED);
    expect(m.podUsage('a', 'web')).toEqual({ cpuMillis: 9, memBytes: 1024 * 1024 });
    expect(m.podUsage('a', 'db')).toEqual({ cpuMillis: 1000, memBytes: 2 * 1024 * 1024 });
    expect(m.problem).toBe('the server was unreachable');
    expect(m.availability).toBe('available');
  });

  it('writes nothing once the values it was writing were cleared for another namespace', () => {
    const m = new ClusterMetrics();
    const poll = m.startPodPoll();
    poll.put(item('a', 'web', '5m', '1Mi'));
    m.clearPods();
    const next = m.startPodPoll();
    next.put(item('b', 'job', '1m', '1Mi'));
    poll.put(item('a', 'db', '1', '2Mi'));
    m.finishPodPoll(poll, { available: true });
    // The abandoned poll's end drops nothing of the namespace now in view.
    expect(m.podUsage('b', 'job')).toEqual({ cpuMillis: 1, memBytes: 1024 * 1024 });
    expect(m.podUsage('a', 'web')).toBeUndefined();
    expect(m.podUsage('a', 'db')).toBeUndefined();
  });

  it('clears every value when the cluster turns out to have no metrics API', () => {
    const m = new ClusterMetrics();
    applyPodAnswer(m, { available: true, items: [item('a', 'web', '5m', '1Mi')] });
    m.finishPodPoll(m.startPodPoll(), { available: false, absent: true, message: 'the cluster serves no metrics API' });
    expect(m.availability).toBe('absent');
    expect(m.podUsage('a', 'web')).toBeUndefined();
  });
});
