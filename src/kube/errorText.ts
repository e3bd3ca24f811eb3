/** The message of a thrown value, for a status line or a CLI error. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
