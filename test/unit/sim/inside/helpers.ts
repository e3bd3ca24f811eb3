// A simulator on a manual clock with a scenario, and a way to run a command in a container
// and collect what it prints.
import { request } from 'node:http';
import { ManualClock } from '../../../../src/sim/clock.js';
import { Simulator } from '../../../../src/sim/engine.js';
import { parseScenario } from '../../../../src/sim/scenario/index.js';

export function simWith(yaml: string): { sim: Simulator; clock: ManualClock } {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const sim = new Simulator({ clock, scenario: parseScenario(yaml, 'inside.yaml') });
  sim.start();
  clock.advance(30_000);
  return { sim, clock };
}

export interface Ran {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs argv (no tty) with optional stdin, letting the clock run while it sleeps. */
export async function run(sim: Simulator, pod: string, container: string, command: string[], stdin?: string | Buffer, namespace = 'default'): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const s = sim.inside.exec({ namespace, pod, container, command, tty: false, stdin: stdin !== undefined }, { stdout: (d) => (stdout += typeof d === 'string' ? d : Buffer.from(d).toString('latin1')), stderr: (d) => (stderr += typeof d === 'string' ? d : Buffer.from(d).toString('utf8')) });
  if (stdin !== undefined) {
    s.write(typeof stdin === 'string' ? stdin : new Uint8Array(stdin));
    s.endInput();
  }
  const code = await s.exited;
  return { stdout, stderr, code };
}

export const sh = (sim: Simulator, pod: string, container: string, script: string): Promise<Ran> => run(sim, pod, container, ['sh', '-c', script]);

/** A real HTTP GET through InsideWorld.connect. */
export function httpGet(sim: Simulator, pod: string, port: number, path = '/'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = sim.inside.connect('default', pod, port);
    const req = request({ createConnection: () => socket, path, headers: { Host: `localhost:${port}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
