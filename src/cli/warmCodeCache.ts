// Build time only (scripts/codeCache.mjs runs it in a child `node` on the bundle, then deletes
// it): draws the TUI's first frame off-screen, once on the bundled simulator (--sim) and once
// on a cluster — `sim serve` in-process, reached through its kubeconfig and TLS as a real
// start reaches a cluster (kubeconfig reading, the start-up requests, the watch) — then returns
// the V8 code caches of the start path's chunks, by file. A cache made after a first frame holds the
// bytecode of every function that frame ran (React's render and commit, Ink's layout and
// output, the views), which a real start would otherwise compile as it draws (~25 ms of CPU on
// this machine's 2 cores, docs/benchmarks.md). Only dynamic imports of modules the CLI already
// imports dynamically: the bundle's chunks stay as they are without this entry.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

/** What the bundle's chunk loader adds to a start-path chunk's exports (scripts/codeCache.mjs). */
interface CodeCached {
  __podscopeCodeCaches?: () => Record<string, Buffer>;
}

/** A terminal's stdout that keeps nothing: Ink reads its size and writes frames to it. */
class NullTerminal extends Writable {
  readonly isTTY = true;
  readonly columns = 200;
  readonly rows = 50;

  override _write(_chunk: unknown, _encoding: BufferEncoding, done: () => void): void {
    done();
  }
}

/** A terminal's stdin nobody types on (Ink turns raw mode on and listens). */
class IdleKeyboard extends EventEmitter {
  readonly isTTY = true;
  setRawMode(): this {
    return this;
  }
  setEncoding(): this {
    return this;
  }
  read(): null {
    return null;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

type TuiModules = typeof import('./tuiModules.js');
type Source = ConstructorParameters<TuiModules['AppState']>[0]['source'];

/** One first frame with pods drawn off-screen from `source`. */
async function drawFirstFrame(ui: TuiModules, source: Source, timeoutMs: number): Promise<void> {
  const app = new ui.AppState({ source, namespace: undefined, realNow: () => performance.now(), metricsPollMs: ui.METRICS_POLL_MS });
  app.start();
  let ink: ReturnType<TuiModules['render']> | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`warmCodeCache: no frame with pods within ${timeoutMs} ms`)), timeoutMs);
      const stdout = new NullTerminal();
      ink = ui.render(ui.React.createElement(ui.App, { app }), {
        stdout: stdout as unknown as NodeJS.WriteStream,
        stderr: stdout as unknown as NodeJS.WriteStream,
        stdin: new IdleKeyboard() as unknown as NodeJS.ReadStream,
        exitOnCtrlC: false,
        patchConsole: false,
        maxFps: 0,
        onRender: () => {
          if (app.pods.size === 0) return;
          clearTimeout(timer);
          resolve();
        },
      });
    });
  } finally {
    ink?.unmount();
    app.stop();
  }
}

/**
 * A cluster's start as the TUI makes it: `sim serve` in this process (its files in a temporary
 * folder), its kubeconfig read, the start-up requests over TLS, the pods watch, a first frame.
 */
async function drawClusterFrame(ui: TuiModules, timeoutMs: number): Promise<void> {
  const [{ runSimServe }, { resolveStartup }] = await Promise.all([import('./serveCommand.js'), import('../source/kube/startup.js')]);
  const dir = mkdtempSync(join(tmpdir(), 'podscope-warm-'));
  const stop = new AbortController();
  const quiet = new NullTerminal();
  let served: Promise<number> | undefined;
  try {
    const kubeconfig = await new Promise<string>((resolve, reject) => {
      served = runSimServe(['serve', '--port', '0', '--kubeconfig-out', join(dir, 'kubeconfig')], { stdout: quiet, stderr: quiet }, { signal: stop.signal, onReady: (info) => resolve(info.kubeconfig) });
      served.then((code) => reject(new Error(`warmCodeCache: sim serve ended (exit ${code}) before it listened`)), reject);
    });
    const choice = await resolveStartup({ kubeconfig, env: {}, homedir: dir, allNamespaces: true });
    if (choice.kind !== 'kube') throw new Error(`warmCodeCache: the served kubeconfig was not used (${choice.reason})`);
    try {
      await drawFirstFrame(ui, choice.source, timeoutMs);
    } finally {
      choice.source.close();
    }
  } finally {
    stop.abort();
    await served?.catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The start path's code caches by file, made after a first frame on the simulator and one on a cluster. */
export async function warmTuiCodeCache(timeoutMs = 20_000): Promise<Record<string, Buffer>> {
  const [{ Simulator }, scenario, { SimSource }, ui] = await Promise.all([import('../sim/engine.js'), import('../sim/scenario/index.js'), import('../source/sim.js'), import('./tuiModules.js')]);
  const caches = (ui as CodeCached).__podscopeCodeCaches;
  if (!caches) throw new Error('warmCodeCache: the TUI chunk has no code cache hook (not run on the bundle?)');
  const sim = new Simulator({ scenario: await scenario.loadScenario(scenario.resolveScenarioPath('default')), speed: 1 });
  sim.start();
  try {
    await drawFirstFrame(ui, new SimSource(sim, { scenario: 'default' }), timeoutMs);
  } finally {
    sim.stop();
  }
  await drawClusterFrame(ui, timeoutMs);
  return caches();
}
