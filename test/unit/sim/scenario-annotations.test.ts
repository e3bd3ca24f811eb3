import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/kube/types.js';
import { BehaviourError, containerBehaviour } from '../../../src/sim/behaviour/index.js';
import {
  parseDurationOr,
  parseExitCode,
  parseGoDuration,
  parseMemorySpec,
  parseProbeSchedule,
  parsePullSpec,
  simAnnotationError,
  suggestKey,
} from '../../../src/sim/scenario/annotations.js';

describe('Go durations', () => {
  it.each<[string, number | undefined]>([
    ['500ms', 500],
    ['10s', 10_000],
    ['2m', 120_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['0', 0],
    ['0s', 0],
    ['10', undefined],
    ['3 seconds', undefined],
    ['-5s', undefined],
    ['', undefined],
    ['1d', undefined],
  ])('%j → %j', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  it('accepts the key words where allowed', () => {
    expect(parseDurationOr('forever', 'forever')).toBe('forever');
    expect(parseDurationOr('ignore', 'ignore')).toBe('ignore');
    expect(parseDurationOr('never', 'forever')).toBeUndefined();
  });
});

describe('value parsers', () => {
  it('memory use', () => {
    expect(parseMemorySpec('64Mi')).toEqual({ startBytes: 64 * 2 ** 20, bytesPerSecond: 0 });
    expect(parseMemorySpec('64Mi +8Mi/s')).toEqual({ startBytes: 64 * 2 ** 20, bytesPerSecond: 8 * 2 ** 20 });
    expect(parseMemorySpec('64Mi+8Mi/s')).toEqual({ startBytes: 64 * 2 ** 20, bytesPerSecond: 8 * 2 ** 20 });
    expect(parseMemorySpec('64MB')).toBeUndefined();
    expect(parseMemorySpec('64Mi +8Mi')).toBeUndefined();
  });

  it('probe schedules', () => {
    expect(parseProbeSchedule('pass 30s, fail')).toEqual({ segments: [{ result: 'pass', durationMs: 30_000 }, { result: 'fail' }], repeat: false });
    expect(parseProbeSchedule('pass 20s, fail 20s, repeat')).toEqual({
      segments: [
        { result: 'pass', durationMs: 20_000 },
        { result: 'fail', durationMs: 20_000 },
      ],
      repeat: true,
    });
    expect(parseProbeSchedule('pass')).toEqual({ segments: [{ result: 'pass' }], repeat: false });
    expect(parseProbeSchedule('pass 20s, fail, repeat')).toBe('"fail" needs a duration when the list ends with repeat');
    expect(parseProbeSchedule('ok 5s')).toBe('"ok 5s" is not "pass <duration>" or "fail <duration>"');
    expect(parseProbeSchedule('pass 5x')).toBe('"5x" is not a Go duration such as 500ms, 10s, 2m or 1h30m');
    expect(parseProbeSchedule('repeat')).toBe('expected segments like "pass 30s, fail"');
  });

  it('pulls and exit codes', () => {
    expect(parsePullSpec('3s')).toEqual({ kind: 'duration', ms: 3000 });
    expect(parsePullSpec('fail')).toEqual({ kind: 'fail' });
    expect(parsePullSpec('fail 2')).toEqual({ kind: 'fail', times: 2 });
    expect(parsePullSpec('fail twice')).toBeUndefined();
    expect(parseExitCode('137')).toBe(137);
    expect(parseExitCode('256')).toBeUndefined();
    expect(parseExitCode('-1')).toBeUndefined();
  });
});

describe('simAnnotationError', () => {
  const containers = ['init-db', 'app'];

  it('accepts every documented key, plain and per container', () => {
    const good: Record<string, string> = {
      'sim.podscope.dev/run': 'forever',
      'sim.podscope.dev/exit-code': '3',
      'sim.podscope.dev/pull': 'fail 2',
      'sim.podscope.dev/memory': '64Mi +8Mi/s',
      'sim.podscope.dev/liveness': 'pass 30s, fail',
      'sim.podscope.dev/readiness.app': 'pass 20s, fail 20s, repeat',
      'sim.podscope.dev/startup': 'fail 10s, pass',
      'sim.podscope.dev/probe-message.app': 'anything at all',
      'sim.podscope.dev/shutdown': 'ignore',
      'sim.podscope.dev/prestop': '5s',
      'sim.podscope.dev/start-delay.init-db': '1s',
    };
    for (const [key, value] of Object.entries(good)) expect(simAnnotationError(key, value, containers), key).toBeUndefined();
  });

  it.each<[string, string, string, 'key' | 'value']>([
    ['sim.podscope.dev/exit-code', 'one', 'annotation sim.podscope.dev/exit-code: "one" is not an exit code (an integer from 0 to 255)', 'value'],
    ['sim.podscope.dev/shutdown', 'never', 'annotation sim.podscope.dev/shutdown: "never" is not a Go duration such as 500ms, 10s, 2m or 1h30m, or ignore', 'value'],
    ['sim.podscope.dev/pull', 'sometimes', 'annotation sim.podscope.dev/pull: "sometimes" is not a Go duration such as 500ms, 10s, 2m or 1h30m, fail, or fail N', 'value'],
    ['sim.podscope.dev/memory', 'lots', 'annotation sim.podscope.dev/memory: "lots" is not a memory use like 64Mi or 64Mi +8Mi/s', 'value'],
    ['sim.podscope.dev/exitcode', '1', 'unknown annotation sim.podscope.dev/exitcode: did you mean sim.podscope.dev/exit-code?', 'key'],
    ['sim.podscope.dev/pre-stop.app', '1s', 'unknown annotation sim.podscope.dev/pre-stop.app: did you mean sim.podscope.dev/prestop.app?', 'key'],
    [
      'sim.podscope.dev/colour',
      'red',
      'unknown annotation sim.podscope.dev/colour (known: run, exit-code, pull, memory, liveness, readiness, startup, probe-message, shutdown, prestop, start-delay, logs, cpu, image-user, command)',
      'key',
    ],
    ['sim.podscope.dev/run.web', '1s', 'annotation sim.podscope.dev/run.web names container "web", which the pod does not have (containers: init-db, app)', 'key'],
  ])('%s: %s', (key, value, message, on) => {
    expect(simAnnotationError(key, value, containers)).toEqual({ message, on });
  });

  it('suggests only near misses', () => {
    expect(suggestKey('readyness')).toBe('readiness');
    expect(suggestKey('startdelay')).toBe('start-delay');
    expect(suggestKey('zzzzzz')).toBeUndefined();
  });
});

describe('one parser for the loader and the kubelet', () => {
  const pod = (key: string, value: string): Pod => ({
    metadata: { name: 'p', annotations: { [key]: value } },
    spec: { containers: [{ name: 'app', image: 'busybox' }] },
  });
  const kubeletRefuses = (key: string, value: string): boolean => {
    try {
      containerBehaviour(pod(key, value), { name: 'app', image: 'busybox' });
      return false;
    } catch (err) {
      if (err instanceof BehaviourError) return true;
      throw err;
    }
  };

  it.each<[string, string]>([
    ['sim.podscope.dev/run', '+5s'],
    ['sim.podscope.dev/run', '-5s'],
    ['sim.podscope.dev/run', 'forever'],
    ['sim.podscope.dev/exit-code', '0003'],
    ['sim.podscope.dev/exit-code', '256'],
    ['sim.podscope.dev/pull', 'fail'],
    ['sim.podscope.dev/pull', 'fail x'],
    ['sim.podscope.dev/memory', '64Mi +8Mi/s'],
    ['sim.podscope.dev/memory', '-1Mi'],
    ['sim.podscope.dev/liveness', 'repeat'],
    ['sim.podscope.dev/liveness', 'pass 0s, fail 0s, repeat'],
    ['sim.podscope.dev/liveness', 'pass 5s,, fail'],
    ['sim.podscope.dev/startup', 'fail 10s, pass'],
    ['sim.podscope.dev/shutdown', 'ignore'],
    ['sim.podscope.dev/prestop', '1.5s'],
  ])('%s: %j is accepted by both or refused by both', (key, value) => {
    expect(simAnnotationError(key, value, ['app']) !== undefined).toBe(kubeletRefuses(key, value));
  });

  it('refuses a repeating schedule of zero length, as the kubelet would at start', () => {
    expect(simAnnotationError('sim.podscope.dev/liveness', 'pass 0s, repeat', ['app'])).toEqual({
      message: 'annotation sim.podscope.dev/liveness: a list that ends with repeat needs segments that last longer than 0s in all',
      on: 'value',
    });
  });

  it('takes a leading + on durations, as time.ParseDuration does', () => {
    expect(parseGoDuration('+5s')).toBe(5000);
  });
});
