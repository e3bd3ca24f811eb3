// The TUI: Ink on the alternate screen, left again on every way out. Needs a terminal.
import { errorText } from '../kube/errorText.js';
import { openDeltaLog } from './deltaLog.js';
import { openFrameLog } from './frameLog.js';
import type { CliIo } from './io.js';
import type { CliOptions } from './options.js';
import { openSource, scopeOf } from './source.js';
import { runOnTerminal } from './externalCommand.js';
import { startGate, type StartGate } from './startGate.js';
import { guardTerminal } from './terminalExit.js';
import { openStartTrace } from './startTrace.js';
import { keepYoungGenerationSmall } from './youngGeneration.js';
import { capOldGenerationGrowth } from './oldGeneration.js';
import { compactAfterSync } from './compactAfterSync.js';
import { compactOnGrowth } from './compactOnGrowth.js';

export const NO_TERMINAL =
  'podscope: the TUI needs a terminal (stdin and stdout must be a TTY).\n' +
  'For scripts and pipes use the headless commands: podscope get pods, podscope describe pod NAME, podscope events (podscope --help).\n';

// The alternate screen, and bracketed paste (a paste arrives marked, so it is never taken for keys).
const ENTER_TERMINAL = '\u001b[?1049h\u001b[?2004h';
const LEAVE_TERMINAL = '\u001b[?2004l\u001b[?1049l';

export async function runTui(opts: CliOptions, io: CliIo): Promise<number> {
  // Checked before anything starts: without a terminal Ink can only die with a stack trace.
  if (io.terminal !== true) {
    io.stderr.write(NO_TERMINAL);
    return 1;
  }
  const trace = openStartTrace(io.env);
  trace?.('main');
  // A cluster's start-up requests go out first (its version, the one-pod check), then its pods
  // watch, all before their answers; the UI's modules load while they travel (they leave
  // this thread idle) rather than ahead of them. A failed check closes the source, watch and
  // all. --sim (and no kubeconfig at all) loads the modules after its simulator started, as
  // before: the pods its controllers create in those moments are in the first list, not
  // highlighted as "new"; it has no early watch, and its events and metrics are not held back.
  const loadUi = () => import('./tuiModules.js');
  let early: ReturnType<typeof loadUi> | undefined;
  let earlyGate: StartGate | undefined;
  const onBatch = trace && (() => trace('pods'));
  const opened = await openSource(opts, io, undefined, false, (source) => {
    earlyGate = startGate(source, { namespace: scopeOf(opts, source) }, { early: true, onBatch });
    early = loadUi();
    early.catch(() => undefined); // awaited below; not unhandled when the check fails
  });
  if (typeof opened === 'number') return opened;
  trace?.('connected');
  const namespace = scopeOf(opts, opened.source);
  const simulated = opened.inProcess === true;
  const gate = earlyGate ?? startGate(opened.source, { namespace }, { early: false, onBatch });
  if (gate !== earlyGate) gate.open();
  const deltaLog = openDeltaLog(io.env);
  const source = deltaLog?.wrap(gate.source) ?? gate.source;
  if (!simulated) compactAfterSync(source);
  const ui = await (early ?? loadUi());
  const { render, React, App, AppState, handlePaste, FilteredStdin, METRICS_POLL_MS } = ui;
  trace?.('ui', codeCacheNote(ui));
  // A cluster's TUI keeps V8's young generation small (the simulator in this process, --sim or
  // the fallback when there is no kubeconfig, keeps its speed) — set once the UI's modules are compiled, not before: a V8 flag changed at
  // run time changes the flags' hash, and V8 then rejects the code cache made at build time
  // (without the flag) of every script compiled after it, the start path's chunks among them
  // (~30 ms more CPU to the first frame, docs/benchmarks.md). Still before the pods' first
  // sync allocates, which would grow the young generation for good. The old generation's
  // growth between full collections is capped with it (oldGeneration.ts).
  if (!simulated) {
    keepYoungGenerationSmall();
    capOldGenerationGrowth();
  }
  const app = new AppState({ source, namespace, readonly: opts.readonly, realNow: () => performance.now(), metricsPollMs: METRICS_POLL_MS });
  const growth = simulated ? undefined : compactOnGrowth(source, { quietMs: () => performance.now() - app.lastKeyMs });
  // The alternate screen must be left on every way out (Ink 6 has no option for it), and a
  // terminal that went away let go of (src/cli/terminalExit.ts).
  const { restore } = guardTerminal({ leave: () => process.stdout.write(LEAVE_TERMINAL), report: (err) => process.stderr.write(crashReport(err, io.env)) });
  process.stdout.write(ENTER_TERMINAL);
  rawFromFirstFrame();
  app.start();
  // The first frame shows the pods when they are moments away: one render with rows rather
  // than an empty one first (each costs a render, and Ink draws at most one per 33 ms).
  // Applied at once: AppState's frame throttle would hold them back behind the status frame
  // it drew for nobody as it started (up to 33 ms with the pods already here).
  if (!simulated) {
    await podsArrived(gate, FIRST_PODS_WAIT_MS);
    app.frameNow();
  }
  // Ages and grace countdowns move once per simulated second: at --speed 10 that is every
  // 100 ms of real time (a 1 s tick would skip a 3 s countdown entirely).
  const speed = source.info().simulator?.speed ?? 1;
  const ticker = setInterval(() => app.tick(), Math.max(100, Math.round(1000 / speed)));
  // Ink reads the terminal through the filter: sequences it cannot parse never reach it.
  let stdin = new FilteredStdin(process.stdin, (text) => handlePaste(app, text));
  const frameLog = openFrameLog(io.env, { stdout: process.stdout, stdin: process.stdin });
  // Before Ink subscribes: a frame's batches count as applied before the render that draws them.
  if (deltaLog) app.onChange(deltaLog.applied);
  // What the first frame does not need (events, metrics) starts once it is drawn.
  const openGate = setTimeout(() => gate.open(), GATE_AFTER_FIRST_FRAME_MS);
  const onRender = (): void => {
    if (app.pods.size > 0) gate.open();
    frameLog?.onRender(app.pods.size);
    deltaLog?.onRender();
    if (trace) {
      trace('frame');
      if (app.pods.size > 0) trace('rows');
    }
  };
  try {
    for (;;) {
      // maxFps 0: AppState paces frames (frameMs) and draws a key's frame at once; Ink's own
      // throttle would hold that frame back whenever a data frame was drawn in the last 34 ms.
      const ink = render(React.createElement(App, { app }), { exitOnCtrlC: false, maxFps: 0, stdin: stdin as unknown as NodeJS.ReadStream, onRender });
      await ink.waitUntilExit();
      const command = app.takeSuspension();
      if (!command || app.quitRequested) break;
      // The shell's kubectl gets the terminal: Ink has released raw mode, the screen is the normal one.
      stdin.detach();
      process.stdout.write(LEAVE_TERMINAL);
      const result = await runOnTerminal(command, io.env);
      process.stdout.write(ENTER_TERMINAL);
      rawFromFirstFrame();
      stdin = new FilteredStdin(process.stdin, (text) => handlePaste(app, text));
      process.stdin.resume();
      command.done(result.code, result.error, result.signal);
    }
  } finally {
    stdin.detach();
    clearInterval(ticker);
    growth?.stop();
    clearTimeout(openGate);
    frameLog?.close();
    deltaLog?.close();
    app.stop();
    opened.close();
    restore();
  }
  return 0;
}

