// The "must show", with the real kubectl against sim serve and the simulator's own
// inside: the documents' two-container pod (a date loop writing index.html into a shared
// emptyDir, a python http.server serving it), exec's hostname and pod IP in both containers,
// a configMap file, exit codes, a container that is not running, `kubectl cp` both ways,
// `port-forward` returning the current simulated date, a Service with no ready endpoint not
// resolving, and `kubectl exec -it` under tmux. Run with kubectl on PATH and 1.33 when present.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeStartedHarnesses, Harness, kubectlAvailable, waitFor } from './helpers/serverHarness.js';
import { requireTmux, TmuxSession } from './helpers/tmux.js';

const haveKubectl = kubectlAvailable();
const scratch = mkdtempSync(join(tmpdir(), 'podscope-inside-e2e-'));
let term: TmuxSession | undefined;
afterEach(async () => {
  term?.kill();
  term = undefined;
  await closeStartedHarnesses();
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const SCENARIO = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {app.conf: "mode=fast\\n"}
---
apiVersion: v1
kind: Pod
metadata: {name: two, labels: {app: two}}
spec:
  volumes:
    - {name: html, emptyDir: {}}
    - {name: conf, configMap: {name: settings}}
  containers:
    - name: backend
      image: busybox:1.36
      command: ["/bin/sh", "-c"]
      args: ["while true; do date > /html/index.html; sleep 1; done"]
      volumeMounts:
        - {name: html, mountPath: /html}
        - {name: conf, mountPath: /etc/app}
    - name: frontend
      image: python:3.12
      command: ["python", "-m", "http.server", "8080", "--directory", "/data"]
      ports: [{containerPort: 8080}]
      volumeMounts: [{name: html, mountPath: /data}]
---
apiVersion: v1
kind: Pod
metadata:
  name: flaky
  labels: {app: flaky}
  annotations:
    sim.podscope.dev/readiness: "fail"
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports: [{containerPort: 80}]
      readinessProbe: {httpGet: {path: /healthz, port: 80}, periodSeconds: 5}
---
apiVersion: v1
kind: Service
metadata: {name: flaky}
spec:
  selector: {app: flaky}
  ports: [{port: 80, targetPort: 80}]
---
apiVersion: v1
kind: Pod
metadata: {name: pulling}
spec:
  containers: [{name: main, image: no-such-registry.invalid/nothing:1}]
`;

const SDK = '/usr/lib/google-cloud-sdk/bin';
const BINARIES = ['kubectl', ...(existsSync(join(SDK, 'kubectl.1.33')) ? [join(SDK, 'kubectl.1.33')] : [])];

function version(binary: string): string {
  return spawnSync(binary, ['version', '--client', '-o', 'json'], { encoding: 'utf8' }).stdout.match(/"gitVersion":\s*"([^"]+)"/)?.[1] ?? binary;
}

async function start(): Promise<Harness> {
  const path = join(scratch, 'two.yaml');
  writeFileSync(path, SCENARIO);
  return Harness.start({ scenario: path, settleMs: 60_000 });
}

function httpGet(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.runIf(haveKubectl).sequential('kubectl exec, cp and port-forward into the simulated inside', () => {
  for (const binary of BINARIES) {
    const v = version(binary);
    it(`${v}: hostname and pod IP in both containers, a configMap file, exit codes, a container not running`, async () => {
      const h = await start();
      const k = (args: string[], input?: string) => h.kubectl(args, input, binary);
      const ip = h.sim.store.get('Pod', 'default', 'two')!.status!.podIP!;
      expect(await k(['exec', 'two', '-c', 'backend', '--', 'hostname'])).toEqual({ code: 0, stdout: 'two\n', stderr: '' });
      expect((await k(['exec', 'two', '-c', 'backend', '--', 'hostname', '-i'])).stdout).toBe(`${ip}\n`);
      expect((await k(['exec', 'two', '-c', 'frontend', '--', 'hostname', '-i'])).stdout).toBe(`${ip}\n`);
      expect((await k(['exec', 'two', '-c', 'backend', '--', 'cat', '/etc/app/app.conf'])).stdout).toBe('mode=fast\n');
      const failed = await k(['exec', 'two', '-c', 'backend', '--', 'sh', '-c', 'exit 7']);
      expect([failed.code, failed.stderr]).toEqual([7, 'command terminated with exit code 7\n']);
      const noContainer = await k(['exec', 'two', '--', 'hostname']);
      // kubectl picks the first container itself and says so.
      expect(noContainer.stderr).toContain('Defaulted container "backend" out of: backend, frontend');
      const pulling = await k(['exec', 'pulling', '--', 'hostname']);
      expect(pulling.code).toBe(1);
      expect(pulling.stderr).toBe('error: Internal error occurred: unable to upgrade connection: container not found ("main")\n');
      const unresolved = await k(['exec', 'two', '-c', 'backend', '--', 'wget', '-qO-', 'http://flaky']);
      expect(unresolved.code).not.toBe(0);
      expect(unresolved.stdout).toBe('');
    });

    it(`${v}: cp into the pod and back out, through tar`, async () => {
      const h = await start();
      const k = (args: string[]) => h.kubectl(args, undefined, binary);
      const local = join(scratch, `note-${process.pid}.txt`);
      writeFileSync(local, 'copied in\n');
      const into = await k(['cp', local, 'two:/html/note.txt', '-c', 'backend']);
      expect(into.code).toBe(0);
      expect((await k(['exec', 'two', '-c', 'frontend', '--', 'cat', '/data/note.txt'])).stdout).toBe('copied in\n');
      const back = join(scratch, `back-${process.pid}.txt`);
      const out = await k(['cp', 'two:/data/note.txt', back, '-c', 'frontend']);
      expect(out.code).toBe(0);
      expect(readFileSync(back, 'utf8')).toBe('copied in\n');
    });

    it(`${v}: port-forward to the python server returns the current simulated date`, async () => {
      const h = await start();
      const pf = h.stream(['port-forward', 'pod/two', ':8080']);
      await waitFor('the forward', () => pf.lines.some((l) => l.startsWith('Forwarding from 127.0.0.1:')) || pf.exited, 20_000);
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(pf.lines.find((l) => l.startsWith('Forwarding from 127.0.0.1:'))!)![1]);
      const first = await httpGet(port);
      expect(first).toMatch(/^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}\n$/);
      h.clock.advance(120_000);
      const later = await httpGet(port);
      expect(later).not.toBe(first);
      pf.stop();
    });
  }

  it('kubectl exec -it under tmux: hostname, then exit', async () => {
    const h = await start();
    requireTmux();
    term = TmuxSession.start({ cwd: scratch, columns: 100, rows: 20, name: 'exec-it', command: `KUBECONFIG=${h.kubeconfig} kubectl exec -it two -c backend -- sh; echo EXIT=$?; exec cat` });
    const t = term;
    await t.waitFor('a prompt', (s) => /[#$] ?$/m.test(s));
    t.type('hostname');
    t.press('enter');
    await t.waitFor('the pod name', (s) => /^two$/m.test(s));
    t.type('exit');
    t.press('enter');
    await t.waitFor('kubectl to end', (s) => s.includes('EXIT=0'));
  });

  it("kubectl exec -it with k9s's shell line: clear, bash not found, ash; exit 3 tries sh, whose exit 3 is kubectl's", async () => {
    const h = await start();
    requireTmux();
    term = TmuxSession.start({ cwd: scratch, columns: 100, rows: 20, name: 'exec-k9s', command: `KUBECONFIG=${h.kubeconfig} kubectl exec -it two -c backend -- sh -c "clear; (bash || ash || sh)"; echo EXIT=$?; exec cat` });
    const t = term;
    await t.waitFor('bash not found, then the ash prompt', (s) => /^sh: bash: not found\n\/ # $/m.test(s.trimEnd() + ' '));
    t.type('hostname');
    t.press('enter');
    await t.waitFor('the pod name', (s) => /^two$/m.test(s));
    t.type('exit 3');
    t.press('enter');
    await t.waitFor('the sh prompt after ash', (s) => /^\/ # exit 3\n\/ # $/m.test(s.trimEnd() + ' '));
    t.type('exit 3');
    t.press('enter');
    const end = await t.waitFor('kubectl to end', (s) => s.includes('EXIT=3') && s);
    expect(end).toContain('command terminated with exit code 3');
  });
});
