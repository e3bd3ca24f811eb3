// `podscope sim serve`: run the simulator engine behind the REST server until SIGINT/SIGTERM,
// with a kubeconfig (CA, token, context podscope-sim) written for kubectl and podscope.
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { errorText } from '../kube/errorText.js';
import { timerErrorLogger } from '../sim/clock.js';
import { SimController } from '../sim/rehearse/control.js';
import { loadDrill, type Drill } from '../sim/rehearse/drill.js';
import { scheduleDrill } from '../sim/rehearse/playDrill.js';
import { formatGoDuration } from '../kube/goDuration.js';
import { Simulator } from '../sim/engine.js';
import { loadScenario, resolveScenarioPath, type Scenario } from '../sim/scenario/index.js';
import { defaultKubeconfigPath, isSimKubeconfig, writeKubeconfig } from '../sim/server/kubeconfig.js';
import { startSimServer, type SimServer, type SimServerOptions } from '../sim/server/server.js';
import { parseFaultSpec, type FaultSpec } from '../sim/server/faultSpec.js';
import { loadOrMintCredentials, readIssuedVersions, readLastPort, recordPort, serveStateDir, versionReserver, type ServeCredentials } from '../sim/server/serveState.js';
import type { CliIo } from './io.js';
import { flagHelp, parseFlags, stringFlag, switchFlag, UsageError, type FlagSpec } from './args.js';

/** sim serve reads no environment: the streams of CliIo are all it needs. */
export type ServeIo = Pick<CliIo, 'stdout' | 'stderr'>;

export interface ServeHooks {
  /** Stops the server as SIGINT would (tests). */
  signal?: AbortSignal;
  /** Called once the server listens and the kubeconfig is written. */
  onReady?: (info: { url: string; kubeconfig: string; server: SimServer; sim: Simulator }) => void;
}

export const SERVE_FLAGS: readonly FlagSpec[] = [
  { name: 'scenario', value: { name: 'FILE|NAME' }, help: 'scenario file or bundled name (default "default")' },
  {
    name: 'port',
    value: { name: 'N' },
    help: 'port to listen on; 0 picks a free one (default: the port the last\nrun with this kubeconfig used, if it is free, else a free one)',
  },
  { name: 'host', value: { name: 'H' }, help: 'address to bind (default 127.0.0.1; 0.0.0.0 or :: serve every interface)' },
  { name: 'speed', value: { name: 'X' }, help: 'simulated seconds per real second (default 1)' },
  { name: 'seed', value: { name: 'N' }, help: 'random seed for names, uids and IPs (default 24301)' },
  { name: 'kubeconfig-out', value: { name: 'PATH' }, help: 'where to write the kubeconfig (default ~/.podscope/sim-kubeconfig)' },
  { name: 'faults', value: { name: 'SPEC' }, help: 'inject seeded faults, e.g. "seed=7,error=5%:503,drop-watch=30s"\n(error, latency, hang, cut-list, drop-watch, malformed-watch, expire-watch, restart; see the README)' },
  { name: 'script', value: { name: 'FILE' }, help: 'play an incident drill (timed faults, see podscope sim script --help) from\nthe start, on the served scenario; each step is printed as it runs' },
  { name: 'overwrite-kubeconfig', help: 'replace the file at --kubeconfig-out even if it is not a kubeconfig\nsim serve wrote (without it such a file is never touched)' },
  {
    name: 'tls',
    help: 'serve HTTPS with a CA written into the kubeconfig (always on:\nkubectl sends bearer tokens only over TLS; the flag is accepted for clarity)',
  },
  { name: 'help', short: 'h', help: 'show this help' },
];

export const SIM_USAGE = `Usage: podscope sim COMMAND [flags]

The bundled Kubernetes 1.33 simulator, served as a Kubernetes API for kubectl and podscope.
(For the TUI on the simulator without a server, run podscope --sim [SCENARIO].)

Commands:
  serve    run the simulator behind an HTTPS API server until Ctrl-C (podscope sim serve --help)
  script   play an incident drill (timed faults) on the seeded simulator and print what
           happened (podscope sim script --help)
`;

