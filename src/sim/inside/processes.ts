// The processes of a pod as `ps` shows them and `kill` reaches them. Each container's own
// process is PID 1 of its PID namespace; with `shareProcessNamespace` the pod has one
// namespace whose PID 1 is `/pause` and every running container's process is a child of it.
// Exec'd processes get the next PIDs. What a signal does follows Linux: PID 1 of a namespace
// gets only the signals it handles (a process the `shutdown` annotation says exits on TERM
// handles TERM; SIGKILL from inside never reaches it), any other process dies on an unhandled
// signal with 128 + its number (TERM 143, KILL 137).
import type { ContainerInside } from './container.js';
import { imageBaseName } from '../behaviour/index.js';

export type Signal = 'TERM' | 'KILL' | 'INT' | 'HUP' | 'QUIT';
export const SIGNAL_NUMBER: Record<Signal, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, TERM: 15 };

export interface ExecProcess {
  readonly pid: number;
  readonly container: string;
  readonly user: string;
  readonly command: string;
  signal(sig: Signal): void;
}

/** What a container's own process shows as in ps. */
export function mainCommand(c: ContainerInside): string[] {
  const words = [...(c.spec.command ?? []), ...(c.spec.args ?? [])];
  if (words.length > 0) return [words.join(' ')];
  if (c.image.family === 'nginx') return ['nginx: master process nginx -g daemon off;', ...Array.from({ length: 4 }, () => 'nginx: worker process')];
  if (c.image.family === 'busybox' || c.image.family === 'alpine') return ['sh'];
  if (c.image.family === 'python') return ['python3'];
  return [imageBaseName(c.spec.image ?? '')];
}

export interface ProcessRow {
  pid: number;
  user: string;
  command: string;
  /** The container whose own process it is (undefined for /pause and exec'd ones). */
  main?: ContainerInside;
  exec?: ExecProcess;
}

const userOf = (c: ContainerInside): string => (c.uid === 0 ? 'root' : String(c.uid));

/** The processes visible from `self` (its container, or the whole pod when it shares one namespace). */
export function visibleProcesses(self: ContainerInside, running: readonly ContainerInside[], execs: readonly ExecProcess[]): ProcessRow[] {
  const shared = self.pod.spec?.shareProcessNamespace === true;
  const rows: ProcessRow[] = [];
  if (shared) {
    rows.push({ pid: 1, user: '65535', command: '/pause' });
    let pid = 7;
    for (const c of running) {
      mainCommand(c).forEach((cmd, i) => rows.push({ pid: pid + i, user: userOf(c), command: cmd, main: i === 0 ? c : undefined }));
      pid += 6;
    }
  } else {
    mainCommand(self).forEach((cmd, i) => rows.push({ pid: i === 0 ? 1 : 29 + i, user: userOf(self), command: cmd, main: i === 0 ? self : undefined }));
  }
  for (const e of execs) if (shared || e.container === self.spec.name) rows.push({ pid: e.pid, user: e.user, command: e.command, exec: e });
  return rows;
}

/** Delivers `sig` to a container's own process: undefined = no effect; else its exit code and when. */
export function mainProcessFate(c: ContainerInside, isInit: boolean, sig: Signal): { exitCode: number; afterMs: number } | undefined {
  const shutdownMs = c.behaviour?.shutdownMs ?? Infinity;
  const handlesTerm = Number.isFinite(shutdownMs);
  if (sig === 'TERM' && handlesTerm) return { exitCode: 0, afterMs: shutdownMs };
  if (isInit) return undefined;
  return { exitCode: 128 + SIGNAL_NUMBER[sig], afterMs: 0 };
}
