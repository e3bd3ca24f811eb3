// A simulator served in-process on port 0 over TLS, a kubeconfig for it, and kubectl run as a
// child process against it. Time is a ManualClock the test steps; nothing sleeps blindly:
// waits poll a condition until a deadline.
import { execFile, spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ManualClock } from '../../../src/sim/clock.js';
import { Simulator } from '../../../src/sim/engine.js';
import { loadScenario, resolveScenarioPath } from '../../../src/sim/scenario/index.js';
import { writeKubeconfig } from '../../../src/sim/server/kubeconfig.js';
import { startSimServer, type SimServer, type SimServerOptions } from '../../../src/sim/server/server.js';
import { mintTls, type TlsMaterial } from '../../../src/sim/server/tls.js';

export const TOKEN = 'harness-token';
const run = promisify(execFile);

/** kubectl on PATH, or a clear failure (unless PODSCOPE_SKIP_KUBECTL=1, which skips the suite). */
export function kubectlAvailable(): boolean {
  const found = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (found.status === 0) return true;
  if (process.env.PODSCOPE_SKIP_KUBECTL === '1') return false;
  throw new Error('kubectl is not on PATH: the end-to-end tests need the real kubectl (set PODSCOPE_SKIP_KUBECTL=1 to skip them)');
}

let sharedTls: TlsMaterial | undefined;
/** One CA and serving certificate for 127.0.0.1 and localhost, minted once per test file. */
export function tls(): TlsMaterial {
  sharedTls ??= mintTls(['127.0.0.1', 'localhost']);
  return sharedTls;
}

export interface ServeOptions {
  tls: TlsMaterial;
  /** Where the kubeconfig goes, given the port the server got. */
  kubeconfigAt: (port: number) => string;
  /** The CA the kubeconfig trusts, when not `tls`'s own (a wrong CA). */
  caPem?: string;
  server?: Partial<Omit<SimServerOptions, 'sim' | 'token' | 'tls'>>;
}

/** Serves `sim` over TLS with the harness token and writes a kubeconfig that reaches it. */
export async function serveSim(sim: Simulator, options: ServeOptions): Promise<{ server: SimServer; kubeconfig: string }> {
  const server = await startSimServer({ sim, token: TOKEN, tls: { cert: options.tls.certPem, key: options.tls.keyPem }, ...options.server });
  const kubeconfig = options.kubeconfigAt(server.port);
  await writeKubeconfig(kubeconfig, { server: server.url, token: TOKEN, caPem: options.caPem ?? options.tls.caPem });
  return { server, kubeconfig };
}

/** Runs `kubectl --kubeconfig <kubeconfig> …args` to completion; fails on a non-zero exit. */
export async function execKubectl(kubeconfig: string, args: string[], env: NodeJS.ProcessEnv, binary = 'kubectl'): Promise<{ stdout: string; stderr: string }> {
  return run(binary, ['--kubeconfig', kubeconfig, ...args], { env });
}

/** kubectl's table rows as cells (columns are at least three spaces apart). */
export function tableRows(stdout: string): string[][] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((l) => l.trimEnd().split(/\s{2,}/));
}

const started = new Set<Harness>();

/** Closes every Harness a test started and did not close (for afterEach). */
export async function closeStartedHarnesses(): Promise<void> {
  for (const h of [...started]) await h.close();
}

export interface HarnessOptions {
  scenario?: string;
  /** Simulated time that passes before the server starts (the scenario settles). */
  settleMs?: number;
  historySize?: number;
  server?: Partial<Omit<SimServerOptions, 'sim' | 'token' | 'tls'>>;
}

export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export class Harness {
  private children = new Set<ChildProcessWithoutNullStreams>();

  private constructor(
    readonly sim: Simulator,
    readonly clock: ManualClock,
    readonly server: SimServer,
    readonly dir: string,
    readonly kubeconfig: string,
  ) {}

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    // Simulated time starts ten minutes before the wall clock, so ages kubectl computes
    // itself (describe's events) stay positive and small.
    const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000);
    const scenario = options.scenario ? await loadScenario(resolveScenarioPath(options.scenario)) : undefined;
    const sim = new Simulator({ clock, scenario, historySize: options.historySize, freezeObjects: true });
    sim.start();
    clock.advance(options.settleMs ?? 120_000);
    const dir = mkdtempSync(join(tmpdir(), 'podscope-server-e2e-'));
    const { server, kubeconfig } = await serveSim(sim, { tls: tls(), kubeconfigAt: () => join(dir, 'kubeconfig'), server: options.server });
    const harness = new Harness(sim, clock, server, dir, kubeconfig);
    started.add(harness);
    return harness;
  }

  /** Runs kubectl to completion (asynchronously: the server lives in this process). */
  kubectl(args: string[], input?: string, binary = 'kubectl'): Promise<KubectlResult> {
    const child = this.spawnKubectl(args, binary);
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  /** Starts kubectl and leaves it running (watches); its output is read line by line. */
  stream(args: string[], binary = 'kubectl'): KubectlStream {
    return new KubectlStream(this.spawnKubectl(args, binary));
  }

  private spawnKubectl(args: string[], binary = 'kubectl'): ChildProcessWithoutNullStreams {
    const child = spawn(binary, ['--kubeconfig', this.kubeconfig, ...args], {
      env: { ...process.env, HOME: this.dir, KUBECONFIG: this.kubeconfig, KUBECACHEDIR: join(this.dir, 'cache') },
    });
    this.children.add(child);
    child.on('close', () => this.children.delete(child));
    return child;
  }

  async close(): Promise<void> {
    started.delete(this);
    for (const c of this.children) c.kill('SIGKILL');
    await this.server.close();
    this.sim.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class KubectlStream {
  readonly lines: string[] = [];
  stderr = '';
  exitCode: number | null | undefined;
  private partial = '';

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdin.end();
    child.stdout.on('data', (d: Buffer) => {
      const text = this.partial + d.toString();
      const parts = text.split('\n');
      this.partial = parts.pop()!;
      this.lines.push(...parts);
    });
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    child.on('close', (code) => (this.exitCode = code));
  }

  get exited(): boolean {
    return this.exitCode !== undefined;
  }

  stop(): void {
    this.child.kill('SIGTERM');
  }
}

/** Polls `cond` every few milliseconds until it holds; fails with `what` at the deadline. */
export async function waitFor(what: string, cond: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
