// A sort or filter key's own frame shows the right rows, with the kept orders, the text index
// and the lazy filter doing their work after it: read right after the key (no idle work run
// yet), the screen's pods are the rows of a plain full sort and filter of the pods as they are
// at that moment, from the window's top (which follows the selected pod), and once idle the
// whole list is that sort and filter too.
// Deltas come between keys, so kept orders hold logged changes and the index dirty rows.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Event, Kind, KindMap, Pod } from '../../src/kube/types.js';
import type { ClusterSource, DeltaBatch, Subscription } from '../../src/source/types.js';
import { AppState } from '../../src/state/appState.js';
import { makePodEntry, PodProjector, type PodEntry } from '../../src/state/podEntry.js';
import { parsePodFilter } from '../../src/state/podFilter.js';
import { comparatorFor, type PodSort } from '../../src/state/podSort.js';
import { TextIndex } from '../../src/state/textIndex.js';
import { App } from '../../src/ui/App.js';
import { waitIdle } from '../helpers/waitIdle.js';

const NOW = Date.UTC(2026, 0, 2);
const STATES = ['running', 'crash', 'pending', 'completed'] as const;

/** The pod at `version` of its restarts, in the state of `stateVersion`. */
function pod(i: number, version: number, stateVersion = version): Pod {
  const state = STATES[(i * 7 + stateVersion) % STATES.length]!;
  const restarts = (i * 13 + version * 5) % 9;
  const containerState =
    state === 'running' ? { running: {} } : state === 'crash' ? { waiting: { reason: 'CrashLoopBackOff' } } : state === 'completed' ? { terminated: { reason: 'Completed', exitCode: 0 } } : { waiting: { reason: 'ContainerCreating' } };
  return {
    metadata: { name: `pod-${String(i).padStart(4, '0')}`, namespace: `team-${i % 3}`, uid: `uid-${i}`, creationTimestamp: new Date(NOW - (i % 500) * 60_000).toISOString(), resourceVersion: String(version * 10_000 + i) },
    spec: { containers: [{ name: 'app', image: 'nginx' }], nodeName: `node-${i % 7}` },
    status: {
      phase: state === 'pending' ? 'Pending' : state === 'completed' ? 'Succeeded' : 'Running',
      containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: state === 'running', restartCount: restarts, state: containerState }],
    },
  };
}

/** Serves the pods given, and sends the deltas a test pushes as watch batches. */
class PushedPods implements ClusterSource {
  private onPods: ((b: DeltaBatch<Pod>) => void) | undefined;
  constructor(readonly pods: Map<string, Pod>) {}
  push(batch: DeltaBatch<Pod>): void {
    this.onPods?.(batch);
  }
  info() {
    return { context: 'keys', cluster: 'keys', user: 'keys', server: 'keys', version: 'v1.33.0' };
  }
  now() {
    return NOW;
  }
  onStatus(l: (s: { phase: 'live' }) => void): Subscription {
    l({ phase: 'live' });
    return { stop: () => undefined };
  }
  watch<K extends Kind>(kind: K, _scope: unknown, onBatch: (b: DeltaBatch<KindMap[K]>) => void): Subscription {
    if (kind === 'Pod') this.onPods = onBatch as (b: DeltaBatch<Pod>) => void;
    const objects = (kind === 'Pod' ? [...this.pods.values()] : []) as KindMap[K][];
    setImmediate(() => onBatch([{ type: 'RESET', objects }]));
    return { stop: () => undefined };
  }
  async list<K extends Kind>(kind: K): Promise<KindMap[K][]> {
    return (kind === 'Pod' ? [...this.pods.values()] : []) as KindMap[K][];
  }
  async get() {
    return undefined;
  }
  async delete() {
    return { kind: 'error' as const, message: 'not in this test' };
  }
  watchPods(s: { namespace: string | undefined }, onBatch: (b: DeltaBatch<Pod>) => void): Subscription {
    return this.watch('Pod', s, onBatch);
  }
  watchEvents(s: { namespace: string | undefined }, onBatch: (b: DeltaBatch<Event>) => void): Subscription {
    return this.watch('Event', s, onBatch);
  }
  async listPods() {
    return [...this.pods.values()];
  }
  async listEvents() {
    return [];
  }
  async getPod() {
    return undefined;
  }
  async deletePod() {
    return { kind: 'error' as const, message: 'not in this test' };
  }
  async patch(): Promise<unknown> {
    throw new Error('not in this test');
  }
  logs(): Subscription {
    return { stop: () => undefined };
  }
  async listNamespaces() {
    return ['team-0', 'team-1', 'team-2'];
  }
  defaultNamespace() {
    return 'team-0';
  }
  contexts() {
    return ['keys'];
  }
  currentContext() {
    return 'keys';
  }
  async switchContext() {}
  close() {}
}

