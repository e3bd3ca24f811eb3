// A program the TUI hands the terminal to (the `s` shell's `kubectl exec -it`): it inherits the
// terminal, and the TUI waits for it. Whatever keeps it from starting is reported, not thrown.
import { spawn } from 'node:child_process';
import type { ExternalCommand } from '../state/podAccessActions.js';

export function runOnTerminal(command: ExternalCommand, env: NodeJS.ProcessEnv): Promise<{ code: number | null; error?: string }> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command.command, command.args, { stdio: 'inherit', env: { ...env, ...command.env } });
    } catch (err) {
      resolve({ code: null, error: err instanceof Error ? err.message : String(err) });
      return;
    }
    child.once('error', (err) => resolve({ code: null, error: err.message }));
    child.once('exit', (code) => resolve({ code }));
  });
}
