// The state and list-rendering benchmark the integrator's bench runner calls: work per
// keystroke and per frame must follow the screen, not the number of pods.
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import type { Kind, KindMap, Pod } from '../../src/kube/types.js';
import type { ClusterSource, DeltaBatch, Subscription } from '../../src/source/types.js';
import { AppState } from '../../src/state/appState.js';
import { PodTable } from '../../src/state/podTable.js';
import { TimelineRecorder } from '../../src/state/timeline/recorder.js';
import { diagnose } from '../../src/kube/diagnosis/index.js';
import { App } from '../../src/ui/App.js';
import { inkFrameMs, inkKeysMs, type BenchKey, type KeySample } from './inkFrame.js';

/** Wall-clock p50 / p95 ms, and the process's CPU ms in the same spans (load on the machine does not inflate it). */
export interface KeyFigures {
  p50: number;
  p95: number;
  cpuP50: number;
  cpuP95: number;
}

export interface StateBench {
  pods: number;
  /** Applying `pods` ADDED deltas in one batch. */
  applyAddedMs: number;
  /** One keystroke of the filter (typing "7" after "web-1", whose rows were all found), with the window it draws. */
  filterKeystrokeMs: number;
  /** Reversing the sort (shift-N again). */
  sortToggleMs: number;
  /** One MODIFIED delta applied to the full table. */
  modifyOneMs: number;
  /** One frame of the list view (ink-testing-library, 100x50). */
  frameMs: number;
  /** A scroll key's frame as the shipped TUI draws it: Ink's renderer, the bundle's Output, 200x50 (inkFrame.ts). */
  tuiFrameMs: number;
  /**
   * The binary bench's keys, in-process (Ink's renderer, the bundle's Output, 200x50), from
   * handleKey to the written frame, p50 / p95 ms per group: scroll (10 down, 10 up), filter
   * typing ("/web-1234", Enter), filter Esc, sort (new keys and reversals: S S R A N N),
   * open pod (Enter) and describe (d), each closed with Esc between.
   */
  keys: Record<string, KeyFigures>;
  /** The timeline recorder taking one batch in which every pod's container restarted (its worst case). */
  timelineAllRestartedMs: number;
  /** The diagnosis of one crash-looping pod (what the WHY cell costs per drawn row). */
  diagnoseMicrosPerPod: number;
}

function benchPod(i: number): Pod {
  const name = `web-${i}`;
  return {
    metadata: { name, namespace: 'default', uid: `uid-${i}`, creationTimestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), resourceVersion: String(i + 1), labels: { app: 'web' } },
    spec: { containers: [{ name: 'app', image: 'nginx' }], nodeName: `node-${i % 50}` },
    status: {
      phase: 'Running',
      podIPs: [{ ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }],
      containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: true, restartCount: i % 7, state: { running: {} } }],
    },
  };
}

/** A source that only replays what the benchmark hands it. */
class StaticSource implements ClusterSource {
  constructor(private readonly pods: Pod[]) {}
  info() {
    return { context: 'bench', cluster: 'bench', user: 'bench', server: 'bench', version: 'v1.33.0' };
  }
  now() {
    return Date.UTC(2026, 0, 2);
  }
  onStatus(l: (s: { phase: 'live' }) => void): Subscription {
    l({ phase: 'live' });
    return { stop: () => undefined };
  }
  watch<K extends Kind>(kind: K, scope: unknown, onBatch: (b: DeltaBatch<KindMap[K]>) => void): Subscription {
    return kind === 'Pod' ? this.watchPods(scope, onBatch as (b: DeltaBatch<Pod>) => void) : { stop: () => undefined };
  }
  async list<K extends Kind>(kind: K): Promise<KindMap[K][]> {
    return kind === 'Pod' ? (this.pods as KindMap[K][]) : [];
  }
  async get() {
    return undefined;
  }
  async delete() {
    return { kind: 'error' as const, message: 'read-only bench' };
  }
  async patch(): Promise<unknown> {
    throw new Error('read-only bench');
  }
  watchPods(_s: unknown, onBatch: (b: DeltaBatch<Pod>) => void): Subscription {
    setImmediate(() => onBatch(this.pods.map((object) => ({ type: 'ADDED' as const, object }))));
    return { stop: () => undefined };
  }
  watchEvents(): Subscription {
    return { stop: () => undefined };
  }
  logs(_ns: string, _pod: string, _r: unknown, h: { end(how: { kind: 'error'; message: string }): void }): Subscription {
    setImmediate(() => h.end({ kind: 'error', message: 'the bench source has no logs' }));
    return { stop: () => undefined };
  }
  async listPods() {
    return this.pods;
  }
  async listEvents() {
    return [];
  }
  async getPod() {
    return undefined;
  }
  async deletePod() {
    return { kind: 'error' as const, message: 'read-only bench' };
  }
  async listNamespaces() {
    return ['default'];
  }
  defaultNamespace() {
    return 'default';
  }
  contexts() {
    return ['bench'];
  }
  currentContext() {
    return 'bench';
  }
  async switchContext() {}
  close() {}
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export async function benchState(count = 100_000): Promise<StateBench> {
  const pods = Array.from({ length: count }, (_, i) => benchPod(i));
  const table = new PodTable({ now: () => 0 });
  table.apply([{ type: 'RESET', objects: [] }]);
  const applyAddedMs = time(() => table.apply(pods.map((object) => ({ type: 'ADDED' as const, object }))));
  table.setFilter('web-1');
  // The filter finds the rest of its rows in the idle slices after a key's frame (FilterFill);
  // the next key comes after them. The key's cost: the filter and the window it draws.
  table.fillFilter(Infinity);
  const filterKeystrokeMs = time(() => {
    table.setFilter('web-17');
    table.window(50);
  });
  table.setFilter('');
  const sortToggleMs = time(() => table.toggleSort('name'));
  const changed = { ...pods[500]!, metadata: { ...pods[500]!.metadata, resourceVersion: 'x' } };
  const modifyOneMs = time(() => table.apply([{ type: 'MODIFIED', object: changed }]));

  const app = new AppState({ source: new StaticSource(pods), namespace: 'default', frameMs: 0, realNow: () => 0 });
  app.resize(100, 50);
  app.start();
  const r = render(createElement(App, { app }));
  while (app.pods.size < count) await new Promise((res) => setImmediate(res));
  await new Promise((res) => setImmediate(res));
  // The median of several frames: one cursor move each, from key action to written frame.
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const before = r.frames.length;
    const t0 = performance.now();
    app.move(1);
    while (r.frames.length === before) await new Promise((res) => setImmediate(res));
    samples.push(performance.now() - t0);
  }
  const frameMs = samples.sort((a, b) => a - b)[3]!;
  r.unmount();
  app.stop();

