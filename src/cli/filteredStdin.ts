// The stdin Ink reads: the terminal's bytes after InputFilter, with pastes handed to a
// callback instead. Ink needs a TTY-looking readable (isTTY, setRawMode, ref/unref); raw
// mode and ref-counting are passed through to the real terminal.
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { InputFilter, type InputPiece } from '../ui/inputFilter.js';

/** How long a cut escape sequence or an unfinished paste waits for the rest of its bytes. */
const HOLD_MS = 30;
const PASTE_IDLE_MS = 500;

export interface TerminalInput {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  setRawMode?(mode: boolean): unknown;
  ref?(): unknown;
  unref?(): unknown;
  pause(): unknown;
}

export class FilteredStdin extends PassThrough {
  readonly isTTY = true;
  private readonly input = new InputFilter();
  private readonly decoder = new StringDecoder('utf8');
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onData = (chunk: Buffer | string): void => {
    this.deliver(this.input.push(typeof chunk === 'string' ? chunk : this.decoder.write(chunk)));
  };

  constructor(
    private readonly terminal: TerminalInput,
    private readonly onPaste: (text: string) => void,
  ) {
    super();
    terminal.on('data', this.onData);
  }

  setRawMode(mode: boolean): this {
    this.terminal.setRawMode?.(mode);
    return this;
  }

  ref(): this {
    this.terminal.ref?.();
    return this;
  }

  unref(): this {
    this.terminal.unref?.();
    return this;
  }

  /** Stops reading the terminal (on exit). */
  detach(): void {
    if (this.timer) clearTimeout(this.timer);
    this.terminal.off('data', this.onData);
    this.terminal.pause();
  }

  /** Key pieces not yet handed to Ink: one per turn, since Ink reads all that is buffered as one chunk. */
  private queue: string[] = [];
  private writing = false;

  private deliver(pieces: InputPiece[]): void {
    for (const piece of pieces) {
      if (piece.kind === 'keys') this.queue.push(piece.text);
      else {
        this.drain(true);
        this.onPaste(piece.text);
      }
    }
    this.drain(false);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.input.pending) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.deliver(this.input.flush());
      }, this.input.pasting ? PASTE_IDLE_MS : HOLD_MS);
    }
  }

  /**
   * Writes the queued key pieces, each in its own turn: two Esc presses read together would
   * otherwise reach Ink as one chunk, which it reads as a single Alt+Esc. `now` writes all that
   * is queued at once (before a paste, to keep the order).
   */
  private drain(now: boolean): void {
    if (now) {
      for (const text of this.queue.splice(0)) this.write(text);
      return;
    }
    if (this.writing) return;
    const next = this.queue.shift();
    if (next === undefined) return;
    this.write(next);
    if (this.queue.length === 0) return;
    this.writing = true;
    setImmediate(() => {
      this.writing = false;
      this.drain(false);
    });
  }
}
