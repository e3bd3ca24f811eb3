// What containers print, derived from their spec (shell scripts, images) and the `logs` script,
// read on the manual clock per instance: pure pieces table-driven, then the fixtures end to end.
import { describe, expect, test } from 'vitest';
import type { Container, Pod } from '../../../../src/kube/types.js';
import { containerBehaviour } from '../../../../src/sim/behaviour/index.js';
import { createTestSimulator } from '../../../ui/testSimulator.js';
import { containerLogsOf, formatLogLines, LogInstance, MAX_LOG_BYTES_PER_INSTANCE, type LogLine } from '../../../../src/sim/logs/index.js';
import { criBytes } from '../../../../src/sim/logs/instance.js';
import { readInstance } from '../../../../src/sim/logs/render.js';
import { dateCommand, rfc3339Nano, strftime } from '../../../../src/sim/logs/timeFormat.js';
import { loadScenario, parseScenario, resolveScenarioPath } from '../../../../src/sim/scenario/index.js';

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);

function pod(c: Partial<Container>, annotations: Record<string, string> = {}): { pod: Pod; c: Container } {
  const container: Container = { name: 'c', image: 'busybox:1.36', ...c };
  return { pod: { metadata: { name: 'p', namespace: 'default', annotations }, spec: { containers: [container] }, status: { hostIP: '172.18.0.2' } }, c: container };
}

/** An instance started at T0 that, when `endAfterMs` is given, ends then as its behaviour says. */
function instance(c: Partial<Container>, annotations: Record<string, string> = {}, end?: { afterMs: number; exitCode?: number; reason?: string }): LogInstance {
  const p = pod(c, annotations);
  const inst = new LogInstance('containerd://x', T0, { namespace: 'default', pod: 'p', container: 'c', startMs: T0, restarts: 0 }, p.pod, p.c);
  if (end) {
    const b = containerBehaviour(p.pod, p.c);
    const exitCode = end.exitCode ?? b.exitCode;
    const reason = end.reason ?? (exitCode === 0 ? 'Completed' : 'Error');
    inst.end = { atMs: T0 + end.afterMs, exitCode, reason, natural: reason !== 'OOMKilled' && end.afterMs === b.runMs && exitCode === b.exitCode };
  }
  return inst;
}

function text(lines: LogLine[]): string {
  return formatLogLines(lines, false);
}

function at(inst: LogInstance, afterMs: number, options = {}): string {
  return text(readInstance(inst, T0 + afterMs, options).lines);
}

describe('time formats', () => {
  test.each([
    [T0 + 5000, 'Thu Jan  1 00:00:05 UTC 2026'],
    [Date.UTC(2026, 11, 25, 13, 4, 59), 'Fri Dec 25 13:04:59 UTC 2026'],
  ])('date(1) at %i prints %s', (ms, want) => expect(dateCommand(ms)).toBe(want));

  test.each([
    [T0, '2026-01-01T00:00:00Z'],
    [T0 + 1500, '2026-01-01T00:00:01.5Z'],
    [T0 + 0.1, '2026-01-01T00:00:00.0001Z'],
    [T0 + 123.456, '2026-01-01T00:00:00.123456Z'],
    [T0 + 999.999, '2026-01-01T00:00:00.999999Z'],
  ])('the kubelet RFC3339Nano stamp of %d is %s', (ms, want) => expect(rfc3339Nano(ms)).toBe(want));

  test.each([0, 1, 10, 100, 120, 999, 1000, 1500, 0.001, 0.5, 123.456])('a line stamped T0+%d counts its stamp`s length', (offset) => {
    const line = { atMs: T0 + offset, stream: 'stdout' as const, text: 'x' };
    expect(criBytes(line)).toBe(`${rfc3339Nano(line.atMs)} stdout F x\n`.length);
  });

  test('date +FORMAT', () => expect(strftime('%F %T %s %%', T0 + 61_000)).toBe(`2026-01-01 00:01:01 ${T0 / 1000 + 61} %`));
});

