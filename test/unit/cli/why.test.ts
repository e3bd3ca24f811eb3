// `podscope why pod NAME`: the findings with their evidence and fixes, on the simulator (in
// process, as the binary runs it) and on a hand-made cluster; exit 0, NotFound exit 1.
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { CliIo } from '../../../src/cli/io.js';
import { whyCommand } from '../../../src/cli/why.js';
import { loadScenario, resolveScenarioPath } from '../../../src/sim/scenario/index.js';
import { SimSource } from '../../../src/source/sim.js';
import { createTestSimulator } from '../../ui/testSimulator.js';

interface Captured extends CliIo {
  out: string;
  err: string;
}

function io(): Captured {
  const c: Captured = { out: '', err: '', stdout: { write: (s: string) => (c.out += s) }, stderr: { write: (s: string) => (c.err += s) }, env: {} };
  return c;
}

let stop: (() => void) | undefined;
afterEach(() => stop?.());

let current: ReturnType<typeof createTestSimulator> | undefined;

async function on(fixture: string, advanceMs: number): Promise<SimSource> {
  const sim = createTestSimulator(await loadScenario(resolveScenarioPath(fixture)));
  current = sim;
  stop = () => sim.stop();
  sim.clock.advance(advanceMs);
  return new SimSource(sim);
}

describe('podscope why pod', () => {
  it('crash loop: the exit, the restarts, the next start, the last log line and the fix', async () => {
    const source = await on('crashloop', 120_000);
    const c = io();
    expect(await whyCommand(source, 'default', 'crashloop', c)).toBe(0);
    expect(c.err).toBe('');
    const lines = c.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Pod default\/crashloop: crash-looping \(exit 1\), next in \d+s$/);
    expect(lines[1]).toMatch(/^✗ container app is crash-looping: exit 1 \d+s ago, restarted 4 times, next start in \d+s$/);
    expect(c.out).toMatch(/\n {4}app: lastState\.terminated Error exit 1 {2}\(2026-01-01T00:01:\d\dZ\)\n/);
    // The previous instance's last words, read through the logs API (--previous --tail 1).
    expect(c.out).toMatch(/\n {4}last log line: .*connection refused/);
    expect(lines.at(-1)).toMatch(/^ {2}→ fix: the program exits with 1/);
  });

  it('unschedulable: what would fit, from the nodes', async () => {
    const source = await on('unschedulable', 10_000);
    const c = io();
    expect(await whyCommand(source, 'default', 'big-batch', c)).toBe(0);
    expect(c.out).toContain("→ fix: the request of 64 CPU is larger than any node's allocatable 4 CPU");
  });

  it('a ConfigMap created after the failure is noticed: the next sync starts the container', async () => {
    const source = await on('missing-config', 30_000);
    const c = io();
    await whyCommand(source, 'default', 'env-missing-configmap', c);
    expect(c.out).toContain('ConfigMap feature-flags: not found');
    current!.api.create('ConfigMap', { metadata: { name: 'feature-flags', namespace: 'default' }, data: {} });
    const again = io();
    await whyCommand(source, 'default', 'env-missing-configmap', again);
    expect(again.out).toContain('ConfigMap feature-flags exists now');
  });

  it('a Ready pod: Ready, no findings', async () => {
    const source = await on('nginx', 30_000);
    const c = io();
    expect(await whyCommand(source, 'default', 'nginx', c)).toBe(0);
    expect(c.out).toBe('Pod default/nginx: Ready\n✓ Ready: nothing keeps it from serving\n');
  });

  it('through the binary\'s entry: -n, NotFound (exit 1), usage (exit 2)', async () => {
    const c = io();
    expect(await main(['why', 'pod', 'payments', '-n', 'shop', '--sim', 'default'], c)).toBe(0);
    expect(c.out).toMatch(/^Pod shop\/payments: image pull failing, next in \d+s\n✗ container payments: image "ghcr\.io\/example\/payments:1\.4-does-not-exist" does not pull/);
    const missing = io();
    expect(await main(['why', 'pod', 'nope', '--sim', 'default'], missing)).toBe(1);
    expect(missing.err).toBe('Error from server (NotFound): pods "nope" not found\n');
    const usage = io();
    expect(await main(['why', 'deployment', 'web', '--sim'], usage)).toBe(2);
    expect(usage.err).toMatch(/why: usage: podscope why pod NAME \[-n NS\]/);
  });
});