const PODS = 3_000;
const ANSI = /\u001b\[[0-9;]*m/g;

/** The pod names on screen, top to bottom. */
const namesOn = (frame: string | undefined): string[] => [...(frame ?? '').replace(ANSI, '').matchAll(/\bpod-\d{4}\b/g)].map((m) => m[0]);

/** The plain computation: every pod's entry, filtered, sorted with the comparator. */
function expected(pods: Map<string, Pod>, sort: PodSort, query: string): string[] {
  const projector = new PodProjector();
  const filter = parsePodFilter(query);
  const entries: PodEntry[] = [...pods.values()].map((p) => makePodEntry(p, projector)).filter((e) => filter.matches(e));
  return entries.sort(comparatorFor(sort)).map((e) => e.name);
}

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('a key\'s own frame shows the rows of a plain sort and filter', () => {
  it('through sorts, reversals and a typed filter, with deltas between keys', async () => {
    const pods = new Map<string, Pod>();
    for (let i = 0; i < PODS; i++) pods.set(`uid-${i}`, pod(i, 0));
    const source = new PushedPods(pods);
    const app = new AppState({ source, namespace: undefined, frameMs: 0, realNow: () => 0 });
    app.resize(120, 30);
    app.start();
    const r = render(<App app={app} />);
    stop = () => {
      r.unmount();
      app.stop();
    };
    await waitIdle(app);
    app.resize(120, 30);
    await waitIdle(app);
    let version = 0;
    let query = '';
    const stateOf: number[] = new Array(PODS).fill(0);
    const indexed = vi.spyOn(TextIndex.prototype, 'next');
    // [key, sort after it, query after it]
    const script: [string, PodSort, string][] = [
      ['S', { key: 'status', descending: false }, ''],
      ['S', { key: 'status', descending: true }, ''],
      ['R', { key: 'restarts', descending: false }, ''],
      ['A', { key: 'age', descending: false }, ''],
      ['S', { key: 'status', descending: false }, ''],
      ['N', { key: 'name', descending: false }, ''],
      ['N', { key: 'name', descending: true }, ''],
      ['R', { key: 'restarts', descending: false }, ''],
      // Typed under NAME, the deltas changing restarts only: rows keep their places and the filter's verdict (replaced in place, the text index marks them dirty).
      ['N', { key: 'name', descending: false }, ''],
      ['/', { key: 'name', descending: false }, ''],
      ['c', { key: 'name', descending: false }, 'c'],
      ['r', { key: 'name', descending: false }, 'cr'],
      ['a', { key: 'name', descending: false }, 'cra'],
      ['\u007f', { key: 'name', descending: false }, 'cr'],
      ['s', { key: 'name', descending: false }, 'crs'],
      ['\u007f', { key: 'name', descending: false }, 'cr'],
      ['a', { key: 'name', descending: false }, 'cra'],
      ['s', { key: 'name', descending: false }, 'cras'],
      ['\r', { key: 'name', descending: false }, 'cras'],
      ['S', { key: 'status', descending: false }, 'cras'],
      ['R', { key: 'restarts', descending: false }, 'cras'],
    ];
    for (const [key, sort, q] of script) {
      // Deltas first: a tenth of the pods change state and restarts (they move in the kept orders; a text index marks them dirty).
      version++;
      const batch: { type: 'MODIFIED'; object: Pod }[] = [];
      const typing = key !== 'S' && key !== 'R' && key !== 'A' && key !== 'N';
      for (let i = version % 10; i < PODS; i += 10) {
        if (!typing) stateOf[i] = version;
        const p = pod(i, version, stateOf[i]);
        pods.set(`uid-${i}`, p);
        batch.push({ type: 'MODIFIED', object: p });
      }
      source.push(batch);
      await waitIdle(app);
      query = q;
      r.stdin.write(key);
      // The key's own frame (React commits it in a microtask): no macrotask has run since, so no idle slice, no fill.
      for (let i = 0; i < 20; i++) await Promise.resolve();
      const onScreen = namesOn(r.lastFrame());
      const want = expected(pods, sort, query);
      if (want.length === 0) expect(onScreen, `rows after "${key}"`).toEqual([]);
      else expect(onScreen.length, `rows after "${key}"`).toBeGreaterThan(0);
      // The window starts where the table says (it follows the selected pod), and holds the plain order's rows from there.
      const top = app.pods.top;
      expect(onScreen, `rows after "${key}" (sort ${sort.key}${sort.descending ? '↓' : '↑'}, filter "${query}", top ${top})`).toEqual(want.slice(top, top + onScreen.length));
      if (want.length > 0) expect(want.indexOf(app.pods.selected()!.name), `the selected pod's place after "${key}"`).toBe(app.pods.cursor);
      await waitIdle(app);
      expect(app.pods.all().map((e) => e.name), `every row after "${key}"`).toEqual(want);
    }
    // The narrowing keys went through the text index (built while the prompt was open).
    expect(indexed).toHaveBeenCalled();
    indexed.mockRestore();
  });
});
