// What the podscope-vs-kubectl parity tests share: kubectl 1.33 when this machine has it, a
// simulator whose clock ends at real now, the same simulator frozen at any instant, and the
// instants at which kubectl may have read its clock.
import { existsSync } from 'node:fs';
import type { Clock } from '../../../src/sim/clock.js';
import { ManualClock } from '../../../src/sim/clock.js';
import { Simulator } from '../../../src/sim/engine.js';
import { loadScenario, resolveScenarioPath } from '../../../src/sim/scenario/index.js';
import { SimSource } from '../../../src/source/sim.js';
import { execKubectl } from './serverHarness.js';

export const KUBECTL_133 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
export const KUBECTL = existsSync(KUBECTL_133) ? KUBECTL_133 : 'kubectl';

/**
 * The fixture's simulator, started on a ManualClock that ends at real now (to the second)
 * once the caller has advanced it by `totalMs`, so kubectl's ages (its wall clock) and
 * podscope's measure from the same instant.
 */
export async function simulatorEndingNow(fixture: string, totalMs: number): Promise<{ sim: Simulator; clock: ManualClock }> {
  const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000 - totalMs);
  const sim = new Simulator({ clock, scenario: await loadScenario(resolveScenarioPath(fixture)) });
  sim.start();
  return { sim, clock };
}

/** The simulator's store and api with time stopped at `nowMs` (kubectl's wall clock). */
export function frozenAt(sim: Simulator, nowMs: number): SimSource {
  const clock: Clock = { ...sim.clock, now: () => nowMs, speed: 1 } as Clock;
  return new SimSource({ store: sim.store, api: sim.api, clock });
}

/** The parity kubectl in UTC, with the wall-clock interval it ran in. */
export async function kubectlTimed(kubeconfig: string, home: string, args: string[]): Promise<{ stdout: string; stderr: string; before: number; after: number }> {
  const before = Date.now();
  const { stdout, stderr } = await execKubectl(kubeconfig, args, { PATH: process.env.PATH, HOME: home, TZ: 'UTC' }, KUBECTL);
  return { stdout, stderr, before, after: Date.now() };
}

/**
 * Every instant within [before, after] at which the output can change: `before`, then each
 * time an age ticks over. Ages tick on whole seconds of a timestamp, and event MicroTimes
 * (eventTime, series.lastObservedTime) carry milliseconds, so each such timestamp adds its
 * own phase. kubectl read its clock somewhere in the interval (over a second when loaded).
 */
export function clockCandidates(sim: Simulator, before: number, after: number): number[] {
  const phases = new Set<number>([0]);
  for (const ev of sim.store.list('Event', {}).items) {
    for (const t of [ev.eventTime, ev.series?.lastObservedTime]) {
      const ms = t ? Date.parse(t) : NaN;
      if (!Number.isNaN(ms)) phases.add(((ms % 1000) + 1000) % 1000);
    }
  }
  const out = new Set<number>([before]);
  for (const phase of phases) {
    for (let t = Math.floor(before / 1000) * 1000 + phase; t <= after; t += 1000) if (t > before) out.add(t);
  }
  return [...out].sort((a, b) => a - b);
}
