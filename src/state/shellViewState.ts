// The in-process shell (the simulator's): a session in a container, its output on a
// ShellScreen, keys forwarded as the bytes a terminal sends. The view leaves when the shell
// exits (`exit`); Esc is a key for the shell like any other. An attach (`a`) is the same view
// joined to the container's main process: it ends with the container, and leaving detaches.
import { errorText } from '../kube/errorText.js';
import type { ShellSession, ShellTarget, TerminalSize } from '../source/types.js';
import { ShellScreen } from './shellScreen.js';

export interface ShellHost {
  requestFrame(): void;
  /** The shell ended: the host leaves the view and says how. */
  shellEnded(text: string, level: 'info' | 'warning' | 'error'): void;
}

/** A shell exec'd in the container, or an attach to its main process. */
export type ShellViewKind = 'shell' | 'attach';

export class ShellViewState {
  readonly screen = new ShellScreen();
  private session: ShellSession | undefined;
  private left = false;
  exitCode: number | undefined;

  constructor(
    readonly target: ShellTarget,
    private readonly host: ShellHost,
    readonly kind: ShellViewKind = 'shell',
  ) {}

  /** Starts the session (open: the source's openShell); a failure to start is reported, not thrown. */
  start(open: (output: (data: string) => void, size: TerminalSize) => ShellSession, size: TerminalSize): boolean {
    try {
      this.session = open((data) => {
        this.screen.feed(data);
        this.host.requestFrame();
      }, size);
    } catch (err) {
      this.host.shellEnded(`${this.what}: ${errorText(err)}`, 'error');
      return false;
    }
    this.session.exited.then(
      (code) => {
        this.exitCode = code;
        this.host.shellEnded(this.endedText(code), code === 0 ? 'info' : 'warning');
      },
      (err: unknown) => this.host.shellEnded(`${this.what}: ${errorText(err)}`, 'error'),
    );
    return true;
  }

  private get what(): string {
    return this.kind === 'attach' ? `attach to ${this.label}` : `shell in ${this.label}`;
  }

  private endedText(code: number): string {
    if (this.kind === 'shell') return `shell in ${this.label} exited${code === 0 ? '' : ` with code ${code}`}`;
    // The kubelet reports a finished attach as Success whatever the process's exit code.
    return this.left ? `detached from ${this.label} (the container keeps running)` : `attach to ${this.label} ended: the container's process ended`;
  }

  get label(): string {
    return `${this.target.namespace}/${this.target.pod} (${this.target.container})`;
  }

  /** Bytes for the shell, as the terminal sent them. */
  type(bytes: string): void {
    this.session?.write(bytes);
  }

  resize(size: TerminalSize): void {
    this.session?.resize(size);
  }

  /** Leaves without `exit` (ctrl-]): a shell is ended; an attach detaches, the container's process runs on. */
  kill(): void {
    this.left = true;
    this.session?.kill();
  }
}
