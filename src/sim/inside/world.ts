// The simulator's InsideWorld: exec starts a simulated process in a running container,
// connect opens a connection to what the pod serves on a port.
import type { Duplex } from 'node:stream';
import type { Clock } from '../clock.js';
import type { KubeletFleet } from '../kubelet/fleet.js';
import type { Store, Watch } from '../store.js';
import { containerInside, runningContainers, runningPod, type ContainerInside, type InsideDeps } from './container.js';
import { Layers } from './fs/layers.js';
import { connectPod } from './network.js';
import { mainProcessFate, visibleProcesses, type ExecProcess, type ProcessRow, type Signal } from './processes.js';
import { ShellSession, type SessionHost } from './shell/session.js';
import { AttachSession } from './attach.js';
import type { AttachRequest, ExecRequest, ExecSession, InsideWorld, ProcessOutput } from './types.js';

interface Live {
  readonly session: ShellSession;
  readonly process: ExecProcess;
  readonly podUid: string;
  readonly watch: Watch;
}

export class SimInside implements InsideWorld, SessionHost {
  private readonly deps: InsideDeps;
  private readonly live = new Map<ShellSession, Live>();
  private readonly nextPid = new Map<string, number>();
  private pending: { c: ContainerInside; req: ExecRequest } | undefined;

  constructor(store: Store, clock: Clock, kubelets: KubeletFleet) {
    this.deps = { store, clock, kubelets, layers: new Layers() };
  }

  exec(req: ExecRequest, out: ProcessOutput): ExecSession {
    const c = containerInside(this.deps, req.namespace, req.pod, req.container);
    this.pending = { c, req };
    try {
      return new ShellSession(this.deps, c, req, out, this);
    } finally {
      this.pending = undefined;
    }
  }

  attach(req: AttachRequest, out: ProcessOutput): ExecSession {
    const c = containerInside(this.deps, req.namespace, req.pod, req.container, 'attach');
    return new AttachSession(this.deps, c, req, out);
  }

  connect(namespace: string, pod: string, port: number): Duplex {
    return connectPod(this.deps, namespace, pod, port);
  }

  /** Sessions running now (for tests and diagnostics). */
  get sessionCount(): number {
    return this.live.size;
  }

  // ---- SessionHost ---------------------------------------------------------------------

  register(session: ShellSession): number {
    const { c, req } = this.pending!;
    const uid = c.pod.metadata?.uid ?? '';
    const pid = this.nextPid.get(uid) ?? 40;
    this.nextPid.set(uid, pid + 6);
    const process: ExecProcess = { pid, container: c.spec.name, user: c.uid === 0 ? 'root' : String(c.uid), command: req.command.join(' '), signal: (sig) => session.signal(sig) };
    // The container stopping (or the pod going away) ends the process.
    const watch = this.deps.store.watch('Pod', { namespace: c.namespace, filter: (p) => p.metadata?.uid === uid }, (ev) => {
      if (ev.type === 'DELETED') return queueMicrotask(() => session.containerGone());
      const rec = c.worker.container(c.spec.name);
      if (!rec || rec.containerID !== c.containerID || !rec.running) queueMicrotask(() => session.containerGone());
    });
    this.live.set(session, { session, process, podUid: uid, watch });
    return pid;
  }

  unregister(session: ShellSession): void {
    const l = this.live.get(session);
    l?.watch.stop();
    this.live.delete(session);
  }

  processes(self: ContainerInside): ProcessRow[] {
    const running = this.podRunning(self);
    const uid = self.pod.metadata?.uid ?? '';
    const execs = [...this.live.values()].filter((l) => l.podUid === uid).map((l) => l.process);
    return visibleProcesses(self, running, execs);
  }

  signal(self: ContainerInside, pid: number, sig: Signal): boolean {
    const row = this.processes(self).find((r) => r.pid === pid);
    if (!row) return false;
    if (row.exec) {
      row.exec.signal(sig);
      return true;
    }
    if (row.main) {
      const shared = self.pod.spec?.shareProcessNamespace === true;
      const fate = mainProcessFate(row.main, !shared, sig);
      if (fate) row.main.worker.endProcess(row.main.spec.name, fate.exitCode, fate.afterMs);
    }
    // /pause and PID 1 without a handler: the signal is delivered and ignored.
    return true;
  }

  private podRunning(self: ContainerInside): ContainerInside[] {
    try {
      const { pod, worker } = runningPod(this.deps, self.namespace, self.podName);
      return runningContainers(this.deps, pod, worker);
    } catch {
      return [self];
    }
  }
}
