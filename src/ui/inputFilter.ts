// What reaches Ink from the terminal. Two jobs, before Ink's own parser sees a byte:
//
// 1. Escape sequences Ink 6.8 cannot parse are dropped. Its legacy parser turns a CSI whose
//    reassembled code is not in its key table into a key with no name, and when the
//    sequence's modifier parameter carries the ctrl bit useInput reads `name.startsWith` and
//    throws: Ctrl+F1 (`ESC[1;5P`), Ctrl+F2, Ctrl+F4, and the terminal's own answers to
//    status queries (`ESC[5n`, `ESC[6n`, `ESC[0n`) all end the process. Other unknown
//    sequences (mouse reports, focus events, cursor reports) would arrive as their
//    characters and be taken for key commands. So only sequences of keys a keyboard sends
//    and Ink names pass; the rest are neutralised.
// 2. Bracketed paste (`ESC[200~ … ESC[201~`, enabled with `ESC[?2004h`) is taken out of
//    the key stream and delivered as one text, so a pasted "y\r" can never confirm a dialog.
//
// Pure and stateful over chunks: a sequence cut between two reads is held until the rest
// arrives or `flush()` is called (the caller's short timer), then passed as Ink would see it.

export type InputPiece = { kind: 'keys'; text: string } | { kind: 'paste'; text: string };

const ESC = '\u001b';
const PASTE_START = `${ESC}[200~`;
const PASTE_END = `${ESC}[201~`;
/** A paste beyond this is cut: no terminal pastes that much on purpose, and memory stays bounded. */
export const MAX_PASTE_CHARS = 64 * 1024;

/** CSI letters of cursor keys, Home/End, Clear and Shift-Tab (any numeric parameters: Ink names them). */
const CSI_LETTERS = new Set(['A', 'B', 'C', 'D', 'E', 'F', 'H', 'Z', 'a', 'b', 'c', 'd', 'e']);
/** `ESC[N~` keys Ink names: Home, Insert, Delete, End, PgUp, PgDn, F1–F12. */
const TILDE_NUMBERS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 23, 24]);
/** rxvt's shifted (`$`) and ctrl (`^`) Insert/Delete/PgUp/PgDn/Home/End. */
const RXVT_NUMBERS = new Set([2, 3, 5, 6, 7, 8]);
/** SS3 finals: cursor keys, Clear, Home/End, F1–F4, rxvt's ctrl-arrows. */
const SS3_FINALS = new Set(['A', 'B', 'C', 'D', 'E', 'F', 'H', 'P', 'Q', 'R', 'S', 'a', 'b', 'c', 'd', 'e']);