export const SERVE_USAGE = `Usage: podscope sim serve [flags]

Runs the simulator and serves it as a Kubernetes API (HTTPS) for kubectl and podscope.

Flags:
${flagHelp(SERVE_FLAGS)}

Restarts: the CA, the serving key and certificate, the token and the port are kept in
PATH.d/ beside the kubeconfig (files readable by the owner only) and reused while they
parse, are not expired and cover the host, so a kubeconfig written by an earlier run, and
a podscope or kubectl still holding it, keeps working after a restart.

Every authenticated response carries the simulated clock, X-Podscope-Sim-Clock: now=<epoch ms>;
speed=<x>; scenario=<name> (and paused=1 while time stands still), from which podscope
computes ages at any --speed.

Rehearsing: GET /podscope/sim/v1/status, POST /podscope/sim/v1/time and
POST /podscope/sim/v1/faults (same token) pause, step and speed up simulated time and
inject faults; e.g. kubectl create --raw /podscope/sim/v1/time -f - <<< '{"action":"pause"}'.
`;

interface ServeOptions {
  scenario: string;
  /** undefined: not given (the last run's port if free, else a free one). */
  port: number | undefined;
  host: string;
  speed: number;
  seed?: number;
  kubeconfigOut: string;
  overwriteKubeconfig: boolean;
  faults?: FaultSpec;
  script?: string;
}

function parseServeArgs(argv: string[]): ServeOptions | 'help' {
  const args = parseFlags(argv, SERVE_FLAGS);
  if (switchFlag(args, 'help')) return 'help';
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const portText = stringFlag(args, 'port');
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (portText!.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535)) throw new UsageError(`--port must be an integer from 0 to 65535, got "${portText}"`);
  const speedText = stringFlag(args, 'speed') ?? '1';
  const speed = Number(speedText);
  if (!(speed > 0) || !Number.isFinite(speed)) throw new UsageError(`--speed must be a positive number, got "${speedText}"`);
  const seedText = stringFlag(args, 'seed');
  const seed = seedText === undefined ? undefined : Number(seedText);
  if (seed !== undefined && (seedText!.trim() === '' || !Number.isInteger(seed))) throw new UsageError(`--seed must be an integer, got "${seedText}"`);
  const host = stringFlag(args, 'host') ?? '127.0.0.1';
  if (host === '') throw new UsageError('--host must not be empty');
  const kubeconfigOut = stringFlag(args, 'kubeconfig-out') ?? defaultKubeconfigPath();
  if (kubeconfigOut.trim() === '') throw new UsageError('--kubeconfig-out must not be empty');
  return {
    scenario: stringFlag(args, 'scenario') ?? 'default',
    port,
    host,
    speed,
    seed,
    kubeconfigOut,
    overwriteKubeconfig: switchFlag(args, 'overwrite-kubeconfig'),
    faults: parseFaults(stringFlag(args, 'faults')),
    script: stringFlag(args, 'script'),
  };
}

function parseFaults(text: string | undefined): FaultSpec | undefined {
  try {
    return text === undefined ? undefined : parseFaultSpec(text);
  } catch (err) {
    throw new UsageError(`--faults: ${(err as Error).message}`);
  }
}

/** `podscope sim …` (argv: the words after `sim`): its help, or `serve`. */
export async function runSimServe(argv: string[], io: ServeIo, hooks: ServeHooks = {}): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '-h' || sub === '--help' || sub === 'help') {
    (sub === undefined ? io.stderr : io.stdout).write(SIM_USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub === 'script') return (await import('./drillCommand.js')).runDrill(rest, io);
  if (sub !== 'serve') {
    io.stderr.write(`podscope sim: unknown command "${sub}"\n\n${SIM_USAGE}`);
    return 2;
  }
  return serve(rest, io, hooks);
}

/** The address clients should dial: a wildcard bind is reached through loopback. */
function dialHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '::1';
  return host;
}

const isWildcard = (host: string): boolean => host === '0.0.0.0' || host === '::';

/** This machine's non-loopback addresses a wildcard bind answers on (IPv4 only for 0.0.0.0). */
function interfaceAddresses(host: string): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.internal || (host === '0.0.0.0' && a.family !== 'IPv4')) continue;
      if (a.family === 'IPv6' && a.address.toLowerCase().startsWith('fe80:')) continue; // link-local needs a zone
      out.push(a.address);
    }
  }
  return out;
}

