// A graceful deletion's timeline at the instants the kubelet deletion tests assert
// (test/unit/sim/kubeletDeletion.test.ts): Killing when the delete comes, the preStop hook,
// SIGTERM when it is over, SIGKILL at the end of the grace (exit 137), the pod gone then.
// TERM and KILL are not in any object: TERM is derived from the Killing event and the hook's
// length in the spec, KILL is the exit 137 at the grace's end (stopSteps.ts says how).
import { afterEach, expect, it } from 'vitest';
import { parseScenario } from '../../../../src/sim/scenario/index.js';
import { createTestSimulator } from '../../../ui/testSimulator.js';
import { recordSimulator } from './simRecording.js';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

function podYaml(container: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    sim.podscope.dev/pull: "1s"
spec:
  nodeName: sim-node-1
  containers:
${container}`;
}

const SLEEPER = `    - name: app
      image: busybox:1.36
      command: ["sh", "-c", "sleep 3600"]
      lifecycle:
        preStop:
          exec:
            command: ["sh", "-c", "sleep 2"]
`;

const NGINX = `    - name: app
      image: nginx:1.25
      lifecycle:
        preStop:
          sleep:
            seconds: 3
`;

function run(container: string, grace: number): string[] {
  const sim = createTestSimulator(parseScenario(podYaml(container), 'deletion.yaml'));
  stop = () => sim.stop();
  const rec = recordSimulator(sim);
  sim.clock.advance(10_000);
  sim.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: grace });
  sim.clock.advance(50_000);
  return rec.lines('web');
}

it('grace 5, a preStop hook of 2 s, TERM ignored: Killing at 10 s, TERM at 12 s, KILL at 15 s, then gone', () => {
  const lines = run(SLEEPER, 5);
  const from = lines.findIndex((l) => l.includes('Deletion requested'));
  expect(lines.slice(from)).toEqual([
    '00:00:10 +10s  Deletion requested, grace 5s: KILL due at 00:00:15',
    '00:00:10 +10s  app: Killing Stopping container app',
    '00:00:10 +10s  app: preStop hook runs (exec, 2s)',
    '00:00:12 +12s  app: SIGTERM (the preStop hook is over); SIGKILL due at 00:00:15 if it is still running',
    '00:00:15 +15s  Phase Running → Failed',
    '00:00:15 +15s  PodReadyToStartContainers: True → False',
    '00:00:15 +15s  Ready, ContainersReady: True → False (PodFailed)',
    '00:00:15 +15s  app: Running → Terminated Error (exit 137): SIGKILL at the end of the grace period',
    '00:00:15 +15s  Grace 0: the kubelet confirmed its containers stopped (or the delete was forced); the API removes the pod',
    '00:00:15 +15s  Gone: the pod left the API',
  ]);
});

it('grace 30, a preStop sleep of 3 s, nginx exits on TERM after 1 s: TERM at 13 s, exit 0 at 14 s', () => {
  const lines = run(NGINX, 30);
  const from = lines.findIndex((l) => l.includes('Deletion requested'));
  expect(lines.slice(from, from + 5)).toEqual([
    '00:00:10 +10s  Deletion requested, grace 30s: KILL due at 00:00:40',
    '00:00:10 +10s  app: Killing Stopping container app',
    '00:00:10 +10s  app: preStop hook runs (sleep, 3s)',
    '00:00:13 +13s  app: SIGTERM (the preStop hook is over); SIGKILL due at 00:00:40 if it is still running',
    '00:00:14 +14s  Phase Running → Succeeded',
  ]);
  expect(lines).toContain('00:00:14 +14s  app: Running → Terminated Completed (exit 0): exited on SIGTERM');
  expect(lines[lines.length - 1]).toBe('00:00:14 +14s  Gone: the pod left the API');
});
