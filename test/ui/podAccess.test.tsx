// `s`, `shift-f` and `f` in the TUI on the in-process simulator (a test double behind
// InsideWorld): the container picker honouring the default-container annotation, the shell
// view taking every key (Esc too) until `exit`, a not-running container refused, a port-forward
// asked for its local port, listed and stopped, and --readonly blocking both; on a live
// source `s` hands the terminal to kubectl, or says kubectl is missing. `a` (attach) the same
// way: the picker, the main process in the shell view (ctrl-] detaches), or kubectl attach.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/sim/scenario/index.js';
import { SimSource } from '../../src/source/sim.js';
import type { ClusterSource } from '../../src/source/types.js';
import { AppState } from '../../src/state/appState.js';
import type { AttachRequest, ExecSession, InsideWorld, ProcessOutput } from '../../src/sim/inside/types.js';
import { helpLines } from '../../src/ui/keymap.js';
import { insideDouble } from '../helpers/insideDouble.js';
import { mount, type Mounted } from './helpers.js';
import { createTestSimulator } from './testSimulator.js';

const scratch = mkdtempSync(join(tmpdir(), 'podscope-access-ui-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let mounted: Mounted | undefined;
let stopSim: (() => void) | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  stopSim?.();
});

const SCENARIO = `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    kubectl.kubernetes.io/default-container: app
spec:
  containers:
    - name: sidecar
      image: busybox:1.36
      command: ["sh", "-c", "sleep 3600"]
    - name: app
      image: nginx:1.27
      ports:
        - containerPort: 8080
---
apiVersion: v1
kind: Pod
metadata:
  name: broken
spec:
  containers:
    - name: main
      image: no-such-registry.invalid/nothing:1
---
apiVersion: v1
kind: Pod
metadata:
  name: console
spec:
  containers:
    - name: sh
      image: busybox:1.36
      command: ["sh", "-c", "sleep 3600"]
      stdin: true
      tty: true
`;

async function open(
  opts: { readonly?: boolean; source?: (sim: ReturnType<typeof createTestSimulator>) => ClusterSource; findKubectl?: () => string | undefined; kubectlDetaches?: (k: string) => boolean } = {},
) {
  const path = join(scratch, 'access.yaml');
  writeFileSync(path, SCENARIO);
  const sim = createTestSimulator(await loadScenario(path));
  stopSim = () => sim.stop();
  sim.clock.advance(60_000);
  const inside = insideDouble();
  const handle = { store: sim.store, api: sim.api, clock: sim.clock, inside };
  const source = opts.source?.(sim) ?? new SimSource(handle, { readonly: opts.readonly });
  const app = new AppState({ source, namespace: 'default', frameMs: 0, realNow: () => 0, readonly: opts.readonly, findKubectl: opts.findKubectl, kubectlDetaches: opts.kubectlDetaches });
  mounted = await mount(app, { columns: 160, rows: 30 });
  return { m: mounted, app, inside };
}

async function select(m: Mounted, name: string): Promise<void> {
  await m.press('clearFilter');
  await m.press('filter');
  await m.type(`^default ${name} `);
  await m.press('submit');
}

