// Key names: Ink's (input, key) pair normalised to one string, the language keymaps use.
// Ink 6 quirks: Backspace arrives as key.delete; ctrl-letter as the letter with key.ctrl;
// shift-letter as the capital letter.
import type { Key } from 'ink';

/** ctrl-\ (k9s's "clear marks"): Ink passes the raw byte, not a ctrl flag. */
const CTRL_BACKSLASH = '\u001c';
/** ctrl-] (leave the in-process shell, as telnet's escape): a raw byte too. */
const CTRL_RIGHT_BRACKET = '\u001d';

export function keyName(input: string, key: Key): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pgup';
  if (key.pageDown) return 'pgdn';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'esc';
  if (key.tab) return key.shift ? 'shift-tab' : 'tab';
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input) return `ctrl-${input.toLowerCase()}`;
  if (input === CTRL_BACKSLASH) return 'ctrl-\\';
  if (input === CTRL_RIGHT_BRACKET) return 'ctrl-]';
  if (input === ' ') return 'space';
  return input;
}

const SEQUENCES: Record<string, string> = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  pgup: '\u001b[5~',
  pgdn: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  enter: '\r',
  esc: '\u001b',
  tab: '\t',
  'shift-tab': '\u001b[Z',
  backspace: '\u007f',
  space: ' ',
  'ctrl-\\': CTRL_BACKSLASH,
  'ctrl-]': CTRL_RIGHT_BRACKET,
};

/** The bytes a terminal sends for a key name (for tests and tmux drivers). */
export function keySequence(name: string): string {
  const fixed = SEQUENCES[name];
  if (fixed !== undefined) return fixed;
  const ctrl = /^ctrl-([a-z])$/.exec(name);
  if (ctrl) return String.fromCharCode(ctrl[1]!.charCodeAt(0) - 96);
  return name;
}

const LABELS: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pgup: 'PgUp',
  pgdn: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  esc: 'Esc',
  tab: 'Tab',
  'shift-tab': 'Shift-Tab',
  backspace: 'Backspace',
  space: 'Space',
};

/** How a key is written in hints and help: `ctrl-d`, `shift-N`, `PgDn`. */
export function keyLabel(name: string): string {
  const fixed = LABELS[name];
  if (fixed !== undefined) return fixed;
  if (/^[A-Z]$/.test(name)) return `shift-${name}`;
  return name;
}

/** The characters a key typed, or undefined for a special key (arrows, Enter, ctrl-…). */
export function typedText(input: string, key: Key): string | undefined {
  if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown) return undefined;
  if (key.home || key.end || key.return || key.escape || key.tab || key.backspace || key.delete || key.ctrl || key.meta) return undefined;
  return input;
}

/** The key name of one character of a multi-character input (control bytes included). */
function charKeyName(ch: string): string {
  if (ch === '\r' || ch === '\n') return 'enter';
  if (ch === '\t') return 'tab';
  if (ch === '\u007f' || ch === '\b') return 'backspace';
  if (ch === ' ') return 'space';
  if (ch === CTRL_BACKSLASH) return 'ctrl-\\';
  if (ch === CTRL_RIGHT_BRACKET) return 'ctrl-]';
  const code = ch.charCodeAt(0);
  if (code >= 1 && code <= 26) return `ctrl-${String.fromCharCode(code + 96)}`;
  return ch;
}

export interface KeyPress {
  name: string;
  text: string | undefined;
}

/**
 * Ink hands a paste, or keys typed faster than a frame, to useInput as one string
 * ("/cart", "jjj", "web\r"): split it back into one key press per character.
 */
export function keyPresses(input: string, key: Key): KeyPress[] {
  const text = typedText(input, key);
  const chars = [...input];
  if (text === undefined || chars.length <= 1) return [{ name: keyName(input, key), text }];
  return chars.map((ch) => {
    const name = charKeyName(ch);
    return { name, text: name === ch || name === 'space' ? ch : undefined };
  });
}
