// `podscope describe pod X` against kubectl 1.33's `describe pod X`, for every pod of every
// fixture: both read the same frozen simulator (a ManualClock that nobody advances while
// they run), kubectl through the REST server over TLS, podscope through the headless
// command's own code path. Differences are compared line by line.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/sim/engine.js';
import { describePodCommand } from '../../src/cli/describePod.js';
import { clockCandidates, frozenAt, KUBECTL, KUBECTL_133, kubectlTimed, simulatorEndingNow } from './helpers/parity.js';
import { serveSim, tls } from './helpers/serverHarness.js';

// describe prints absolute times in the local zone: pin it for both sides.
process.env.TZ = 'UTC';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Simulated time a scenario runs before both describes: images pulling, init containers running. */
const EARLY_MS = 4_000;
/** …and later: crash loops, OOM kills and jobs have happened. */
const SETTLE_MS = 150_000;

const FIXTURES = readdirSync(join(ROOT, 'fixtures'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-describe-parity-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function podscopeDescribe(sim: Simulator, namespace: string, name: string, nowMs: number): Promise<string> {
  let out = '';
  let err = '';
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {} };
  const code = await describePodCommand(frozenAt(sim, nowMs), namespace, name, io);
  if (code !== 0) throw new Error(`podscope describe pod ${namespace}/${name} failed: ${err}`);
  return out;
}

/** The first differing lines, numbered, for a readable failure. */
function lineDiff(expected: string, actual: string): string[] {
  const e = expected.split('\n');
  const a = actual.split('\n');
  const out: string[] = [];
  for (let i = 0; i < Math.max(e.length, a.length) && out.length < 20; i++) {
    if (e[i] !== a[i]) out.push(`line ${i + 1}\n  kubectl:  ${JSON.stringify(e[i])}\n  podscope: ${JSON.stringify(a[i])}`);
  }
  return out;
}

interface Moment {
  /** Simulated ms from the scenario's start to the describes. */
  settleMs: number;
  /** Runs after settling (e.g. a graceful delete), then the clock moves `afterMs` more. */
  act?: (sim: Simulator) => void;
  afterMs?: number;
}

/** Runs a fixture to a moment, then describes every pod with both tools; returns the mismatches. */
async function compareAll(fixture: string, moment: Moment): Promise<{ pods: number; mismatches: string[]; kubectl: Map<string, string> }> {
  const total = moment.settleMs + (moment.afterMs ?? 0);
  const { sim, clock } = await simulatorEndingNow(fixture, total);
  clock.advance(moment.settleMs);
  if (moment.act) {
    moment.act(sim);
    clock.advance(moment.afterMs ?? 0);
  }
  const { server, kubeconfig } = await serveSim(sim, { tls: tls(), kubeconfigAt: (port) => join(dir, `kubeconfig-${fixture}-${port}`) });
  try {
    const pods = sim.store.list('Pod', {}).items.map((p) => [p.metadata!.namespace!, p.metadata!.name!] as const);
    const mismatches: string[] = [];
    const kubectl = new Map<string, string>();
    for (const [namespace, name] of pods) {
      const { stdout, before, after } = await kubectlTimed(kubeconfig, dir, ['describe', 'pod', name, '-n', namespace]);
      kubectl.set(`${namespace}/${name}`, stdout);
      const candidates: string[] = [];
      for (const t of clockCandidates(sim, before, after)) candidates.push(await podscopeDescribe(sim, namespace, name, t));
      if (!candidates.includes(stdout)) mismatches.push(`${namespace}/${name}:\n${lineDiff(stdout, candidates[0]!).join('\n')}`);
    }
    return { pods: pods.length, mismatches, kubectl };
  } finally {
    await server.close();
    sim.stop();
  }
}

describe(`describe pod: podscope vs ${KUBECTL === KUBECTL_133 ? 'kubectl 1.33' : 'kubectl (1.33 not found)'}`, () => {
  it.each(FIXTURES)('every pod of the %s fixture, early (pulling, init, starting)', async (fixture) => {
    const { pods, mismatches } = await compareAll(fixture, { settleMs: EARLY_MS });
    expect(pods).toBeGreaterThan(0);
    expect(mismatches.join('\n\n')).toBe('');
  });

  it.each(FIXTURES)('every pod of the %s fixture, settled (crash loops, OOM kills, finished jobs)', async (fixture) => {
    const { pods, mismatches } = await compareAll(fixture, { settleMs: SETTLE_MS });
    expect(pods).toBeGreaterThan(0);
    expect(mismatches.join('\n\n')).toBe('');
  });

  it('a pod in its grace period (Terminating) and the replacement beside it', async () => {
    let victim = '';
    const { pods, mismatches, kubectl } = await compareAll('deployment', {
      settleMs: 60_000,
      act: (sim) => {
        const pod = sim.store.list('Pod', { namespace: 'default' }).items[0]!;
        victim = pod.metadata!.name!;
        sim.api.delete('Pod', 'default', victim, { gracePeriodSeconds: 20 });
      },
      afterMs: 3_000,
    });
    // The deletionTimestamp is in the future during the grace period: kubectl says "<invalid>".
    expect(kubectl.get(`default/${victim}`)).toMatch(/^Status:\s+Terminating \(lasts <invalid>\)\nTermination Grace Period:\s+20s\n/m);
    expect(pods).toBeGreaterThan(1);
    expect(mismatches.join('\n\n')).toBe('');
  });
});
