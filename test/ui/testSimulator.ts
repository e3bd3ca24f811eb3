import { ManualClock } from '../../src/sim/clock.js';
import { Simulator } from '../../src/sim/engine.js';
import type { Scenario } from '../../src/sim/scenario/index.js';

/** A simulator on a manual clock, started: for tests that step time themselves. */
export function createTestSimulator(scenario?: Scenario, seed?: number): Simulator & { clock: ManualClock } {
  const sim = new Simulator({ clock: new ManualClock(), scenario, seed, freezeObjects: true });
  sim.start();
  return sim as Simulator & { clock: ManualClock };
}