function get(port: number): Promise<string> {
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

describe('shell and port-forward keys', () => {
  it('s: picks the annotated container, every key goes to the shell (Esc too), exit returns to the list', async () => {
    const { m, app, inside } = await open();
    await select(m, 'web');
    await m.press('shell');
    expect(m.frame()).toContain('Shell in web: which container?');
    expect(m.frame()).toMatch(/> app/);
    await m.press('choose');
    expect(app.view).toBe('shell');
    expect(inside.log.execs.at(-1)).toMatchObject({ pod: 'web', container: 'app', command: ['sh'], tty: true, stdin: true });
    expect(m.frame()).toContain('Shell default/web (app)');
    await m.type('hostname');
    await m.key('enter');
    expect(m.frame()).toMatch(/\$ hostname\n\s*web\n\$/);
    await m.key('esc');
    expect(app.view).toBe('shell');
    await m.type('nosuch');
    await m.key('enter');
    // The double's shell takes the Esc into its line; the screen drops the escape sequence it makes.
    expect(m.frame()).toMatch(/sh: \S*such: not found/);
    expect(m.frame()).not.toContain('Pods(default)');
    await m.type('exit');
    await m.key('enter');
    expect(app.view).toBe('pods');
    expect(m.frame()).toContain('shell in default/web (app) exited');
    expect(m.frame()).toContain('Pods(default)');
  });

  it('s: a container that is not running is refused with why; ctrl-] leaves a shell and ends it', async () => {
    const { m, app, inside } = await open();
    await select(m, 'broken');
    await m.press('shell');
    expect(m.frame()).toMatch(/shell: container main of pod broken is not running \(waiting: (ErrImagePull|ImagePullBackOff)\)/);
    expect(app.view).toBe('pods');
    await select(m, 'web');
    await m.press('shell');
    await m.press('choose');
    await m.key('ctrl-]');
    expect(app.view).toBe('pods');
    expect(inside.log.killed).toBe(1);
    expect(m.frame()).toContain('exited with code 137');
  });

  it('shift-f: the local port is asked (prefilled), the forward answers, f lists it and ctrl-d stops it', async () => {
    const { m, app } = await open();
    await select(m, 'web');
    await m.press('portForward');
    expect(m.frame()).toContain('forward default/web:8080 from local port (0: any free one): 8080');
    for (let i = 0; i < 4; i++) await m.key('backspace');
    await m.type('0');
    await m.press('submit');
    await m.idle();
    const fwd = app.forwards.all[0]!;
    expect(m.frame()).toContain(`forwarding 127.0.0.1:${fwd.handle.localPort} → default/web:8080 (app)`);
    expect(await get(fwd.handle.localPort)).toBe('hello from default/web\n');
    await m.press('forwards');
    expect(m.frame()).toContain('PortForwards[1]');
    expect(m.frame()).toMatch(new RegExp(`default\\s+web\\s+app\\s+8080\\s+127\\.0\\.0\\.1:${fwd.handle.localPort}`));
    await m.press('stop');
    await m.idle();
    expect(m.frame()).toContain(`stopped forwarding 127.0.0.1:${fwd.handle.localPort}`);
    expect(m.frame()).toContain('no port-forwards: shift-f on a pod starts one');
    await expect(get(fwd.handle.localPort)).rejects.toThrow('ECONNREFUSED');
  });

  it('--readonly blocks s and shift-f with the read-only reason', async () => {
    const { m, app } = await open({ readonly: true });
    await select(m, 'web');
    await m.key('s');
    expect(m.frame()).toContain('read-only mode (--readonly): podscope never changes the cluster');
    await m.key('F');
    expect(m.frame()).toContain('read-only mode (--readonly)');
    expect(app.view).toBe('pods');
    expect(app.forwards.size).toBe(0);
  });

  it('on a kubectl route, s hands the terminal to kubectl exec -it (k9s shell command), or says kubectl is missing', async () => {
    const kubeRoute = (sim: ReturnType<typeof createTestSimulator>): ClusterSource => {
      const base = new SimSource({ store: sim.store, api: sim.api, clock: sim.clock });
      return Object.assign(base, { shellRoute: () => ({ kind: 'kubectl' as const, context: 'prod', kubeconfigFiles: ['/k/a', '/k/b'] }) });
    };
    const missing = await open({ source: kubeRoute, findKubectl: () => undefined });
    await select(missing.m, 'web');
    await missing.m.press('shell');
    await missing.m.press('choose');
    expect(missing.m.frame()).toContain('shell: kubectl is not on the PATH');
    missing.m.unmount();
    stopSim?.();

    const found = await open({ source: kubeRoute, findKubectl: () => '/usr/bin/kubectl' });
    await select(found.m, 'web');
    await found.m.press('shell');
    await found.m.press('choose');
    const cmd = found.app.takeSuspension()!;
    expect(cmd.command).toBe('/usr/bin/kubectl');
    expect(cmd.args).toEqual(['--context', 'prod', 'exec', '-it', '-n', 'default', 'web', '-c', 'app', '--', 'sh', '-c', 'clear; (bash || ash || sh)']);
    expect(cmd.env).toEqual({ KUBECONFIG: '/k/a:/k/b' });
    // The TUI has stepped aside for kubectl (tui.ts runs it and mounts the app again).
    cmd.done(0);
    expect(found.app.status?.text).toBe('shell in default/web (app) ended');
  });
});

/** An inside whose attach runs until killed: one line of output, then whatever the test ends it with. */
function lastingAttach(): { inside: InsideWorld & { log: ReturnType<typeof insideDouble>['log'] }; typed: string[] } {
  const base = insideDouble();
  const typed: string[] = [];
  const inside = {
    ...base,
    attach(req: AttachRequest, out: ProcessOutput): ExecSession {
      (base.log.attaches ??= []).push(req);
      let settle!: (code: number) => void;
      const exited = new Promise<number>((r) => (settle = r));
      queueMicrotask(() => out.stdout(`main process of ${req.pod}/${req.container}\r\n`));
      return { write: (d) => void typed.push(String(d)), endInput: () => undefined, resize: () => undefined, kill: () => settle(0), exited };
    },
  };
  return { inside, typed };
}

describe('attach key', () => {
  it("a: the container picker (the annotated one first), the main process in the view, keys to it, ctrl-] detaches", async () => {
    const { inside, typed } = lastingAttach();
    const { m, app } = await open({ source: (sim) => new SimSource({ store: sim.store, api: sim.api, clock: sim.clock, inside }) });
    await select(m, 'web');
    await m.key('a');
    expect(m.frame()).toContain('Attach to web: which container?');
    expect(m.frame()).toMatch(/> app/);
    await m.press('choose');
    expect(app.view).toBe('shell');
    // The container's own settings: nginx's sets neither stdin nor tty.
    expect(inside.log.attaches?.at(-1)).toEqual({ namespace: 'default', pod: 'web', container: 'app', tty: false, stdin: false });
    expect(m.frame()).toContain("Attach default/web (app)  (ends with the container's process; ctrl-] detaches)");
    expect(m.frame()).toContain('<ctrl-]> detach');
    expect(m.frame()).toContain('main process of web/app');
    expect(m.frame()).toContain('container app has no stdin (stdin: true in its spec): what is typed would go nowhere, so podscope attaches to its output only');
    // ctrl-c and Esc are the container's, as in a shell.
    await m.key('ctrl-c');
    await m.key('esc');
    expect(app.view).toBe('shell');
    expect(app.quitRequested).toBe(false);
    expect(typed).toEqual(['\u0003', '\u001b']);
    await m.key('ctrl-]');
    await m.idle();
    expect(app.view).toBe('pods');
    expect(m.frame()).toContain('detached from default/web (app) (the container keeps running)');
  });

  it('a: the attach ends with the container; a completed pod is refused in kubectl’s words; the pod view has `a` too', async () => {
    const { m, app } = await open();
    await select(m, 'console');
    await m.press('open');
    await m.key('a');
    // The double's main process prints a line and ends: the view goes back and says so.
    await m.idle();
    expect(app.view).toBe('pod');
    expect(m.frame()).toContain("attach to default/console (sh) ended: the container's process ended");
    await m.press('back');
    await select(m, 'broken');
    await m.key('a');
    expect(m.frame()).toMatch(/attach: container main of pod broken is not running \(waiting: (ErrImagePull|ImagePullBackOff)\)/);
  });

  it('--readonly blocks a with the read-only reason, and the help says so', async () => {
    const { m, app, inside } = await open({ readonly: true });
    await select(m, 'web');
    await m.key('a');
    expect(m.frame()).toContain('read-only mode (--readonly): podscope never changes the cluster');
    expect(app.view).toBe('pods');
    expect(app.picker).toBeUndefined();
    expect(inside.log.attaches).toBeUndefined();
    await m.key('?');
    const help = helpLines(app).join('\n');
    expect(help).toMatch(/ {2}a +attach to the container's main process \(kubectl attach -it\) {2}\(disabled: read-only mode/);
    expect(help).toContain('back to podscope: ctrl-p ctrl-q detaches (kubectl 1.36+); ctrl-c when the container has no stdin or no TTY');
  });

  it('on a kubectl route, a hands the terminal to kubectl attach: -it for a container with stdin, its output only without; the banner says the way back', async () => {
    const kubeRoute = (sim: ReturnType<typeof createTestSimulator>): ClusterSource => {
      const base = new SimSource({ store: sim.store, api: sim.api, clock: sim.clock });
      return Object.assign(base, { attachRoute: () => ({ kind: 'kubectl' as const, context: 'prod', kubeconfigFiles: ['/k/a', '/k/b'] }) });
    };
    const missing = await open({ source: kubeRoute, findKubectl: () => undefined });
    await select(missing.m, 'console');
    await missing.m.key('a');
    expect(missing.m.frame()).toContain('attach: kubectl is not on the PATH');
    missing.m.unmount();
    stopSim?.();

    const probed: string[] = [];
    const found = await open({ source: kubeRoute, findKubectl: () => '/usr/bin/kubectl', kubectlDetaches: (k) => (probed.push(k), false) });
    await select(found.m, 'console');
    await found.m.key('a');
    const tty = found.app.takeSuspension()!;
    expect(tty.command).toBe('/usr/bin/kubectl');
    expect(tty.args).toEqual(['--context', 'prod', 'attach', '-it', '-n', 'default', 'console', '-c', 'sh']);
    expect(tty.env).toEqual({ KUBECONFIG: '/k/a:/k/b' });
    expect(probed).toEqual(['/usr/bin/kubectl']);
    expect(tty.banner).toBe(
      'podscope: attaching to default/console (sh).\n' +
        'podscope: this kubectl has no detach key (ctrl-p ctrl-q came in kubectl 1.36); ctrl-c goes to the container.\n' +
        "podscope: its screen comes back when the container's process ends (a shell: exit or ctrl-d).\n",
    );
    tty.done(0);
    expect(found.app.status?.text).toBe('attach to default/console (sh) ended');
    // The TUI stepped aside for kubectl (tui.ts runs it and mounts the app again): a new mount for the next.
    found.m.unmount();
    stopSim?.();

    const again = await open({ source: kubeRoute, findKubectl: () => '/usr/bin/kubectl', kubectlDetaches: (k) => (probed.push(k), false) });
    await select(again.m, 'web');
    await again.m.key('a');
    await again.m.press('choose');
    const out = again.app.takeSuspension()!;
    expect(out.args).toEqual(['--context', 'prod', 'attach', '-n', 'default', 'web', '-c', 'app']);
    expect(out.banner).toContain('podscope: container app has no stdin (stdin: true in its spec): what is typed would go nowhere, so podscope attaches to its output only.\n');
    expect(out.banner).toContain('podscope: ctrl-c returns to podscope (the container keeps running).\n');
    // A container without a tty is not asked about detach keys: ctrl-c is the way back there.
    expect(probed).toEqual(['/usr/bin/kubectl']);
    out.done(null, undefined, 'SIGINT');
    expect(again.app.status?.text).toBe('left the attach to default/web (app) with ctrl-c (the container keeps running)');
    out.done(1);
    expect(again.app.status?.text).toBe("attach to default/web (app) ended: kubectl exit code 1 (its message is above the TUI in the terminal's scrollback)");
  });
});
