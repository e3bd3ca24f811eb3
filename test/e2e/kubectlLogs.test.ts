// The real kubectl's `logs` against `sim serve`: every flag, the upstream error texts, and
// `-f` ending with the container instance as on a real cluster. What kubectl prints is the
// server's bytes, so expectations are literal where the output is fixed by the fixture.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { containerLogsOf, dateCommand, formatLogLines, MAX_LOG_BYTES_PER_INSTANCE, rfc3339Nano } from '../../src/sim/logs/index.js';
import { closeStartedHarnesses, Harness, kubectlAvailable, waitFor } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();
const scratch = mkdtempSync(join(tmpdir(), 'podscope-logs-e2e-'));

afterEach(closeStartedHarnesses);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function scenarioFile(name: string, yaml: string): string {
  const path = join(scratch, `${name}.yaml`);
  writeFileSync(path, yaml);
  return path;
}

/** A pod whose container prints the date every second for 10 s, then exits 1 with last words. */
const TICKER = `apiVersion: v1
kind: Pod
metadata:
  name: ticker
  annotations:
    sim.podscope.dev/run: 10s
    sim.podscope.dev/exit-code: "1"
    sim.podscope.dev/logs: |
      exit stderr: giving up after {restarts} restarts
spec:
  containers:
    - name: clock
      image: busybox:1.36
      command: ["sh", "-c", "while true; do date; sleep 1; done"]
`;

