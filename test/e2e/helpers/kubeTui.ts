// The TUI on the live client-node source against `sim serve`, reached only through a
// kubeconfig file and TLS, as a real cluster would be.
//
// Time: the UI computes ages and the Terminating countdown from the local wall clock, as
// kubectl does, so the served cluster's clock must agree with it. A RealClock at 20× would
// run ahead of the wall clock and the countdown would count up. Instead the simulator's
// ManualClock starts two minutes in the past, is fast-forwarded to now at once (the
// scenario settles: the crash loop reaches CrashLoopBackOff), and is then pumped along with
// the wall clock, so the server's timestamps are real time from then on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../../src/sim/clock.js';
import { Simulator } from '../../../src/sim/engine.js';
import { loadScenario, resolveScenarioPath, type Scenario } from '../../../src/sim/scenario/index.js';
import type { SimServer } from '../../../src/sim/server/server.js';
import { Backoff } from '../../../src/source/kube/backoff.js';
import { KubeSource } from '../../../src/source/kube/kubeSource.js';
import { resolveStartup } from '../../../src/source/kube/startup.js';
import { AppState } from '../../../src/state/appState.js';
import { mount, type Mounted } from '../../ui/helpers.js';
import { execKubectl, serveSim, tls } from './serverHarness.js';

/** Simulated time the scenario runs before the server opens. */
const SETTLE_MS = 120_000;
/** Generous: a loaded 2-core machine runs vitest workers, kubectl and this server at once. */
export const DEADLINE_MS = 20_000;

export interface LiveCluster {
  sim: Simulator;
  server: SimServer;
  kubeconfig: string;
  dir: string;
  /** kubectl against the same kubeconfig; stdout and stderr together. */
  kubectl(args: string[]): Promise<string>;
  close(): Promise<void>;
}

/** Several bundled fixtures as one scenario. */
export async function fixtures(...names: string[]): Promise<Scenario> {
  const loaded = await Promise.all(names.map((n) => loadScenario(resolveScenarioPath(n))));
  return { file: names.join('+'), objects: loaded.flatMap((s) => s.objects) };
}

export async function startLiveCluster(scenario: Scenario): Promise<LiveCluster> {
  const start = Math.floor(Date.now() / 1000) * 1000 - SETTLE_MS;
  const clock = new ManualClock(start);
  const sim = new Simulator({ clock, scenario, freezeObjects: true });
  sim.start();
  clock.advanceTo(Date.now());
  const pump = setInterval(() => clock.advanceTo(Date.now()), 10);
  const dir = mkdtempSync(join(tmpdir(), 'podscope-tui-kube-'));
  const { server, kubeconfig } = await serveSim(sim, { tls: tls(), server: { host: '127.0.0.1', port: 0 }, kubeconfigAt: () => join(dir, 'kubeconfig') });
  return {
    sim,
    server,
    kubeconfig,
    dir,
    kubectl: async (args) => {
      const env = { ...process.env, HOME: dir, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'cache') };
      const { stdout, stderr } = await execKubectl(kubeconfig, args, env);
      return stdout + stderr;
    },
    close: async () => {
      clearInterval(pump);
      await server.close();
      sim.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface LiveTui extends Mounted {
  source: KubeSource;
  /** Re-renders (ages, countdowns) and polls until `cond` holds on the frame; fails at the deadline with the last frame. */
  until(what: string, cond: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
}

/** podscope as the CLI would start it: resolveStartup from the kubeconfig file, then the TUI. */
export async function startTui(cluster: LiveCluster, size: { columns: number; rows: number }): Promise<LiveTui> {
  const choice = await resolveStartup({
    kubeconfig: cluster.kubeconfig,
    env: {},
    homedir: cluster.dir,
    source: { newBackoff: () => new Backoff({ initialMs: 50, maxMs: 500 }) },
  });
  if (choice.kind !== 'kube' || !(choice.source instanceof KubeSource)) throw new Error(`expected the kube source, got ${choice.kind}`);
  const source = choice.source;
  const app = new AppState({ source, namespace: source.defaultNamespace(), frameMs: 0 });
  const m = await mount(app, size);
  const until = async (what: string, cond: (frame: string) => boolean, timeoutMs = DEADLINE_MS): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      app.tick();
      await m.idle();
      const frame = m.frame();
      if (cond(frame)) return frame;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last frame:\n${frame}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    ...m,
    source,
    until,
    unmount: () => {
      m.unmount();
      source.close();
    },
  };
}

/** The row of the frame whose text starts with `start`. */
export function row(frame: string, start: RegExp): string {
  return frame.split('\n').find((l) => start.test(l)) ?? '';
}

/** Pod names in list order, read from the frame's rows. */
export function podNames(frame: string): string[] {
  return frame
    .split('\n')
    .map((l) => /^[> ][*+ ](\S+)\s+\d+\/\d+\s/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined);
}
