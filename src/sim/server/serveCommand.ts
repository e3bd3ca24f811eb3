// `podscope sim serve`: run the simulator engine behind the REST server until SIGINT/SIGTERM,
// with a kubeconfig (CA, token, context podscope-sim) written for kubectl and podscope.
import { isIP } from 'node:net';
import { timerErrorLogger } from '../clock.js';
import { Simulator } from '../engine.js';
import { loadScenario, resolveScenarioPath, type Scenario } from '../scenario/index.js';
import { defaultKubeconfigPath, writeKubeconfig } from './kubeconfig.js';
import { parseFaultSpec, type FaultSpec } from './faultSpec.js';
import { startSimServer, type SimServer, type SimServerOptions } from './server.js';
import { loadOrMintCredentials, readIssuedVersions, readLastPort, recordPort, serveStateDir, versionReserver, type ServeCredentials } from './serveState.js';

export interface ServeIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

export interface ServeHooks {
  /** Stops the server as SIGINT would (tests). */
  signal?: AbortSignal;
  /** Called once the server listens and the kubeconfig is written. */
  onReady?: (info: { url: string; kubeconfig: string; server: SimServer; sim: Simulator }) => void;
}

export const SERVE_USAGE = `Usage: podscope sim serve [flags]

Runs the simulator and serves it as a Kubernetes API (HTTPS) for kubectl and podscope.

Flags:
  --scenario FILE|NAME   scenario file or bundled name (default "default")
  --port N               port to listen on; 0 picks a free one (default: the port the last
                         run with this kubeconfig used, if it is free, else a free one)
  --host H               address to bind (default 127.0.0.1)
  --speed X              simulated seconds per real second (default 1)
  --seed N               random seed for names, uids and IPs (default 24301)
  --kubeconfig-out PATH  where to write the kubeconfig (default ~/.podscope/sim-kubeconfig)
  --faults SPEC          inject seeded faults, e.g. "seed=7,error=5%:503,drop-watch=30s"
                         (rules: error, latency, hang, cut-list, drop-watch, malformed-watch,
                         expire-watch, restart; see the README)
  --tls                  serve HTTPS with a CA written into the kubeconfig (always on:
                         kubectl sends bearer tokens only over TLS; the flag is accepted for clarity)
  -h, --help             show this help

Restarts: the CA, the serving key and certificate, the token and the port are kept in
PATH.d/ beside the kubeconfig (files readable by the owner only) and reused while they
parse, are not expired and cover the host, so a kubeconfig written by an earlier run, and
a podscope or kubectl still holding it, keeps working after a restart.

Every response carries the simulated clock, X-Podscope-Sim-Clock: now=<epoch ms>;
speed=<x>; scenario=<name>, from which podscope computes ages at any --speed.
`;

interface ServeOptions {
  scenario: string;
  /** undefined: not given (the last run's port if free, else a free one). */
  port: number | undefined;
  host: string;
  speed: number;
  seed?: number;
  kubeconfigOut: string;
  faults?: FaultSpec;
}

class UsageError extends Error {}

const VALUE_FLAGS = new Set(['--scenario', '--port', '--host', '--speed', '--seed', '--kubeconfig-out', '--faults']);

