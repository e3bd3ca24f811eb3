// The real binary's start path against `sim serve` through a kubeconfig: the start trace's
// phases in order, V8 taking the build-time code cache of the TUI's modules (a run-time V8
// flag set before they are compiled makes it refuse every cache), and a kubeconfig that only
// the yaml library reads (JSON, flow style) still opening the cluster, the library loaded only
// for it. Needs dist/ (npm test builds it first) and tmux.
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, startLiveCluster, type LiveCluster } from './helpers/kubeTui.js';
import { TmuxSession } from './helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLE = join(ROOT, 'dist', 'bundle', 'podscope.js');

let cluster: LiveCluster | undefined;
const sessions: TmuxSession[] = [];

beforeAll(async () => {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first (npm test does it)`);
  cluster = await startLiveCluster(await fixtures('default'));
});

afterAll(async () => {
  for (const s of sessions) s.kill();
  await cluster?.close();
});

interface TracedPhase {
  name: string;
  at: number;
  cpu: number;
  note?: string;
}

function readTrace(path: string): TracedPhase[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(' '))
    .map(([name, at, cpu, note]) => ({ name: name!, at: Number(at), cpu: Number(cpu), note }));
}

/** The binary under tmux on `kubeconfig`, until its start trace has the first frame with rows. */
async function startTraced(name: string, kubeconfig: string): Promise<{ session: TmuxSession; phases: TracedPhase[] }> {
  const trace = join(cluster!.dir, `start-${name}`);
  const session = TmuxSession.start({
    name,
    cwd: ROOT,
    columns: 160,
    rows: 45,
    env: { ...process.env, HOME: cluster!.dir, PODSCOPE_START_TRACE: trace },
    command: `node bin/podscope.js --kubeconfig ${kubeconfig} -A; exec cat`,
  });
  sessions.push(session);
  await session.waitFor('the pod list', (s) => s.includes('Pods(all)[') && /^[> ][*+ ]shop\s+cart-/m.test(s), 30_000);
  const phases = readTrace(trace);
  return { session, phases };
}

describe('the start path of the built binary against `sim serve`', () => {
  it('traces its phases in order, and V8 takes the code cache of the TUI modules', async () => {
    const { phases } = await startTraced('traced', cluster!.kubeconfig);
    const names = phases.map((p) => p.name);
    expect(names.slice(0, 3)).toEqual(['start', 'main', 'connected']);
    expect(names).toEqual(expect.arrayContaining(['pods', 'ui', 'frame', 'rows']));
    expect(names.indexOf('rows')).toBeGreaterThan(names.indexOf('ui'));
    for (let i = 1; i < phases.length; i++) expect(phases[i]!.at).toBeGreaterThanOrEqual(phases[i - 1]!.at);
    expect(phases.find((p) => p.name === 'ui')?.note).toBe('code-cache=accepted');
  }, 60_000);

  it('opens a kubeconfig that only the yaml library reads (JSON), as it opens the same one in block style', async () => {
    const json = join(cluster!.dir, 'kubeconfig.json');
    writeFileSync(json, JSON.stringify(parse(readFileSync(cluster!.kubeconfig, 'utf8'))));
    const { session, phases } = await startTraced('json', json);
    expect(session.screen()).toContain('Pods(all)[');
    expect(phases.map((p) => p.name)).toContain('rows');
  }, 60_000);
});
