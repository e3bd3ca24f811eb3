// ctrl-s writes the table in front to a CSV file: in $PODSCOPE_DUMP_DIR, else
// $XDG_STATE_HOME/podscope/dumps, else ~/.local/state/podscope/dumps (k9s keeps its screen
// dumps under its state directory too). The status line says where.
import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { toCsv } from '../state/tableCsv.js';

export function dumpDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['PODSCOPE_DUMP_DIR']) return env['PODSCOPE_DUMP_DIR'];
  const state = env['XDG_STATE_HOME'] || join(homedir(), '.local', 'state');
  return join(state, 'podscope', 'dumps');
}

/** `context-deployments-20260105T101112.csv` (real time: the file is the user's, not the cluster's). */
export function dumpName(context: string, what: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');
  return `${context}-${what}-${stamp}.csv`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Writes the rows; returns the path, or throws with the file system's message. */
export function saveCsv(rows: readonly (readonly string[])[], context: string, what: string): string {
  const dir = dumpDir();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, dumpName(context, what));
  writeFileSync(path, toCsv(rows), { mode: 0o600 });
  return path;
}