function parseServeArgs(argv: string[]): ServeOptions | 'help' {
  const values = new Map<string, string>();
  const args = argv[0] === 'serve' ? argv.slice(1) : argv;
  if (argv[0] !== 'serve') throw new UsageError(argv[0] === undefined ? 'missing subcommand "serve"' : `unknown subcommand "${argv[0]}"`);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--tls') continue;
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUE_FLAGS.has(flag)) throw new UsageError(`unknown flag "${arg}"`);
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = args[i + 1];
      i++;
    }
    if (value === undefined) throw new UsageError(`flag ${flag} needs a value`);
    values.set(flag, value);
  }
  const portText = values.get('--port');
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new UsageError(`--port must be an integer from 0 to 65535, got "${values.get('--port')}"`);
  const speed = Number(values.get('--speed') ?? '1');
  if (!(speed > 0) || !Number.isFinite(speed)) throw new UsageError(`--speed must be a positive number, got "${values.get('--speed')}"`);
  const seedText = values.get('--seed');
  const seed = seedText === undefined ? undefined : Number(seedText);
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${seedText}"`);
  const host = values.get('--host') ?? '127.0.0.1';
  if (host === '') throw new UsageError('--host must not be empty');
  const faultsText = values.get('--faults');
  let faults: FaultSpec | undefined;
  try {
    faults = faultsText === undefined ? undefined : parseFaultSpec(faultsText);
  } catch (err) {
    throw new UsageError(`--faults: ${(err as Error).message}`);
  }
  return { scenario: values.get('--scenario') ?? 'default', port, host, speed, seed, kubeconfigOut: values.get('--kubeconfig-out') ?? defaultKubeconfigPath(), faults };
}

/** The address clients should dial: a wildcard bind is reached through loopback. */
function dialHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '::1';
  return host;
}

export async function runSimServe(argv: string[], io: ServeIo, hooks: ServeHooks = {}): Promise<number> {
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
    io.stderr.write(`podscope sim: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const dial = dialHost(opts.host);
  const hosts = ['127.0.0.1', '::1', 'localhost', dial].filter((h) => h !== '0.0.0.0' && h !== '::');
  const stateDir = serveStateDir(opts.kubeconfigOut);
  let credentials: ServeCredentials;
  let lastPort: number | undefined;
  let issuedVersions = 0;
  try {
    credentials = await loadOrMintCredentials(stateDir, hosts, Date.now());
    issuedVersions = await readIssuedVersions(stateDir);
    lastPort = opts.port === undefined ? await readLastPort(stateDir) : undefined;
  } catch (err) {
    io.stderr.write(`podscope sim: cannot prepare credentials in ${stateDir}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const { token, tls } = credentials;
  const reserveVersions = versionReserver(stateDir, (m) => io.stderr.write(`podscope sim: ${m}\n`));
  const sim = new Simulator({ speed: opts.speed, seed: opts.seed, scenario, startResourceVersion: issuedVersions, reserveVersions });
  sim.clock.onError = timerErrorLogger((line) => io.stderr.write(line));
  const serverOptions: SimServerOptions = {
    sim,
    host: opts.host,
    port: opts.port ?? lastPort ?? 0,
    token,
    tls: { cert: tls.certPem, key: tls.keyPem },
    advertiseClock: { scenario: opts.scenario },
    faults: opts.faults,
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
    io.stderr.write(`podscope sim: cannot listen on ${opts.host}:${serverOptions.port}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const url = `https://${isIP(dial) === 6 ? `[${dial}]` : dial}:${server.port}`;
  try {
    await writeKubeconfig(opts.kubeconfigOut, { server: url, token, caPem: tls.caPem });
    await recordPort(stateDir, server.port);
  } catch (err) {
    await server.close();
    sim.stop();
    io.stderr.write(`podscope sim: cannot write the kubeconfig ${opts.kubeconfigOut}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  io.stdout.write(
    `podscope sim: serving scenario "${opts.scenario}" at ${url} (speed ${opts.speed}x)\n` +
      `kubeconfig: ${opts.kubeconfigOut}\n` +
      credentialsNote(credentials, stateDir) +
      portNote +
      `  export KUBECONFIG=${opts.kubeconfigOut}\n` +
      `  kubectl get pods -A\n` +
      `Press Ctrl-C to stop.\n`,
  );
  hooks.onReady?.({ url, kubeconfig: opts.kubeconfigOut, server, sim });
  const reason = await waitForStop(hooks.signal);
  await server.close();
  sim.stop();
  io.stdout.write(`podscope sim: stopped (${reason})\n`);
  return 0;
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
