// The kubelet's decisions on their own: pod + container records + now → actions.
import { describe, expect, it } from 'vitest';
import type { Container } from '../../../src/kube/types.js';
import { Backoff, crashLoopBackoff, imagePullBackoff } from '../../../src/sim/kubelet/backoff.js';
import { computeActions, type Action, type BackoffView, type PodView } from '../../../src/sim/kubelet/computeActions.js';
import { ContainerRecord, type ContainerState, type Termination } from '../../../src/sim/kubelet/containerRecord.js';
import { normaliseImage } from '../../../src/sim/kubelet/images.js';
import type { RestartPolicy } from '../../../src/sim/kubelet/restartPolicy.js';
import { TerminationOrder } from '../../../src/sim/kubelet/terminationOrder.js';

type Spec = Partial<Container> & { name: string; sidecar?: boolean };

function record(c: Spec, list: 'init' | 'main', index: number, state: ContainerState = { is: 'unstarted' }): ContainerRecord {
  const spec: Container = { image: 'busybox', ...c };
  delete (spec as Spec).sidecar;
  if (c.sidecar) spec.restartPolicy = 'Always';
  const rec = new ContainerRecord(spec, list, index, 'ContainerCreating', normaliseImage(spec.image ?? ''), undefined, undefined);
  rec.state = state;
  if (state.is !== 'unstarted' && state.is !== 'waiting' && state.is !== 'pulling') {
    // An instance exists, created from the current definition.
    rec.containerID = 'containerd://x';
    rec.reportedImage = rec.image.full;
  }
  return rec;
}

interface PodOptions {
  policy?: RestartPolicy;
  init?: [Spec, ContainerState?, Partial<ContainerRecord>?][];
  main: [Spec, ContainerState?, Partial<ContainerRecord>?][];
  sandboxReady?: boolean;
  stopping?: { graceS: number };
  deadlineMs?: number;
}

function pod(o: PodOptions): PodView {
  const build = (list: 'init' | 'main') => (entry: [Spec, ContainerState?, Partial<ContainerRecord>?], i: number) => {
    const rec = record(entry[0], list, i, entry[1]);
    Object.assign(rec, entry[2] ?? {});
    return rec;
  };
  const init = (o.init ?? []).map(build('init'));
  const main = o.main.map(build('main'));
  return {
    restartPolicy: o.policy ?? 'Always',
    graceS: 30,
    init,
    main,
    order: new TerminationOrder(init, main),
    sandboxReady: o.sandboxReady ?? true,
    stopping: o.stopping,
    deadlineMs: o.deadlineMs,
  };
}

function backoffs(crash: Backoff = crashLoopBackoff(), image: Backoff = imagePullBackoff()): BackoffView {
  return { crash, image, crashKey: (r) => `uid/${r.kind === 'main' ? 'c' : 'i'}/${r.name}`, imageKey: (r) => `uid_${r.spec.image ?? ''}` };
}

function exit(exitCode: number, finishedMs = 5_000): Termination {
  return { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedMs: 1_000, finishedMs, containerID: 'containerd://x' };
}

const running: ContainerState = { is: 'running', startedMs: 1_000 };
const exited = (code: number, finishedMs?: number): ContainerState => ({ is: 'exited', termination: exit(code, finishedMs) });
const started = { started: true, startedOnce: true };

/** Actions as short text: `start a`, `restart a (crash)`, `backOff a until 15s`, `kill a 30s …`, `end completion`, `wakeAt 60s`. */
function show(actions: Action[]): string[] {
  return actions.map((a) => {
    switch (a.do) {
      case 'start':
        return `start ${a.rec.name}`;
      case 'restart':
        return `restart ${a.rec.name} (${a.cause})`;
      case 'backOff':
        return `backOff ${a.rec.name} (${a.cause}) until ${a.untilMs / 1000}s`;
      case 'kill':
        return `kill ${a.rec.name} ${a.graceS}s${a.ordered ? ' ordered' : ''}${a.restartAfter ? ' restart' : ''}: ${a.message}`;
      case 'end':
        return `end ${a.why}`;
      case 'wakeAt':
        return `wakeAt ${a.atMs / 1000}s`;
    }
  });
}

