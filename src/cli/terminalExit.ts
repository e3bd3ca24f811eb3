// How the TUI leaves its terminal, on every way out: the alternate screen is left, and a terminal
// that has gone away is let go of instead.
//
// A terminal goes away when its tmux session or window is killed, its ssh connection drops or
// its emulator closes: the kernel hangs it up. Reads then end, writes fail with EIO, every ioctl
// fails with EIO (so isatty() says no), and the session's leader gets SIGHUP. At exit Node 20
// puts each standard descriptor that was a terminal at its start back into the mode it had then
// (ResetStdio, src/node.cc) and asserts that tcsetattr fails with nothing but EPERM: on a hung-up
// terminal it fails with EIO, and Node dies printing "Assertion failed" and a native stack (then
// runs the same check again from its abort path and crashes: exit 139). Later Node releases drop
// that assertion (nodejs/node#58200, for #51519); 20.20 still has it. ResetStdio skips a descriptor that no longer
// refers to the file it had at start, so before podscope exits, each standard descriptor whose
// terminal is gone is pointed at /dev/null (same number): nothing is left to restore there, and
// the writes still on their way out (Ink's last frame, the cursor) land nowhere. The CLI's entry
// does that on every exit (letGoOfLostTerminalsAtExit); the TUI's guard also exits at once when
// the terminal goes (guardTerminal).
import { closeSync, openSync } from 'node:fs';
import { isatty } from 'node:tty';

/** 128 + the signal's number, as a shell reports a program its signal ended. */
export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
export type ExitSignal = keyof typeof SIGNAL_EXIT_CODES;

/** The terminal went away without a signal reaching podscope (its input ended, a write failed): a hangup's code. */
export const TERMINAL_GONE_EXIT = SIGNAL_EXIT_CODES.SIGHUP;

/** What a read or write on a terminal fails with once the terminal is gone. */
const GONE_ERRORS = new Set(['EIO', 'ENXIO', 'EPIPE']);

const STD_FDS = [0, 1, 2] as const;

/** A read or write error that says the terminal itself is gone (not a bug to report). */
export function isTerminalGoneError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && GONE_ERRORS.has(code);
}

/** The standard descriptors to point at /dev/null: terminals at the start that are terminals no more. */
export function goneDescriptors(wasTerminal: readonly boolean[], isTerminal: (fd: number) => boolean): number[] {
  return STD_FDS.filter((fd) => wasTerminal[fd] === true && !isTerminal(fd));
}

type Listener = (value: unknown) => void;

/** An event source as far as the guard needs one (the process, a standard stream). */
export interface Events {
  on(event: string, listener: Listener): unknown;
  off(event: string, listener: Listener): unknown;
}

/** What the guard acts on; the real process and its descriptors unless a test stands in. */
export interface TerminalHost {
  process: Events & { exit(code: number): void };
  stdin: Events;
  stdout: Events;
  /** Which standard descriptors were terminals as podscope started (those Node's ResetStdio restores). */
  startedAsTerminal: readonly boolean[];
  /** The descriptor is a terminal now (false once it is hung up: its ioctls fail with EIO). */
  isTerminal(fd: number): boolean;
  /** Points the descriptor at /dev/null, keeping its number; once per descriptor. */
  letGo(fd: number): void;
}

/** Lets go of each standard descriptor whose terminal has gone; whether there was one. */
function letGoOfLost(host: TerminalHost): boolean {
  const lost = goneDescriptors(host.startedAsTerminal, (fd) => host.isTerminal(fd));
  for (const fd of lost) host.letGo(fd);
  return lost.length > 0;
}

/**
 * At the CLI's entry: on every exit, lets go of each standard descriptor whose terminal has gone
 * since the start — also on a way out before the TUI's guard or without it (a connection that
 * failed while the window was being closed). Returns the removal (for tests).
 */
export function letGoOfLostTerminalsAtExit(host: TerminalHost = realHost()): () => void {
  const onExit = (): void => void letGoOfLost(host);
  host.process.on('exit', onExit);
  return () => host.process.off('exit', onExit);
}

