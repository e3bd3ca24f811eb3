// The real kubectl's exec and port-forward against `sim serve`, with a test double behind
// InsideWorld: what is checked here is the transport — WebSocket v5 channels (kubectl 1.30+),
// SPDY (kubectl 1.27–1.29, and port-forward's SPDY over WebSocket tunnel from 1.31), exit codes,
// stdin's end of file, the apiserver's refusals before the upgrade and a refused port's error
// text. What the simulated shell answers is tested with the simulator's own inside.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { insideDouble } from '../helpers/insideDouble.js';
import { closeStartedHarnesses, Harness, kubectlAvailable, waitFor } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();
const scratch = mkdtempSync(join(tmpdir(), 'podscope-exec-e2e-'));
afterEach(closeStartedHarnesses);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const SCENARIO = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports:
        - containerPort: 8080
---
apiVersion: v1
kind: Pod
metadata:
  name: duo
spec:
  containers:
    - name: main
      image: nginx:1.27
    - name: stopped
      image: busybox:1.36
---
apiVersion: v1
kind: Pod
metadata:
  name: annotated
  annotations:
    kubectl.kubernetes.io/default-container: second
spec:
  containers:
    - name: first
      image: nginx:1.27
    - name: second
      image: nginx:1.27
`;

function scenario(): string {
  const path = join(scratch, 'exec.yaml');
  writeFileSync(path, SCENARIO);
  return path;
}

const SDK = '/usr/lib/google-cloud-sdk/bin';
/** kubectl binaries to judge with: the one on PATH, and older ones when installed. */
const BINARIES = ['kubectl', ...['1.33', '1.30', '1.29', '1.27'].map((v) => join(SDK, `kubectl.${v}`)).filter((p) => existsSync(p))];

async function start() {
  const inside = insideDouble();
  const h = await Harness.start({ scenario: scenario(), server: { inside } });
  return { h, inside };
}

function httpGet(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(`${res.statusCode} ${body}`));
    });
    req.on('error', reject);
    req.end();
  });
}

function version(binary: string): string {
  return spawnSync(binary, ['version', '--client', '-o', 'json'], { encoding: 'utf8' }).stdout.match(/"gitVersion":\s*"([^"]+)"/)?.[1] ?? binary;
}

describe.runIf(haveKubectl).sequential('kubectl exec and port-forward against sim serve (transport, with a test double inside)', () => {
  for (const binary of BINARIES) {
    const v = version(binary);
    it(`${v}: exec prints the output and keeps the exit code; stdin reaches the process and its end too`, async () => {
      const { h, inside } = await start();
      const host = await h.kubectl(['exec', 'web', '--', 'hostname'], undefined, binary);
      expect(host).toEqual({ code: 0, stdout: 'web\n', stderr: '' });
      expect(inside.log.execs.at(-1)).toMatchObject({ namespace: 'default', pod: 'web', container: 'app', command: ['hostname'], tty: false, stdin: false });

      const failed = await h.kubectl(['exec', 'web', '--', 'sh', '-c', 'exit 3'], undefined, binary);
      expect(failed.code).toBe(3);
      expect(failed.stderr).toBe('command terminated with exit code 3\n');

      const piped = await h.kubectl(['exec', '-i', 'web', '--', 'cat'], 'line one\nline two\n', binary);
      expect(piped).toEqual({ code: 0, stdout: 'line one\nline two\n', stderr: '18 bytes\n' });

      const missing = await h.kubectl(['exec', 'web', '--', 'nosuch'], undefined, binary);
      expect(missing.code).toBe(127);
      expect(missing.stderr).toBe('sh: nosuch: not found\ncommand terminated with exit code 127\n');
    });

    it(`${v}: exec picks the default container as kubectl does, and the apiserver's and kubelet's refusals come through`, async () => {
      const { h, inside } = await start();
      const annotated = await h.kubectl(['exec', 'annotated', '--', 'hostname'], undefined, binary);
      expect(annotated.stdout).toBe('annotated\n');
      expect(inside.log.execs.at(-1)!.container).toBe('second');

      const notValid = await h.kubectl(['exec', 'web', '-c', 'nope', '--', 'hostname'], undefined, binary);
      expect(notValid.code).toBe(1);
      expect(notValid.stderr).toContain('container nope is not valid for pod web');

      const gone = await h.kubectl(['exec', 'ghost', '--', 'hostname'], undefined, binary);
      expect(gone.stderr).toBe('Error from server (NotFound): pods "ghost" not found\n');

      const stopped = await h.kubectl(['exec', 'duo', '-c', 'stopped', '--', 'hostname'], undefined, binary);
      expect(stopped.code).toBe(1);
      expect(stopped.stderr).toContain('error executing command in container: container is not running');
    });

    it(`${v}: port-forward carries an HTTP exchange, and a port nothing listens on is reported as the kubelet does`, async () => {
      const { h, inside } = await start();
      const pf = h.stream(['port-forward', 'pod/web', ':8080', ':9090']);
      await waitFor('port-forward to listen', () => pf.lines.filter((l) => l.startsWith('Forwarding from 127.0.0.1:')).length === 2 || pf.exited, 20_000);
      expect(pf.stderr).toBe('');
      const [to8080, to9090] = pf.lines.filter((l) => l.startsWith('Forwarding from 127.0.0.1:')).map((l) => Number(/127\.0\.0\.1:(\d+)/.exec(l)![1]));
      expect(await httpGet(to8080!)).toBe('200 hello from default/web\n');
      expect(await httpGet(to8080!)).toBe('200 hello from default/web\n');
      expect(inside.log.connections).toBe(2);
      await httpGet(to9090!).catch(() => '');
      await waitFor('the refusal on stderr', () => pf.stderr.includes('connection refused'), 10_000);
      // klog quotes the error as a structured value in newer kubectl: compare without its escapes.
      expect(pf.stderr.replaceAll('\\"', '"')).toMatch(
        /an error occurred forwarding \d+ -> 9090: error forwarding port 9090 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace "\/var\/run\/netns\/cni-[0-9a-f-]+": failed to connect to localhost:9090 inside namespace "[0-9a-f]{64}", IPv4: dial tcp4 127\.0\.0\.1:9090: connect: connection refused IPv6 dial tcp6 \[::1\]:9090: connect: connection refused/,
      );
      pf.stop();
    });
  }
});
