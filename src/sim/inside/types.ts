// The seam between the simulated inside of a running container (its shell, files, processes and
// network) and what reaches it from outside: the apiserver's pods/exec, pods/attach and
// pods/portforward streams, and the TUI's in-process shell. The inside answers from the model;
// the streams only carry bytes.
import type { Duplex } from 'node:stream';

export interface ExecRequest {
  namespace: string;
  pod: string;
  /** Already chosen (the default-container annotation or the only one); never empty. */
  container: string;
  /** argv as kubectl sends it (`command=` query parameters); `['sh']` for an interactive shell. */
  command: string[];
  /** A terminal is attached: stderr is merged into stdout and line editing/echo is the shell's. */
  tty: boolean;
  /** The caller will send stdin (else stdin reads as closed). */
  stdin: boolean;
}

/** Joining a running container's main process (pods/attach). */
export interface AttachRequest {
  namespace: string;
  pod: string;
  container: string;
  /** The container's own `tty` (the kubelet uses the spec's, whatever the client asked). */
  tty: boolean;
  /** The caller will send stdin. */
  stdin: boolean;
}

/** Where a process writes. Strings are UTF-8. */
export interface ProcessOutput {
  stdout(data: Uint8Array | string): void;
  stderr(data: Uint8Array | string): void;
}

/** A running exec'd (or attached) process. */
export interface ExecSession {
  /** Bytes for the process's stdin. */
  write(data: Uint8Array | string): void;
  /** stdin reached end of file. */
  endInput(): void;
  /** The terminal's new size (tty only). */
  resize(cols: number, rows: number): void;
  /** The caller went away: the process is ended (its exit is still reported). */
  kill(): void;
  /** Settles once with the exit code when the process ends (kill(), `exit`, end of input, or the container stopping). */
  readonly exited: Promise<number>;
}

/** A port with nothing listening: the connection is refused as a real one is. */
export class ConnectionRefused extends Error {
  constructor(readonly host: string, readonly port: number) {
    super(`dial tcp ${host}:${port}: connect: connection refused`);
    this.name = 'ConnectionRefused';
  }
}

export interface InsideWorld {
  /**
   * Starts `req.command` in a running container. Throws ApiError with the upstream status and text
   * when it cannot (no such pod or container, container not running).
   */
  exec(req: ExecRequest, out: ProcessOutput): ExecSession;
  /**
   * A TCP connection to `port` on the pod's network namespace, as port-forward opens it: a duplex
   * byte stream to whatever the pod's containers serve there. Throws ConnectionRefused when
   * nothing listens, ApiError when the pod is gone or not running.
   */
  connect(namespace: string, pod: string, port: number): Duplex;
  /**
   * Joins the container's main process: what it writes from now on (its log lines, stdout and
   * stderr apart unless the container has a tty) until the container instance ends; `exited`
   * then settles with 0, as the kubelet reports a finished attach as Success. Throws as exec
   * does when the container does not run.
   */
  attach(req: AttachRequest, out: ProcessOutput): ExecSession;
}
