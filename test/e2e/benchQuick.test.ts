// `npm run bench -- --quick` is CI's guard that the benchmark script keeps running (it once
// pointed at a path the build never wrote): the real npm script, its JSON, every benchmark.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

it('npm run bench -- --quick prints one JSON document with engine, state and server figures', async () => {
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('npm', ['run', 'bench', '--silent', '--', '--quick'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, out, errOut) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout: out, stderr: errOut });
    });
  });
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  const result = JSON.parse(stdout) as Record<string, unknown>;
  expect(result).toMatchObject({ quick: true, engine: { 'engine.pods': 1000 }, state: { pods: 10_000 } });
  expect(Object.keys(result)).toEqual(expect.arrayContaining(['engine', 'state', 'server']));
  // The live heap per pod the list keeps, against the whole objects it was given.
  expect(result).toMatchObject({ heap: { pods: 2_000 } });
  const heap = result.heap as Record<string, number>;
  expect(heap.tableKBPerPod).toBeLessThan(heap.wholeObjectKBPerPod!);
  // The sync under writes ended equal to the server's LIST; the real binary drew its pods.
  expect(result).toMatchObject({ sync: { pods: 2_000, differences: [] }, binary: { '200': { pods: 200, kubectlRows: 200 } } });
  const binary = (result.binary as Record<string, Record<string, number>>)['200']!;
  for (const key of ['firstFrameMs', 'fullSyncMs', 'rssKBPerPod', 'idleCpuPercentEmpty', 'scrollP95Ms', 'describeP95Ms', 'fullSyncVsKubectlAll']) expect(binary[key]).toEqual(expect.any(Number));
  // The soak under faults: the view equals the server's LIST; what the source opened, it closed.
  const soak = result.soak as Record<string, unknown>;
  expect(soak).toMatchObject({ pods: 500, serverPods: 500, lost: 0, ghosts: 0, stale: 0, duplicated: 0, unknownDeltas: 0 });
  const fds = soak.fds as Record<string, number>;
  expect(fds.afterClose).toBe(fds.before);
  // The real binary under real API writes: every write reached its screen, and its pods watch
  // neither relisted nor dropped (its own counters, read through PODSCOPE_DELTA_LOG).
  const churn = result.churn as { pods: number; kubectlRows: number; steps: Record<string, unknown>[]; live: Record<string, unknown> };
  expect(churn).toMatchObject({ pods: 300, kubectlRows: 300 });
  expect(churn.steps).toHaveLength(1);
  expect(churn.steps[0]).toMatchObject({ failed: 0, unseen: 0 });
  expect(churn.steps[0]!.p95Ms).toEqual(expect.any(Number));
  // The same, for writes made in the server's process (the rate HTTP cannot reach): every one drawn.
  const stamped = (result.churn as { stampSteps: Record<string, unknown>[] }).stampSteps;
  expect(stamped).toHaveLength(1);
  expect(stamped[0]).toMatchObject({ askedPerSecond: 1_000, ackedPerSecond: 1_000, failed: 0, unseen: 0 });
  expect(churn.live).toMatchObject({ failed: 0, unseen: 0, counters: { syncs: 0, relists: 0, watches: 0, drops: 0 } });
}, 240_000);
