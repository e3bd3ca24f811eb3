// Drill files: validation with file:line:col errors, and the replay's determinism.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDrill } from '../../../../src/cli/drillCommand.js';
import { parseDrill } from '../../../../src/sim/rehearse/drill.js';
import { fixturesDir } from '../../../../src/sim/scenario/index.js';

async function play(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runDrill(args, { stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: (s: string) => ((err += s), true) } } as never);
  return { code, out, err };
}

describe('parseDrill', () => {
  it('reads steps in time order, with their lines and faults', () => {
    const drill = parseDrill(
      `scenario: default
seed: 3
steps:
  - at: 2m
    action: stop-node
    node: sim-node-2
  - at: 30s
    action: crash
    namespace: shop
    selector: app=cart
    exitCode: 4
  - at: 1m
    action: fail-readiness
    pod: web
    for: 45s
`,
      'd.yaml',
    );
    expect(drill.scenario).toBe('default');
    expect(drill.seed).toBe(3);
    expect(drill.steps).toEqual([
      { atMs: 30_000, line: 7, fault: { action: 'crash', namespace: 'shop', pod: '-', exitCode: 4 }, selector: 'app=cart' },
      { atMs: 60_000, line: 12, fault: { action: 'fail-readiness', namespace: 'default', pod: 'web', forMs: 45_000 } },
      { atMs: 120_000, line: 4, fault: { action: 'stop-node', node: 'sim-node-2' } },
    ]);
  });

  it.each([
    ['an unknown top-level field', 'steps: []\nmode: fast\n', 'd.yaml:2:1: unknown field "mode" (allowed: scenario, seed, steps)'],
    ['no steps', 'scenario: default\n', 'd.yaml:1:1: steps must be a list of faults, each with at and action'],
    ['a step without at', 'steps:\n  - action: crash\n    pod: web\n', 'd.yaml:2:5: at: Required value (a duration after the start, like 30s or 2m)'],
    ['a bad at', 'steps:\n  - at: soon\n    action: crash\n    pod: web\n', 'd.yaml:2:9: at: "soon" is not a duration from 0s to 168h, like 30s or 2m'],
    ['an unknown action', 'steps:\n  - at: 1s\n    action: melt\n    pod: web\n', 'd.yaml:3:13: action: unsupported value "melt" (supported: crash, oom, fail-liveness, fail-readiness, fail-pulls, stop-node, start-node, delete-node)'],
    ['a bad exit code', 'steps:\n  - at: 1s\n    action: crash\n    pod: web\n    exitCode: 300\n', 'd.yaml:5:15: exitCode: must be an exit code (an integer 0-255)'],
    ['a timed fault without for', 'steps:\n  - at: 1s\n    action: fail-pulls\n    pod: web\n', 'd.yaml:2:5: for: Required value'],
    ['pod and selector', 'steps:\n  - at: 1s\n    action: oom\n    pod: web\n    selector: app=web\n', 'd.yaml:5:15: give pod or selector, not both'],
    ['a bad selector', 'steps:\n  - at: 1s\n    action: oom\n    selector: "app in (a"\n', 'd.yaml:4:15: selector:'],
    ['a field the action does not take', 'steps:\n  - at: 1s\n    action: stop-node\n    node: n\n    for: 1m\n', 'd.yaml:5:5: for: unknown field (allowed: action, node)'],
    ['YAML syntax', 'steps: [\n', 'd.yaml:2:1:'],
  ])('%s: a located error', (_name, text, message) => {
    expect(() => parseDrill(text, 'd.yaml')).toThrow(message);
  });
});

describe('podscope sim script', () => {
  it('the bundled drill plays identically twice: same faults, same events, same times', async () => {
    const file = join(fixturesDir(), 'drills', 'node-loss.yaml');
    const a = await play([file, '--until', '9m']);
    const b = await play([file, '--until', '9m']);
    expect(a.code).toBe(0);
    expect(a.err).toBe('');
    expect(a.out).toBe(b.out);
    const faults = a.out.split('\n').filter((l) => / FAULT /.test(l));
    expect(faults.map((l) => l.split(/\s+/)[0])).toEqual(['+30s', '+1m0s', '+1m30s', '+2m0s', '+8m0s']);
    // Cause before effect: the crash's event, then the kubelet's restart, in the same instant.
    const lines = a.out.split('\n');
    const crash = lines.findIndex((l) => l.includes('FaultInjected') && l.includes('Crashed container nginx with exit code 2'));
    expect(crash).toBeGreaterThan(0);
    expect(lines.slice(crash + 1, crash + 4).some((l) => l.includes('Started container nginx'))).toBe(true);
    expect(a.out).toMatch(/\+2m30s\s+Normal\s+NodeNotReady\s+node\/sim-node-2/);
    expect(a.out).toMatch(/\+7m30s\s+Normal\s+TaintManagerEviction .*Marking for deletion/);
  });

  it('another seed picks other pod names: the seed is part of the replay', async () => {
    const file = join(fixturesDir(), 'drills', 'node-loss.yaml');
    const a = await play([file, '--until', '2m', '--faults-only']);
    const b = await play([file, '--until', '2m', '--faults-only', '--seed', '7']);
    expect(a.out).not.toBe(b.out);
    expect(a.out.split('\n').filter((l) => l.includes('FAULT'))).toHaveLength(4);
  });

  it('a refused step is reported with its line and makes the exit code 1; a bad file is a located error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podscope-drill-'));
    const ok = join(dir, 'refused.yaml');
    writeFileSync(ok, 'scenario: nginx\nsteps:\n  - at: 5s\n    action: crash\n    pod: nope\n');
    const r = await play([ok, '--faults-only']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`+5s         REFUSED  ${ok}:3: pods "nope" not found in namespace default`);
    expect(r.err).toBe('podscope sim script: 1 step(s) were refused (see REFUSED above)\n');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'steps:\n  - at: 5s\n    action: crash\n');
    const b = await play([bad]);
    expect(b.code).toBe(1);
    expect(b.err).toBe(`podscope sim script: ${bad}:2:5: pod: Required value\n`);
    expect(await play([])).toMatchObject({ code: 2 });
  });
});
