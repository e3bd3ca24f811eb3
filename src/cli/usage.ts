import type { CliIo } from './io.js';
import { USAGE } from './options.js';

/** A mistake in the command line: what is wrong, then the help; exit 2. */
export function usageError(io: CliIo, message: string): number {
  io.stderr.write(`podscope: ${message}\n\n${USAGE}`);
  return 2;
}
