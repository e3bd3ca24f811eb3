// The error every selector parser throws: its message is the apiserver's 400 text.
export class SelectorError extends Error {
  override name = 'SelectorError';
}
