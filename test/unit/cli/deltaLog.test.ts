import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHURN_SEQ_ANNOTATION, openDeltaLog, type DeltaLogLine } from '../../../src/cli/deltaLog.js';
import type { Pod } from '../../../src/kube/types.js';
import type { ClusterSource, DeltaBatch, Scope, Subscription, WatchCounters, WatchEnd } from '../../../src/source/types.js';

function pod(name: string, seq?: number): Pod {
  return { metadata: { name, namespace: 'default', uid: name, annotations: seq === undefined ? {} : { [CHURN_SEQ_ANNOTATION]: String(seq) } } };
}

/** The two members the hook touches, and one it must pass through untouched. */
class FakeSource {
  deliver: ((batch: DeltaBatch<Pod>) => void) | undefined;
  counters: Record<string, WatchCounters> = { Pod: { syncs: 1, relists: 0, watches: 1, drops: 0 } };
  readonly label = 'fake';
  watchPods(_scope: Scope, onBatch: (batch: DeltaBatch<Pod>) => void): Subscription {
    this.deliver = onBatch;
    return { stop: () => (this.deliver = undefined) };
  }
  watchCounters(): Record<string, WatchCounters> {
    return this.counters;
  }
  describe(): string {
    return this.label;
  }
}

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'podscope-deltalog-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lines = (path: string): DeltaLogLine[] => readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as DeltaLogLine);

describe('PODSCOPE_DELTA_LOG', () => {
  it('is off without the variable', () => {
    expect(openDeltaLog({})).toBeUndefined();
  });

  it('names a stamped write on the first frame drawn after the state applied it (a relist\'s too), with the counters when they change', () => {
    const path = join(dir, 'log');
    const log = openDeltaLog({ PODSCOPE_DELTA_LOG: path })!;
    const inner = new FakeSource();
    const source = log.wrap(inner as unknown as ClusterSource);
    const got: DeltaBatch<Pod>[] = [];
    source.watchPods({ namespace: undefined }, (b) => got.push(b));
    // Everything else passes through, bound to the real source.
    expect((source as unknown as FakeSource).describe()).toBe('fake');

    inner.deliver!([{ type: 'RESET', objects: [pod('a', 1)] }]);
    inner.deliver!([{ type: 'MODIFIED', object: pod('a', 7) }, { type: 'ADDED', object: pod('b') }]);
    log.onRender(); // drawn before the state applied them: names nothing
    log.applied();
    inner.deliver!([{ type: 'DELETED', object: pod('b') }, { type: 'MODIFIED', object: pod('c', 9) }]);
    log.onRender(); // 7 was applied; 9 only delivered
    log.applied();
    inner.counters = { Pod: { syncs: 2, relists: 1, watches: 2, drops: 1 } };
    log.onRender();
    log.onRender();
    log.close();

    expect(got).toHaveLength(3);
    const out = lines(path);
    expect(out.map(({ deltas, seqs }) => ({ deltas, seqs }))).toEqual([
      { deltas: 0, seqs: [] },
      // The relist's pods are drawn with their stamps (1), not counted as deltas.
      { deltas: 2, seqs: [1, 7] },
      { deltas: 2, seqs: [9] },
      { deltas: 0, seqs: [] },
    ]);
    expect(out.map((l) => l.watch)).toEqual([{ Pod: { syncs: 1, relists: 0, watches: 1, drops: 0 } }, undefined, { Pod: { syncs: 2, relists: 1, watches: 2, drops: 1 } }, undefined]);
    for (let i = 1; i < out.length; i++) expect(out[i]!.t).toBeGreaterThanOrEqual(out[i - 1]!.t);
  });

  it('finds the stamp of a pod the source projected as it parsed it (setPodTransform drops the annotation)', () => {
    const path = join(dir, 'log');
    const log = openDeltaLog({ PODSCOPE_DELTA_LOG: path })!;
    let transform: ((p: Pod) => Pod) | undefined;
    const inner = Object.assign(new FakeSource(), { setPodTransform: (t: ((p: Pod) => Pod) | undefined) => (transform = t) });
    const source = log.wrap(inner as unknown as ClusterSource);
    source.watchPods({ namespace: undefined }, () => undefined);
    // The state's transform keeps no annotations.
    source.setPodTransform!((p) => ({ metadata: { name: p.metadata!.name, uid: p.metadata!.uid } }));
    const parsed = (p: Pod): Pod => transform!(p);
    inner.deliver!([{ type: 'MODIFIED', object: parsed(pod('a', 11)) }, { type: 'ADDED', object: parsed(pod('b')) }]);
    log.applied();
    log.onRender();
    log.close();
    expect(lines(path).map(({ deltas, seqs }) => ({ deltas, seqs }))).toEqual([{ deltas: 2, seqs: [11] }]);
  });

  it('names each watch end once, on the first line after it, by kind', () => {
    const path = join(dir, 'log');
    const log = openDeltaLog({ PODSCOPE_DELTA_LOG: path })!;
    const ends: Record<string, WatchEnd[]> = {};
    const inner = Object.assign(new FakeSource(), { watchEnds: () => ends });
    log.wrap(inner as unknown as ClusterSource);
    log.onRender();
    const timeout: WatchEnd = { at: 1, how: 'timeout', openMs: 300_000, askedMs: 300_000 };
    const cut: WatchEnd = { at: 2, how: 'cut', openMs: 2_000, askedMs: 400_000, initial: true };
    ends.Pod = [timeout];
    ends.Event = [cut];
    log.onRender();
    log.onRender();
    // A bounded record that dropped its oldest still names only what is new.
    const error: WatchEnd = { at: 3, how: 'error', openMs: 5_000, askedMs: 400_000, message: 'the watch stream from x closed early' };
    ends.Pod = [error];
    log.onRender();
    log.close();
    expect(lines(path).map((l) => l.ends)).toEqual([undefined, { Pod: [timeout], Event: [cut] }, undefined, { Pod: [error] }]);
  });
});
