// podscope's entry: flags → a source → the TUI, or a headless subcommand.
import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import type { ClusterSource } from './source/types.js';
import type { CliIo } from './ui/headless/io.js';
import { kindNamed } from './kube/catalog/index.js';

const VERSION = '0.1.0';

export const USAGE = `Usage:
  podscope [flags]                         the TUI
  podscope get pods [-n NS | -A] [-o wide|json|yaml] [-l SELECTOR]
  podscope describe pod NAME [-n NS]
  podscope events [-n NS | -A] [--for pod/NAME] [--follow]
  podscope sim serve [--scenario NAME|FILE] [flags]   serve the simulator as a Kubernetes API

Flags:
      --sim [SCENARIO]      run on the bundled simulator (default scenario: default)
      --kubeconfig PATH     kubeconfig file
      --context NAME        kubeconfig context
  -n, --namespace NS        namespace (default: the context's, or "default")
  -A, --all-namespaces      all namespaces
      --readonly            never change the cluster (no delete)
      --speed X             simulator speed (simulated seconds per second)
      --request-timeout T   timeout of each API request, e.g. 10s (live clusters; not watches)
      --version             print the version
  -h, --help                this help
`;

const SUBCOMMANDS = new Set(['get', 'describe', 'events', 'sim']);

/** `--sim` takes an optional value, which parseArgs cannot express: fold it into `--sim=NAME`. */
export function normaliseSimFlag(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (a === '--sim') {
      if (next !== undefined && !next.startsWith('-') && !SUBCOMMANDS.has(next)) {
        out.push(`--sim=${next}`);
        i++;
      } else out.push('--sim=default');
    } else out.push(a);
  }
  return out;
}

export interface CliOptions {
  sim?: string;
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  allNamespaces: boolean;
  readonly: boolean;
  speed: number;
  requestTimeout?: string;
  output?: string;
  selector?: string;
  for?: string;
  follow: boolean;
  positionals: string[];
}

class UsageError extends Error {}

export function parseCli(argv: readonly string[]): CliOptions | 'help' | 'version' {
  const { values, positionals } = parseArgs({
    args: normaliseSimFlag(argv),
    allowPositionals: true,
    strict: true,
    options: {
      sim: { type: 'string' },
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      namespace: { type: 'string', short: 'n' },
      'all-namespaces': { type: 'boolean', short: 'A' },
      readonly: { type: 'boolean' },
      speed: { type: 'string' },
      'request-timeout': { type: 'string' },
      version: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      output: { type: 'string', short: 'o' },
      selector: { type: 'string', short: 'l' },
      for: { type: 'string' },
      follow: { type: 'boolean', short: 'f' },
    },
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!(speed > 0) || !Number.isFinite(speed)) throw new UsageError(`--speed must be a positive number, got "${values.speed}"`);
  return {
    sim: values.sim,
    kubeconfig: values.kubeconfig,
    context: values.context,
    namespace: values.namespace,
    allNamespaces: values['all-namespaces'] ?? false,
    readonly: values.readonly ?? false,
    speed,
    requestTimeout: values['request-timeout'],
    output: values.output,
    selector: values.selector,
    for: values.for,
    follow: values.follow ?? false,
    positionals,
  };
}

interface Opened {
  source: ClusterSource;
  close(): void;
}

/** The simulator, on a clock that follows real time at `speed`, or (headless one-shots) settled for `settleMs` first. */
async function openSimulator(scenarioName: string, speed: number, settleMs: number | undefined): Promise<Opened> {
  const [{ Simulator }, scenario, { SimSource }, { ManualClock }] = await Promise.all([
    import('./sim/engine.js'),
    import('./sim/scenario/index.js'),
    import('./source/sim.js'),
    import('./sim/clock.js'),
  ]);
  const loaded = await scenario.loadScenario(scenario.resolveScenarioPath(scenarioName));
  const clock = settleMs === undefined ? undefined : new ManualClock(Date.now());
  const sim = new Simulator({ scenario: loaded, speed, clock });
  sim.start();
  if (clock && settleMs !== undefined) clock.advance(settleMs);
  return { source: new SimSource(sim, { scenario: scenarioName }), close: () => sim.stop() };
}

/**
 * Picks the cluster: --sim; else the kubeconfig (--kubeconfig, KUBECONFIG, ~/.kube/config);
 * with no kubeconfig anywhere, the simulator's default scenario. A kubeconfig that is there
 * but broken never falls back silently: its problem is printed and the exit is non-zero.
 */
async function openSource(opts: CliOptions, env: NodeJS.ProcessEnv, io: CliIo, settleMs?: number): Promise<Opened | number> {
  try {
    if (opts.sim !== undefined) return await openSimulator(opts.sim, opts.speed, settleMs);
    const { resolveStartup, parseRequestTimeout } = await import('./source/kube/startup.js');
    const choice = await resolveStartup({
      kubeconfig: opts.kubeconfig,
      context: opts.context,
      namespace: opts.namespace,
      allNamespaces: opts.allNamespaces,
      env,
      homedir: env.HOME ?? homedir(),
      requestTimeoutMs: opts.requestTimeout === undefined ? undefined : parseRequestTimeout(opts.requestTimeout),
    });
    if (choice.kind === 'simulator') return await openSimulator('default', opts.speed, settleMs);
    return { source: choice.source, close: () => choice.source.close() };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`${message.startsWith('podscope:') ? message : `podscope: ${message}`}\n`);
    return 1;
  }
}

