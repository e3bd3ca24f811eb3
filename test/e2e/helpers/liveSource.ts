// What the live-source end-to-end tests share: a scratch directory per test with clean-ups
// run after it, `sim serve` run in this process, and a live source connected through a
// kubeconfig file the way the CLI starts one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Simulator } from '../../../src/sim/engine.js';
import { runSimServe } from '../../../src/cli/serveCommand.js';
import { Backoff } from '../../../src/source/kube/backoff.js';
import { KubeSource } from '../../../src/source/kube/kubeSource.js';
import { resolveStartup } from '../../../src/source/kube/startup.js';
import { waitFor } from './serverHarness.js';

export interface Scratch {
  /** This test's fresh temporary directory. */
  readonly dir: string;
  /** Runs `cleanup` after this test, newest first, before the directory is removed. */
  defer(cleanup: () => Promise<unknown> | void): void;
}

/** Registers beforeEach/afterEach hooks that give each test of the file a Scratch. */
export function scratchPerTest(prefix: string): Scratch {
  let dir = '';
  const cleanups: (() => Promise<unknown> | void)[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    defer: (cleanup) => cleanups.push(cleanup),
  };
}

/** The live source resolveStartup builds from `kubeconfig`, with quick retries; closed after the test. */
export async function connectLive(kubeconfig: string, scratch: Scratch): Promise<KubeSource> {
  const choice = await resolveStartup({
    kubeconfig,
    env: {},
    homedir: scratch.dir,
    source: { schedule: (fn) => setImmediate(fn), newBackoff: () => new Backoff({ initialMs: 20, maxMs: 200 }) },
  });
  if (choice.kind !== 'kube' || !(choice.source instanceof KubeSource)) throw new Error(`expected the kube source, got ${choice.kind}`);
  const source = choice.source;
  scratch.defer(() => source.close());
  return source;
}

export interface Served {
  url: string;
  sim: Simulator;
  /** What the command has printed on stdout so far. */
  out: () => string;
  /** Stops the server (once) and gives the command's exit code. */
  stop(): Promise<number>;
}

/** `podscope sim serve …args` in this process, once it listens; stopped after the test. */
export async function serveInProcess(args: string[], scratch: Scratch): Promise<Served> {
  let out = '';
  let err = '';
  const abort = new AbortController();
  let ready: { url: string; sim: Simulator } | undefined;
  const done = runSimServe(['serve', ...args], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } }, { signal: abort.signal, onReady: (info) => (ready = info) });
  let stopped: Promise<number> | undefined;
  const stop = (): Promise<number> => {
    abort.abort();
    stopped ??= done;
    return stopped;
  };
  scratch.defer(stop);
  await Promise.race([waitFor('the server', () => ready !== undefined), done.then((code) => Promise.reject(new Error(`serve exited ${code}: ${err}`)))]);
  return { url: ready!.url, sim: ready!.sim, out: () => out, stop };
}
