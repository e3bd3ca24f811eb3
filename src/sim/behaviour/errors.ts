/** A malformed behaviour annotation: a scenario error that names the key. */
export class BehaviourError extends Error {
  override name = 'BehaviourError';
  constructor(
    readonly key: string,
    readonly value: string,
    why: string,
  ) {
    super(`annotation ${key}: ${JSON.stringify(value)} ${why}`);
  }
}
