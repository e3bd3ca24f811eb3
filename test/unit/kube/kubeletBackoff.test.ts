// The kubelet's back-off cadence, one fact for two users: the simulator's kubelet steps through
// it per container (src/sim/kubelet/backoff.ts) and the diagnosis predicts the next try from the
// failure count (backoffAfter). Both must give the same delays.
import { describe, expect, it } from 'vitest';
import { backoffAfter, CRASH_LOOP_BACKOFF, IMAGE_PULL_BACKOFF, nextBackoff } from '../../../src/kube/kubeletBackoff.js';
import { crashLoopBackoff, imagePullBackoff } from '../../../src/sim/kubelet/backoff.js';

describe('the kubelet back-off cadence', () => {
  it.each([
    [undefined, 10_000],
    [10_000, 20_000],
    [160_000, 300_000],
    [300_000, 300_000],
  ])('after a delay of %s ms the next is %i ms', (previous, next) => {
    expect(nextBackoff(CRASH_LOOP_BACKOFF, previous)).toBe(next);
  });

  it('crash loops and image pulls: 10 s doubling to 300 s, starting over after 600 s without an update', () => {
    for (const c of [CRASH_LOOP_BACKOFF, IMAGE_PULL_BACKOFF]) expect(c).toEqual({ initialMs: 10_000, maxMs: 300_000, expireMs: 600_000 });
  });

  it.each([
    ['crash loop', crashLoopBackoff, CRASH_LOOP_BACKOFF],
    ['image pull', imagePullBackoff, IMAGE_PULL_BACKOFF],
  ] as const)("the simulator's %s back-off runs the delays the diagnosis predicts", (_, make, cadence) => {
    const b = make();
    let t = 0;
    for (let n = 1; n <= 9; n++) {
      const e = b.next('ns/pod/app', t);
      expect(e.backoffMs).toBe(backoffAfter(n, cadence));
      t += e.backoffMs + 1_000;
    }
    // Idle for longer than the expiry: the next failure starts over, as the diagnosis assumes.
    t += cadence.expireMs + 1;
    expect(b.next('ns/pod/app', t).backoffMs).toBe(backoffAfter(1, cadence));
  });
});
