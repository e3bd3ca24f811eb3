// The logs view under a container writing 10,000 lines a second, in the state/UI layer on the
// in-process simulator (the real binary over `sim serve` is the real-binary harness's job):
// keystroke → written frame p95 while the lines pour in (simulated time paced to real time,
// Ink rendering with ink-testing-library), and the heap the view holds after N simulated
// minutes of that (the ring is bounded at LOG_RING_LINES).
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { ManualClock } from '../../src/sim/clock.js';
import { Simulator } from '../../src/sim/engine.js';
import { makeNode } from '../../src/sim/nodes.js';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { openLogs } from '../../src/state/logActions.js';
import { LogViewState } from '../../src/state/logViewState.js';
import type { LogHandlers } from '../../src/source/logTypes.js';
import { LOG_RING_LINES } from '../../src/state/logRing.js';
import { App } from '../../src/ui/App.js';
import { handleKey } from '../../src/ui/keymap.js';

export interface LogViewBenchOptions {
  linesPerSecond?: number;
  /** Real seconds of typing while the lines arrive. */
  typingSeconds?: number;
  /** Simulated minutes for the memory figure. */
  simulatedMinutes?: number;
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

function chattySimulator(linesPerSecond: number): Simulator & { clock: ManualClock } {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const sim = new Simulator({ clock, seed: 7 });
  sim.api.create('Node', makeNode('bench-node-1', 1, { cpu: '8', memory: '32Gi', pods: 110 }));
  sim.api.create('Namespace', { metadata: { name: 'default' } });
  sim.start();
  sim.api.create('Pod', {
    metadata: { name: 'chatty', namespace: 'default', annotations: { 'sim.podscope.dev/logs': `rate ${linesPerSecond}/s: {time} INFO request id={n} GET /api/v1/items/{n} 200 3ms` } },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
  });
  clock.advance(5_000);
  return sim as Simulator & { clock: ManualClock };
}

async function openChatty(app: AppState): Promise<void> {
  while (app.pods.size === 0) await turn();
  await turn();
  openLogs(app, app.pods.selected()?.pod, false);
}

export async function benchLogView(options: LogViewBenchOptions = {}): Promise<Record<string, number>> {
  const rate = options.linesPerSecond ?? 10_000;
  const typingMs = (options.typingSeconds ?? 10) * 1000;
  const minutes = options.simulatedMinutes ?? 10;

  // 1. Responsiveness: simulated time follows real time; a key every 50 ms, timed to its frame.
  const sim = chattySimulator(rate);
  const app = new AppState({ source: new SimSource(sim), namespace: 'default', frameMs: 33 });
  app.resize(120, 40);
  app.start();
  const r = render(createElement(App, { app }));
  await openChatty(app);
  let last = performance.now();
  const pace = setInterval(() => {
    const now = performance.now();
    sim.clock.advance(now - last);
    last = now;
  }, 10);
  const samples: number[] = [];
  // The first read (the instance's newest lines, up to the ring's bound) lands first.
  await new Promise((res) => setTimeout(res, 500));
  const startSeq = app.logs!.ring.end;
  const t0 = performance.now();
  const keys = ['k', 'k', 'j', 'G', 'w', 'w', 't', 't'];
  for (let i = 0; performance.now() - t0 < typingMs; i++) {
    await new Promise((res) => setTimeout(res, 50));
    const before = r.frames.length;
    const k0 = performance.now();
    handleKey(app, keys[i % keys.length]!, keys[i % keys.length]);
    while (r.frames.length === before) await turn();
    samples.push(performance.now() - k0);
  }
  const elapsed = (performance.now() - t0) / 1000;
  const received = app.logs!.ring.end - startSeq;
  clearInterval(pace);
  r.unmount();
  app.stop();
  sim.stop();
  samples.sort((a, b) => a - b);
  const p95 = samples[Math.floor(samples.length * 0.95)]!;
  const median = samples[Math.floor(samples.length / 2)]!;

  // 2. Memory: N simulated minutes at the rate, one frame per simulated second.
  const sim2 = chattySimulator(rate);
  const app2 = new AppState({ source: new SimSource(sim2), namespace: 'default', frameMs: 0, realNow: () => 0 });
  app2.resize(120, 40);
  app2.start();
  const r2 = render(createElement(App, { app: app2 }));
  await openChatty(app2);
  const base = heapAfterGc();
  const m0 = performance.now();
  for (let s = 0; s < minutes * 60; s++) {
    sim2.clock.advance(1_000);
    for (let i = 0; i < 4 || app2.busy; i++) await turn();
  }
  const feedSeconds = (performance.now() - m0) / 1000;
  const withView = heapAfterGc();
  const lines = app2.logs!.ring.end;
  const kept = app2.logs!.ring.length;
  r2.unmount();
  app2.stop();
  sim2.stop();
  return {
    'logView.loadAverage1m': Math.round(os.loadavg()[0]! * 10) / 10,
    'logView.linesPerSecond': rate,
    'logView.receivedLinesPerSecond': Math.round(received / elapsed),
    'logView.keystrokes': samples.length,
    'logView.keyToFrameMedianMs': Math.round(median * 10) / 10,
    'logView.keyToFrameP95Ms': Math.round(p95 * 10) / 10,
    'logView.simulatedMinutes': minutes,
    'logView.linesThroughView': lines,
    'logView.linesKept': kept,
    'logView.ringBound': LOG_RING_LINES,
    'logView.heapGrowthMB': Math.round(((withView - base) / 1e6) * 10) / 10,
    'logView.feedRealSeconds': Math.round(feedSeconds * 10) / 10,
    'logView.stateFrameMs': stateFrameMs(rate),
  };
}

/** The state layer alone: one frame's worth of lines (33 ms at the rate) into a full ring, then the visible window. */
function stateFrameMs(rate: number): number {
  let handlers: LogHandlers | undefined;
  const host = {
    source: { logs: (_ns: string, _pod: string, _req: unknown, h: LogHandlers) => ((handlers = h), { stop: () => undefined }) },
    requestFrame: () => undefined,
    setStatus: () => undefined,
    podByUid: () => undefined,
  };
  const view = new LogViewState(host, { namespace: 'default', pod: 'chatty', uid: 'u', containers: ['app'], previous: false });
  view.start();
  const perFrame = Math.ceil((rate * 33) / 1000);
  const batch = Array.from({ length: perFrame }, (_, i) => ({ time: '2026-01-01T00:00:00.123456789Z', text: `2026-01-01T00:00:00.123Z INFO request id=${i} GET /api/v1/items/${i} 200 3ms` }));
  const frames = Math.ceil((LOG_RING_LINES * 2) / perFrame);
  const t0 = performance.now();
  for (let f = 0; f < frames; f++) {
    handlers!.lines(batch);
    view.applyFrame();
    view.window(34, 120);
  }
  return Math.round(((performance.now() - t0) / frames) * 1000) / 1000;
}
