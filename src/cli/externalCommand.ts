// A program the TUI hands the terminal to (the `s` shell's `kubectl exec -it`, the `a` attach's
// `kubectl attach`): it inherits the terminal, and the TUI waits for it. Whatever keeps it from
// starting is reported, not thrown.
//
// While it runs, ctrl-c and ctrl-\ are the program's. Without raw mode (kubectl attach to a
// container without a TTY, or to its output only) the terminal sends SIGINT/SIGQUIT to the whole
// foreground process group, podscope included; podscope ignores them meanwhile, as a shell's
// system() does, so ctrl-c ends kubectl and the TUI comes back instead of podscope quitting.
import { spawn, type ChildProcess } from 'node:child_process';
import type { ExternalCommand } from '../state/podAccessActions.js';

export interface ExternalResult {
  /** The exit code; null when a signal ended it (or it never started). */
  code: number | null;
  /**
   * The signal that ended it, or SIGINT when the terminal sent one (ctrl-c) while it ran: kubectl
   * catches SIGINT and exits 1, so its exit code alone cannot tell an interrupt from a failure.
   */
  signal?: string;
  error?: string;
}

const HANDED_OVER_SIGNALS = ['SIGINT', 'SIGQUIT'] as const;

export function runOnTerminal(command: ExternalCommand, env: NodeJS.ProcessEnv, out: NodeJS.WritableStream = process.stdout): Promise<ExternalResult> {
  if (command.banner) out.write(command.banner);
  let interrupted = false;
  const release = ignoreTerminalSignals((sig) => (interrupted ||= sig === 'SIGINT'));
  return new Promise<ExternalResult>((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(command.command, command.args, { stdio: 'inherit', env: { ...env, ...command.env } });
    } catch (err) {
      resolve({ code: null, error: err instanceof Error ? err.message : String(err) });
      return;
    }
    // podscope leaving for another reason (SIGTERM, SIGHUP) takes the program with it.
    const killChild = (): void => void child.kill('SIGTERM');
    process.on('exit', killChild);
    child.once('error', (err) => {
      process.off('exit', killChild);
      resolve({ code: null, error: err.message });
    });
    child.once('exit', (code, signal) => {
      process.off('exit', killChild);
      const by = signal ?? (interrupted ? 'SIGINT' : undefined);
      resolve(by ? { code, signal: by } : { code });
    });
  }).finally(release);
}

/** Sets the terminal's signals aside while the program has the terminal (noting them); returns what puts the listeners back. */
function ignoreTerminalSignals(noted: (sig: NodeJS.Signals) => void): () => void {
  const ignore = (sig: NodeJS.Signals): void => noted(sig);
  const saved = HANDED_OVER_SIGNALS.map((sig) => {
    const listeners = process.rawListeners(sig) as ((...args: unknown[]) => void)[];
    process.removeAllListeners(sig);
    process.on(sig, ignore);
    return { sig, listeners };
  });
  return () => {
    for (const { sig, listeners } of saved) {
      process.off(sig, ignore);
      for (const l of listeners) process.on(sig, l);
    }
  };
}
