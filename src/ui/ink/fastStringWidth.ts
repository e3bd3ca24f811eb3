// string-width answers most of what a podscope frame measures (ASCII, arrows, dashes, box and
// block characters) at one column a character, but its module builds an Intl.Segmenter and
// \p{RGI_Emoji} regular expressions as it loads (~17 ms of a start on this machine), and its
// first non-ASCII call loads ICU's grapheme data (~7 ms more). The bundle puts this fast path
// in front of every string-width (scripts/stringWidthFast.mjs) and loads the library only for
// a text outside it. Colour codes (SGR: ESC [ digits and semicolons m) are dropped first, as
// string-width's strip-ansi drops them (ansi-regex reads each as one CSI sequence); any other
// escape sends the text to the library. The characters here are the ones each string-width version in the bundle
// measures as one column and that never join a neighbour into one grapheme
// (test/ui/fastStringWidth.test.ts checks every one against both versions), so a text
// made of them is as wide as it is long.
const ONE_COLUMN =
  /^[\u0020-\u007E\u00A0-\u00A8\u00AA-\u00AC\u00AF-\u00FF\u2010-\u2027\u2030-\u203B\u203D-\u2048\u204A-\u205E\u2190-\u2193\u219A-\u21A8\u21AB-\u21FF\u2200-\u22FF\u2500-\u25A9\u25AC-\u25B5\u25B7-\u25BF\u25C1-\u25FA\u25FF\u2713\u2717]*$/;

/** SGR sequences: CSI with parameter bytes 0-9 and ; only, final byte m. */
const SGR = /\u001B\[[0-9;]*m/g;

/** string-width's options that this path answers for (its defaults). */
export interface WidthOptions {
  ambiguousIsNarrow?: boolean;
  countAnsiEscapeCodes?: boolean;
}

/** The text's width when every character is one column wide (string-width's default options), else undefined. */
export function oneColumnWidth(text: unknown, options?: WidthOptions): number | undefined {
  if (typeof text !== 'string') return undefined;
  // Box-drawing characters and arrows are East Asian "ambiguous": two columns when they are not narrow.
  if (options !== undefined && options.ambiguousIsNarrow === false) return undefined;
  let plain = text;
  if (text.includes('\u001B')) {
    if (options?.countAnsiEscapeCodes === true) return undefined;
    plain = text.replace(SGR, '');
  }
  return ONE_COLUMN.test(plain) ? plain.length : undefined;
}

/** A string-width function with the fast path in front; `load` gives the library's own, once, when needed. */
export function withOneColumnPath(load: () => (text: string, options?: WidthOptions) => number): (text: string, options?: WidthOptions) => number {
  let real: ((text: string, options?: WidthOptions) => number) | undefined;
  return (text, options) => oneColumnWidth(text, options) ?? (real ??= load())(text, options);
}
