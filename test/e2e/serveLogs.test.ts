// `kubectl logs -f` against `podscope sim serve` on the real clock: the chatty fixture's
// thousand lines a second arrive as a chunked stream, in order, and the stream ends cleanly
// when the container stops (its pod deleted).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchPerTest, serveInProcess } from './helpers/liveSource.js';
import { kubectlAvailable, waitFor } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();
const scratch = scratchPerTest('podscope-serve-logs-');

describe.runIf(haveKubectl)('kubectl logs -f against sim serve', () => {
  it('streams the chatty service in real time, each request id once and in order', async () => {
    const kubeconfig = join(scratch.dir, 'kc');
    const served = await serveInProcess(['--scenario', 'chatty', '--kubeconfig-out', kubeconfig], scratch);
    await waitFor('the chatty pod to run', () => served.sim.store.list('Pod').items.some((p) => p.status?.containerStatuses?.[0]?.state?.running));
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, 'logs', '-f', 'deploy/chatty', '--tail', '1'], { env: { ...process.env, HOME: scratch.dir } });
    let out = '';
    let err = '';
    let exit: number | null | undefined;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (exit = code));
    const ids = (): number[] => [...out.matchAll(/ INFO request id=(\d+) /g)].map((m) => Number(m[1]));
    await waitFor('500 lines streamed', () => ids().length >= 500, 20_000);
    const got = ids();
    expect(got.slice(1).every((id, i) => id === got[i]! + 1)).toBe(true);
    expect(exit).toBeUndefined();
    const pod = served.sim.store.list('Pod').items[0]!.metadata!.name!;
    const deleted = spawn('kubectl', ['--kubeconfig', kubeconfig, 'delete', 'pod', pod, '--wait=false'], { env: { ...process.env, HOME: scratch.dir } });
    await new Promise((r) => deleted.on('close', r));
    await waitFor('kubectl -f to end with the container', () => exit !== undefined, 20_000);
    expect(err).toBe('');
    expect(exit).toBe(0);
  });
});
