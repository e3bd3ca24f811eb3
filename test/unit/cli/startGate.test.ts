import { describe, expect, it } from 'vitest';
import type { Event, Pod } from '../../../src/kube/types.js';
import type { ClusterSource, DeltaBatch, MetricsOutcome, Scope, SourceInfo, Subscription } from '../../../src/source/types.js';
import type { PodMetrics } from '../../../src/kube/metricsTypes.js';
import { startGate } from '../../../src/cli/startGate.js';

const pod = (name: string): Pod => ({ metadata: { name, namespace: 'default', uid: name } }) as Pod;

/** A source that records what was asked of it and lets the test deliver batches. */
class RecordingSource {
  readonly calls: string[] = [];
  readonly podWatches: { scope: Scope; onBatch: (b: DeltaBatch<Pod>) => void; stopped: boolean }[] = [];
  readonly eventWatches: { scope: Scope; stopped: boolean }[] = [];
  private readonly name = 'recording';

  watchPods(scope: Scope, onBatch: (b: DeltaBatch<Pod>) => void): Subscription {
    this.calls.push(`watchPods ${scope.namespace ?? '(all)'}`);
    const w = { scope, onBatch, stopped: false };
    this.podWatches.push(w);
    return { stop: () => void (w.stopped = true) };
  }

  watchEvents(scope: Scope, _onBatch: (b: DeltaBatch<Event>) => void): Subscription {
    this.calls.push(`watchEvents ${scope.namespace ?? '(all)'}`);
    const w = { scope, stopped: false };
    this.eventWatches.push(w);
    return { stop: () => void (w.stopped = true) };
  }

  podMetrics(namespace: string | undefined, _onItem: (item: PodMetrics) => void): Promise<MetricsOutcome> {
    this.calls.push(`podMetrics ${namespace ?? '(all)'}`);
    return Promise.resolve({ available: true });
  }

  info(): SourceInfo {
    // `this` must be the source itself, not the gate's proxy.
    return { context: this.name, cluster: '', user: '', server: '', version: '' };
  }
}

function gateOn(early: boolean, scope: Scope = { namespace: undefined }) {
  const raw = new RecordingSource();
  let heard = 0;
  const gate = startGate(raw as unknown as ClusterSource, scope, { early, onBatch: () => heard++ });
  return { raw, gate, heard: () => heard };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Whether the promise has settled by the next turn of the event loop. */
const settled = async (p: Promise<void>): Promise<boolean> => {
  let done = false;
  void p.then(() => (done = true));
  await tick();
  return done;
};

describe('startGate: the early pods watch', () => {
  it('starts at once; batches before AppState subscribes are handed over in order, later ones go straight through', async () => {
    const { raw, gate, heard } = gateOn(true);
    expect(raw.calls).toEqual(['watchPods (all)']);
    raw.podWatches[0]!.onBatch([{ type: 'RESET', objects: [pod('a')] }]);
    raw.podWatches[0]!.onBatch([{ type: 'ADDED', object: pod('b') }]);
    expect(await settled(gate.podsArrived)).toBe(false);
    expect(heard()).toBe(2);

    const got: DeltaBatch<Pod>[] = [];
    const sub = gate.source.watchPods({ namespace: undefined }, (b) => got.push(b));
    expect(raw.calls).toEqual(['watchPods (all)']); // adopted, not asked again
    expect(got.map((b) => b[0]!.type)).toEqual(['RESET', 'ADDED']);
    expect(await settled(gate.podsArrived)).toBe(true);
    raw.podWatches[0]!.onBatch([{ type: 'DELETED', object: pod('a') }]);
    expect(got).toHaveLength(3);
    sub.stop();
    expect(raw.podWatches[0]!.stopped).toBe(true);
  });

  it('a watch for another scope stops the early one and asks the source', () => {
    const { raw, gate } = gateOn(true, { namespace: 'shop' });
    gate.source.watchPods({ namespace: 'default' }, () => undefined);
    expect(raw.calls).toEqual(['watchPods shop', 'watchPods default']);
    expect(raw.podWatches[0]!.stopped).toBe(true);
  });

  it('only the first watchPods adopts; a later one (a namespace switch) is the source\'s own', () => {
    const { raw, gate } = gateOn(true);
    gate.source.watchPods({ namespace: undefined }, () => undefined);
    gate.source.watchPods({ namespace: undefined }, () => undefined);
    expect(raw.calls).toEqual(['watchPods (all)', 'watchPods (all)']);
  });

  it('without early, nothing is asked before AppState subscribes; its first batch still counts as delivered', async () => {
    const { raw, gate, heard } = gateOn(false);
    expect(raw.calls).toEqual([]);
    const got: DeltaBatch<Pod>[] = [];
    gate.source.watchPods({ namespace: undefined }, (b) => got.push(b));
    raw.podWatches[0]!.onBatch([{ type: 'RESET', objects: [] }]);
    expect(got).toHaveLength(1);
    expect(await settled(gate.podsArrived)).toBe(true);
    expect(heard()).toBe(1);
  });
});

describe('startGate: podsArrived', () => {
  it('settles when AppState adopts a watch that already has pods, not while they only wait in the gate', async () => {
    const { raw, gate } = gateOn(true);
    raw.podWatches[0]!.onBatch([{ type: 'RESET', objects: [pod('a')] }]);
    expect(await settled(gate.podsArrived)).toBe(false);
    const got: DeltaBatch<Pod>[] = [];
    gate.source.watchPods({ namespace: undefined }, (b) => got.push(b));
    expect(await settled(gate.podsArrived)).toBe(true);
    expect(got).toHaveLength(1);
  });

  it('settles with the first batch delivered after AppState subscribed, once AppState has it', async () => {
    const { raw, gate } = gateOn(true);
    const got: DeltaBatch<Pod>[] = [];
    gate.source.watchPods({ namespace: undefined }, (b) => got.push(b));
    expect(await settled(gate.podsArrived)).toBe(false);
    raw.podWatches[0]!.onBatch([{ type: 'RESET', objects: [] }]);
    let handed = -1;
    await gate.podsArrived.then(() => (handed = got.length));
    expect(handed).toBe(1);
  });
});

describe('startGate: what waits for the first frame', () => {
  it('the events watch starts when the gate opens, not before', async () => {
    const { raw, gate } = gateOn(true);
    gate.source.watchEvents({ namespace: undefined }, () => undefined);
    await tick();
    expect(raw.eventWatches).toHaveLength(0);
    gate.open();
    await tick();
    expect(raw.eventWatches).toHaveLength(1);
    gate.source.watchEvents({ namespace: 'x' }, () => undefined);
    expect(raw.eventWatches).toHaveLength(2); // once open, at once
  });

  it('an events watch stopped before the gate opens is never started', async () => {
    const { raw, gate } = gateOn(true);
    gate.source.watchEvents({ namespace: undefined }, () => undefined).stop();
    gate.open();
    await tick();
    expect(raw.eventWatches).toHaveLength(0);
  });

  it('metrics polls wait for the gate; a method the source lacks stays absent', async () => {
    const { raw, gate } = gateOn(true);
    let answered = false;
    void gate.source.podMetrics!('default', () => undefined).then(() => (answered = true));
    await tick();
    expect(raw.calls).not.toContain('podMetrics default');
    gate.open();
    await tick();
    expect(raw.calls).toContain('podMetrics default');
    expect(answered).toBe(true);
    expect(gate.source.nodeMetrics).toBeUndefined();
  });

  it('every other member is the source\'s own, called on the source', () => {
    const { gate } = gateOn(true);
    expect(gate.source.info().context).toBe('recording');
  });
});
