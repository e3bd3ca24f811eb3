// The simulated inside of containers: files, environment, processes, network, servers, shell.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src/kube/apiError.js';
import { ConnectionRefused } from '../../../../src/sim/inside/types.js';
import { httpGet, run, sh, simWith } from './helpers.js';

const TWO = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {app.conf: "mode=fast\\n", other: x}
---
apiVersion: v1
kind: Secret
metadata: {name: creds}
data: {password: c2VjcmV0}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: two}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Pod
metadata: {name: two, labels: {app: two}}
spec:
  volumes:
    - {name: html, emptyDir: {}}
    - {name: conf, configMap: {name: settings, items: [{key: app.conf, path: app.conf, mode: 0600}]}}
    - {name: creds, secret: {secretName: creds}}
  containers:
    - name: backend
      image: busybox:1.36
      command: ["/bin/sh", "-c"]
      args: ["while true; do date > /html/index.html; sleep 1; done"]
      env:
        - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
        - {name: MY_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
        - {name: GREETING, value: "hi $(MY_NAME)"}
        - {name: PASS, valueFrom: {secretKeyRef: {name: creds, key: password}}}
      envFrom: [{prefix: CFG_, configMapRef: {name: settings}}]
      volumeMounts:
        - {name: html, mountPath: /html}
        - {name: conf, mountPath: /etc/app}
        - {name: creds, mountPath: /secret, readOnly: true}
    - name: frontend
      image: python:3.12
      command: ["python", "-m", "http.server", "8080", "--directory", "/data"]
      ports: [{containerPort: 8080}]
      securityContext: {readOnlyRootFilesystem: true, runAsUser: 1000, runAsGroup: 3000}
      volumeMounts: [{name: html, mountPath: /data}]
---
apiVersion: v1
kind: Pod
metadata: {name: web-nginx}
spec:
  containers: [{name: nginx, image: "nginx:1.27.3"}]
`;

describe('files', () => {
  it('/etc/hosts, /etc/hostname and /etc/resolv.conf as the kubelet writes them', async () => {
    const { sim } = simWith(TWO);
    const ip = sim.store.get('Pod', 'default', 'two')!.status!.podIP!;
    const hosts = await run(sim, 'two', 'backend', ['cat', '/etc/hosts']);
    expect(hosts.stdout).toBe(
      `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\ttwo\n`,
    );
    expect((await run(sim, 'two', 'backend', ['cat', '/etc/resolv.conf'])).stdout).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect((await run(sim, 'two', 'backend', ['hostname'])).stdout).toBe('two\n');
    sim.stop();
  });

  it('configMap items with their mode, secret data decoded, read-only mounts and root', async () => {
    const { sim } = simWith(TWO);
    expect((await run(sim, 'two', 'backend', ['cat', '/etc/app/app.conf'])).stdout).toBe('mode=fast\n');
    expect((await run(sim, 'two', 'backend', ['ls', '-l', '/etc/app'])).stdout).toMatch(/^-rw------- 1 root root +10 .* app\.conf$/m);
    expect((await run(sim, 'two', 'backend', ['cat', '/secret/password'])).stdout).toBe('secret');
    const ro = await sh(sim, 'two', 'backend', 'echo x > /secret/new');
    expect(ro).toMatchObject({ code: 2, stderr: "sh: can't create /secret/new: Read-only file system\n" });
    const root = await sh(sim, 'two', 'frontend', 'touch /tmp/x');
    expect(root.stderr).toBe("touch: cannot touch '/tmp/x': Read-only file system\n");
    sim.stop();
  });

  it('an emptyDir is shared between the containers; the backend keeps index.html at the simulated date', async () => {
    const { sim, clock } = simWith(TWO);
    await sh(sim, 'two', 'frontend', 'echo from-frontend > /data/note');
    expect((await run(sim, 'two', 'backend', ['cat', '/html/note'])).stdout).toBe('from-frontend\n');
    const first = (await run(sim, 'two', 'frontend', ['cat', '/data/index.html'])).stdout;
    expect(first).toMatch(/^Thu Jan  1 00:00:\d\d UTC 2026\n$/);
    clock.advance(60_000);
    const later = (await run(sim, 'two', 'frontend', ['cat', '/data/index.html'])).stdout;
    expect(later).not.toBe(first);
    expect(later).toMatch(/^Thu Jan  1 00:01:\d\d UTC 2026\n$/);
    sim.stop();
  });
});

describe('environment and identity', () => {
  it('fieldRef, $(VAR), secretKeyRef, envFrom with prefix, service links, HOSTNAME and PATH', async () => {
    const { sim } = simWith(TWO);
    const ip = sim.store.get('Pod', 'default', 'two')!.status!.podIP!;
    const env = (await run(sim, 'two', 'backend', ['env'])).stdout;
    expect(env).toContain(`POD_IP=${ip}\n`);
    expect(env).toContain('GREETING=hi two\n');
    expect(env).toContain('PASS=secret\n');
    expect(env).toContain('CFG_other=x\n');
    expect(env).toContain('HOSTNAME=two\n');
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1\n');
    expect(env).toMatch(/^WEB_SERVICE_HOST=10\.\d+\.\d+\.\d+$/m);
    expect(env.startsWith('PATH=')).toBe(true);
    expect((await run(sim, 'two', 'backend', ['printenv', 'HOME'])).stdout).toBe('/root\n');
    sim.stop();
  });

  it('id from the securityContext; the pod IP is the same in every container', async () => {
    const { sim } = simWith(TWO);
    expect((await run(sim, 'two', 'frontend', ['id'])).stdout).toBe('uid=1000 gid=3000 groups=3000\n');
    expect((await run(sim, 'two', 'backend', ['id'])).stdout).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    const a = (await run(sim, 'two', 'backend', ['hostname', '-i'])).stdout;
    expect((await run(sim, 'two', 'frontend', ['hostname', '-i'])).stdout).toBe(a);
    sim.stop();
  });
});

describe('network and servers', () => {
  it('wget to the sibling on localhost, the Service by name, and curl errors as curl prints them', async () => {
    const { sim } = simWith(TWO);
    const local = await run(sim, 'two', 'backend', ['wget', '-qO-', 'http://localhost:8080/index.html']);
    expect(local.stdout).toMatch(/UTC 2026\n$/);
    const svc = await sh(sim, 'two', 'backend', 'wget -qO- web/note; echo rc=$?');
    expect(svc.stdout).toContain('rc=');
    expect((await run(sim, 'web-nginx', 'nginx', ['curl', '-s', 'http://two:8080/'])).stderr).toBe('');
    const bad = await run(sim, 'web-nginx', 'nginx', ['curl', 'http://nope:80/']);
    expect(bad).toMatchObject({ code: 6, stderr: 'curl: (6) Could not resolve host: nope\n' });
    const refused = await run(sim, 'web-nginx', 'nginx', ['curl', 'localhost:81']);
    expect(refused).toMatchObject({ code: 7, stderr: "curl: (7) Failed to connect to localhost port 81 after 0 ms: Couldn't connect to server\n" });
    sim.stop();
  });

  it('nginx serves its welcome page through connect(); a missing path is its 404 page; a closed port refuses', async () => {
    const { sim } = simWith(TWO);
    const res = await httpGet(sim, 'web-nginx', 80);
    expect(res.status).toBe(200);
    expect(res.headers['server']).toBe('nginx/1.27.3');
    expect(res.headers['content-length']).toBe('615');
    expect(res.body).toContain('<title>Welcome to nginx!</title>');
    const missing = await httpGet(sim, 'web-nginx', 80, '/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n');
    expect(() => sim.inside.connect('default', 'web-nginx', 81)).toThrow(ConnectionRefused);
    sim.stop();
  });

  it('the python server over the shared emptyDir returns the current simulated date', async () => {
    const { sim, clock } = simWith(TWO);
    clock.advance(5000);
    const res = await httpGet(sim, 'two', 8080, '/index.html');
    expect(res.status).toBe(200);
    // The backend rewrites the file every simulated second: at most a second behind now.
    expect(res.body).toMatch(/^Thu Jan  1 00:00:3[45] UTC 2026\n$/);
    clock.advance(120_000);
    expect((await httpGet(sim, 'two', 8080, '/index.html')).body).toMatch(/^Thu Jan  1 00:02:3[45] UTC 2026\n$/);
    expect((await httpGet(sim, 'two', 8080, '/')).body).toBe((await httpGet(sim, 'two', 8080, '/index.html')).body);
    sim.stop();
  });
});

describe('the shell and processes', () => {
  it('unknown commands, redirection, cd/pwd, && and ||', async () => {
    const { sim } = simWith(TWO);
    expect(await sh(sim, 'two', 'backend', 'frobnicate')).toMatchObject({ code: 127, stderr: 'sh: frobnicate: not found\n' });
    const r = await sh(sim, 'two', 'backend', 'cd /tmp && echo a > f && echo b >> f && cat f && pwd; false || echo no');
    expect(r.stdout).toBe('a\nb\n/tmp\nno\n');
    sim.stop();
  });

  it('tar cf - / tar xmf - -C round trip (kubectl cp)', async () => {
    const { sim } = simWith(TWO);
    await sh(sim, 'two', 'backend', 'mkdir -p /tmp/d/sub && echo one > /tmp/d/a && echo two > /tmp/d/sub/b');
    const out = await run(sim, 'two', 'backend', ['tar', 'cf', '-', '/tmp/d']);
    expect(out.code).toBe(0);
    const tarBytes = Buffer.from(out.stdout, 'latin1');
    expect(tarBytes.length % 512).toBe(0);
    const into = await run(sim, 'web-nginx', 'nginx', ['tar', '-xmf', '-', '-C', '/root'], tarBytes);
    expect(into.code).toBe(0);
    expect((await run(sim, 'web-nginx', 'nginx', ['cat', '/root/tmp/d/sub/b'])).stdout).toBe('two\n');
    sim.stop();
  });

  it('ps shows the container process; kill 1 on nginx (handles TERM) ends it and the restart policy restarts it', async () => {
    const { sim, clock } = simWith(TWO);
    expect((await run(sim, 'web-nginx', 'nginx', ['ps'])).stdout).toMatch(/^ +1 root +0:00 nginx: master process nginx -g daemon off;$/m);
    expect((await run(sim, 'web-nginx', 'nginx', ['kill', '1'])).code).toBe(0);
    clock.advance(20_000);
    const st = sim.store.get('Pod', 'default', 'web-nginx')!.status!.containerStatuses![0]!;
    expect(st.restartCount).toBe(1);
    expect(st.lastState?.terminated?.exitCode).toBe(0);
    sim.stop();
  });

  it('exec into a missing pod or a container not running answers as upstream', () => {
    const { sim } = simWith(TWO);
    const out = { stdout: () => {}, stderr: () => {} };
    expect(() => sim.inside.exec({ namespace: 'default', pod: 'ghost', container: 'c', command: ['sh'], tty: false, stdin: false }, out)).toThrow('pods "ghost" not found');
    expect(() => sim.inside.exec({ namespace: 'default', pod: 'two', container: 'nope', command: ['sh'], tty: false, stdin: false }, out)).toThrow(ApiError);
    sim.stop();
  });
});