export interface TerminalGuardOptions {
  /** Writes what leaves the TUI's screen; called once at most, and only while stdout is a terminal. */
  leave: () => void;
  /** Tells of a bug (an uncaught exception while the terminal is still there). */
  report: (err: unknown) => void;
  host?: TerminalHost;
}

export interface TerminalGuard {
  /** Leaves the TUI's screen if the terminal is still there; once. */
  restore(): void;
  /** Removes the guard's listeners (a test's process lives on). */
  dispose(): void;
}

export function guardTerminal(opts: TerminalGuardOptions): TerminalGuard {
  const host = opts.host ?? realHost();
  let restored = false;
  let leaving = false;

  const restore = (): void => {
    if (restored) return;
    restored = true;
    letGoOfLost(host);
    if (host.isTerminal(1)) opts.leave();
  };
  const exit = (code: number): void => {
    if (leaving) return;
    leaving = true;
    restore();
    host.process.exit(code);
  };
  // A descriptor let go of stays "gone": it was a terminal and is /dev/null now.
  const terminalGone = (): boolean => goneDescriptors(host.startedAsTerminal, (fd) => host.isTerminal(fd)).length > 0;

  const onSignal = (signal: ExitSignal): void => exit(SIGNAL_EXIT_CODES[signal]);
  const signals = (Object.keys(SIGNAL_EXIT_CODES) as ExitSignal[]).map((signal) => [signal, () => onSignal(signal)] as const);
  // A raw terminal never ends its input (ctrl-d is a key): an end is the terminal hung up.
  const onInputEnd = (): void => exit(TERMINAL_GONE_EXIT);
  const onStreamError = (err: unknown): void => {
    if (leaving) return; // what the way out still writes may fail too
    if (isTerminalGoneError(err) || terminalGone()) return exit(TERMINAL_GONE_EXIT);
    onCrash(err);
  };
  const onCrash = (err: unknown): void => {
    if (leaving) return;
    // An exception thrown by a write to a terminal that went away is no bug: leave quietly.
    if (terminalGone()) return exit(TERMINAL_GONE_EXIT);
    restore();
    opts.report(err);
    exit(1);
  };
  // Every way out, also one not through here (a natural end, another module's process.exit),
  // and also after the screen was left: the terminal may have gone since.
  const onExit = (): void => {
    letGoOfLost(host);
    restore();
  };

  host.process.on('exit', onExit);
  for (const [signal, listener] of signals) host.process.on(signal, listener);
  host.process.on('uncaughtException', onCrash);
  host.stdin.on('end', onInputEnd);
  host.stdin.on('error', onStreamError);
  host.stdout.on('error', onStreamError);
  return {
    restore,
    dispose: () => {
      host.process.off('exit', onExit);
      for (const [signal, listener] of signals) host.process.off(signal, listener);
      host.process.off('uncaughtException', onCrash);
      host.stdin.off('end', onInputEnd);
      host.stdin.off('error', onStreamError);
      host.stdout.off('error', onStreamError);
    },
  };
}

let real: TerminalHost | undefined;

/** The process's own: which descriptors were terminals is noted the first time it is asked for (at the CLI's entry). */
function realHost(): TerminalHost {
  if (real) return real;
  const letGone = new Set<number>();
  real = {
    process,
    stdin: process.stdin,
    stdout: process.stdout,
    startedAsTerminal: STD_FDS.map((fd) => isatty(fd)),
    isTerminal: (fd) => isatty(fd),
    letGo: (fd) => {
      if (letGone.has(fd)) return;
      letGone.add(fd);
      closeSync(fd);
      // The lowest free number is the one just closed (0–2 are open below it): /dev/null takes it.
      const got = openSync('/dev/null', fd === 0 ? 'r' : 'w');
      // Should another number come back, the descriptor stays closed, which ResetStdio also skips.
      if (got !== fd) closeSync(got);
    },
  };
  return real;
}