function decide(o: PodOptions, nowMs = 5_000, b: BackoffView = backoffs()): string[] {
  return show(computeActions(pod(o), b, nowMs));
}

describe('computeActions: starting', () => {
  const cases: [string, PodOptions, string[]][] = [
    ['nothing before the sandbox is up', { sandboxReady: false, main: [[{ name: 'a' }]] }, []],
    ['every main container at once', { main: [[{ name: 'a' }], [{ name: 'b' }]] }, ['start a', 'start b']],
    ['init containers one at a time: the first', { init: [[{ name: 'i1' }], [{ name: 'i2' }]], main: [[{ name: 'a' }]] }, ['start i1']],
    ['init containers one at a time: none while the first runs', { init: [[{ name: 'i1' }, running], [{ name: 'i2' }]], main: [[{ name: 'a' }]] }, []],
    ['init containers one at a time: the next after a success', { init: [[{ name: 'i1' }, exited(0)], [{ name: 'i2' }]], main: [[{ name: 'a' }]] }, ['start i2']],
    ['main containers after every init container succeeded', { init: [[{ name: 'i1' }, exited(0)], [{ name: 'i2' }, exited(0)]], main: [[{ name: 'a' }]] }, ['start a']],
    ['a sidecar starts first', { init: [[{ name: 's', sidecar: true }], [{ name: 'i' }]], main: [[{ name: 'a' }]] }, ['start s']],
    ['a sidecar that runs but is not started holds the next back', { init: [[{ name: 's', sidecar: true }, running], [{ name: 'i' }]], main: [[{ name: 'a' }]] }, []],
    ['a started sidecar lets the next go', { init: [[{ name: 's', sidecar: true }, running, started], [{ name: 'i' }]], main: [[{ name: 'a' }]] }, ['start i']],
    [
      'started sidecars and a finished init container: the main containers',
      { init: [[{ name: 's1', sidecar: true }, running, started], [{ name: 'i' }, exited(0)], [{ name: 's2', sidecar: true }, running, started]], main: [[{ name: 'a' }]] },
      ['start a'],
    ],
    ['a container that could not be created waits for nothing', { main: [[{ name: 'a' }, { is: 'waiting', reason: { reason: 'CreateContainerConfigError' } }]] }, []],
    ['a container in the pipeline is left alone', { main: [[{ name: 'a' }, { is: 'pulling', from: { is: 'unstarted' } }]] }, []],
  ];
  it.each(cases)('%s', (_name, o, want) => expect(decide(o)).toEqual(want));
});

describe('computeActions: restart policy', () => {
  const cases: [string, PodOptions, string[]][] = [
    ['Always restarts a success', { policy: 'Always', main: [[{ name: 'a' }, exited(0)]] }, ['restart a (crash)']],
    ['Always restarts a failure', { policy: 'Always', main: [[{ name: 'a' }, exited(1)]] }, ['restart a (crash)']],
    ['OnFailure restarts a failure', { policy: 'OnFailure', main: [[{ name: 'a' }, exited(1)]] }, ['restart a (crash)']],
    ['OnFailure: a success ends the pod', { policy: 'OnFailure', main: [[{ name: 'a' }, exited(0)]] }, ['end completion']],
    ['Never: a failure ends the pod', { policy: 'Never', main: [[{ name: 'a' }, exited(1)]] }, ['end completion']],
    ['Never: not while another main container runs', { policy: 'Never', main: [[{ name: 'a' }, exited(1)], [{ name: 'b' }, running]] }, []],
    ['Never: a failed init container ends the pod', { policy: 'Never', init: [[{ name: 'i' }, exited(1)]], main: [[{ name: 'a' }]] }, ['end completion']],
    ['OnFailure: a failed init container restarts', { policy: 'OnFailure', init: [[{ name: 'i' }, exited(1)]], main: [[{ name: 'a' }]] }, ['restart i (crash)']],
    ['a succeeded init container never restarts', { policy: 'Always', init: [[{ name: 'i' }, exited(0)]], main: [[{ name: 'a' }, running]] }, []],
    ['a sidecar restarts whatever the policy', { policy: 'Never', init: [[{ name: 's', sidecar: true }, exited(0), { startedOnce: true }]], main: [[{ name: 'a' }, running]] }, ['restart s (crash)']],
    [
      'main containers done with policy Never: the pod ends although a sidecar runs',
      { policy: 'Never', init: [[{ name: 's', sidecar: true }, running, started]], main: [[{ name: 'a' }, exited(0)]] },
      ['end completion'],
    ],
  ];
  it.each(cases)('%s', (_name, o, want) => expect(decide(o)).toEqual(want));
});

