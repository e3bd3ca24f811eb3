// Ink draws every text node of the tree on every frame, also the ones that did not change:
// it strips escapes other than colours from each (sanitizeAnsi tokenizes the whole text when
// it holds any colour) and measures its widest line (string-width per line). A frame that
// changes one line (the simulator's clock) paid that for the whole screen. The bundle puts
// these memoised forms in the place of the two calls in Ink's renderer
// (scripts/inkFastOutput.mjs): a text seen in the last frames is answered from the map.
// Both are pure functions of the text, so the answer is the same; the maps hold the texts of
// about the last few frames (a text that stays on screen is found again and kept).

/** A pure function of a text, memoised over the recent texts (at most 2 × `size` kept). */
export function memoByText<T>(fn: (text: string) => T, size = 128): (text: string) => T {
  let now = new Map<string, T>();
  let before = new Map<string, T>();
  return (text: string): T => {
    let value = now.get(text);
    if (value !== undefined || now.has(text)) return value as T;
    value = before.has(text) ? (before.get(text) as T) : fn(text);
    if (now.size >= size) {
      before = now;
      now = new Map();
    }
    now.set(text, value);
    return value;
  };
}
