// `s` (a shell in a container), `a` (attach to its main process) and `shift-f` (port-forward)
// on a pod, as functions over the part of the app they need (PodAccessHost, which AppState is).
// The shell and the attach are the real `kubectl exec -it` / `kubectl attach` on a live cluster
// (the TUI steps aside while it runs) or the simulator's in a view of its own; forwards are
// listed in the `f` view and end with the program.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter } from 'node:path';
import { errorText } from '../kube/errorText.js';
import type { Pod } from '../kube/types.js';
import type { ClusterSource, ShellTarget, TerminalSize } from '../source/types.js';
import { forwardLabel, type ForwardList } from './forwardList.js';
import { attachBanner, attachCaveat, attachMode, containerSpec, helpHasDetachKeys, kubectlAttachArgs } from './podAttach.js';
import { containerRunning, findOnPath, kubectlShellArgs, shellContainers } from './podShell.js';
import { declaredPorts, parseLocalPort, portLabel, type DeclaredPort } from './podPorts.js';
import { ShellViewState, type ShellViewKind } from './shellViewState.js';
import type { Picker, Prompt, StatusLine, ViewId } from './viewTypes.js';

/** A program the TUI hands the terminal to (it leaves the screen, runs it, comes back). */
export interface ExternalCommand {
  command: string;
  args: string[];
  /** Added to the environment. */
  env: Record<string, string>;
  /** Printed on the terminal before the program starts (after the TUI has left its screen). */
  banner?: string;
  /** Called with the exit code (null: killed by `signal`) or the error that kept it from starting; `signal` is SIGINT too when ctrl-c was pressed while it ran. */
  done(code: number | null, error?: string, signal?: string): void;
}

export interface PodAccessHost {
  readonly source: ClusterSource;
  readonly view: ViewId;
  readonly forwards: ForwardList;
  columns: number;
  rows: number;
  picker: Picker | undefined;
  prompt: Prompt | undefined;
  shell: ShellViewState | undefined;
  setStatus(text: string, level?: StatusLine['level']): void;
  changed(): void;
  requestFrame(): void;
  track(p: Promise<unknown>): void;
  push(view: ViewId): void;
  back(): void;
  /** Hands the terminal to a program (tui.ts runs it between two Ink sessions). */
  suspendFor(command: ExternalCommand): void;
  /** Where kubectl is, or undefined when it is not on the PATH. */
  findKubectl(): string | undefined;
  /** Whether this kubectl has attach's detach sequence (`--detach-keys`). */
  kubectlDetaches(kubectl: string): boolean;
  /** The shell view's size: the rows and columns its screen has. */
  shellSize(): TerminalSize;
}

/** kubectl on the PATH, found the way a shell finds it. */
export function kubectlOnPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findOnPath('kubectl', env.PATH, (p) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const detachProbes = new Map<string, boolean>();

/** Whether the kubectl at `path` has `attach --detach-keys` (kubectl 1.36 and later): asked once per path. */
export function kubectlHasDetachKeys(path: string): boolean {
  let known = detachProbes.get(path);
  if (known === undefined) {
    const help = spawnSync(path, ['attach', '--help'], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] });
    known = typeof help.stdout === 'string' && helpHasDetachKeys(help.stdout);
    detachProbes.set(path, known);
  }
  return known;
}

