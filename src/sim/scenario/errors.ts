// A mistake in a scenario file, located like a compiler error: `<file>:<line>:<col>: <what>`.

export class ScenarioError extends Error {
  override name = 'ScenarioError';

  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    /** What is wrong, without the location prefix. */
    readonly detail: string,
    /** The object field at fault, in the apiserver's notation (`spec.containers[0].image`), when there is one. */
    readonly field?: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
  }
}
