// What a source offers for getting inside a pod: a shell in a container and port-forwards.
// The live source hands the shell to the real kubectl (`kubectl exec -it` with podscope's own
// kubeconfig and context, as k9s does); the in-process simulator runs its simulated shell
// here, and the TUI shows it. Port-forwards are local TCP listeners either way.

export interface ShellTarget {
  namespace: string;
  pod: string;
  container: string;
}

/** How `s` reaches a shell (and `a` a container's main process) through this source. */
export type ShellRoute =
  /** Run `kubectl exec -it` (`kubectl attach`) against the same cluster: KUBECONFIG=files, --context. */
  | { kind: 'kubectl'; context: string; kubeconfigFiles: readonly string[] }
  /** The source runs the shell itself (openShell, openAttach). */
  | { kind: 'inProcess' };

export interface TerminalSize {
  cols: number;
  rows: number;
}

/** A shell with a terminal, running in a container (the in-process route). */
export interface ShellSession {
  /** Bytes typed (UTF-8 text, control characters included). */
  write(data: string): void;
  resize(size: TerminalSize): void;
  /** Ends the shell (its exit is still reported). */
  kill(): void;
  /** Settles once with the exit code. */
  readonly exited: Promise<number>;
}

export interface ForwardRequest {
  namespace: string;
  pod: string;
  /** The pod's port. */
  port: number;
  /** The local port; 0 picks a free one. */
  localPort: number;
  /** A connection through the forward failed (a refused port, the pod gone): the text to show. */
  onError?: (message: string) => void;
}

/** A local listener tunnelling to a pod's port until stopped. */
export interface PortForwardHandle {
  readonly localAddress: string;
  readonly localPort: number;
  /** Connections open through it now. */
  readonly connections: number;
  /** Closes the listener and every connection through it. */
  stop(): Promise<void>;
}

/** The capabilities a ClusterSource may have (a source without them answers the key with a message). */
export interface PodAccess {
  /** How a shell is opened; throws the read-only refusal with --readonly. */
  shellRoute?(): ShellRoute;
  /** The in-process route: `sh` with a terminal in the container; throws the kubelet's error when it cannot start. */
  openShell?(target: ShellTarget, output: (data: string) => void, size: TerminalSize): ShellSession;
  /** How `a` attaches to a container's main process (the same routes as the shell); throws the read-only refusal with --readonly. */
  attachRoute?(): ShellRoute;
  /** The in-process route: joins the container's main process (its own stdin and tty); throws the kubelet's error when it cannot. */
  openAttach?(target: ShellTarget, output: (data: string) => void, size: TerminalSize): ShellSession;
  /** Starts a port-forward (rejects with the listener's or the server's error; the read-only refusal with --readonly). */
  forwardPort?(request: ForwardRequest): Promise<PortForwardHandle>;
}