const urlOf = (host: string, port: number): string => `https://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;

/**
 * Why the kubeconfig may not be written at `path`: an existing file that is not one sim serve
 * wrote (someone's real kubeconfig) is only replaced with --overwrite-kubeconfig.
 */
async function kubeconfigRefusal(path: string, overwrite: boolean): Promise<string | undefined> {
  if (overwrite) return undefined;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return `cannot read the existing ${path}: ${errorText(err)}`;
  }
  if (isSimKubeconfig(text)) return undefined;
  return `${path} exists and is not a kubeconfig written by podscope sim serve; not overwriting it (choose another --kubeconfig-out, or pass --overwrite-kubeconfig to replace it)`;
}

/** `podscope sim serve [flags]` (argv: the flags after `serve`). */
async function serve(argv: string[], io: ServeIo, hooks: ServeHooks): Promise<number> {
  let opts: ServeOptions | 'help';
  try {
    opts = parseServeArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`podscope sim: ${err.message}\n\n${SERVE_USAGE}`);
    return 2;
  }
  if (opts === 'help') {
    io.stdout.write(SERVE_USAGE);
    return 0;
  }
  let scenario: Scenario;
  try {
    scenario = await loadScenario(resolveScenarioPath(opts.scenario));
  } catch (err) {
    io.stderr.write(`podscope sim: ${errorText(err)}\n`);
    return 1;
  }
  let drill: Drill | undefined;
  try {
    if (opts.script !== undefined) drill = await loadDrill(opts.script);
  } catch (err) {
    io.stderr.write(`podscope sim: ${errorText(err)}\n`);
    return 1;
  }
  if (drill?.scenario !== undefined && drill.scenario !== opts.scenario) {
    io.stderr.write(`podscope sim: warning: the drill ${drill.file} was written for scenario "${drill.scenario}"; it plays on "${opts.scenario}", where its pods and nodes may not exist\n`);
  }
  const refusal = await kubeconfigRefusal(opts.kubeconfigOut, opts.overwriteKubeconfig);
  if (refusal !== undefined) {
    io.stderr.write(`podscope sim: ${refusal}\n`);
    return 1;
  }
  const dial = dialHost(opts.host);
  // A wildcard bind is reached through this machine's addresses: the certificate covers them too.
  const external = isWildcard(opts.host) ? interfaceAddresses(opts.host) : [];
  const hosts = [...new Set(['127.0.0.1', '::1', 'localhost', dial, ...external])].filter((h) => !isWildcard(h));
  const stateDir = serveStateDir(opts.kubeconfigOut);
  let credentials: ServeCredentials;
  let lastPort: number | undefined;
  let issuedVersions = 0;
  try {
    credentials = await loadOrMintCredentials(stateDir, hosts, Date.now());
    issuedVersions = await readIssuedVersions(stateDir);
    lastPort = opts.port === undefined ? await readLastPort(stateDir) : undefined;
  } catch (err) {
    io.stderr.write(`podscope sim: cannot prepare credentials in ${stateDir}: ${errorText(err)}\n`);
    return 1;
  }
  const { token, tls } = credentials;
  const reserveVersions = versionReserver(stateDir, (m) => io.stderr.write(`podscope sim: ${m}\n`));
  const sim = new Simulator({ speed: opts.speed, seed: opts.seed, scenario, startResourceVersion: issuedVersions, reserveVersions, rootCaPem: tls.caPem });
  sim.clock.onError = timerErrorLogger((line) => io.stderr.write(line));
  const serverOptions: SimServerOptions = {
    sim,
    host: opts.host,
    port: opts.port ?? lastPort ?? 0,
    token,
    tls: { cert: tls.certPem, key: tls.keyPem },
    advertiseClock: { scenario: opts.scenario },
    faults: opts.faults,
    control: new SimController(sim),
  };
  let server: SimServer;
  let portNote = '';
  try {
    sim.start();
    try {
      server = await startSimServer(serverOptions);
    } catch (err) {
      // The last run's port is only a preference: taken (or refused) means any free one.
      const code = (err as NodeJS.ErrnoException).code;
      if (lastPort === undefined || (code !== 'EADDRINUSE' && code !== 'EACCES')) throw err;
      server = await startSimServer({ ...serverOptions, port: 0 });
      portNote = `port ${lastPort} from the last run is in use; listening on ${server.port} instead\n`;
    }
  } catch (err) {
    sim.stop();
    io.stderr.write(`podscope sim: cannot listen on ${opts.host}:${serverOptions.port}: ${errorText(err)}\n`);
    return 1;
  }
  const url = urlOf(dial, server.port);
  try {
    await writeKubeconfig(opts.kubeconfigOut, { server: url, token, caPem: tls.caPem });
    await recordPort(stateDir, server.port);
  } catch (err) {
    await server.close();
    sim.stop();
    io.stderr.write(`podscope sim: cannot write the kubeconfig ${opts.kubeconfigOut}: ${errorText(err)}\n`);
    return 1;
  }
  io.stdout.write(
    `podscope sim: serving scenario "${opts.scenario}" at ${url} (speed ${opts.speed}x)\n` +
      `kubeconfig: ${opts.kubeconfigOut}\n` +
      credentialsNote(credentials, stateDir) +
      portNote +
      exposureNote(opts.host, external, server.port) +
      `  export KUBECONFIG=${opts.kubeconfigOut}\n` +
      `  kubectl get pods -A\n` +
      `Press Ctrl-C to stop.\n`,
  );
  const playing = drill === undefined ? undefined : playDrill(sim, drill, io);
  hooks.onReady?.({ url, kubeconfig: opts.kubeconfigOut, server, sim });
  const reason = await waitForStop(hooks.signal);
  playing?.cancel();
  await server.close();
  sim.stop();
  io.stdout.write(`podscope sim: stopped (${reason})\n`);
  return 0;
}

/** Schedules the drill's steps from now on the served simulator's clock (a pause holds them too); one line per step. */
function playDrill(sim: Simulator, drill: Drill, io: ServeIo): { cancel(): void } {
  const start = sim.clock.now();
  io.stdout.write(`podscope sim: playing drill ${drill.file} (${drill.steps.length} step(s))\n`);
  return scheduleDrill(sim, drill, start, (r) => {
    const verdict = r.result.ok ? 'FAULT' : 'REFUSED';
    io.stdout.write(`podscope sim: drill +${formatGoDuration(r.step.atMs)} ${verdict} ${drill.file}:${r.step.line}: ${r.result.message}\n`);
  });
}

/** Under a wildcard --host: a warning that every interface is served, and the URLs that reach it. */
function exposureNote(host: string, external: readonly string[], port: number): string {
  if (!isWildcard(host)) return '';
  const reach = external.length === 0 ? '  (no other interface has an address yet)\n' : external.map((a) => `  ${urlOf(a, port)}\n`).join('');
  return (
    `warning: --host ${host} serves every network interface: anyone who can reach this machine can reach the API (the token in the kubeconfig still guards it).\n` +
    `From other machines use one of these URLs (the certificate covers them) as the kubeconfig's server:\n${reach}`
  );
}

