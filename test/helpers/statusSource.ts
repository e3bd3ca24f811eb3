// A source that only reports its status: it tells a new listener `first` at once, and each
// `emit` after (the collection policies in src/cli listen to nothing else).
import type { SourceStatus } from '../../src/source/types.js';

export function statusSource(first: SourceStatus) {
  let listener: ((s: SourceStatus) => void) | undefined;
  return {
    onStatus(l: (s: SourceStatus) => void) {
      listener = l;
      l(first);
      return { stop: () => (listener = undefined) };
    },
    emit: (s: SourceStatus) => listener?.(s),
  };
}
