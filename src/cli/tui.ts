// The TUI: Ink on the alternate screen, left again on every way out. Needs a terminal.
import { errorText } from '../kube/errorText.js';
import { openDeltaLog } from './deltaLog.js';
import { openFrameLog } from './frameLog.js';
import type { CliIo } from './io.js';
import type { CliOptions } from './options.js';
import { openSource, scopeOf } from './source.js';
import { runOnTerminal } from './externalCommand.js';

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
  const opened = await openSource(opts, io);
  if (typeof opened === 'number') return opened;
  // React is CommonJS: its exports are the default export both under Node and in the bundle.
  const [{ render }, { default: React }, { App }, { AppState }, { handlePaste }, { FilteredStdin }, { METRICS_POLL_MS }] = await Promise.all([
    import('ink'),
    import('react'),
    import('../ui/App.js'),
    import('../state/appState.js'),
    import('../ui/keymap.js'),
    import('./filteredStdin.js'),
    import('../state/clusterMetrics.js'),
  ]);
  const deltaLog = openDeltaLog(io.env);
  const app = new AppState({ source: deltaLog?.wrap(opened.source) ?? opened.source, namespace: scopeOf(opts, opened.source), readonly: opts.readonly, realNow: () => performance.now(), metricsPollMs: METRICS_POLL_MS });
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    process.stdout.write(LEAVE_TERMINAL);
  };
  // The alternate screen must be left on every way out (Ink 6 has no option for it).
  process.on('exit', restore);
  for (const sig of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) {
    process.once(sig, () => {
      restore();
      process.exit(130);
    });
  }
  process.on('uncaughtException', (err) => {
    restore();
    process.stderr.write(crashReport(err, io.env));
    process.exit(1);
  });
  process.stdout.write(ENTER_TERMINAL);
  app.start();
  // Ages and grace countdowns move once per simulated second: at --speed 10 that is every
  // 100 ms of real time (a 1 s tick would skip a 3 s countdown entirely).
  const speed = opened.source.info().simulator?.speed ?? 1;
  const ticker = setInterval(() => app.tick(), Math.max(100, Math.round(1000 / speed)));
  // Ink reads the terminal through the filter: sequences it cannot parse never reach it.
  let stdin = new FilteredStdin(process.stdin, (text) => handlePaste(app, text));
  const frameLog = openFrameLog(io.env, { stdout: process.stdout, stdin: process.stdin });
  // Before Ink subscribes: a frame's batches count as applied before the render that draws them.
  if (deltaLog) app.onChange(deltaLog.applied);
  const onRender = deltaLog
    ? () => {
        frameLog?.onRender();
        deltaLog.onRender();
      }
    : frameLog?.onRender;
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
      stdin = new FilteredStdin(process.stdin, (text) => handlePaste(app, text));
      process.stdin.resume();
      command.done(result.code, result.error, result.signal);
    }
  } finally {
    stdin.detach();
    clearInterval(ticker);
    frameLog?.close();
    deltaLog?.close();
    app.stop();
    opened.close();
    restore();
  }
  return 0;
}

/** A bug's report in plain words; the stack only when PODSCOPE_DEBUG asks for it. */
export function crashReport(err: unknown, env: NodeJS.ProcessEnv): string {
  const message = errorText(err);
  const stack = env.PODSCOPE_DEBUG && err instanceof Error && err.stack ? `\n${err.stack}` : '';
  return `podscope: internal error: ${message}${stack}\n(this is a bug in podscope; run with PODSCOPE_DEBUG=1 to see where)\n`;
}