/**
 * One line saying what was reused from the state folder, or why kept TLS material was
 * replaced; nothing on a first run, when there was nothing to reuse.
 */
function credentialsNote(c: ServeCredentials, stateDir: string): string {
  if (c.tlsReused && c.tokenReused) return `credentials: reused the CA, certificate and token kept in ${stateDir}\n`;
  if (c.tlsReplacedBecause !== undefined) {
    const token = c.tokenReused ? 'reused the token; ' : '';
    return `credentials: ${token}minted a new CA and certificate (the kept ones were unusable: ${c.tlsReplacedBecause}); clients need the new kubeconfig\n`;
  }
  if (c.tlsReused) return `credentials: reused the CA and certificate kept in ${stateDir}, minted a new token; clients need the new kubeconfig\n`;
  if (c.tokenReused) return `credentials: reused the token kept in ${stateDir}, minted a new CA and certificate; clients need the new kubeconfig\n`;
  return '';
}

/** Resolves with what asked the server to stop: SIGINT, SIGTERM or the hook's signal. */
function waitForStop(signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve) => {
    const finish = (why: string): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      signal?.removeEventListener('abort', onAbort);
      resolve(why);
    };
    const onInt = (): void => finish('SIGINT');
    const onTerm = (): void => finish('SIGTERM');
    const onAbort = (): void => finish('stop requested');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
