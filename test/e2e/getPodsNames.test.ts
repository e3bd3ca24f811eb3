// `podscope get pods NAME…` against kubectl's own answer from the same `sim serve`: stdout,
// stderr (one NotFound line per missing name, after the table) and the exit code.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { getPods, type OutputFormat } from '../../src/cli/getPods.js';
import type { Simulator } from '../../src/sim/engine.js';
import type { SimServer } from '../../src/sim/server/server.js';
import { frozenAt, KUBECTL, simulatorEndingNow } from './helpers/parity.js';
import { serveSim, tls } from './helpers/serverHarness.js';

let dir: string;
let sim: Simulator;
let server: SimServer;
let kubeconfig: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-get-names-'));
  const started = await simulatorEndingNow('default', 60_000);
  sim = started.sim;
  started.clock.advance(60_000);
  ({ server, kubeconfig } = await serveSim(sim, { tls: tls(), kubeconfigAt: () => join(dir, 'kubeconfig') }));
});

afterAll(async () => {
  await server?.close();
  sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  out: string;
  err: string;
  code: number;
}

function kubectl(args: string[]): Promise<Answer> {
  return new Promise((resolve) => {
    execFile(KUBECTL, ['--kubeconfig', kubeconfig, ...args], { env: { PATH: process.env.PATH, HOME: dir, TZ: 'UTC' } }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ out: stdout, err: stderr, code });
    });
  });
}

async function podscope(namespace: string | undefined, names: string[], output: OutputFormat, labelSelector?: string): Promise<Answer> {
  const a = { out: '', err: '', code: 0 };
  const io = { stdout: { write: (s: string) => (a.out += s) }, stderr: { write: (s: string) => (a.err += s) }, env: {} };
  a.code = await getPods(frozenAt(sim, sim.clock.now()), { namespace, output, names, labelSelector }, io);
  return a;
}

function shopPods(): string[] {
  return sim.store
    .list('Pod', { namespace: 'shop' })
    .items.map((p) => p.metadata!.name!)
    .sort();
}

describe('get pods NAME…: podscope vs kubectl', () => {
  it('one name: one row, exit 0', async () => {
    const [name] = shopPods();
    expect(await podscope('shop', [name!], 'table')).toEqual(await kubectl(['get', 'pods', '-n', 'shop', name!]));
  });

  it('a missing name: NotFound on stderr, nothing on stdout, exit 1', async () => {
    const k = await kubectl(['get', 'pods', '-n', 'shop', 'nope']);
    expect(k).toEqual({ out: '', err: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(await podscope('shop', ['nope'], 'table')).toEqual(k);
  });

  it('several names, some missing, one repeated: the found rows in order, then a NotFound line per missing name, exit 1', async () => {
    const [a, b] = shopPods();
    const names = ['nope', b!, 'nope2', a!, b!];
    const k = await kubectl(['get', 'pods', '-n', 'shop', ...names]);
    expect(k.code).toBe(1);
    expect(await podscope('shop', names, 'table')).toEqual(k);
  });

  it.each<[OutputFormat, string[]]>([
    ['json', []],
    ['yaml', []],
    ['json', ['nope']],
    ['wide', ['nope']],
  ])('-o %s with names %j', async (output, extra) => {
    const [a] = shopPods();
    const names = [a!, ...extra];
    const k = await kubectl(['get', 'pods', '-n', 'shop', '-o', output, ...names]);
    const ours = await podscope('shop', names, output);
    if (output === 'json') expect({ ...ours, out: JSON.parse(ours.out) }).toEqual({ ...k, out: JSON.parse(k.out) });
    else if (output === 'yaml') expect({ ...ours, out: parse(ours.out) }).toEqual({ ...k, out: parse(k.out) });
    else expect(ours).toEqual(k);
  });

  it('a name with -A, or with -l: kubectl\'s errors, exit 1', async () => {
    const [a] = shopPods();
    expect(await podscope(undefined, [a!], 'table')).toEqual(await kubectl(['get', 'pods', '-A', a!]));
    expect(await podscope('shop', [a!], 'table', 'app=x')).toEqual(await kubectl(['get', 'pods', '-n', 'shop', '-l', 'app=x', a!]));
  });
});
