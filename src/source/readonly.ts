// --readonly, enforced where the cluster is changed: the sources refuse every write whatever
// asks for it (a key binding, an action module, a future command), not only the UI.

/** The refusal a source gives for a write in read-only mode. */
export function readonlyRefusal(verb: string, what: string): string {
  return `read-only mode (--readonly): podscope does not ${verb} ${what}`;
}
