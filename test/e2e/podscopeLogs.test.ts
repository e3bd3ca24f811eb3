// `podscope logs` against `sim serve`, byte for byte beside the real kubectl: the same
// stdout, stderr and exit code for each flag and each refusal. The simulator runs on a
// manual clock, so both read the same bytes; `-f` ends for both when the container does.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeStartedHarnesses, Harness, kubectlAvailable, waitFor, type KubectlResult } from './helpers/serverHarness.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PODSCOPE = join(ROOT, 'bin', 'podscope.js');
const haveKubectl = kubectlAvailable();
const scratch = mkdtempSync(join(tmpdir(), 'podscope-logs-cli-'));

afterEach(closeStartedHarnesses);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const SCENARIO = `apiVersion: v1
kind: Pod
metadata:
  name: hello
spec:
  containers:
    - name: app
      image: busybox:1.36
      command: ["sh", "-c", "echo one; echo two; echo three; sleep 3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: multi
spec:
  initContainers:
    - name: init
      image: busybox:1.36
      command: ["sh", "-c", "echo init done"]
  containers:
    - name: a
      image: busybox:1.36
      command: ["sh", "-c", "echo alpha 1; echo alpha 2; sleep 3600"]
    - name: b
      image: busybox:1.36
      command: ["sh", "-c", "echo beta; sleep 3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: crashloop
  annotations:
    sim.podscope.dev/run: "2s"
    sim.podscope.dev/exit-code: "1"
spec:
  containers:
    - name: app
      image: busybox:1.36
      command: ["sh", "-c", "echo connecting to the database...; sleep 2; echo connection refused; exit 1"]
---
apiVersion: v1
kind: Pod
metadata:
  name: bad-image
spec:
  containers:
    - name: app
      image: nginx:1.27-does-not-exist
---
apiVersion: v1
kind: Pod
metadata:
  name: slow
spec:
  restartPolicy: Never
  containers:
    - name: app
      image: busybox:1.36
      command: ["sh", "-c", "echo first; sleep 30; echo second; sleep 30; echo last"]
`;

async function both(h: Harness, args: string[]): Promise<{ kubectl: KubectlResult; podscope: KubectlResult }> {
  const [kubectl, podscope] = await Promise.all([h.kubectl(['logs', ...args]), h.kubectl(['logs', ...args], undefined, PODSCOPE)]);
  return { kubectl, podscope };
}

/** `logs -f slow --timestamps` left running, its output readable while it runs. */
function follow(h: Harness, binary: string): { out(): string; result(): KubectlResult | undefined } {
  const child = spawn(binary, ['--kubeconfig', h.kubeconfig, 'logs', '-f', 'slow', '--timestamps'], {
    env: { ...process.env, HOME: h.dir, KUBECONFIG: h.kubeconfig, KUBECACHEDIR: join(h.dir, 'cache') },
  });
  let stdout = '';
  let stderr = '';
  let result: KubectlResult | undefined;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.on('close', (code) => (result = { code, stdout, stderr }));
  return { out: () => stdout, result: () => result };
}

/** kubectl reads --all-containers from a Go map: its containers come in any order, each one's lines in order. */
function blocks(out: string): string[] {
  return out.split('\n').sort();
}

describe.runIf(haveKubectl).sequential('podscope logs prints what kubectl logs prints', () => {
  it('every flag and every refusal, byte for byte', async () => {
    const path = join(scratch, 'logs.yaml');
    writeFileSync(path, SCENARIO);
    const h = await Harness.start({ scenario: path, settleMs: 30_000 });
    const cases: string[][] = [
      ['hello'],
      ['pod/hello'],
      ['hello', '--timestamps'],
      ['hello', '--tail', '2'],
      ['hello', '--tail=-1', '--timestamps'],
      ['hello', '--tail', '0'],
      ['hello', '--since', '1h'],
      ['hello', '--since', '0s'],
      ['multi'],
      ['multi', '-c', 'b'],
      ['multi', '-c', 'init', '--timestamps'],
      ['crashloop', '-p'],
      ['crashloop', '--previous', '--timestamps', '--tail', '1'],
      // Refusals: the server's words, and kubectl's own checks.
      ['nope'],
      ['multi', '-c', 'zz'],
      ['hello', '-p'],
      ['bad-image'],
      ['hello', '--tail', '-5'],
      ['hello', '--since=-1s'],
    ];
    // Four cases at a time: the clock is manual, so the order of the reads changes nothing.
    for (let i = 0; i < cases.length; i += 4) {
      const runs = await Promise.all(cases.slice(i, i + 4).map(async (args) => ({ args, ...(await both(h, args)) })));
      for (const { args, kubectl, podscope } of runs) expect({ args, ...podscope }).toEqual({ args, ...kubectl });
    }
    // A flag that does not parse: kubectl's line, then a pointer to the program's own help.
    for (const args of [['hello', '--since', 'soon'], ['hello', '--tail', 'x']]) {
      const { kubectl, podscope } = await both(h, args);
      expect(podscope.stderr).toBe(kubectl.stderr.replace("See 'kubectl logs --help' for usage.", "See 'podscope --help' for usage."));
      expect(podscope.code).toBe(kubectl.code);
    }
    for (const args of [['multi', '--all-containers'], ['multi', '--all-containers', '--prefix', '--timestamps']]) {
      const { kubectl, podscope } = await both(h, args);
      expect({ args, code: podscope.code, stderr: podscope.stderr, lines: blocks(podscope.stdout) }).toEqual({ args, code: kubectl.code, stderr: kubectl.stderr, lines: blocks(kubectl.stdout) });
    }
  }, 240_000);

  it('-f prints the lines as they come and ends with the container, as kubectl -f does', async () => {
    const path = join(scratch, 'follow.yaml');
    writeFileSync(path, SCENARIO);
    const h = await Harness.start({ scenario: path, settleMs: 10_000 });
    const runs = [follow(h, 'kubectl'), follow(h, PODSCOPE)];
    await waitFor('both to print the first line', () => runs.every((r) => r.out().includes(' first\n')), 15_000);
    for (let i = 0; i < 70; i++) {
      h.clock.advance(1_000);
      await new Promise((r) => setImmediate(r));
    }
    await waitFor('both -f to end with the container', () => runs.every((r) => r.result() !== undefined), 20_000);
    const [kubectl, podscope] = runs.map((r) => r.result()!);
    expect(kubectl!.stdout).toMatch(/Z first\n.*Z second\n.*Z last\n$/);
    expect(podscope).toEqual(kubectl);
  }, 60_000);
});