describe('computeActions: crash-loop back-off', () => {
  it('waits 0, 10, 20, 40, 80, 160, 300, 300 s between crashes, then resets after 600 s without one', () => {
    const crash = crashLoopBackoff();
    const b = backoffs(crash);
    let now = 0;
    const waits: number[] = [];
    // A container that runs 1 s and exits 1, restarted as the executor would.
    for (let i = 0; i < 8; i++) {
      now += 1_000;
      const p = pod({ main: [[{ name: 'a' }, exited(1, now)]] });
      let [a] = computeActions(p, b, now);
      let restartAt = now;
      if (a?.do === 'backOff') {
        restartAt = a.untilMs;
        [a] = computeActions(p, b, restartAt - 1);
        expect(a?.do).toBe('backOff');
        [a] = computeActions(p, b, restartAt);
      }
      expect(a).toMatchObject({ do: 'restart', cause: 'crash' });
      crash.next(b.crashKey(p.main[0]!), now);
      waits.push((restartAt - now) / 1000);
      now = restartAt;
    }
    expect(waits).toEqual([0, 10, 20, 40, 80, 160, 300, 300]);

    // Running for longer than 600 s since the last back-off update: the next crash restarts at once.
    now += 601_000;
    expect(decide({ main: [[{ name: 'a' }, exited(1, now)]] }, now, b)).toEqual(['restart a (crash)']);
  });

  it('reports the wait until the back-off since the exit runs out', () => {
    const crash = crashLoopBackoff();
    const b = backoffs(crash);
    crash.next('uid/c/a', 2_000);
    crash.next('uid/c/a', 3_000); // 20 s
    expect(decide({ main: [[{ name: 'a' }, exited(1, 5_000)]] }, 5_000, b)).toEqual(['backOff a (crash) until 25s']);
    expect(decide({ main: [[{ name: 'a' }, exited(1, 5_000)]] }, 25_000, b)).toEqual(['restart a (crash)']);
  });

  it('retries a failed pull once the image back-off since the failure runs out', () => {
    const image = imagePullBackoff();
    const b = backoffs(undefined, image);
    image.next('uid_busybox', 4_000);
    const o: PodOptions = { main: [[{ name: 'a' }, { is: 'waiting', reason: { reason: 'ErrImagePull' }, retry: 'image' }]] };
    expect(decide(o, 5_000, b)).toEqual(['backOff a (image) until 14s']);
    expect(decide(o, 14_000, b)).toEqual(['restart a (image)']);
  });
});

describe('computeActions: probe kills', () => {
  const failed = (type: 'liveness' | 'startup', graceS = 30): ContainerState => ({ is: 'running', startedMs: 1_000, failed: { type, graceS } });
  const cases: [string, PodOptions, string[]][] = [
    ['a liveness failure kills with the probe grace, to restart', { main: [[{ name: 'a' }, failed('liveness', 5)]] }, ['kill a 5s restart: Container a failed liveness probe, will be restarted']],
    ['a startup failure under OnFailure restarts', { policy: 'OnFailure', main: [[{ name: 'a' }, failed('startup')]] }, ['kill a 30s restart: Container a failed startup probe, will be restarted']],
    ['under Never the container is only killed', { policy: 'Never', main: [[{ name: 'a' }, failed('liveness')]] }, ['kill a 30s: Container a failed liveness probe']],
    [
      'a sidecar restarts even under Never',
      { policy: 'Never', init: [[{ name: 's', sidecar: true }, failed('liveness'), started]], main: [[{ name: 'a' }, running]] },
      ['kill s 30s restart: Container s failed liveness probe, will be restarted'],
    ],
    [
      'a probe-killed container restarts although it exited 0 under OnFailure',
      { policy: 'OnFailure', main: [[{ name: 'a' }, { is: 'exited', termination: exit(0), restartAfter: true }]] },
      ['restart a (crash)'],
    ],
    ['a container being stopped is not killed again', { main: [[{ name: 'a' }, { is: 'stopping', startedMs: 1_000, stop: { step: 'term', graceLeftS: 30, stepStartMs: 2_000, restartAfter: true, ordered: false } }]] }, []],
  ];
  it.each(cases)('%s', (_name, o, want) => expect(decide(o)).toEqual(want));
});

