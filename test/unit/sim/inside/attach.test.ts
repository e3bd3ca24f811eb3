// pods/attach against the simulator's inside: the main process's output from now on (its log
// lines), stderr apart without a tty, the end of the container instance ending it with 0.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src/kube/apiError.js';
import { simWith, until } from './helpers.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: ticker
  annotations:
    sim.podscope.dev/run: 100s
    sim.podscope.dev/exit-code: "3"
    sim.podscope.dev/logs: |
      every 10s: tick {n}
      at 55s stderr: warm
spec:
  restartPolicy: Never
  containers: [{name: app, image: "busybox:1.36", command: ["sleep", "3600"]}]
`;

describe('attach', () => {
  it('prints the lines written from now on, apart by stream, and ends with the instance', async () => {
    const { sim, clock } = simWith(POD);
    let out = '';
    let err = '';
    const s = sim.inside.attach({ namespace: 'default', pod: 'ticker', container: 'app', tty: false, stdin: false }, { stdout: (d) => (out += String(d)), stderr: (d) => (err += String(d)) });
    clock.advance(25_000);
    await until(() => out.includes('tick 5'), () => out);
    // Attached some 20s into the run: the ticks before are not replayed.
    const first = Number(/^tick (\d+)\n/.exec(out)?.[1]);
    expect(first).toBeGreaterThan(1);
    s.write('ignored\n');
    clock.advance(80_000);
    expect(await s.exited).toBe(0);
    // Every tick to the end of the 100 s run, in order, and nothing after it.
    const ticks = out.trimEnd().split('\n');
    expect(ticks).toEqual(ticks.map((_, i) => `tick ${first + i}`));
    expect(ticks.length).toBeGreaterThan(6);
    expect(err).toBe('warm\nfatal: exiting with status 3\n');
    expect(() => sim.inside.attach({ namespace: 'default', pod: 'ticker', container: 'app', tty: false, stdin: false }, { stdout: () => {}, stderr: () => {} })).toThrow('cannot attach a container in a completed pod; current phase is Failed');
    sim.stop();
  });

  it('with a tty the lines end in \\r\\n on one stream; kill detaches; a missing container is refused', async () => {
    const { sim, clock } = simWith(POD);
    let out = '';
    const s = sim.inside.attach({ namespace: 'default', pod: 'ticker', container: 'app', tty: true, stdin: true }, { stdout: (d) => (out += String(d)), stderr: () => {} });
    clock.advance(30_000);
    await until(() => out.includes('warm'), () => out);
    expect(out).toMatch(/^(?:(?:tick \d+|warm)\r\n)+$/);
    s.kill();
    expect(await s.exited).toBe(0);
    expect(() => sim.inside.attach({ namespace: 'default', pod: 'ticker', container: 'nope', tty: false, stdin: false }, { stdout: () => {}, stderr: () => {} })).toThrow(ApiError);
    sim.stop();
  });
});
