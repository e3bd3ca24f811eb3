// The metrics poll's timer (AppState, metricsPollMs): a period that ends while a poll is on its
// way is skipped rather than run right after it (the first poll waits for the pods' first sync,
// which at 100k pods outlasts a period), while a namespace switch still asks again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MetricsOutcome } from '../../../src/source/types.js';
import { SimSource } from '../../../src/source/sim.js';
import { AppState } from '../../../src/state/appState.js';
import { harness, runningPod } from './simHarness.js';

afterEach(() => {
  vi.useRealTimers();
});

function slowMetrics() {
  const asked: (string | undefined)[] = [];
  const answers: ((a: MetricsOutcome) => void)[] = [];
  const h = harness(['default', 'kube-system']);
  h.api.create('Pod', runningPod('web-1'));
  const source = new SimSource(h);
  source.podMetrics = (namespace: string | undefined) => {
    asked.push(namespace);
    return new Promise<MetricsOutcome>((resolve) => answers.push(resolve));
  };
  const answer = async (): Promise<void> => {
    answers.shift()!({ available: true });
    await vi.advanceTimersByTimeAsync(0);
  };
  return { source, asked, answer };
}

describe('metrics polls', () => {
  it('skip the periods that end while a poll is on its way', async () => {
    vi.useFakeTimers();
    const { source, asked, answer } = slowMetrics();
    const app = new AppState({ source, namespace: 'default', frameMs: 0, metricsPollMs: 15_000 });
    app.start();
    expect(asked).toEqual(['default']);
    await vi.advanceTimersByTimeAsync(40_000); // two periods end while the first poll waits
    expect(asked).toHaveLength(1);
    await answer();
    expect(asked).toHaveLength(1); // nothing queued behind it
    await vi.advanceTimersByTimeAsync(5_000); // the next period, 45 s after the start
    expect(asked).toHaveLength(2);
    app.stop();
  });

  it('ask again after a poll on its way when the namespace changed', async () => {
    vi.useFakeTimers();
    const { source, asked, answer } = slowMetrics();
    const app = new AppState({ source, namespace: 'default', frameMs: 0, metricsPollMs: 15_000 });
    app.start();
    app.switchNamespace('kube-system');
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toEqual(['default']);
    await answer();
    expect(asked).toEqual(['default', 'kube-system']);
    app.stop();
  });
});