describe('shell scripts print what they echo', () => {
  test.each<[string, string[], number, string]>([
    ['echo then sleep', ['sh', '-c', 'echo "Hello, Kubernetes!" && sleep 3600'], 10_000, 'Hello, Kubernetes!\n'],
    ['statements in time', ['sh', '-c', 'echo one; sleep 2; echo two; sleep 2; echo three'], 3000, 'one\ntwo\n'],
    ['redirected to a file', ['sh', '-c', 'date > /tmp/index.html; echo hi >> /tmp/x; sleep 5'], 5000, ''],
    ['to stderr', ['sh', '-c', 'echo oops >&2'], 0, 'oops\n'],
    ['printf', ['sh', '-c', "printf 'a %s\\nb\\n' x"], 0, 'a x\nb\n'],
    ['single quotes keep $', ['sh', '-c', "echo '$HOME' \"$HOSTNAME\""], 0, '$HOME p\n'],
    ['env literal values', ['sh', '-c', 'echo "greeting: $GREETING"'], 0, 'greeting: hi there\n'],
    ['a pipe prints what the pipe prints (not modelled: nothing)', ['sh', '-c', 'echo hi | grep x'], 0, ''],
    ['a command not known prints nothing', ['sh', '-c', 'python app.py'], 5000, ''],
  ])('%s', (_what, command, afterMs, want) => {
    const inst = instance({ command, env: [{ name: 'GREETING', value: 'hi there' }] });
    expect(at(inst, afterMs)).toBe(want);
  });

  test('`while true; do date; sleep 1; done` prints a date every simulated second', () => {
    const inst = instance({ command: ['sh', '-c', 'while true; do date; sleep 1; done'] });
    expect(at(inst, 2500)).toBe(['Thu Jan  1 00:00:00 UTC 2026', 'Thu Jan  1 00:00:01 UTC 2026', 'Thu Jan  1 00:00:02 UTC 2026', ''].join('\n'));
    const day = readInstance(inst, T0 + 86_400_000, { tailLines: 1 }).lines;
    expect(day).toEqual([{ atMs: T0 + 86_400_000, stream: 'stdout', text: 'Fri Jan  2 00:00:00 UTC 2026' }]);
  });

  test('a loop body with echo "$(date) …" and two sleeps', () => {
    const inst = instance({ command: ['sh', '-c', 'echo start; while true; do echo "$(date +%T) tick"; sleep 2; echo tock; sleep 3; done'] });
    expect(at(inst, 7000)).toBe('start\n00:00:00 tick\ntock\n00:00:05 tick\ntock\n');
  });
});