const podWords = (pod: Pod): string => `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;

/** `s`: a shell in the pod's container (a picker first when it has several). */
export function openShell(app: PodAccessHost, pod: Pod | undefined): void {
  pickContainer(app, pod, 'Shell in', (p, c) => shellInto(app, p, c));
}

/** `a`: attach to the main process of the pod's container (a picker first when it has several). */
export function openAttach(app: PodAccessHost, pod: Pod | undefined): void {
  pickContainer(app, pod, 'Attach to', (p, c) => attachTo(app, p, c));
}

/** The container to act on: the only one, else a picker with the cursor on the default-container annotation's. */
function pickContainer(app: PodAccessHost, pod: Pod | undefined, verb: string, then: (pod: Pod, container: string) => void): void {
  if (!pod?.metadata?.name) return app.setStatus('no pod selected', 'error');
  const { names, preferred } = shellContainers(pod);
  if (names.length === 0) return app.setStatus(`pod ${podWords(pod)} has no containers`, 'error');
  if (names.length === 1) return then(pod, names[0]!);
  app.picker = {
    kind: 'container',
    items: names,
    cursor: Math.max(0, preferred === undefined ? 0 : names.indexOf(preferred)),
    title: `${verb} ${pod.metadata.name}: which container?`,
    choose: (c) => then(pod, c),
  };
  app.changed();
}

function attachTo(app: PodAccessHost, pod: Pod, container: string): void {
  const running = containerRunning(pod, container, 'attach');
  if (running !== true) return app.setStatus(`attach: ${running}`, 'error');
  if (!app.source.attachRoute) return app.setStatus('attach: this cluster source cannot attach to a container', 'error');
  const target: ShellTarget = { namespace: pod.metadata?.namespace ?? 'default', pod: pod.metadata?.name ?? '', container };
  let route;
  try {
    route = app.source.attachRoute();
  } catch (err) {
    return app.setStatus(`attach: ${errorText(err)}`, 'error');
  }
  const where = `${target.namespace}/${target.pod} (${container})`;
  const mode = attachMode(containerSpec(pod, container));
  const caveat = attachCaveat(container, mode);
  if (route.kind === 'kubectl') {
    const kubectl = app.findKubectl();
    if (!kubectl) return app.setStatus('attach: kubectl is not on the PATH (podscope runs `kubectl attach -it` to attach; install kubectl or add it to PATH)', 'error');
    app.suspendFor({
      command: kubectl,
      args: kubectlAttachArgs(route.context, target.namespace, target.pod, container, mode),
      env: route.kubeconfigFiles.length > 0 ? { KUBECONFIG: route.kubeconfigFiles.join(delimiter) } : {},
      banner: attachBanner(where, container, mode, mode.stdin && mode.tty && app.kubectlDetaches(kubectl)),
      done: (code, error, signal) => {
        if (error !== undefined) app.setStatus(`attach: cannot run kubectl: ${error}`, 'error');
        else if (code === 0) app.setStatus(`attach to ${where} ended`);
        else if (signal === 'SIGINT' || code === 130) app.setStatus(`left the attach to ${where} with ctrl-c (the container keeps running)`);
        else app.setStatus(`attach to ${where} ended: kubectl exit code ${code ?? signal ?? 'signal'} (its message is above the TUI in the terminal's scrollback)`, 'warning');
      },
    });
    return;
  }
  if (!app.source.openAttach) return app.setStatus('attach: this cluster source cannot attach to a container', 'error');
  const source = app.source;
  if (!startInView(app, target, 'attach', (output, size) => source.openAttach!(target, output, size))) return;
  if (caveat) app.setStatus(caveat, 'warning');
}

/** Runs a shell or attach session in the shell view (the in-process route); false when it did not start. */
function startInView(app: PodAccessHost, target: ShellTarget, kind: ShellViewKind, open: Parameters<ShellViewState['start']>[0]): boolean {
  const shell = new ShellViewState(
    target,
    {
      requestFrame: () => app.requestFrame(),
      shellEnded: (text, level) => {
        if (app.shell !== shell) return;
        app.shell = undefined;
        if (app.view === 'shell') app.back();
        app.setStatus(text, level);
      },
    },
    kind,
  );
  app.shell?.kill();
  app.shell = shell;
  if (!shell.start(open, app.shellSize())) return false;
  app.push('shell');
  return true;
}

