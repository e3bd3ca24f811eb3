// `podscope timeline pod NAME [-n NS] [--follow]`: seeded from the pod's status and events,
// then (with --follow) each change as the watch brings it, ending when the pod is gone.
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { CliIo } from '../../../src/cli/io.js';
import { timelineCommand } from '../../../src/cli/timeline.js';
import { loadScenario, resolveScenarioPath } from '../../../src/sim/scenario/index.js';
import { SimSource } from '../../../src/source/sim.js';
import { createTestSimulator } from '../../ui/testSimulator.js';
import { turns } from '../state/simHarness.js';

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

describe('podscope timeline pod', () => {
  it('prints the crash-looping pod seeded from what its status and events say (after the one-shot settle of 30 s)', async () => {
    const c = io();
    expect(await main(['timeline', 'pod', 'crashloop', '--sim', 'crashloop'], c)).toBe(0);
    const lines = c.out.split('\n');
    expect(lines[0]).toMatch(/^Timeline of pod default\/crashloop, from \d{4}-\d\d-\d\d UTC$/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d \+0s\s+Created$/);
    expect(c.out).toMatch(/\+16s\s+app: 2 earlier runs before this point/);
    expect(c.out).toMatch(/\+18s\s+app: Running → Terminated Error \(exit 1\)/);
    expect(c.out).toMatch(/\+18s\s+app: Terminated Error \(exit 1\) → Waiting CrashLoopBackOff \(back-off 20s\)/);
    expect(c.out).toMatch(/app: BackOff \(×3\) Back-off restarting failed container app/);
    expect(c.err).toBe('');
  });

  it('usage and a missing pod', async () => {
    const c = io();
    expect(await main(['timeline', 'pods'], c)).toBe(2);
    expect(c.err).toContain('timeline: usage: podscope timeline pod NAME [-n NS] [--follow]');
    const d = io();
    expect(await main(['timeline', 'pod', 'nope', '--sim', 'crashloop'], d)).toBe(1);
    expect(d.err).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('--follow prints each new entry once as it comes, and ends when the pod is gone', async () => {
    const sim = createTestSimulator(await loadScenario(resolveScenarioPath('crashloop')));
    stop = () => sim.stop();
    sim.clock.advance(3_000);
    const source = new SimSource(sim);
    const c = io();
    let done = false;
    const run = timelineCommand(source, { namespace: 'default', pod: 'crashloop', follow: true }, c).then((code) => ((done = true), code));
    await turns(5);
    expect(c.out).toMatch(/\+2s\s+app: Waiting ContainerCreating → Running|\+2s\s+app: Running/);
    expect(c.out).not.toContain('restart 2');
    for (let t = 0; t < 20; t++) {
      sim.clock.advance(1_000);
      await turns(3);
    }
    expect(c.out).toMatch(/\+16s\s+app: Terminated Error \(exit 1\) → Running \(restart 2, 10s after the exit\)/);
    const lines = c.out.trimEnd().split('\n');
    expect(new Set(lines).size).toBe(lines.length);
    expect(done).toBe(false);
    await source.deletePod('default', 'crashloop', 0);
    await turns(5);
    expect(await run).toBe(0);
    expect(c.out.trimEnd().split('\n').pop()).toMatch(/Gone: the pod left the API$/);
  });
});
