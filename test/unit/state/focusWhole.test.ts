// The pod list keeps only a projection of each pod; the views that show the whole pod (pod
// view, describe, YAML) get it from the source when opened — from a source that must ask the
// server, with a GET — and follow it from the watch's deltas while open.
import { afterEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/kube/types.js';
import { SimSource } from '../../../src/source/sim.js';
import type { ClusterSource, DeltaBatch, Scope } from '../../../src/source/types.js';
import { AppState } from '../../../src/state/appState.js';
import { handleKey } from '../../../src/ui/keymap.js';
import { describeLines } from '../../../src/ui/views/DescribeView.js';
import { podPaneLines } from '../../../src/ui/views/PodView.js';
import { yamlLines } from '../../../src/ui/views/YamlView.js';
import { waitIdle } from '../../helpers/waitIdle.js';
import { harness, runningPod, type Harness } from './simHarness.js';

/** A pod with what the list does not keep: env, a volume mount, a service account, an annotation. */
function fullPod(name: string): Pod {
  const pod = runningPod(name);
  pod.metadata!.annotations = { 'example.com/owner-team': 'payments' };
  pod.spec!.serviceAccountName = 'web-reader';
  pod.spec!.containers[0]!.env = [{ name: 'LOG_LEVEL', value: 'debug' }];
  pod.spec!.containers[0]!.volumeMounts = [{ name: 'data', mountPath: '/var/lib/web' }];
  pod.spec!.volumes = [{ name: 'data', emptyDir: {} }];
  return pod;
}

interface Remote {
  source: ClusterSource;
  /** GETs asked so far. */
  gets: string[];
  /** Lets the GETs asked so far answer, with what the server held when each was asked. */
  answer(): void;
  /** The next GET fails with this message. */
  failNext(message: string): void;
}

/** The simulator as a source that, like a live cluster, has no pod at hand: getPod waits until answered. */
function remote(h: Harness): Remote {
  const sim = new SimSource(h);
  const waiting: (() => void)[] = [];
  const gets: string[] = [];
  let failure: string | undefined;
  const source = Object.create(sim) as ClusterSource;
  Object.assign(source, {
    peekPod: undefined,
    getPod: (namespace: string, name: string) => {
      gets.push(`${namespace}/${name}`);
      const fail = failure;
      failure = undefined;
      const then = h.store.get('Pod', namespace, name);
      return new Promise<Pod | undefined>((resolve, reject) => waiting.push(() => (fail ? reject(new Error(fail)) : resolve(then))));
    },
  });
  return { source, gets, answer: () => waiting.splice(0).forEach((w) => w()), failNext: (m) => (failure = m) };
}

/**
 * As remote(), and like the live source: pods are projected as they are "parsed" (the state's
 * setPodTransform runs on each before it joins a batch), so the deltas carry projections only.
 */
function projecting(h: Harness): Remote & { delivered: Pod[] } {
  const r = remote(h);
  const inner = r.source;
  const delivered: Pod[] = [];
  let transform: ((pod: Pod) => Pod) | undefined;
  const source = Object.create(inner) as ClusterSource;
  Object.assign(source, {
    setPodTransform: (t: ((pod: Pod) => Pod) | undefined) => (transform = t),
    watchPods: (scope: Scope, onBatch: (batch: DeltaBatch<Pod>) => void) =>
      inner.watchPods(scope, (batch) => {
        const kept = (p: Pod): Pod => (transform ? transform(p) : p);
        const out: DeltaBatch<Pod> = batch.map((d) => (d.type === 'RESET' ? { type: 'RESET', objects: d.objects.map(kept) } : { type: d.type, object: kept(d.object) }));
        for (const d of out) delivered.push(...(d.type === 'RESET' ? d.objects : [d.object]));
        onBatch(out);
      }),
  });
  return { ...r, source, delivered };
}

let app: AppState | undefined;
afterEach(() => app?.stop());

async function started(source: ClusterSource): Promise<AppState> {
  app = new AppState({ source, namespace: 'default', frameMs: 0, realNow: () => 0 });
  app.resize(120, 40);
  app.start();
  await waitIdle(app, { quietTurns: 2 });
  return app;
}

const idle = (a: AppState): Promise<void> => waitIdle(a, { quietTurns: 2 });

/** Event-loop turns until `done` holds (a GET left unanswered keeps the app from being idle); fails loudly after `limit`. */
async function until(what: string, done: () => boolean, limit = 1_000): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (done()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`not seen after ${limit} turns: ${what}`);
}

