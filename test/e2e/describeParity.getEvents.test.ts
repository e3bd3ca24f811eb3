// `podscope get pods` and `podscope events` against kubectl 1.33's `get pods` and `events`
// on the default scenario served by sim serve, frozen (a ManualClock nobody advances),
// in one namespace, all namespaces, -o wide, -l, --for, and an empty namespace.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/sim/engine.js';
import type { SimServer } from '../../src/sim/server/server.js';
import type { SimSource } from '../../src/source/sim.js';
import { eventsCommand } from '../../src/cli/events.js';
import { getPods, type OutputFormat } from '../../src/cli/getPods.js';
import type { CliIo } from '../../src/cli/io.js';
import { clockCandidates, frozenAt, KUBECTL, KUBECTL_133, kubectlTimed, simulatorEndingNow } from './helpers/parity.js';
import { serveSim, tls } from './helpers/serverHarness.js';

const SETTLE_MS = 150_000;

let dir: string;
let sim: Simulator;
let server: SimServer;
let kubeconfig: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-get-parity-'));
  const started = await simulatorEndingNow('default', SETTLE_MS);
  sim = started.sim;
  started.clock.advance(SETTLE_MS);
  ({ server, kubeconfig } = await serveSim(sim, { tls: tls(), kubeconfigAt: () => join(dir, 'kubeconfig') }));
});

afterAll(async () => {
  await server?.close();
  sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Output {
  out: string;
  err: string;
}

async function kubectl(args: string[]): Promise<Output & { before: number; after: number }> {
  const { stdout, stderr, before, after } = await kubectlTimed(kubeconfig, dir, args);
  return { out: stdout, err: stderr, before, after };
}

async function capture(fn: (io: CliIo) => Promise<number>): Promise<Output> {
  const o = { out: '', err: '' };
  const code = await fn({ stdout: { write: (s: string) => (o.out += s) }, stderr: { write: (s: string) => (o.err += s) }, env: {} });
  expect(code).toBe(0);
  return o;
}

/**
 * podscope's output must equal kubectl's at the instant the ages were computed: for
 * `get pods` that is the server's clock (kubectl asks for a Table and the server fills
 * AGE, here from the simulated clock), for `events` kubectl's own wall clock.
 */
async function expectSame(
  k: Output & { before: number; after: number },
  agesBy: 'server' | 'kubectl',
  ours: (source: SimSource) => (io: CliIo) => Promise<number>,
): Promise<void> {
  const expected = { out: k.out, err: k.err };
  const [first, ...rest] = agesBy === 'server' ? [sim.clock.now()] : clockCandidates(sim, k.before, k.after);
  for (const t of rest) {
    if (JSON.stringify(await capture(ours(frozenAt(sim, t)))) === JSON.stringify(expected)) return;
  }
  expect(await capture(ours(frozenAt(sim, first!)))).toEqual(expected);
}

describe(`get pods and events: podscope vs ${KUBECTL === KUBECTL_133 ? 'kubectl 1.33' : 'kubectl'}`, () => {
  const gets: [string, string[], string | undefined, OutputFormat, string | undefined][] = [
    ['-n shop', ['-n', 'shop'], 'shop', 'table', undefined],
    ['-n batch -o wide', ['-n', 'batch', '-o', 'wide'], 'batch', 'wide', undefined],
    ['-A', ['-A'], undefined, 'table', undefined],
    ['-A -o wide', ['-A', '-o', 'wide'], undefined, 'wide', undefined],
    ['-n default -l app=web', ['-n', 'default', '-l', 'app=web'], 'default', 'table', 'app=web'],
    ['-n shop -l app=nothing', ['-n', 'shop', '-l', 'app=nothing'], 'shop', 'table', 'app=nothing'],
    ['-n kube-public (empty)', ['-n', 'kube-public'], 'kube-public', 'table', undefined],
  ];
  it.each(gets)('get pods %s', async (_label, args, namespace, output, labelSelector) => {
    const k = await kubectl(['get', 'pods', ...args]);
    await expectSame(k, 'server', (source) => (io) => getPods(source, { namespace, output, labelSelector }, io));
  });

  const events: [string, string[], string | undefined, string | undefined][] = [
    ['-n shop', ['-n', 'shop'], 'shop', undefined],
    ['-n batch', ['-n', 'batch'], 'batch', undefined],
    ['-A', ['-A'], undefined, undefined],
    ['-n batch --for pod/memory-hog', ['-n', 'batch', '--for', 'pod/memory-hog'], 'batch', 'pod/memory-hog'],
    ['-n kube-public (empty)', ['-n', 'kube-public'], 'kube-public', undefined],
  ];
  it.each(events)('events %s', async (_label, args, namespace, forObject) => {
    const k = await kubectl(['events', ...args]);
    await expectSame(k, 'kubectl', (source) => (io) => eventsCommand(source, { namespace, forObject, follow: false }, io));
  });
});
