/** The message of a thrown value, for the status line. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