describe('the whole focused pod', () => {
  it('describe and YAML get the whole pod with a GET when opened, and follow a MODIFIED delta', async () => {
    const h = harness();
    h.api.create('Pod', fullPod('web-1'));
    const r = remote(h);
    const a = await started(r.source);
    // The list holds the projection: none of what describe shows beyond the columns.
    const listed = JSON.stringify(a.pods.selected()!.pod);
    expect(listed).not.toContain('LOG_LEVEL');
    expect(listed).not.toContain('web-reader');

    handleKey(a, 'd', 'd');
    expect(a.view).toBe('describe');
    expect(r.gets).toEqual(['default/web-1']);
    expect(describeLines(a)).toEqual(['getting pod default/web-1 from the server…']);
    r.answer();
    await idle(a);
    const described = describeLines(a).join('\n');
    expect(described).toContain('Service Account:  web-reader');
    expect(described).toContain('LOG_LEVEL:  debug');
    expect(described).toContain('/var/lib/web from data');
    expect(described).toContain('example.com/owner-team: payments');

    // A change the list does not keep arrives as a MODIFIED delta: describe shows it, with no new GET.
    const current = h.store.get('Pod', 'default', 'web-1')!;
    h.api.update('Pod', { ...current, metadata: { ...current.metadata, annotations: { 'example.com/owner-team': 'ledger' } } });
    await idle(a);
    expect(describeLines(a).join('\n')).toContain('example.com/owner-team: ledger');
    expect(r.gets).toHaveLength(1);
    expect(JSON.stringify(a.pods.selected()!.pod)).not.toContain('owner-team');

    handleKey(a, 'esc', undefined);
    handleKey(a, 'y', 'y');
    expect(a.view).toBe('yaml');
    const yaml = yamlLines(a).join('\n');
    expect(yaml).toContain('serviceAccountName: web-reader');
    expect(yaml).toContain('example.com/owner-team: ledger');
    expect(yaml).toContain('mountPath: /var/lib/web');
  });

  it('the pod view waits for the whole pod; a failed GET says why and Enter again asks again', async () => {
    const h = harness();
    h.api.create('Pod', fullPod('web-1'));
    const r = remote(h);
    const a = await started(r.source);
    r.failNext('the server is on fire');
    handleKey(a, 'enter', undefined);
    expect(a.view).toBe('pod');
    expect(podPaneLines(a)).toBeUndefined();
    r.answer();
    await idle(a);
    expect(a.focusNotice()).toBe('cannot show pod default/web-1: the server is on fire');
    expect(describeLines(a)).toEqual([a.focusNotice()]);
    // Frames do not retry a failed GET on their own.
    a.tick();
    await idle(a);
    expect(r.gets).toHaveLength(1);

    handleKey(a, 'esc', undefined);
    handleKey(a, 'enter', undefined);
    expect(r.gets).toHaveLength(2);
    r.answer();
    await idle(a);
    expect(podPaneLines(a)!.containers.join('\n')).toContain('app');
  });

  it('a delta about the focused pod brings it whole even before the GET answers; an older GET answer does not replace it', async () => {
    const h = harness();
    h.api.create('Pod', fullPod('web-1'));
    const r = remote(h);
    const a = await started(r.source);
    handleKey(a, 'd', 'd');
    const current = h.store.get('Pod', 'default', 'web-1')!;
    h.api.update('Pod', { ...current, spec: { ...current.spec!, serviceAccountName: 'web-writer' } });
    await until('describe showing the MODIFIED pod', () => describeLines(a).join('\n').includes('Service Account:  web-writer'));
    // The GET was asked before the update: its answer is the older object, and is not taken.
    r.answer();
    await idle(a);
    expect(describeLines(a).join('\n')).toContain('Service Account:  web-writer');
  });

  it('from a source that projects pods as it parses them, describe still follows the whole pod: the state catches it on its way', async () => {
    const h = harness();
    h.api.create('Pod', fullPod('web-1'));
    const r = projecting(h);
    const a = await started(r.source);
    handleKey(a, 'd', 'd');
    r.answer();
    await idle(a);
    expect(describeLines(a).join('\n')).toContain('LOG_LEVEL:  debug');

    const current = h.store.get('Pod', 'default', 'web-1')!;
    h.api.update('Pod', { ...current, metadata: { ...current.metadata, annotations: { 'example.com/owner-team': 'ledger' } } });
    await idle(a);
    expect(describeLines(a).join('\n')).toContain('example.com/owner-team: ledger');
    expect(r.gets).toHaveLength(1);
    // What the source delivered was the list's projection, never the whole pod.
    expect(r.delivered.length).toBeGreaterThanOrEqual(2);
    for (const p of r.delivered) expect(JSON.stringify(p)).not.toContain('owner-team');

    // Another pod's changes do not reach the focused pod's views.
    h.api.create('Pod', fullPod('web-2'));
    await idle(a);
    expect(describeLines(a).join('\n')).toContain('web-1');
  });

  it('the in-process simulator hands the whole pod over at once (no GET, no waiting)', async () => {
    const h = harness();
    h.api.create('Pod', fullPod('web-1'));
    const a = await started(new SimSource(h));
    handleKey(a, 'd', 'd');
    expect(describeLines(a).join('\n')).toContain('LOG_LEVEL:  debug');
  });
});
