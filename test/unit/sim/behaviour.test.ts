import { describe, expect, test } from 'vitest';
import type { Container, Pod } from '../../../src/kube/types.js';
import {
  BehaviourError,
  behaviourErrors,
  containerBehaviour,
  defaultPreStopMs,
  defaultRun,
  defaultShutdownMs,
  formatGoDuration,
  oomAfterMs,
  parseGoDuration,
  parseMemorySchedule,
  parseProbeSchedule,
  probePasses,
} from '../../../src/sim/behaviour/index.js';

const c = (extra: Partial<Container>): Container => ({ name: 'app', image: 'busybox', ...extra });
const pod = (annotations: Record<string, string>, containers: Container[]): Pod => ({ metadata: { name: 'p', annotations }, spec: { containers } });

describe('Go durations', () => {
  test('parse', () => {
    expect([parseGoDuration('500ms'), parseGoDuration('10s'), parseGoDuration('2m'), parseGoDuration('1h30m'), parseGoDuration('1.5s'), parseGoDuration('0')]).toEqual([
      500, 10_000, 120_000, 5_400_000, 1500, 0,
    ]);
    expect([parseGoDuration('10'), parseGoDuration('-1s'), parseGoDuration('1x'), parseGoDuration('')]).toEqual([undefined, undefined, undefined, undefined]);
  });
  test('format like time.Duration.String', () => {
    expect([10_000, 80_000, 160_000, 300_000, 1234, 393, 3_723_000, 0].map(formatGoDuration)).toEqual([
      '10s', '1m20s', '2m40s', '5m0s', '1.234s', '393ms', '1h2m3s', '0s',
    ]);
  });
});

describe('probe and memory schedules', () => {
  test('pass 30s, fail', () => {
    const s = parseProbeSchedule('pass 30s, fail');
    if (typeof s === 'string') throw new Error(s);
    expect([0, 29_999, 30_000, 1e9].map((t) => probePasses(s, t))).toEqual([true, true, false, false]);
  });
  test('repeat cycles', () => {
    const s = parseProbeSchedule('pass 20s, fail 20s, repeat');
    if (typeof s === 'string') throw new Error(s);
    expect([0, 20_000, 39_999, 40_000, 65_000].map((t) => probePasses(s, t))).toEqual([true, false, false, true, false]);
  });
  test('malformed schedules say why', () => {
    expect(parseProbeSchedule('pass, fail')).toBe('needs a duration on "pass" (only the last segment may last forever)');
    expect(parseProbeSchedule('ok 3s')).toBe('has a segment "ok 3s"; expected "pass <duration>" or "fail <duration>"');
  });
  test('memory crossing time', () => {
    const m = parseMemorySchedule('64Mi +8Mi/s');
    if (typeof m === 'string') throw new Error(m);
    expect(oomAfterMs(m, 128 * 1024 * 1024)).toBe(8000);
    expect(oomAfterMs(m, undefined)).toBeUndefined();
    const flat = parseMemorySchedule('200Mi');
    if (typeof flat === 'string') throw new Error(flat);
    expect(oomAfterMs(flat, 128 * 1024 * 1024)).toBe(0);
    expect(parseMemorySchedule('64Mi+8Mi/s')).toEqual({ startBytes: 64 * 1024 * 1024, bytesPerSecond: 8 * 1024 * 1024 });
  });
});

describe('defaults derived from the spec', () => {
  test('run', () => {
    expect(defaultRun(c({ command: ['sh', '-c', 'echo hello; sleep 30'] }))).toEqual({ runMs: 30_000, exitCode: 0 });
    expect(defaultRun(c({ command: ['sleep', '3600'] }))).toEqual({ runMs: 3_600_000, exitCode: 0 });
    expect(defaultRun(c({ command: ['sh', '-c', 'date'] }))).toEqual({ runMs: 0, exitCode: 0 });
    expect(defaultRun(c({ command: ['false'] }))).toEqual({ runMs: 0, exitCode: 1 });
    expect(defaultRun(c({ command: ['sh', '-c', 'sleep 2 && exit 3'] }))).toEqual({ runMs: 2000, exitCode: 3 });
    expect(defaultRun(c({ command: ['sh', '-c', 'while true; do echo hi; sleep 5; done'] })).runMs).toBe(Infinity);
    expect(defaultRun(c({ command: ['sleep', 'infinity'] })).runMs).toBe(Infinity);
    expect(defaultRun(c({ command: ['tail', '-f', '/dev/null'] })).runMs).toBe(Infinity);
    expect(defaultRun(c({ command: ['sh', '-c', 'tail -F /var/log/app.log'] })).runMs).toBe(Infinity);
    expect(defaultRun(c({}))).toEqual({ runMs: 0, exitCode: 0 });
    expect(defaultRun(c({ image: 'nginx:1.25' })).runMs).toBe(Infinity);
    expect(defaultRun(c({ image: 'mysql:8' }))).toEqual({ runMs: 2000, exitCode: 1 });
    expect(defaultRun(c({ image: 'mysql:8', env: [{ name: 'MYSQL_ROOT_PASSWORD', value: 'x' }] })).runMs).toBe(Infinity);
  });
  test('shutdown and preStop', () => {
    expect(defaultShutdownMs(c({ command: ['sh', '-c', 'sleep 3600'] }))).toBe(Infinity);
    expect(defaultShutdownMs(c({ image: 'nginx' }))).toBe(1000);
    expect(defaultPreStopMs(c({ lifecycle: { preStop: { sleep: { seconds: 5 } } } }))).toBe(5000);
    expect(defaultPreStopMs(c({ lifecycle: { preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 7'] } } } }))).toBe(7000);
    expect(defaultPreStopMs(c({ lifecycle: { preStop: { httpGet: { port: 80 } } } }))).toBe(1000);
    expect(defaultPreStopMs(c({}))).toBeUndefined();
  });
});

describe('annotations', () => {
  test('the per-container key wins over the pod-wide one', () => {
    const p = pod({ 'sim.podscope.dev/run': '10s', 'sim.podscope.dev/run.side': 'forever', 'sim.podscope.dev/exit-code': '2' }, [c({}), c({ name: 'side' })]);
    expect(containerBehaviour(p, p.spec!.containers[0]!)).toMatchObject({ runMs: 10_000, exitCode: 2 });
    expect(containerBehaviour(p, p.spec!.containers[1]!)).toMatchObject({ runMs: Infinity, exitCode: 2 });
  });
  test('pull values and failing image names', () => {
    const p = pod({ 'sim.podscope.dev/pull.b': 'fail 2', 'sim.podscope.dev/pull.c': '3s' }, [c({ name: 'a', image: 'nginx:nonexistent' }), c({ name: 'b' }), c({ name: 'c' })]);
    expect(p.spec!.containers.map((x) => containerBehaviour(p, x).pull)).toEqual([
      { kind: 'fail', times: Infinity },
      { kind: 'fail', times: 2 },
      { kind: 'pull', ms: 3000 },
    ]);
  });
  test('a malformed value is an error naming the key', () => {
    const p = pod({ 'sim.podscope.dev/run.app': 'soon', 'sim.podscope.dev/shutdown': 'ignore' }, [c({})]);
    expect(() => containerBehaviour(p, p.spec!.containers[0]!)).toThrow(BehaviourError);
    expect(behaviourErrors(p).map((e) => e.message)).toEqual([
      'annotation sim.podscope.dev/run.app: "soon" is not a duration like 500ms, 10s, 2m or 1h30m',
    ]);
  });
});