describe('images print their own start-up', () => {
  test('mysql without a root password prints the entrypoint error to stderr and exits 1 after 2 s', () => {
    const inst = instance({ image: 'mysql:8.4' }, {}, { afterMs: 2000 });
    const lines = readInstance(inst, T0 + 60_000).lines;
    expect(lines.map((l) => `${l.stream} ${l.text}`)).toEqual([
      'stdout 2026-01-01 00:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.4.6-1.el9 started.',
      "stdout 2026-01-01 00:00:00+00:00 [Note] [Entrypoint]: Switching to dedicated user 'mysql'",
      'stdout 2026-01-01 00:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.4.6-1.el9 started.',
      'stderr 2026-01-01 00:00:02+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified',
      'stderr \tYou need to specify one of the following as an environment variable:',
      'stderr \t- MYSQL_ROOT_PASSWORD',
      'stderr \t- MYSQL_ALLOW_EMPTY_PASSWORD',
      'stderr \t- MYSQL_RANDOM_ROOT_PASSWORD',
    ]);
  });

  test('nginx logs each httpGet probe in the combined format with the scripted status', () => {
    const probe = { httpGet: { path: '/healthz', port: 80 }, initialDelaySeconds: 5, periodSeconds: 5 };
    const inst = instance({ image: 'nginx:1.27', readinessProbe: probe }, { 'sim.podscope.dev/readiness': 'pass 8s, fail', 'sim.podscope.dev/probe-message': 'HTTP probe failed with statuscode: 503' });
    const lines = readInstance(inst, T0 + 10_000).lines;
    expect(lines[0]!.text).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(lines.filter((l) => l.stream === 'stderr').map((l) => l.text)).toContain('2026/01/01 00:00:00 [notice] 1#1: nginx/1.27.5');
    expect(lines.slice(-2).map((l) => l.text)).toEqual([
      '172.18.0.2 - - [01/Jan/2026:00:00:05 +0000] "GET /healthz HTTP/1.1" 200 615 "-" "kube-probe/1.33" "-"',
      '172.18.0.2 - - [01/Jan/2026:00:00:10 +0000] "GET /healthz HTTP/1.1" 503 197 "-" "kube-probe/1.33" "-"',
    ]);
  });

  test('a startup probe is logged until it succeeds; liveness from its first tick after that', () => {
    const startupProbe = { httpGet: { path: '/started', port: 80 }, periodSeconds: 2, failureThreshold: 10 };
    const livenessProbe = { httpGet: { path: '/live', port: 80 }, initialDelaySeconds: 1, periodSeconds: 3 };
    const inst = instance({ image: 'nginx:1.27', startupProbe, livenessProbe }, { 'sim.podscope.dev/startup': 'fail 5s, pass' });
    const access = readInstance(inst, T0 + 12_000)
      .lines.filter((l) => l.text.includes('kube-probe'))
      .map((l) => `${(l.atMs - T0) / 1000} ${/"GET (\S+)/.exec(l.text)![1]} ${/" (\d{3}) /.exec(l.text)![1]}`);
    expect(access).toEqual(['0 /started 500', '2 /started 500', '4 /started 500', '6 /started 200', '7 /live 200', '10 /live 200']);
  });

  test('stress says what it dispatches', () => {
    const inst = instance({ image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M'] });
    expect(at(inst, 0)).toBe('stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n');
  });
});

describe('how a run ends', () => {
  test('a crash nothing explains prints default last words; the script`s exit: replaces them', () => {
    const bare = instance({ image: 'ghcr.io/x/app:1' }, { 'sim.podscope.dev/run': '3s', 'sim.podscope.dev/exit-code': '2' }, { afterMs: 3000 });
    expect(readInstance(bare, T0 + 9000).lines).toEqual([{ atMs: T0 + 3000, stream: 'stderr', text: 'fatal: exiting with status 2' }]);
    const said = instance(
      { image: 'ghcr.io/x/app:1' },
      { 'sim.podscope.dev/run': '3s', 'sim.podscope.dev/exit-code': '2', 'sim.podscope.dev/logs': 'exit: panic: nil map\nexit: goroutine 1 [running]' },
      { afterMs: 3000 },
    );
    expect(at(said, 9000)).toBe('panic: nil map\ngoroutine 1 [running]\n');
  });

  test('a killed container (liveness, delete) says nothing more; lines stop at the kill', () => {
    const inst = instance({ command: ['sh', '-c', 'while true; do date; sleep 1; done'] }, {}, { afterMs: 2500, exitCode: 137, reason: 'Error' });
    expect(at(inst, 60_000).split('\n')).toHaveLength(4);
  });

  test('an OOM kill cuts the line being written', () => {
    const inst = instance({ image: 'ghcr.io/x/app:1' }, { 'sim.podscope.dev/logs': 'every 100ms: allocating chunk {n} of 64Mi' }, { afterMs: 250, exitCode: 137, reason: 'OOMKilled' });
    const lines = readInstance(inst, T0 + 5000).lines;
    expect(formatLogLines(lines, false)).toBe('allocating chunk 1 of 64Mi\nallocating chunk 2 of 64Mi\nallocating chunk 3 of 64Mi\nallocating ch');
    expect(lines.at(-1)).toMatchObject({ atMs: T0 + 250, partial: true });
  });
});

describe('the logs script', () => {
  test('at, every with from/until, rate, burst and placeholders, interleaved in time', () => {
    const script = ['at 0s: up on {pod}/{container} ns={namespace} restarts={restarts}', 'every 2s from 1s until 6s stderr: beat {n} at {time}', 'rate 2/s from 4s until 5s: r{n}', 'burst 3 at 3s: b{n} {{x}}', 'replace'].join('\n');
    const inst = instance({ command: ['sh', '-c', 'echo hidden by replace'] }, { 'sim.podscope.dev/logs': script });
    expect(at(inst, 10_000)).toBe(
      [
        'up on p/c ns=default restarts=0',
        'beat 1 at 2026-01-01T00:00:01.000Z',
        // Lines due at one instant come in clause order.
        'beat 2 at 2026-01-01T00:00:03.000Z',
        'b1 {x}',
        'b2 {x}',
        'b3 {x}',
        'r1',
        'r2',
        'beat 3 at 2026-01-01T00:00:05.000Z',
        '',
      ].join('\n'),
    );
  });

  test('tailLines and since read the newest lines without the rest', () => {
    const inst = instance({ image: 'ghcr.io/x/app:1' }, { 'sim.podscope.dev/logs': 'rate 1000/s: line {n}' });
    const hour = 3_600_000;
    expect(at(inst, hour, { tailLines: 2 })).toBe('line 3600000\nline 3600001\n');
    expect(at(inst, hour, { sinceMs: T0 + hour - 1 })).toBe('line 3600000\nline 3600001\n');
    expect(at(inst, hour, { tailLines: 0 })).toBe('');
  });

  test('what is served is bounded by the rotation size, newest kept', () => {
    const inst = instance({ image: 'ghcr.io/x/app:1' }, { 'sim.podscope.dev/logs': 'rate 10000/s: {n} the quick brown fox jumps over the lazy dog' });
    const lines = readInstance(inst, T0 + 600_000).lines;
    const bytes = lines.reduce((sum, l) => sum + criBytes(l), 0);
    expect(bytes).toBeLessThanOrEqual(MAX_LOG_BYTES_PER_INSTANCE);
    expect(bytes).toBeGreaterThan(MAX_LOG_BYTES_PER_INSTANCE - 200);
    expect(lines.at(-1)!.text.startsWith('6000001 ')).toBe(true);
    expect(Number(lines[0]!.text.split(' ')[0])).toBe(6_000_001 - lines.length + 1);
  });
});

describe('the fixtures, per instance on the manual clock', () => {
  async function sim(name: string) {
    return createTestSimulator(await loadScenario(resolveScenarioPath(name)));
  }

  test('hello-job: the greeting at the start, then nothing; the instance completes after 5 s', async () => {
    const s = await sim('hello-job');
    s.clock.advance(60_000);
    const logs = containerLogsOf(s);
    const name = s.store.list('Pod').items[0]!.metadata!.name!;
    const [inst] = logs.instances('default', name, 'hello');
    expect(logs.read(inst!)).toEqual([{ atMs: inst!.startMs, stream: 'stdout', text: 'Hello from the Kubernetes cluster' }]);
    expect(inst!.end).toMatchObject({ atMs: inst!.startMs + 5000, exitCode: 0, natural: true });
    s.stop();
  });

  test('crashloop: each instance says its last words 2 s after its start; two instances are kept', async () => {
    const s = await sim('crashloop');
    const logs = containerLogsOf(s);
    const ids = new Set<string>();
    for (let t = 0; t < 120; t++) {
      s.clock.advance(1000);
      for (const i of logs.instances('default', 'crashloop', 'app')) ids.add(i.containerID);
    }
    expect(ids.size).toBeGreaterThanOrEqual(4);
    const kept = logs.instances('default', 'crashloop', 'app');
    expect(kept).toHaveLength(2);
    for (const inst of kept.filter((i) => i.end)) {
      expect(logs.read(inst)).toEqual([
        { atMs: inst.startMs, stream: 'stdout', text: 'connecting to the database...' },
        { atMs: inst.startMs + 2000, stream: 'stdout', text: 'connection refused' },
      ]);
      expect(inst.end).toMatchObject({ atMs: inst.startMs + 2000, exitCode: 1, reason: 'Error', natural: true });
    }
    s.stop();
  });

  test('chatty: a thousand lines a second, a warning every 10 s and a burst of 500 at one minute', async () => {
    const s = await sim('chatty');
    s.clock.advance(70_000);
    const logs = containerLogsOf(s);
    const p = s.store.list('Pod').items[0]!;
    const [inst] = logs.instances('default', p.metadata!.name!, 'chatty');
    const lines = logs.read(inst!);
    const elapsed = s.clock.now() - inst!.startMs;
    const info = lines.filter((l) => l.text.includes(' INFO '));
    expect(info).toHaveLength(Math.floor(elapsed) + 1);
    expect(lines.filter((l) => l.text.includes(' WARN '))).toHaveLength(Math.floor(elapsed / 10_000) + 1);
    const burst = lines.filter((l) => l.text.includes(' ERROR '));
    expect(burst).toHaveLength(500);
    expect(new Set(burst.map((l) => l.atMs))).toEqual(new Set([inst!.startMs + 60_000]));
    expect(lines[0]!.text).toBe(`chatty starting on ${p.metadata!.name}, serving :8080`);
    s.stop();
  });

  test('oomkilled: stress says what it dispatches, then each instance ends without a word', async () => {
    const s = await sim('oomkilled');
    s.clock.advance(60_000);
    const logs = containerLogsOf(s);
    const kept = logs.instances('default', 'memory-demo-2', 'memory-demo-2-ctr');
    expect(kept.length).toBe(2);
    for (const inst of kept) {
      expect(text(logs.read(inst))).toBe('stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n');
      expect(inst.end).toMatchObject({ exitCode: 137, reason: 'OOMKilled', natural: false });
    }
    s.stop();
  });

  test('follow on the manual clock: lines as time reaches them, the end with the instance', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: ticker
  annotations:
    sim.podscope.dev/run: 3s
spec:
  restartPolicy: Never
  containers:
    - name: c
      image: busybox
      command: ["sh", "-c", "while true; do date; sleep 1; done"]
`;
    const s = createTestSimulator(parseScenario(yaml, 'ticker.yaml'));
    const logs = containerLogsOf(s);
    let inst: LogInstance | undefined;
    s.clock.runUntil(() => (inst = logs.instances('default', 'ticker', 'c')[0]) !== undefined, 60_000);
    const got: string[] = [];
    let ended = false;
    logs.follow(inst!, {}, { lines: (ls) => got.push(...ls.map((l) => l.text)), end: () => (ended = true) });
    expect(got).toEqual([dateCommand(inst!.startMs)]);
    s.clock.advance(1000);
    expect(got).toHaveLength(2);
    s.clock.advance(5000);
    expect(got).toEqual([0, 1, 2, 3].map((k) => dateCommand(inst!.startMs + k * 1000)));
    expect(ended).toBe(true);
    s.stop();
  });
});
