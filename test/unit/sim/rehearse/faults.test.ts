// Each injected fault on the manual clock: what the kubelet does after it, at the instants it does it.
import { describe, expect, it } from 'vitest';
import type { Fault } from '../../../../src/kube/simControl.js';
import type { Event, Pod } from '../../../../src/kube/types.js';
import { ManualClock } from '../../../../src/sim/clock.js';
import { Simulator } from '../../../../src/sim/engine.js';
import { SimController } from '../../../../src/sim/rehearse/control.js';
import { parseScenario } from '../../../../src/sim/scenario/index.js';

const T0 = Date.UTC(2026, 0, 1);

const PODS = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        limits:
          memory: 128Mi
      livenessProbe:
        httpGet: { path: /, port: 80 }
        periodSeconds: 10
        failureThreshold: 3
      readinessProbe:
        httpGet: { path: /, port: 80 }
        periodSeconds: 5
---
apiVersion: v1
kind: Pod
metadata:
  name: plain
spec:
  containers:
    - name: app
      image: busybox:1.36
      command: ["sleep", "infinity"]
`;

function setup() {
  const clock = new ManualClock(T0);
  const sim = new Simulator({ clock, scenario: parseScenario(PODS, 'faults.yaml') });
  sim.start();
  clock.advance(30_000);
  const control = new SimController(sim);
  const pod = (name: string): Pod => sim.store.get('Pod', 'default', name)!;
  const cs = (name: string) => pod(name).status!.containerStatuses![0]!;
  const events = (name: string, reason?: string): Event[] =>
    sim.store.list('Event', { namespace: 'default' }).items.filter((e) => e.involvedObject?.name === name && (reason === undefined || e.reason === reason));
  const at = (s: number) => clock.advanceTo(T0 + s * 1000);
  const inject = (fault: Fault) => {
    const r = control.inject(fault);
    if (!r.ok) throw new Error(r.message);
    return r.message;
  };
  return { clock, sim, control, pod, cs, events, at, inject };
}

describe('injected faults', () => {
  it('crash: the container exits with the chosen code at once, restarts at once, then after the 10 s back-off', () => {
    const { cs, events, at, inject } = setup();
    expect(cs('plain').state?.running).toBeDefined();
    expect(inject({ action: 'crash', namespace: 'default', pod: 'plain', exitCode: 3 })).toBe('default/plain: Crashed container app with exit code 3');
    at(31);
    expect(cs('plain').restartCount).toBe(1);
    expect(cs('plain').lastState?.terminated).toMatchObject({ exitCode: 3, reason: 'Error', finishedAt: '2026-01-01T00:00:30Z' });
    expect(cs('plain').state?.running?.startedAt).toBe('2026-01-01T00:00:30Z');
    const fault = events('plain', 'FaultInjected');
    expect(fault).toHaveLength(1);
    expect(fault[0]).toMatchObject({ type: 'Warning', source: { component: 'podscope-rehearse' }, involvedObject: { fieldPath: 'spec.containers{app}' } });
    // A second crash within the back-off window waits 10 s.
    inject({ action: 'crash', namespace: 'default', pod: 'plain', exitCode: 1 });
    at(39);
    expect(cs('plain').restartCount).toBe(1);
    expect(cs('plain').state?.terminated?.exitCode).toBe(1);
    at(41);
    expect(cs('plain').state?.waiting?.reason ?? cs('plain').state?.running).toBeDefined();
    at(42);
    expect(cs('plain').restartCount).toBe(2);
    expect(cs('plain').state?.running?.startedAt).toBe('2026-01-01T00:00:41Z');
  });

  it('oom: OOMKilled with exit code 137, as the kubelet reports it', () => {
    const { cs, events, at, inject } = setup();
    expect(inject({ action: 'oom', namespace: 'default', pod: 'web' })).toContain('over its limit of 128Mi: OOMKilled, exit code 137');
    at(31);
    expect(cs('web').lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(cs('web').restartCount).toBe(1);
    expect(events('web', 'FaultInjected')).toHaveLength(1);
  });

  it('fail-readiness: Ready drops at the failing tick and comes back after the duration, without a restart', () => {
    const { cs, pod, events, at, inject } = setup();
    expect(cs('web').ready).toBe(true);
    inject({ action: 'fail-readiness', namespace: 'default', pod: 'web', forMs: 20_000 });
    const ready = () => pod('web').status!.conditions!.find((c) => c.type === 'Ready')!.status;
    // Readiness ticks at start + 5k s (start 3.x s: the status shows whole seconds, so each check
    // allows that second); Ready drops at the third failure in a row (failureThreshold 3) and is
    // back at the first tick after the fault's end at 50 s (successThreshold 1).
    const start = Date.parse(cs('web').state!.running!.startedAt!) / 1000 - T0 / 1000;
    expect(start).toBe(3);
    at(42);
    expect(ready()).toBe('True');
    at(44);
    expect(ready()).toBe('False');
    expect(cs('web').ready).toBe(false);
    at(53);
    expect(ready()).toBe('False');
    at(54);
    expect(ready()).toBe('True');
    expect(cs('web').restartCount).toBe(0);
    expect(events('web', 'Unhealthy').length).toBeGreaterThan(0);
  });

  it('fail-liveness: the kubelet kills and restarts the container after failureThreshold failures', () => {
    const { cs, events, at, inject } = setup();
    inject({ action: 'fail-liveness', namespace: 'default', pod: 'web', forMs: 25_000 });
    at(80);
    expect(cs('web').restartCount).toBe(1);
    expect(events('web', 'Killing')[0]?.message).toBe('Container app failed liveness probe, will be restarted');
  });

  it('fail-pulls: a restart during the fault shows ErrImagePull then ImagePullBackOff, and starts once it ends', () => {
    const { cs, events, at, inject } = setup();
    inject({ action: 'fail-pulls', namespace: 'default', pod: 'plain', forMs: 60_000 });
    inject({ action: 'crash', namespace: 'default', pod: 'plain', exitCode: 1 });
    at(32);
    expect(events('plain', 'Failed').map((e) => e.message)).toContain('Error: ErrImagePull');
    at(45);
    expect(cs('plain').state?.waiting?.reason).toBe('ImagePullBackOff');
    at(200);
    expect(cs('plain').state?.running).toBeDefined();
    expect(cs('plain').restartCount).toBe(1);
  });

  it('stop-node: the node goes Unknown 40 s later and its pods lose Ready; start-node brings it back', () => {
    const { sim, pod, events, at, inject } = setup();
    const node = pod('plain').spec!.nodeName!;
    inject({ action: 'stop-node', node });
    expect(events(node, 'FaultInjected')[0]?.message).toContain(`Stopped node ${node}`);
    const readyOf = () => sim.store.get('Node', undefined, node)!.status!.conditions!.find((c) => c.type === 'Ready')!.status;
    at(69);
    expect(readyOf()).toBe('True');
    at(75);
    expect(readyOf()).toBe('Unknown');
    expect(pod('plain').status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('False');
    inject({ action: 'start-node', node });
    at(90);
    expect(readyOf()).toBe('True');
  });

  it('delete-node: the Node is gone and its kubelet with it', () => {
    const { sim, pod, inject } = setup();
    const node = pod('plain').spec!.nodeName!;
    expect(inject({ action: 'delete-node', node })).toBe(`Deleted node ${node}`);
    expect(sim.store.get('Node', undefined, node)).toBeUndefined();
    expect(sim.kubelets.kubelet(node)).toBeUndefined();
  });

  it.each<[string, Fault, string]>([
    ['unknown pod', { action: 'crash', namespace: 'default', pod: 'nope' }, 'pods "nope" not found in namespace default'],
    ['unknown container', { action: 'crash', namespace: 'default', pod: 'plain', container: 'x' }, 'container x is not valid for pod plain'],
    ['no probe', { action: 'fail-readiness', namespace: 'default', pod: 'plain', forMs: 1000 }, 'container app has no readiness probe'],
    ['unknown node', { action: 'stop-node', node: 'nope' }, 'nodes "nope" not found'],
  ])('%s: a clear refusal and no event', (_name, fault, message) => {
    const { control, sim } = setup();
    const before = sim.store.list('Event', {}).items.filter((e) => e.reason === 'FaultInjected').length;
    expect(control.inject(fault)).toMatchObject({ ok: false, message });
    expect(sim.store.list('Event', {}).items.filter((e) => e.reason === 'FaultInjected').length).toBe(before);
  });

  it('a crash of a container that is not running is refused', () => {
    const { control, inject, at } = setup();
    inject({ action: 'fail-pulls', namespace: 'default', pod: 'plain', forMs: 60_000 });
    inject({ action: 'crash', namespace: 'default', pod: 'plain' });
    at(32);
    expect(control.inject({ action: 'crash', namespace: 'default', pod: 'plain' })).toEqual({ ok: false, message: 'container app is not running (exited: ImagePullBackOff)' });
  });
});