describe('computeActions: a definition changed (the image, by a pod update)', () => {
  const old = { reportedImage: 'docker.io/library/busybox:1.35' };
  const failed: ContainerState = { is: 'running', startedMs: 1_000, failed: { type: 'liveness', graceS: 5 } };
  const cases: [string, PodOptions, string[]][] = [
    [
      'a main container is killed with the pod grace and restarted, even under Never',
      { policy: 'Never', main: [[{ name: 'a' }, running, old]] },
      ['kill a 30s restart: Container a definition changed, will be restarted'],
    ],
    ['before a liveness failure', { main: [[{ name: 'a' }, failed, old]] }, ['kill a 30s restart: Container a definition changed, will be restarted']],
    [
      'a sidecar: "Init container … definition changed"',
      { init: [[{ name: 's', sidecar: true }, running, { ...old, ...started }]], main: [[{ name: 'a' }, running]] },
      ['kill s 30s restart: Init container s definition changed'],
    ],
    ['a regular init container that runs is waited for', { init: [[{ name: 'i' }, running, old]], main: [[{ name: 'a' }]] }, []],
    [
      'its exit restarts it at once, past the back-off and whatever the policy',
      { policy: 'Never', main: [[{ name: 'a' }, { is: 'exited', termination: exit(0), restartNow: true }]] },
      ['restart a (changed)'],
    ],
  ];
  it.each(cases)('%s', (_name, o, want) => expect(decide(o)).toEqual(want));
});

describe('computeActions: the pod stops for good', () => {
  it('activeDeadlineSeconds: wakes at the deadline, ends the pod from then on', () => {
    const o: PodOptions = { deadlineMs: 60_000, main: [[{ name: 'a' }, running]] };
    expect(decide(o, 59_999)).toEqual(['wakeAt 60s']);
    expect(decide(o, 60_000)).toEqual(['end deadline']);
  });

  it('deletion kills main containers first, then sidecars in reverse spec order, and starts nothing', () => {
    const o: PodOptions = {
      stopping: { graceS: 30 },
      init: [[{ name: 's1', sidecar: true }, running, started], [{ name: 'i' }, exited(0)], [{ name: 's2', sidecar: true }, running, started]],
      main: [[{ name: 'a' }, running], [{ name: 'b' }, exited(1)], [{ name: 'c' }, running], [{ name: 'd' }]],
    };
    expect(decide(o)).toEqual([
      'kill a 30s: Stopping container a',
      'kill c 30s: Stopping container c',
      'kill s2 30s ordered: Stopping container s2',
      'kill s1 30s ordered: Stopping container s1',
    ]);
  });

  it('a sidecar stops only once the main containers and later sidecars are down', () => {
    const p = pod({ init: [[{ name: 's1', sidecar: true }, running], [{ name: 's2', sidecar: true }, running]], main: [[{ name: 'a' }, running]] });
    const [s1, s2] = p.init;
    expect([p.order.turnReady(s1!), p.order.turnReady(s2!)]).toEqual([false, false]);
    p.main[0]!.state = exited(137);
    expect([p.order.turnReady(s1!), p.order.turnReady(s2!)]).toEqual([false, true]);
    s2!.state = exited(0);
    expect(p.order.turnReady(s1!)).toBe(true);
  });
});