/**
 * The terminal raw before the first frame is drawn: Ink turns raw mode on only in an effect
 * after its first frame, and a key pressed the moment the screen appears (a script, a quick
 * hand) would meet the line discipline instead, which eats ctrl-w and ctrl-u and echoes the
 * rest. Ink turns it off again when it unmounts.
 */
function rawFromFirstFrame(): void {
  if (process.stdin.isTTY) process.stdin.setRawMode(true);
}

/** The longest the first frame waits for the first pods (a large or slow cluster shows "connecting" first). */
const FIRST_PODS_WAIT_MS = 400;
/** Events and metrics wait for the first frame with pods, or this long after the first frame. */
const GATE_AFTER_FIRST_FRAME_MS = 500;

/** Resolves once a pods batch has reached AppState's watch, or after `capMs`. */
function podsArrived(gate: StartGate, capMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, capMs)));
  return Promise.race([gate.podsArrived, cap]).finally(() => clearTimeout(timer));
}

/** The bundle's TUI chunk says whether V8 took its code cache (scripts/codeCache.mjs); the sources (tests) have none. */
function codeCacheNote(ui: object): string | undefined {
  const rejected = (ui as { __podscopeCodeCacheRejected?: boolean }).__podscopeCodeCacheRejected;
  return rejected === undefined ? undefined : rejected ? 'code-cache=rejected' : 'code-cache=accepted';
}

/** A bug's report in plain words; the stack only when PODSCOPE_DEBUG asks for it. */
export function crashReport(err: unknown, env: NodeJS.ProcessEnv): string {
  const message = errorText(err);
  const stack = env.PODSCOPE_DEBUG && err instanceof Error && err.stack ? `\n${err.stack}` : '';
  return `podscope: internal error: ${message}${stack}\n(this is a bug in podscope; run with PODSCOPE_DEBUG=1 to see where)\n`;
}