function ok(r: { code: number | null; stderr: string }): void {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

describe.runIf(haveKubectl).sequential('kubectl logs against sim serve', () => {
  it('prints the hello Job greeting (job/x), and the crash loop last words with --previous and --timestamps', async () => {
    const h = await Harness.start({ scenario: 'default' });
    const hello = await h.kubectl(['logs', '-n', 'batch', 'job/hello']);
    ok(hello);
    expect(hello.stdout).toBe('Hello from the Kubernetes cluster\n');

    const h2 = await Harness.start({ scenario: 'crashloop' });
    const previous = await h2.kubectl(['logs', 'crashloop', '--previous']);
    ok(previous);
    expect(previous.stdout).toBe('connecting to the database...\nconnection refused\n');
    const pod = h2.sim.store.get('Pod', 'default', 'crashloop')!;
    const last = pod.status!.containerStatuses![0]!.lastState!.terminated!;
    const inst = containerLogsOf(h2.sim).instance('default', 'crashloop', 'app', last.containerID!)!;
    const stamped = await h2.kubectl(['logs', 'crashloop', '-p', '--timestamps']);
    ok(stamped);
    expect(stamped.stdout).toBe(`${rfc3339Nano(inst.startMs)} connecting to the database...\n${rfc3339Nano(inst.startMs + 2000)} connection refused\n`);
    expect(rfc3339Nano(inst.startMs + 2000).slice(0, 19)).toBe(last.finishedAt!.slice(0, 19));
  });

  it('-c, --tail, --all-containers --prefix, and the choose-one-of error', async () => {
    const h = await Harness.start({ scenario: 'two-containers' });
    // kubectl itself defaults to the first container; the server, asked without one, refuses.
    const none = await h.kubectl(['logs', 'two-containers', '--tail', '1']);
    expect(none.code).toBe(0);
    expect(none.stderr).toBe('Defaulted container "nginx-container" out of: nginx-container, debian-container\n');
    expect(none.stdout).toMatch(/ start worker process 32\n$/);
    const raw = await h.kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/two-containers/log']);
    expect(raw.stderr).toBe('Error from server (BadRequest): a container name must be specified for pod two-containers, choose one of: [nginx-container debian-container]\n');

    const tail = await h.kubectl(['logs', 'two-containers', '-c', 'nginx-container', '--tail', '2']);
    ok(tail);
    expect(tail.stdout).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: start worker process 31\n.* start worker process 32\n$/);
    // Output redirected to a file prints nothing.
    const debian = await h.kubectl(['logs', 'two-containers', '-c', 'debian-container']);
    ok(debian);
    expect(debian.stdout).toBe('');

    const all = await h.kubectl(['logs', 'two-containers', '--all-containers', '--prefix', '--tail', '1']);
    ok(all);
    expect(all.stdout).toMatch(/^\[pod\/two-containers\/nginx-container\] .* start worker process 32\n$/);

    const unknown = await h.kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/two-containers/log?container=nope']);
    expect(unknown.stderr).toBe('Error from server (BadRequest): container nope is not valid for pod two-containers\n');
  });

  it('init containers in the choose-one-of text; the default-container annotation is what kubectl reads', async () => {
    const h = await Harness.start({
      scenario: scenarioFile(
        'sidecars',
        `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    kubectl.kubernetes.io/default-container: app
spec:
  initContainers:
    - name: setup
      image: busybox
      command: ["sh", "-c", "echo migrating; echo done"]
  containers:
    - name: proxy
      image: busybox
      command: ["sh", "-c", "echo proxy up; sleep infinity"]
    - name: app
      image: busybox
      command: ["sh", "-c", "echo app up; sleep infinity"]
`,
      ),
    });
    const raw = await h.kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/web/log']);
    expect(raw.stderr).toBe('Error from server (BadRequest): a container name must be specified for pod web, choose one of: [proxy app] or one of the init containers: [setup]\n');
    const app = await h.kubectl(['logs', 'web']);
    ok(app);
    expect(app.stdout).toBe('app up\n');
    const setup = await h.kubectl(['logs', 'web', '-c', 'setup']);
    ok(setup);
    expect(setup.stdout).toBe('migrating\ndone\n');
    const all = await h.kubectl(['logs', 'web', '--all-containers', '--prefix']);
    ok(all);
    // kubectl keeps its requests in a Go map: the containers come in any order, each one's lines in order.
    const lines = all.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect([...lines].sort()).toEqual(['[pod/web/app] app up', '[pod/web/proxy] proxy up', '[pod/web/setup] done', '[pod/web/setup] migrating']);
    expect(lines.indexOf('[pod/web/setup] migrating') + 1).toBe(lines.indexOf('[pod/web/setup] done'));
  });

  it('the kubelet texts: no previous instance, waiting to start, image pull back-off', async () => {
    const h = await Harness.start({ scenario: 'nginx' });
    const previous = await h.kubectl(['logs', 'nginx', '--previous']);
    expect(previous.code).toBe(1);
    expect(previous.stderr).toBe('Error from server (BadRequest): previous terminated container "nginx" in pod "nginx" not found\n');
    const start = await h.kubectl(['logs', 'nginx']);
    ok(start);
    expect(start.stdout.split('\n').slice(0, 2)).toEqual([
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    ]);

    const creating = await Harness.start({ scenario: 'nginx', settleMs: 500 });
    const waiting = await creating.kubectl(['logs', 'nginx']);
    expect(waiting.stderr).toBe('Error from server (BadRequest): container "nginx" in pod "nginx" is waiting to start: ContainerCreating\n');

    const pull = await Harness.start({ scenario: 'image-pull-fail' });
    const backoff = await pull.kubectl(['logs', 'bad-image']);
    expect(backoff.stderr).toBe('Error from server (BadRequest): container "app" in pod "bad-image" is waiting to start: trying and failing to pull image\n');
  });

  it('-l, deploy/x and --since on the chatty service are the server bytes', async () => {
    const h = await Harness.start({ scenario: 'chatty' });
    const pod = h.sim.store.list('Pod').items[0]!;
    const name = pod.metadata!.name!;
    const inst = containerLogsOf(h.sim).instances('default', name, 'chatty').at(-1)!;
    const now = h.clock.now();
    const expected = formatLogLines(containerLogsOf(h.sim).read(inst, { sinceMs: now - 2000 }), false);
    expect(expected.split('\n').length).toBeGreaterThan(2000);
    const since = await h.kubectl(['logs', 'deploy/chatty', '--since', '2s']);
    ok(since);
    expect(since.stdout).toBe(expected);
    const selected = await h.kubectl(['logs', '-l', 'app=chatty', '--tail', '3']);
    ok(selected);
    expect(selected.stdout).toBe(formatLogLines(containerLogsOf(h.sim).read(inst, { tailLines: 3 }), false));
    expect(selected.stdout).toMatch(/^(.* INFO request id=\d+ GET \/api\/v1\/items\/\d+ 200 3ms\n){3}$/);
    // Two minutes at 1,000 lines/s is more than the 10 MiB kept: the oldest lines are rotated away.
    const everything = formatLogLines(containerLogsOf(h.sim).read(inst), false);
    expect(everything.startsWith('chatty starting')).toBe(false);
    expect(everything.length).toBeLessThan(MAX_LOG_BYTES_PER_INSTANCE);
    expect(everything.length).toBeGreaterThan(MAX_LOG_BYTES_PER_INSTANCE / 2);
    const from = Math.floor((inst.startMs + 65_000) / 1000) * 1000;
    const sinceTime = await h.kubectl(['logs', name, '--since-time', new Date(from).toISOString().replace('.000Z', 'Z')]);
    ok(sinceTime);
    expect(sinceTime.stdout).toBe(formatLogLines(containerLogsOf(h.sim).read(inst, { sinceMs: from }), false));
    expect(sinceTime.stdout.split('\n').filter((l) => l.includes(' INFO '))).toHaveLength(Math.floor(now - from) + 1);
    const limited = await h.kubectl(['logs', name, '--limit-bytes', '30']);
    ok(limited);
    expect(limited.stdout).toBe(everything.slice(0, 30));
  });

  it('-f prints each date as the simulated clock reaches it and ends when the instance ends; -f again follows the next one', async () => {
    const h = await Harness.start({ scenario: scenarioFile('ticker', TICKER), settleMs: 5000 });
    const status = (): string | undefined => h.sim.store.get('Pod', 'default', 'ticker')?.status?.containerStatuses?.[0]?.containerID;
    const firstID = status();
    expect(firstID).toBeDefined();
    const inst = containerLogsOf(h.sim).instance('default', 'ticker', 'clock', firstID!)!;
    const follow = h.stream(['logs', '-f', 'ticker']);
    const seen = Math.floor((h.clock.now() - inst.startMs) / 1000) + 1;
    await waitFor('the lines so far', () => follow.lines.length === seen);
    expect(follow.lines).toEqual(Array.from({ length: seen }, (_, k) => dateCommand(inst.startMs + k * 1000)));
    for (let i = 0; i < 3; i++) {
      h.clock.advance(1000);
      await waitFor(`line ${seen + i + 1}`, () => follow.lines.length === seen + i + 1);
    }
    expect(follow.exited).toBe(false);
    h.clock.advanceTo(inst.startMs + 10_000);
    await waitFor('kubectl -f to end with the instance', () => follow.exited);
    expect(follow.exitCode).toBe(0);
    expect(follow.lines.slice(-2)).toEqual([dateCommand(inst.startMs + 10_000), 'giving up after 0 restarts']);
    expect(follow.lines).toHaveLength(12);

    // The kubelet restarts it at once (first back-off is 0): a new follow reads the new instance.
    await waitFor('a new instance', () => {
      h.clock.advance(100);
      return status() !== undefined && status() !== firstID;
    });
    const second = h.stream(['logs', '-f', 'ticker']);
    await waitFor('the new instance first line', () => second.lines.length >= 1);
    const previous = await h.kubectl(['logs', 'ticker', '--previous', '--tail', '1']);
    expect(previous.stdout).toBe('giving up after 0 restarts\n');
    h.clock.advance(11_000);
    await waitFor('the second follow to end', () => second.exited);
    expect(second.lines.at(-1)).toBe('giving up after 1 restarts');
  });
});