/** True when Ink's legacy parser names the CSI body (what follows `ESC[`). */
export function csiIsKnownKey(body: string): boolean {
  if (body.startsWith('[')) return /^\[[A-E]$/.test(body) || body === '[5~' || body === '[6~';
  const m = /^(\d*)(?:;(\d*))?([\x40-\x7e])$/.exec(body);
  if (!m) return false;
  const [, first, second, final] = m;
  if (CSI_LETTERS.has(final!)) return second === undefined || first === '1';
  const n = Number(first);
  if (first === '' || (second !== undefined && !/^\d+$/.test(second))) return false;
  if (final === '~') return TILDE_NUMBERS.has(n);
  if (final === '$' || final === '^') return second === undefined && RXVT_NUMBERS.has(n);
  return false;
}

type Scan = { kind: 'pending' } | { kind: 'sequence'; end: number; keep: boolean } | { kind: 'plain'; end: number };

function isCsiByte(code: number): 'param' | 'final' | undefined {
  if (code >= 0x20 && code <= 0x3f) return 'param';
  if (code >= 0x40 && code <= 0x7e) return 'final';
  return undefined;
}

/** The escape sequence starting at `at` (an ESC), as Ink's tokenizer would cut it. */
function scanEscape(text: string, at: number): Scan {
  let i = at;
  while (text[i] === ESC && i - at < 2) i++;
  const intro = text[i];
  if (intro === undefined) return { kind: 'pending' };
  if (intro === '[') {
    const bodyStart = i + 1;
    let j = bodyStart;
    if (text[j] === '[') j++;
    for (; j < text.length; j++) {
      const kind = isCsiByte(text.charCodeAt(j));
      if (kind === 'final' && !(j === bodyStart && text[j] === '[')) {
        return { kind: 'sequence', end: j + 1, keep: csiIsKnownKey(text.slice(bodyStart, j + 1)) };
      }
      if (kind !== 'param') return { kind: 'plain', end: i };
    }
    return { kind: 'pending' };
  }
  if (intro === 'O') {
    const final = text[i + 1];
    if (final === undefined) return { kind: 'pending' };
    return { kind: 'sequence', end: i + 2, keep: SS3_FINALS.has(final) };
  }
  // ESC + a character: Alt/Meta-key or a lone Esc; Ink parses these safely.
  return { kind: 'plain', end: i };
}

export class InputFilter {
  private held = '';
  private paste: string | undefined;
  private pasteLength = 0;
  /** Sequences neutralised so far (for tests and the fuzz report). */
  dropped = 0;

  /** True inside a bracketed paste. */
  get pasting(): boolean {
    return this.paste !== undefined;
  }

  /** True while a sequence or a paste waits for the rest of its bytes. */
  get pending(): boolean {
    return this.held !== '' || this.paste !== undefined;
  }

  push(chunk: string): InputPiece[] {
    const out: InputPiece[] = [];
    // A held lone Esc followed by another Esc: the first was a press of its own (a second Esc
    // arriving while it waits, as a quick double Esc does), not the start of a sequence.
    if (this.held === ESC && chunk.startsWith(ESC) && this.paste === undefined) {
      out.push({ kind: 'keys', text: ESC });
      this.held = '';
    }
    const text = this.held + chunk;
    this.held = '';
    let keys = '';
    const emitKeys = (): void => {
      if (keys !== '') out.push({ kind: 'keys', text: keys });
      keys = '';
    };
    let i = 0;
    while (i < text.length) {
      if (this.paste !== undefined) {
        const end = text.indexOf(PASTE_END, i);
        if (end < 0) {
          // Keep a possible start of the end marker for the next chunk.
          const tail = partialSuffix(text, PASTE_END);
          this.addPaste(text.slice(i, text.length - tail));
          this.held = text.slice(text.length - tail);
          break;
        }
        this.addPaste(text.slice(i, end));
        out.push({ kind: 'paste', text: this.paste });
        this.paste = undefined;
        this.pasteLength = 0;
        i = end + PASTE_END.length;
        continue;
      }
      const esc = text.indexOf(ESC, i);
      if (esc < 0) {
        keys += text.slice(i);
        break;
      }
      keys += text.slice(i, esc);
      if (text.startsWith(PASTE_START, esc)) {
        emitKeys();
        this.paste = '';
        i = esc + PASTE_START.length;
        continue;
      }
      if (PASTE_START.startsWith(text.slice(esc)) && text.length - esc < PASTE_START.length) {
        this.held = text.slice(esc);
        break;
      }
      const scan = scanEscape(text, esc);
      if (scan.kind === 'pending') {
        this.held = text.slice(esc);
        break;
      }
      if (scan.kind === 'plain') {
        keys += text.slice(esc, scan.end);
        i = scan.end;
        continue;
      }
      if (scan.keep) {
        // One key per piece, so Ink's tokenizer sees exactly the sequence we checked.
        emitKeys();
        out.push({ kind: 'keys', text: text.slice(esc, scan.end) });
      } else {
        this.dropped++;
      }
      i = scan.end;
    }
    emitKeys();
    return out;
  }

  /**
   * The caller's timer ran out: a held partial sequence goes on as it is (a lone ESC is the
   * Esc key), and a paste whose end marker never came ends here.
   */
  flush(): InputPiece[] {
    const out: InputPiece[] = [];
    if (this.paste !== undefined) {
      this.addPaste(this.held);
      this.held = '';
      out.push({ kind: 'paste', text: this.paste });
      this.paste = undefined;
      this.pasteLength = 0;
      return out;
    }
    const held = this.held;
    this.held = '';
    if (held === '') return out;
    // An unfinished CSI would be read by Ink as characters: only lone ESCs are keys, and two
    // of them are two presses of Esc (one piece each, or Ink would read one Alt+Esc).
    if (/^\u001b{1,2}$/.test(held)) for (const esc of held) out.push({ kind: 'keys', text: esc });
    else this.dropped++;
    return out;
  }

  private addPaste(part: string): void {
    if (this.paste === undefined) return;
    const room = MAX_PASTE_CHARS - this.pasteLength;
    if (room <= 0) return;
    const kept = part.slice(0, room);
    this.paste += kept;
    this.pasteLength += kept.length;
  }
}

/** The length of the longest suffix of `text` that is a proper prefix of `marker`. */
function partialSuffix(text: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, text.length); n > 0; n--) {
    if (text.endsWith(marker.slice(0, n))) return n;
  }
  return 0;
}