  const tuiApp = new AppState({ source: new StaticSource(pods), namespace: undefined, realNow: () => performance.now() });
  tuiApp.start();
  while (tuiApp.pods.size < count) await new Promise((res) => setTimeout(res, 5));
  const tuiFrameMs = await inkFrameMs(tuiApp);
  const keys = summarise(await inkKeysMs(tuiApp, KEY_SCRIPT));
  tuiApp.stop();

  const recorder = new TimelineRecorder();
  const byUid = new Map(pods.map((p) => [p.metadata!.uid!, p]));
  const restarted = pods.map(crashed);
  const timelineAllRestartedMs = time(() => recorder.applyPods(restarted.map((object) => ({ type: 'MODIFIED' as const, object })), (uid) => byUid.get(uid), Date.UTC(2026, 0, 2)));
  const sample = restarted.slice(0, Math.min(count, 10_000));
  const diagnoseMs = time(() => {
    for (const pod of sample) diagnose({ pod, events: [], nowMs: Date.UTC(2026, 0, 2) });
  });
  return {
    pods: count,
    applyAddedMs,
    filterKeystrokeMs,
    sortToggleMs,
    modifyOneMs,
    frameMs,
    tuiFrameMs,
    keys,
    timelineAllRestartedMs,
    diagnoseMicrosPerPod: Math.round((diagnoseMs / sample.length) * 1000 * 10) / 10,
  };
}

const KEY_SCRIPT: BenchKey[] = [
  ...Array.from({ length: 20 }, (_, i): BenchKey => ({ group: 'scroll', key: i < 10 ? 'down' : 'up' })),
  { group: 'filterTyping', key: '/', text: '/' },
  ...[...'web-1234'].map((ch): BenchKey => ({ group: 'filterTyping', key: ch, text: ch })),
  { group: 'filterTyping', key: 'enter' },
  { group: 'filterEsc', key: 'esc' },
  ...[...'SSRANN'].map((ch): BenchKey => ({ group: 'sort', key: ch, text: ch })),
  ...[0, 1, 2].flatMap((): BenchKey[] => [
    { group: 'openPod', key: 'enter' },
    { group: 'back', key: 'esc' },
    { group: 'describe', key: 'd', text: 'd' },
    { group: 'back', key: 'esc' },
  ]),
];

function summarise(samples: Record<string, KeySample[]> | undefined): Record<string, KeyFigures> {
  const out: Record<string, KeyFigures> = {};
  const at = (values: number[], p: number): number => {
    const sorted = [...values].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! * 10) / 10;
  };
  for (const [group, values] of Object.entries(samples ?? {})) {
    const wall = values.map((v) => v.wallMs);
    const cpu = values.map((v) => v.cpuMs);
    out[group] = { p50: at(wall, 0.5), p95: at(wall, 0.95), cpuP50: at(cpu, 0.5), cpuP95: at(cpu, 0.95) };
  }
  return out;
}

/** The pod after its container exited with 1 and waits in CrashLoopBackOff. */
function crashed(pod: Pod): Pod {
  const s = pod.status!.containerStatuses![0]!;
  return {
    ...pod,
    metadata: { ...pod.metadata, resourceVersion: `${pod.metadata!.resourceVersion}-1` },
    status: {
      ...pod.status,
      containerStatuses: [
        {
          ...s,
          ready: false,
          restartCount: (s.restartCount ?? 0) + 1,
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=app' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: '2026-01-01T23:59:00Z', finishedAt: '2026-01-01T23:59:50Z' } },
        },
      ],
    },
  };
}
