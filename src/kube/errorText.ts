import { scrubSecrets } from './scrubSecrets.js';

/** The message of a thrown value, for a status line or a CLI error (credentials scrubbed). */
export function errorText(err: unknown): string {
  return scrubSecrets(err instanceof Error ? err.message : String(err));
}