function scopeOf(opts: CliOptions, source: ClusterSource): string | undefined {
  return opts.allNamespaces ? undefined : (opts.namespace ?? source.defaultNamespace());
}

/** How long a headless one-shot lets the in-process simulator run before printing (simulated ms). */
const HEADLESS_SETTLE_MS = 30_000;

async function runHeadless(opts: CliOptions, io: CliIo): Promise<number> {
  const [cmd, kind, name] = opts.positionals;
  const isPods = (k: string | undefined): boolean => k !== undefined && kindNamed(k) === 'Pod';
  if (cmd === 'get' && !isPods(kind)) return usageError(io, `get: only "pods" is supported, got "${kind ?? ''}"`);
  if (cmd === 'describe' && (!isPods(kind) || !name)) return usageError(io, 'describe: usage: podscope describe pod NAME [-n NS]');
  const output = opts.output ?? 'table';
  if (cmd === 'get' && !['table', 'wide', 'json', 'yaml'].includes(output)) return usageError(io, `unknown output format "${output}"`);
  const opened = await openSource(opts, io.env, io, opts.follow ? undefined : HEADLESS_SETTLE_MS);
  if (typeof opened === 'number') return opened;
  try {
    const ns = scopeOf(opts, opened.source);
    if (cmd === 'get') {
      const { getPods } = await import('./ui/headless/getPods.js');
      return await getPods(opened.source, { namespace: ns, output: output as 'table', labelSelector: opts.selector }, io);
    }
    if (cmd === 'describe') {
      const { describePodCommand } = await import('./ui/headless/describePod.js');
      return await describePodCommand(opened.source, ns ?? 'default', name!, io);
    }
    const { eventsCommand } = await import('./ui/headless/events.js');
    const until = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    return await eventsCommand(opened.source, { namespace: ns, forObject: opts.for, follow: opts.follow, until }, io);
  } finally {
    opened.close();
  }
}

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`podscope: ${message}\n\n${USAGE}`);
  return 2;
}

const ENTER_ALT = '\u001b[?1049h';
const LEAVE_ALT = '\u001b[?1049l';

async function runTui(opts: CliOptions, io: CliIo): Promise<number> {
  const opened = await openSource(opts, io.env, io);
  if (typeof opened === 'number') return opened;
  const [{ render }, React, { App }, { AppState }] = await Promise.all([
    import('ink'),
    import('react'),
    import('./ui/App.js'),
    import('./state/appState.js'),
  ]);
  const app = new AppState({ source: opened.source, namespace: scopeOf(opts, opened.source), readonly: opts.readonly, realNow: () => performance.now() });
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    process.stdout.write(LEAVE_ALT);
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
  process.stdout.write(ENTER_ALT);
  app.start();
  // Ages and grace countdowns move once per simulated second: at --speed 10 that is every
  // 100 ms of real time (a 1 s tick would skip a 3 s countdown entirely).
  const speed = opened.source.info().simulator?.speed ?? 1;
  const ticker = setInterval(() => app.tick(), Math.max(100, Math.round(1000 / speed)));
  const ink = render(React.createElement(App, { app }), { exitOnCtrlC: false, maxFps: 30 });
  try {
    await ink.waitUntilExit();
  } finally {
    clearInterval(ticker);
    app.stop();
    opened.close();
    restore();
  }
  return 0;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') {
    const chalk = (await import('chalk')).default;
    chalk.level = 0;
  }
  if (argv[0] === 'sim') {
    // Written by another engineer; loaded only on this path.
    const specifier = './sim/server/serveCommand.js';
    const mod = (await import(specifier)) as { runSimServe(argv: string[], io: CliIo): Promise<number> };
    return mod.runSimServe(argv.slice(1), io);
  }
  let opts: CliOptions | 'help' | 'version';
  try {
    opts = parseCli(argv);
  } catch (err) {
    return usageError(io, err instanceof Error ? err.message : String(err));
  }
  if (opts === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (opts === 'version') {
    io.stdout.write(`podscope ${VERSION}\n`);
    return 0;
  }
  const cmd = opts.positionals[0];
  if (cmd === undefined) return runTui(opts, io);
  if (cmd === 'get' || cmd === 'describe' || cmd === 'events') return runHeadless(opts, io);
  return usageError(io, `unknown command "${cmd}"`);
}

/** A bug's report in plain words; the stack only when PODSCOPE_DEBUG asks for it. */
function crashReport(err: unknown, env: NodeJS.ProcessEnv): string {
  const message = err instanceof Error ? err.message : String(err);
  const stack = env.PODSCOPE_DEBUG && err instanceof Error && err.stack ? `\n${err.stack}` : '';
  return `podscope: internal error: ${message}${stack}\n(this is a bug in podscope; run with PODSCOPE_DEBUG=1 to see where)\n`;
}

/** Run when this module is the program (bin/podscope.js imports it), not when a test imports it. */
function isEntry(): boolean {
  const script = process.argv[1] ?? '';
  return /(?:^|[\\/])(?:podscope(?:\.js)?|cli\.[jt]s)$/.test(script);
}

if (isEntry()) {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
    (code) => {
      // Done: a simulator timer or stdin must not keep the process up; exit once stdout drained.
      process.stdout.write('', () => process.exit(code));
    },
    (err: unknown) => {
      process.stderr.write(crashReport(err, process.env));
      process.exit(1);
    },
  );
}
