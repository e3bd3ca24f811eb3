// Seeded malformed scenarios: a bundled scenario with one mutation applied (a field's value
// replaced by a value of another type, a key removed or added, the text cut or garbled).
// Every outcome must be a loaded simulator that runs, or a ScenarioError naming file:line:col —
// never another exception, and never a hang.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { ManualClock } from '../../src/sim/clock.js';
import { Simulator } from '../../src/sim/engine.js';
import { Random } from '../../src/sim/random.js';
import { bundledScenarioNames, fixturesDir, parseScenario, ScenarioError } from '../../src/sim/scenario/index.js';

const ODD_VALUES: readonly unknown[] = [
  'three', -1, 0, 1.5, 2 ** 40, true, null, [], {}, [1, 2], { a: 1 }, '', 'garbage', '* * * * * *', '61 * * * *', 'x'.repeat(300), '-5', 'Always', '100Gi', '-1m',
];

export type Outcome = 'accepted' | 'scenario-error' | 'crash';

export interface FuzzResult {
  inputs: number;
  outcomes: Record<Outcome, number>;
  /** The first few crashes (input and error), for the failure message. */
  crashes: { input: string; error: string }[];
  slowestMs: number;
}

type Json = Record<string, unknown> | unknown[];

function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([...prefix, i]), paths(v, [...prefix, i], out)));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) (out.push([...prefix, k]), paths(v, [...prefix, k], out));
  return out;
}

function parentOf(root: unknown, path: (string | number)[]): Json | undefined {
  let cur: unknown = root;
  for (const seg of path.slice(0, -1)) cur = (cur as Record<string | number, unknown>)[seg];
  return cur && typeof cur === 'object' ? (cur as Json) : undefined;
}

function mutateObjects(text: string, rnd: Random): string {
  const docs = parseAllDocuments(text).map((d) => d.toJS() as unknown);
  const doc = rnd.int(docs.length);
  const all = paths(docs[doc]);
  if (all.length === 0) return text;
  const path = all[rnd.int(all.length)]!;
  const parent = parentOf(docs[doc], path) as Record<string | number, unknown> | undefined;
  const last = path[path.length - 1]!;
  if (!parent) return text;
  const kind = rnd.int(3);
  if (kind === 0) parent[last] = structuredClone(ODD_VALUES[rnd.int(ODD_VALUES.length)]);
  else if (kind === 1) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (!Array.isArray(parent)) parent[`extra${rnd.int(5)}`] = structuredClone(ODD_VALUES[rnd.int(ODD_VALUES.length)]);
  return docs.map((d) => stringify(d)).join('---\n');
}

function mutateText(text: string, rnd: Random): string {
  const at = rnd.int(text.length + 1);
  switch (rnd.int(4)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + ['\t', ':', '- ', '{', '"', '\n  ', '&a ', '*a', '!!binary ', '? '][rnd.int(10)] + text.slice(at);
    case 2: {
      const lines = text.split('\n');
      const i = rnd.int(lines.length);
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    }
    default: {
      const lines = text.split('\n');
      const i = rnd.int(lines.length);
      lines[i] = ` ${lines[i] ?? ''}`;
      return lines.join('\n');
    }
  }
}

/** One generated scenario text (deterministic in `seed`). */
export function malformedScenario(seed: number): string {
  const rnd = new Random(seed);
  const names = bundledScenarioNames();
  const name = names[rnd.int(names.length)]!;
  const text = readFileSync(join(fixturesDir(), `${name}.yaml`), 'utf8');
  const rounds = 1 + rnd.int(2);
  let out = text;
  for (let i = 0; i < rounds; i++) {
    try {
      out = rnd.int(3) === 0 ? mutateText(out, rnd) : mutateObjects(out, rnd);
    } catch {
      out = mutateText(out, rnd);
    }
  }
  return out;
}

/** Parses and, when accepted, runs five simulated minutes of the scenario. */
export function tryScenario(text: string): { outcome: Outcome; error?: string } {
  let scenario;
  try {
    scenario = parseScenario(text, 'fuzz.yaml');
  } catch (err) {
    if (err instanceof ScenarioError && /^fuzz\.yaml:\d+:\d+: \S/.test(err.message)) return { outcome: 'scenario-error' };
    return { outcome: 'crash', error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  const failures: unknown[] = [];
  try {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    clock.onError = (e) => failures.push(e);
    const sim = new Simulator({ clock, scenario });
    sim.start();
    for (let i = 0; i < 30; i++) clock.advance(10_000);
    sim.stop();
  } catch (err) {
    failures.push(err);
  }
  if (failures.length > 0) return { outcome: 'crash', error: `accepted, then the simulator failed: ${String(failures[0])}` };
  return { outcome: 'accepted' };
}

export function fuzzScenarios(seed: number, count: number): FuzzResult {
  const result: FuzzResult = { inputs: 0, outcomes: { accepted: 0, 'scenario-error': 0, crash: 0 }, crashes: [], slowestMs: 0 };
  for (let i = 0; i < count; i++) {
    const text = malformedScenario(seed * 1_000_003 + i);
    const t0 = performance.now();
    const r = tryScenario(text);
    result.slowestMs = Math.max(result.slowestMs, performance.now() - t0);
    result.inputs++;
    result.outcomes[r.outcome]++;
    if (r.outcome === 'crash' && result.crashes.length < 5) result.crashes.push({ input: text, error: r.error ?? '' });
  }
  return result;
}