function shellInto(app: PodAccessHost, pod: Pod, container: string): void {
  const running = containerRunning(pod, container);
  if (running !== true) return app.setStatus(`shell: ${running}`, 'error');
  if (!app.source.shellRoute) return app.setStatus('shell: this cluster source cannot open a shell', 'error');
  const target: ShellTarget = { namespace: pod.metadata?.namespace ?? 'default', pod: pod.metadata?.name ?? '', container };
  let route;
  try {
    route = app.source.shellRoute();
  } catch (err) {
    return app.setStatus(`shell: ${errorText(err)}`, 'error');
  }
  const where = `${target.namespace}/${target.pod} (${container})`;
  if (route.kind === 'kubectl') {
    const kubectl = app.findKubectl();
    if (!kubectl) return app.setStatus('shell: kubectl is not on the PATH (podscope runs `kubectl exec -it` for a shell; install kubectl or add it to PATH)', 'error');
    app.suspendFor({
      command: kubectl,
      args: kubectlShellArgs(route.context, target.namespace, target.pod, container),
      env: route.kubeconfigFiles.length > 0 ? { KUBECONFIG: route.kubeconfigFiles.join(delimiter) } : {},
      done: (code, error) => {
        if (error !== undefined) app.setStatus(`shell: cannot run kubectl: ${error}`, 'error');
        else if (code === 0) app.setStatus(`shell in ${where} ended`);
        else app.setStatus(`shell in ${where} ended: kubectl exit code ${code ?? 'signal'} (its message is above the TUI in the terminal's scrollback)`, 'warning');
      },
    });
    return;
  }
  if (!app.source.openShell) return app.setStatus('shell: this cluster source cannot open a shell', 'error');
  const source = app.source;
  startInView(app, target, 'shell', (output, size) => source.openShell!(target, output, size));
}

/** `shift-f`: forward one of the pod's declared ports (a picker when it has several), then ask for the local port. */
export function openForward(app: PodAccessHost, pod: Pod | undefined): void {
  if (!pod?.metadata?.name) return app.setStatus('no pod selected', 'error');
  if (!app.source.forwardPort) return app.setStatus('port-forward: this cluster source cannot forward ports', 'error');
  if (pod.status?.phase !== 'Running') return app.setStatus(`port-forward: unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Unknown'}`, 'error');
  const ports = declaredPorts(pod);
  if (ports.length === 0) return app.setStatus(`port-forward: pod ${podWords(pod)} declares no TCP container ports`, 'error');
  if (ports.length === 1) return askLocalPort(app, pod, ports[0]!);
  const labels = ports.map(portLabel);
  app.picker = {
    kind: 'container',
    items: labels,
    cursor: 0,
    title: `Port-forward ${pod.metadata.name}: which port?`,
    choose: (item) => askLocalPort(app, pod, ports[labels.indexOf(item)]!),
  };
  app.changed();
}

function askLocalPort(app: PodAccessHost, pod: Pod, port: DeclaredPort): void {
  app.prompt = {
    kind: 'input',
    label: `forward ${podWords(pod)}:${port.port} from local port (0: any free one): `,
    text: String(port.port),
    submit: (text) => startForward(app, pod, port, text),
  };
  app.changed();
}

function startForward(app: PodAccessHost, pod: Pod, port: DeclaredPort, text: string): void {
  const local = parseLocalPort(text);
  if (typeof local === 'string') return app.setStatus(`port-forward: ${local}`, 'error');
  const namespace = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  let entry: ReturnType<ForwardList['add']> | undefined;
  app.track(
    app.source.forwardPort!({
      namespace,
      pod: name,
      port: port.port,
      localPort: local,
      onError: (message) => {
        if (entry) entry.lastError = message;
        app.setStatus(message, 'error');
      },
    }).then(
      (handle) => {
        entry = app.forwards.add({ namespace, pod: name, container: port.container, port: port.port, handle });
        app.setStatus(`forwarding ${forwardLabel(entry)} — f lists the forwards`);
      },
      (err: unknown) => app.setStatus(`port-forward: ${errorText(err)}`, 'error'),
    ),
  );
}

/** In the `f` view: stops the forward under the cursor. */
export function stopForward(app: PodAccessHost): void {
  const f = app.forwards.selected();
  if (!f) return app.setStatus('no port-forward to stop', 'warning');
  const label = forwardLabel(f);
  app.track(
    app.forwards.stop(f.id).then(
      () => app.setStatus(`stopped forwarding ${label}`),
      (err: unknown) => app.setStatus(`port-forward: ${errorText(err)}`, 'error'),
    ),
  );
  app.changed();
}
