// The in-process shell (the simulator's): a session in a container, its output on a
// ShellScreen, keys forwarded as the bytes a terminal sends. The view leaves when the shell
// exits (`exit`); Esc is a key for the shell like any other.
import { errorText } from '../kube/errorText.js';
import type { ShellSession, ShellTarget, TerminalSize } from '../source/types.js';
import { ShellScreen } from './shellScreen.js';

export interface ShellHost {
  requestFrame(): void;
  /** The shell ended: the host leaves the view and says how. */
  shellEnded(text: string, level: 'info' | 'warning' | 'error'): void;
}

export class ShellViewState {
  readonly screen = new ShellScreen();
  private session: ShellSession | undefined;
  exitCode: number | undefined;

  constructor(
    readonly target: ShellTarget,
    private readonly host: ShellHost,
  ) {}

  /** Starts the session (open: the source's openShell); a failure to start is reported, not thrown. */
  start(open: (output: (data: string) => void, size: TerminalSize) => ShellSession, size: TerminalSize): boolean {
    try {
      this.session = open((data) => {
        this.screen.feed(data);
        this.host.requestFrame();
      }, size);
    } catch (err) {
      this.host.shellEnded(`shell in ${this.label}: ${errorText(err)}`, 'error');
      return false;
    }
    this.session.exited.then(
      (code) => {
        this.exitCode = code;
        this.host.shellEnded(`shell in ${this.label} exited${code === 0 ? '' : ` with code ${code}`}`, code === 0 ? 'info' : 'warning');
      },
      (err: unknown) => this.host.shellEnded(`shell in ${this.label}: ${errorText(err)}`, 'error'),
    );
    return true;
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

  /** Leaves without `exit` (ctrl-]): the shell is ended. */
  kill(): void {
    this.session?.kill();
  }
}
