// The cluster a command runs against: the simulator (--sim, or no kubeconfig anywhere) or
// the kubeconfig's cluster.
import { homedir } from 'node:os';
import { errorText } from '../kube/errorText.js';
import type { ClusterSource } from '../source/types.js';
import type { CliIo } from './io.js';
import type { CliOptions } from './options.js';

export interface Opened {
  source: ClusterSource;
  close(): void;
  /** The simulator runs in this process (--sim, or no kubeconfig anywhere). */
  inProcess?: boolean;
}

/** The simulator, on a clock that follows real time at `speed`, or (headless one-shots) settled for `settleMs` first. */
async function openSimulator(scenarioName: string, speed: number, settleMs: number | undefined, readonly: boolean): Promise<Opened> {
  const [{ Simulator }, scenario, { SimSource }, { ManualClock }, { SimController }] = await Promise.all([
    import('../sim/engine.js'),
    import('../sim/scenario/index.js'),
    import('../source/sim.js'),
    import('../sim/clock.js'),
    import('../sim/rehearse/control.js'),
  ]);
  const loaded = await scenario.loadScenario(scenario.resolveScenarioPath(scenarioName));
  // On a whole second: timestamps are kept to the second, so a settled one-shot of the same
  // scenario prints the same relative times (+16s) whatever the millisecond it started on.
  const clock = settleMs === undefined ? undefined : new ManualClock(Math.floor(Date.now() / 1000) * 1000);
  const sim = new Simulator({ scenario: loaded, speed, clock });
  sim.start();
  if (clock && settleMs !== undefined) clock.advance(settleMs);
  return { source: new SimSource(sim, { scenario: scenarioName, readonly, control: new SimController(sim) }), close: () => sim.stop(), inProcess: true };
}

/**
 * Picks the cluster: --sim; else the kubeconfig (--kubeconfig, KUBECONFIG, ~/.kube/config);
 * with no kubeconfig anywhere, the simulator's default scenario — which a headless command
 * (`announceFallback`) says on stderr, so a script never acts on simulated pods unawares.
 * A kubeconfig that is there but broken never falls back: its problem is printed, exit 1.
 * `onConnecting` hears of a cluster's source once its start-up requests are sent (see resolveStartup).
 */
export async function openSource(opts: CliOptions, io: CliIo, settleMs?: number, announceFallback = false, onConnecting?: (source: ClusterSource) => void): Promise<Opened | number> {
  try {
    if (opts.sim !== undefined) return await openSimulator(opts.sim, opts.speed, settleMs, opts.readonly);
    const { resolveStartup, parseRequestTimeout } = await import('../source/kube/startup.js');
    const choice = await resolveStartup({
      kubeconfig: opts.kubeconfig,
      context: opts.context,
      namespace: opts.namespace,
      allNamespaces: opts.allNamespaces,
      env: io.env,
      homedir: io.env.HOME ?? homedir(),
      requestTimeoutMs: opts.requestTimeout === undefined ? undefined : parseRequestTimeout(opts.requestTimeout),
      source: { readonly: opts.readonly },
      onConnecting,
    });
    if (choice.kind === 'simulator') {
      if (announceFallback) io.stderr.write(`podscope: ${choice.reason}: using the simulator (scenario "default"); pass --sim to choose it, or --kubeconfig for a cluster\n`);
      return await openSimulator('default', opts.speed, settleMs, opts.readonly);
    }
    return { source: choice.source, close: () => choice.source.close() };
  } catch (err) {
    const message = errorText(err);
    io.stderr.write(`${message.startsWith('podscope:') ? message : `podscope: ${message}`}\n`);
    return 1;
  }
}

export function scopeOf(opts: CliOptions, source: ClusterSource): string | undefined {
  return opts.allNamespaces ? undefined : (opts.namespace ?? source.defaultNamespace());
}
