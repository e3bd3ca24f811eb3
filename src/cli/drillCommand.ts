// `podscope sim script FILE`: plays an incident drill (src/sim/rehearse/drill.ts) on the seeded
// simulator on a manual clock, headless, and prints what happened in order: each fault as it is
// injected and every Event the cluster records, with its simulated time after the start. The
// same file and seed print the same lines on every run.
import { dirname, isAbsolute, join } from 'node:path';
import { existsSync } from 'node:fs';
import { errorText } from '../kube/errorText.js';
import { formatGoDuration, parseGoDuration } from '../kube/goDuration.js';
import type { Event } from '../kube/types.js';
import { ManualClock } from '../sim/clock.js';
import { Simulator } from '../sim/engine.js';
import { loadDrill, type Drill } from '../sim/rehearse/drill.js';
import { scheduleDrill, type DrillRecord } from '../sim/rehearse/playDrill.js';
import { loadScenario, resolveScenarioPath } from '../sim/scenario/index.js';
import { flagHelp, parseFlags, stringFlag, switchFlag, UsageError, type FlagSpec } from './args.js';
import type { CliIo } from './io.js';

export const DRILL_FLAGS: readonly FlagSpec[] = [
  { name: 'until', value: { name: 'DURATION' }, help: 'how long to play (default: the last step + 5m)' },
  { name: 'seed', value: { name: 'N' }, help: "the simulator's seed (default: the drill's seed, else 24301)" },
  { name: 'faults-only', help: 'print the faults and their outcomes, not every event' },
  { name: 'help', short: 'h', help: 'show this help' },
];

export const DRILL_USAGE = `Usage: podscope sim script FILE [flags]

Plays an incident drill — a YAML file of timed faults — on the seeded simulator, headless,
and prints each fault and every event the cluster records, at its simulated time after the
start. The same file and seed print the same lines every run. Format: README, "Rehearsing on
the simulator"; an example: fixtures/drills/node-loss.yaml.

Flags:
${flagHelp(DRILL_FLAGS)}`;

/** The simulator's seed when neither the flag nor the drill gives one (sim serve's default). */
const DEFAULT_SEED = 24301;
const START_MS = Date.UTC(2026, 0, 1);
const AFTER_LAST_STEP_MS = 5 * 60_000;

/** The drill's scenario: a path relative to the drill file, else a bundled name. */
function scenarioPath(drill: Drill): string {
  const name = drill.scenario ?? 'default';
  const relative = isAbsolute(name) ? name : join(dirname(drill.file), name);
  return existsSync(relative) ? relative : resolveScenarioPath(name);
}

function offset(ms: number): string {
  return `+${formatGoDuration(Math.max(0, ms - START_MS))}`.padEnd(11);
}

function objectRef(ev: Event): string {
  const o = ev.involvedObject ?? {};
  const kind = (o.kind ?? '').toLowerCase();
  return o.namespace ? `${kind}/${o.namespace}/${o.name ?? ''}` : `${kind}/${o.name ?? ''}`;
}

export async function runDrill(argv: string[], io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  let file: string;
  let untilMs: number | undefined;
  let seed: number | undefined;
  let faultsOnly: boolean;
  try {
    const args = parseFlags(argv, DRILL_FLAGS);
    if (switchFlag(args, 'help')) {
      io.stdout.write(DRILL_USAGE);
      return 0;
    }
    if (args.positionals.length !== 1) throw new UsageError(args.positionals.length === 0 ? 'a drill FILE is required' : `unexpected argument "${args.positionals[1]}"`);
    file = args.positionals[0]!;
    const until = stringFlag(args, 'until');
    if (until !== undefined) {
      untilMs = parseGoDuration(until);
      if (untilMs === undefined || untilMs <= 0) throw new UsageError(`--until must be a duration like 10m, got "${until}"`);
    }
    const seedText = stringFlag(args, 'seed');
    if (seedText !== undefined) {
      seed = Number(seedText);
      if (seedText.trim() === '' || !Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, got "${seedText}"`);
    }
    faultsOnly = switchFlag(args, 'faults-only');
  } catch (err) {
    if (!(err instanceof UsageError) && !(err instanceof Error && err.name === 'UsageError')) throw err;
    io.stderr.write(`podscope sim script: ${(err as Error).message}\n\n${DRILL_USAGE}`);
    return 2;
  }
  let drill: Drill;
  let sim: Simulator;
  let clock: ManualClock;
  try {
    drill = await loadDrill(file);
    const scenario = await loadScenario(scenarioPath(drill));
    clock = new ManualClock(START_MS);
    sim = new Simulator({ clock, seed: seed ?? drill.seed ?? DEFAULT_SEED, scenario });
  } catch (err) {
    io.stderr.write(`podscope sim script: ${errorText(err)}\n`);
    return 1;
  }
  const lastAt = drill.steps[drill.steps.length - 1]!.atMs;
  const endMs = START_MS + (untilMs ?? lastAt + AFTER_LAST_STEP_MS);
  let refused = 0;
  const out: string[] = [];
  const flush = (): void => {
    if (out.length > 0) io.stdout.write(out.splice(0).join(''));
  };
  const onStep = (r: DrillRecord): void => {
    if (!r.result.ok) refused++;
    const verdict = r.result.ok ? 'FAULT' : 'REFUSED';
    out.push(`${offset(r.atMs)} ${verdict.padEnd(8)} ${drill.file}:${r.step.line}: ${r.result.message}\n`);
  };
  if (!faultsOnly) {
    sim.store.watch('Event', {}, (w) => {
      if (w.type === 'DELETED') return;
      const ev = w.object;
      const count = (ev.count ?? 1) > 1 ? ` (x${ev.count})` : '';
      out.push(`${offset(clock.now())} ${(ev.type ?? '').padEnd(8)} ${(ev.reason ?? '').padEnd(18)} ${objectRef(ev)}: ${ev.message ?? ''}${count}\n`);
    });
  }
  io.stdout.write(`drill ${drill.file}: ${drill.steps.length} step(s) on scenario "${drill.scenario ?? 'default'}", seed ${seed ?? drill.seed ?? DEFAULT_SEED}, for ${formatGoDuration(endMs - START_MS)}\n`);
  sim.start();
  scheduleDrill(sim, drill, START_MS, onStep);
  // Minute by minute, so a long drill's lines are written as they come rather than held.
  while (clock.now() < endMs) {
    clock.advanceTo(Math.min(endMs, clock.now() + 60_000));
    flush();
  }
  flush();
  sim.stop();
  if (refused > 0) io.stderr.write(`podscope sim script: ${refused} step(s) were refused (see REFUSED above)\n`);
  return refused > 0 ? 1 : 0;
}
