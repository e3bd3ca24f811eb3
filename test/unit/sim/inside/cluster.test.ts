// The inside against a running simulated cluster: StatefulSet identity, Services through ready
// endpoints only, probe paths, signals and the restart policy, terminal sessions.
import { describe, expect, it } from 'vitest';
import { httpGet, run, sh, simWith, until } from './helpers.js';

const CLUSTER = `apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: nginx, image: "nginx:1.27", ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: flaky}
spec:
  selector: {app: flaky}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Pod
metadata:
  name: flaky
  labels: {app: flaky}
  annotations: {sim.podscope.dev/readiness: "fail"}
spec:
  containers:
    - name: nginx
      image: "nginx:1.27"
      readinessProbe: {httpGet: {path: /healthz, port: 80}, periodSeconds: 5}
---
apiVersion: v1
kind: Pod
metadata: {name: shared}
spec:
  shareProcessNamespace: true
  containers:
    - {name: app, image: busybox, command: [sh, -c, "sleep 3600"]}
    - {name: tools, image: busybox, command: [sh, -c, "sleep 3600"]}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers: [{name: c, image: "curlimages/curl:8.7.1", command: [sleep, infinity]}]
`;

describe('inside a cluster', () => {
  it('a StatefulSet pod: hostname, /etc/hosts FQDN, and its DNS name through the headless Service', async () => {
    const { sim } = simWith(CLUSTER);
    expect((await run(sim, 'db-0', 'nginx', ['hostname'])).stdout).toBe('db-0\n');
    const ip = sim.store.get('Pod', 'default', 'db-0')!.status!.podIP!;
    expect((await run(sim, 'db-0', 'nginx', ['cat', '/etc/hosts'])).stdout).toContain(`${ip}\tdb-0.db.default.svc.cluster.local\tdb-0\n`);
    const viaDns = await run(sim, 'client', 'c', ['curl', '-s', '-o', '/dev/null', '-w', '', 'http://db-0.db.default.svc.cluster.local/']);
    expect(viaDns.code).toBe(0);
    expect((await run(sim, 'client', 'c', ['curl', '-s', 'db/'])).stdout).toContain('Welcome to nginx!');
    sim.stop();
  });

  it('a Service whose only pod is not ready refuses; the pod itself still answers on its IP; the probe path gets the failing status', async () => {
    const { sim } = simWith(CLUSTER);
    const svc = sim.store.get('Service', 'default', 'flaky')!;
    const refused = await run(sim, 'client', 'c', ['curl', 'flaky']);
    expect(refused).toMatchObject({ code: 7, stderr: "curl: (7) Failed to connect to flaky port 80 after 0 ms: Couldn't connect to server\n" });
    const byIP = await run(sim, 'client', 'c', ['curl', '-s', `http://${svc.spec!.clusterIP}/`]);
    expect(byIP.code).toBe(7);
    const podIP = sim.store.get('Pod', 'default', 'flaky')!.status!.podIP!;
    expect((await run(sim, 'client', 'c', ['curl', '-s', `http://${podIP}/`])).stdout).toContain('Welcome to nginx!');
    expect((await httpGet(sim, 'flaky', 80, '/healthz')).status).toBe(500);
    sim.stop();
  });

  it('shareProcessNamespace: /pause is PID 1, kill -9 of a sibling exits 137 and it restarts; PID 1 of its own namespace ignores KILL', async () => {
    const { sim, clock } = simWith(CLUSTER);
    const ps = (await run(sim, 'shared', 'tools', ['ps'])).stdout;
    expect(ps).toMatch(/^ +1 65535 +0:00 \/pause$/m);
    const appPid = /^ +(\d+) root +0:00 sh -c sleep 3600$/m.exec(ps)![1]!;
    expect((await run(sim, 'shared', 'tools', ['kill', '-9', appPid])).code).toBe(0);
    clock.advance(1000);
    const app = sim.store.get('Pod', 'default', 'shared')!.status!.containerStatuses!.find((s) => s.name === 'app')!;
    expect(app.lastState?.terminated?.exitCode).toBe(137);
    expect(app.restartCount).toBe(1);
    await run(sim, 'client', 'c', ['kill', '-9', '1']);
    clock.advance(1000);
    expect(sim.store.get('Pod', 'default', 'client')!.status!.containerStatuses![0]!.restartCount).toBe(0);
    sim.stop();
  });

  it('a terminal session: prompt, echo, backspace, ctrl-c, exit with its code', async () => {
    const { sim } = simWith(CLUSTER);
    let screen = '';
    const s = sim.inside.exec({ namespace: 'default', pod: 'shared', container: 'app', command: ['sh'], tty: true, stdin: true }, { stdout: (d) => (screen += String(d)), stderr: () => {} });
    s.write('hostnamx\x7fe\r');
    await until(() => screen.endsWith('shared\r\n/ # '), () => screen);
    s.write('typo\x03exit 3\r');
    expect(await s.exited).toBe(3);
    expect(screen).toBe('/ # hostnamx\b \be\r\nshared\r\n/ # typo^C\r\n/ # exit 3\r\n');
    sim.stop();
  });

  it('a script on stdin without a terminal, and bash where the image has none', async () => {
    const { sim } = simWith(CLUSTER);
    const r = await run(sim, 'shared', 'app', ['sh'], 'echo one\nexit 4\necho never\n');
    expect(r).toMatchObject({ stdout: 'one\n', code: 4 });
    const bash = await run(sim, 'shared', 'app', ['bash']);
    expect(bash.code).toBe(126);
    expect(bash.stderr).toContain('exec: "bash": executable file not found in $PATH');
    expect((await sh(sim, 'db-0', 'nginx', 'wget -q x')).stderr).toBe('sh: 1: wget: not found\n');
    sim.stop();
  });

  it('exec into a completed pod answers with its phase', async () => {
    const { sim, clock } = simWith(`apiVersion: v1
kind: Pod
metadata: {name: done}
spec:
  restartPolicy: Never
  containers: [{name: c, image: busybox, command: [sh, -c, "sleep 1"]}]
`);
    clock.advance(10_000);
    expect(() => sim.inside.exec({ namespace: 'default', pod: 'done', container: 'c', command: ['sh'], tty: false, stdin: false }, { stdout: () => {}, stderr: () => {} })).toThrow(
      'cannot exec into a container in a completed pod; current phase is Succeeded',
    );
    sim.stop();
  });

  it('exec into a container that is not running answers as the kubelet does', async () => {
    const { sim } = simWith(`apiVersion: v1
kind: Pod
metadata: {name: pulling}
spec:
  containers:
    - {name: ok, image: busybox, command: [sleep, infinity]}
    - {name: broken, image: "registry.example/does-not-exist:1"}
`);
    expect(() => sim.inside.exec({ namespace: 'default', pod: 'pulling', container: 'broken', command: ['sh'], tty: false, stdin: false }, { stdout: () => {}, stderr: () => {} })).toThrow('container not found ("broken")');
    expect((await run(sim, 'pulling', 'ok', ['true'])).code).toBe(0);
    sim.stop();
  });
});
