// A real terminal for end-to-end tests: one tmux session on a private socket (never the
// user's server), keys sent as the bytes a terminal would send, and the screen read back
// with capture-pane. Waiting is polling with a deadline, never a blind sleep.
import { execFileSync, spawnSync } from 'node:child_process';
import { keySequence } from '../../../src/ui/keys.js';

export interface TmuxStartOptions {
  /**
   * The shell command the pane runs. To read the screen a program leaves behind, keep the
   * pane alive after it (e.g. `…; exec cat`): a dead pane's "Pane is dead" line scrolls it.
   */
  command: string;
  cwd: string;
  columns: number;
  rows: number;
  /** The environment of the tmux server and so of the pane; CI and TMUX are always removed. */
  env?: NodeJS.ProcessEnv;
  /** Tells apart several sessions of one test process (each gets its own private server). */
  name?: string;
}

/** Throws a message that says what to install when tmux is not on the PATH. */
export function requireTmux(): void {
  const probe = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('tmux is not installed (or not on PATH): the end-to-end TUI test needs it — apt-get install tmux');
  }
}

function paneEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  // Ink writes only the last frame when CI is set; TMUX would point at a user's server.
  delete out.CI;
  delete out.TMUX;
  delete out.TMUX_PANE;
  return out;
}

export class TmuxSession {
  private constructor(
    readonly socket: string,
    readonly target: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static start(opts: TmuxStartOptions): TmuxSession {
    requireTmux();
    const socket = `podscope-test-${process.pid}${opts.name ? `-${opts.name}` : ''}`;
    const target = 'podscope';
    const env = paneEnv(opts.env ?? process.env);
    const session = new TmuxSession(socket, target, env);
    // -f /dev/null: no user configuration; no status line, so the pane is the whole window.
    session.tmux(
      ['-f', '/dev/null', 'start-server'],
      [';', 'set-option', '-g', 'status', 'off'],
      [';', 'new-session', '-d', '-s', target, '-x', String(opts.columns), '-y', String(opts.rows), '-c', opts.cwd, opts.command],
    );
    return session;
  }

  private tmux(...parts: string[][]): string {
    return execFileSync('tmux', ['-L', this.socket, ...parts.flat()], { encoding: 'utf8', env: this.env });
  }

  /** The visible screen as plain text (no colours), trailing blanks trimmed per line. */
  screen(): string {
    return this.tmux(['capture-pane', '-p', '-t', this.target])
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n');
  }

  /** The visible screen with its colours as SGR escapes (capture-pane -e), for highlight checks. */
  screenWithColours(): string {
    return this.tmux(['capture-pane', '-p', '-e', '-t', this.target]);
  }

  /** A tmux format variable of the pane, e.g. `#{alternate_on}` or `#{pane_dead}`. */
  display(format: string): string {
    return this.tmux(['display-message', '-p', '-t', this.target, format]).trim();
  }

  /** Presses a key by its podscope key name (`enter`, `esc`, `ctrl-d`, `/`, `G`). */
  press(name: string): void {
    this.sendBytes(keySequence(name));
  }

  /** Types literal text, one character after the other. */
  type(text: string): void {
    this.sendBytes(text);
  }

  /** Pastes text as a terminal does: bracketed (ESC[200~ … ESC[201~) when the program asked for it. */
  paste(text: string): void {
    this.tmux(['set-buffer', '-b', 'fuzz', '--', text], [';', 'paste-buffer', '-p', '-d', '-b', 'fuzz', '-t', this.target]);
  }

  /** Resizes the window (and so the pane): the program gets SIGWINCH. */
  resize(columns: number, rows: number): void {
    this.tmux(['resize-window', '-t', this.target, '-x', String(columns), '-y', String(rows)]);
  }

  private sendBytes(s: string): void {
    const hex = [...Buffer.from(s, 'utf8')].map((b) => b.toString(16).padStart(2, '0'));
    this.tmux(['send-keys', '-t', this.target, '-H', ...hex]);
  }

  /**
   * Polls the screen until `test` returns something other than undefined/false, and
   * returns that; on the deadline throws with `what` and the last screen.
   */
  async waitFor<T>(what: string, test: (screen: string) => T | undefined | false, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = this.screen();
      const got = test(last);
      if (got !== undefined && got !== false) return got;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the screen was:\n${last}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { env: this.env });
  }

  /** Kills the session (its pane's terminal is hung up), as closing its window does; the server ends with its last session. */
  killSession(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-session', '-t', this.target], { env: this.env });
  }
}
