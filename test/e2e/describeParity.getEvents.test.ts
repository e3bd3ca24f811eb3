// `podscope get pods` and `podscope events` against kubectl 1.33's `get pods` and `events`
// on the default scenario served by sim serve, frozen (a ManualClock nobody advances),
// in one namespace, all namespaces, -o wide, -l, --for, and an empty namespace.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/sim/clock.js';
import { ManualClock } from '../../src/sim/clock.js';
import { Simulator } from '../../src/sim/engine.js';
import { loadScenario, resolveScenarioPath } from '../../src/sim/scenario/index.js';
import { writeKubeconfig } from '../../src/sim/server/kubeconfig.js';
import { startSimServer, type SimServer } from '../../src/sim/server/server.js';
import { mintTlsMaterial } from '../../src/sim/server/tls.js';
import { SimSource } from '../../src/source/sim.js';
import { eventsCommand } from '../../src/ui/headless/events.js';
import { getPods, type OutputFormat } from '../../src/ui/headless/getPods.js';
import type { CliIo } from '../../src/ui/headless/io.js';

const run = promisify(execFile);
const KUBECTL_133 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const KUBECTL = existsSync(KUBECTL_133) ? KUBECTL_133 : 'kubectl';
const TOKEN = 'get-events-parity';
const SETTLE_MS = 150_000;

let dir: string;
let sim: Simulator;
let server: SimServer;
let kubeconfig: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-get-parity-'));
  const tls = await mintTlsMaterial(join(dir, 'pki'), ['127.0.0.1']);
  // The clock ends at real now, so kubectl's ages (its wall clock) and ours agree.
  const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000 - SETTLE_MS);
  sim = new Simulator({ clock, scenario: await loadScenario(resolveScenarioPath('default')) });
  sim.start();
  clock.advance(SETTLE_MS);
  server = await startSimServer({ sim, token: TOKEN, tls: { cert: tls.certPem, key: tls.keyPem } });
  kubeconfig = join(dir, 'kubeconfig');
  await writeKubeconfig(kubeconfig, { server: server.url, token: TOKEN, caPem: tls.caPem });
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
  const before = Date.now();
  const { stdout, stderr } = await run(KUBECTL, ['--kubeconfig', kubeconfig, ...args], { env: { PATH: process.env.PATH, HOME: dir, TZ: 'UTC' } });
  return { out: stdout, err: stderr, before, after: Date.now() };
}

function frozenAt(nowMs: number): SimSource {
  const clock: Clock = { ...sim.clock, now: () => nowMs, speed: 1 } as Clock;
  return new SimSource({ store: sim.store, api: sim.api, clock });
}

async function capture(fn: (io: CliIo) => Promise<number>): Promise<Output> {
  const o = { out: '', err: '' };
  const code = await fn({ stdout: { write: (s: string) => (o.out += s) }, stderr: { write: (s: string) => (o.err += s) }, env: {} });
  expect(code).toBe(0);
  return o;
}

/**
 * Every instant within [before, after] at which the output can change: `before`, then each
 * time an age ticks over. Ages tick on whole seconds of a timestamp, and event MicroTimes
 * (eventTime, series.lastObservedTime) carry milliseconds, so each such timestamp adds its
 * own phase. kubectl read its clock somewhere in the interval (over a second when loaded).
 */
function clockCandidates(before: number, after: number): number[] {
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
  const [first, ...rest] = agesBy === 'server' ? [sim.clock.now()] : clockCandidates(k.before, k.after);
  for (const t of rest) {
    if (JSON.stringify(await capture(ours(frozenAt(t)))) === JSON.stringify(expected)) return;
  }
  expect(await capture(ours(frozenAt(first!)))).toEqual(expected);
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
