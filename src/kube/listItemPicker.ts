// A few fields of each item of a JSON list document (`{"kind": …, "items": [ … ]}`), read as the
// text arrives in pieces, without the whole document ever being built: the answer to "every
// pod's metrics" at 10k pods is 3.6 MB of JSON, and JSON.parse of it made ~10 MB of objects
// (names, labels, timestamps, windows, container names) of which the metrics keep a name and
// two numbers a pod — promoted through the small young generation into the old one, where they
// stayed until the next major collection (docs/benchmarks.md, "The sync's garbage given back").
//
// What to keep is a Pick: `true` takes a value whole, `{ key: Pick }` the listed keys of an
// object, `[Pick]` each element of an array. Each item of `items` is handed over as picked, so
// its strings are fresh copies (decoded by JSON.parse: a slice of an arriving piece would keep
// the whole piece alive as long as the string is kept). A value whose type does not match its
// Pick (a string where an object is picked) is left out, as are keys the Pick does not name.
// A missing or null `items` is a list of no items. What is skipped is scanned for its
// structure only: a malformed document is refused, but a bad escape or control character
// inside a skipped string is not noticed.

export type Pick = true | { readonly [key: string]: Pick } | readonly [Pick];

export class ListPickError extends Error {}

interface Frame {
  array: boolean;
  /** What to keep of the container's values; undefined: the container is skipped. */
  pick: Pick | undefined;
  /** The container as built so far; undefined for one that is skipped, the document, and its items. */
  out: Record<string, unknown> | unknown[] | undefined;
  /** The key whose value comes next (objects that are picked from). */
  key: string;
  /** The document's `items`: each element goes to onItem instead of into an array. */
  items: boolean;
}

const VALUE = 0;
const VALUE_OR_END = 1;
const KEY_OR_END = 2;
const KEY = 3;
const COLON = 4;
const COMMA_OR_END = 5;
const IN_STRING = 6;
const IN_LITERAL = 7;
const DONE = 8;
const SKIPPING = 9;
const UNKNOWN = -2;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
/** Characters of a number, true, false or null. */
const isLiteral = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45;

function isObjectPick(p: Pick | undefined): p is { readonly [key: string]: Pick } {
  return typeof p === 'object' && !Array.isArray(p);
}

export class ListItemPicker<T = Record<string, unknown>> {
  private readonly root: Pick;
  private state = VALUE;
  private readonly stack: Frame[] = [];
  /** The Pick of the value that starts next. */
  private valuePick: Pick | undefined;
  /** The string or literal being read: its text so far, whether it is kept, whether it is a key. */
  private raw = '';
  private capture = false;
  private isKey = false;
  private escaped = false;
  private sawEscape = false;
  /** Brackets open in the container being skipped, and whether a string in it is being read. */
  private skipDepth = 0;
  private skippingString = false;
  /** Where the current piece of text has its next backslash (-1: none; UNKNOWN for each new piece). */
  private slashAt = UNKNOWN;
  private offset = 0;

  constructor(
    itemPick: Pick,
    private readonly onItem: (item: T) => void,
  ) {
    this.root = { items: [itemPick] };
    this.valuePick = this.root;
  }

  /** The next piece of the document's text. Throws ListPickError where it stops being JSON. */
  write(text: string): void {
    const n = text.length;
    let i = 0;
    this.slashAt = UNKNOWN;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case IN_STRING: {
          i = this.inString(text, i);
          continue;
        }
        case IN_LITERAL: {
          let j = i;
          while (j < n && isLiteral(text.charCodeAt(j))) j++;
          if (this.capture) this.raw += text.slice(i, j);
          i = j;
          if (j < n) this.endLiteral();
          continue;
        }
        case DONE:
          if (!isSpace(c)) this.fail(i, 'text after the document');
          i++;
          continue;
        case SKIPPING:
          i = this.skip(text, i);
          continue;
      }
      if (isSpace(c)) {
        i++;
        continue;
      }
      const frame = this.stack[this.stack.length - 1];
      switch (this.state) {
        case VALUE_OR_END:
          if (c === 0x5d) {
            this.close(i, true);
            i++;
            continue;
          }
          this.valuePick = this.childPick(frame!);
          this.state = VALUE;
          continue;
        case VALUE:
          this.startValue(text, i, c);
          i++;
          continue;
        case KEY_OR_END:
        case KEY:
          if (c === 0x7d && this.state === KEY_OR_END) {
            this.close(i, false);
            i++;
            continue;
          }
          if (c !== 0x22) this.fail(i, 'a key expected');
          this.startString(true, frame!.pick !== undefined);
          i++;
          continue;
        case COLON:
          if (c !== 0x3a) this.fail(i, "':' expected");
          this.valuePick = this.childPick(frame!);
          this.state = VALUE;
          i++;
          continue;
        case COMMA_OR_END:
          if (c === 0x2c) {
            if (frame!.array) {
              this.valuePick = this.childPick(frame!);
              this.state = VALUE;
            } else this.state = KEY;
          } else if (c === 0x5d || c === 0x7d) this.close(i, c === 0x5d);
          else this.fail(i, "',' or the container's end expected");
          i++;
          continue;
      }
    }
    this.offset += n;
  }

  /** The document ended. Throws ListPickError when it is incomplete. */
  end(): void {
    if (this.state !== DONE) throw new ListPickError(`the document ends early (at character ${this.offset})`);
  }

  private fail(i: number, what: string): never {
    throw new ListPickError(`not JSON at character ${this.offset + i}: ${what}`);
  }

  private childPick(frame: Frame): Pick | undefined {
    const p = frame.pick;
    if (p === undefined || p === true) return p;
    if (frame.array) return (p as readonly [Pick])[0];
    return Object.hasOwn(p, frame.key) ? (p as { readonly [key: string]: Pick })[frame.key] : undefined;
  }

  /**
   * Inside a container nothing is kept of: only its brackets are counted (strings read past as
   * whole), the fast way through the labels, annotations and the like of every item.
   */
  private skip(text: string, i: number): number {
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i++);
      if (c === 0x22) {
        this.startString(false, false);
        this.skippingString = true;
        return i;
      }
      if (c === 0x7b || c === 0x5b) this.skipDepth++;
      else if ((c === 0x7d || c === 0x5d) && --this.skipDepth === 0) {
        this.afterValue();
        return i;
      }
    }
    return i;
  }

  private startValue(text: string, i: number, c: number): void {
    const pick = this.valuePick;
    if (this.stack.length === 0 && c !== 0x7b) this.fail(i, 'a list is an object');
    if (c === 0x7b || c === 0x5b) {
      const array = c === 0x5b;
      const wanted = pick === true || (array ? Array.isArray(pick) : isObjectPick(pick));
      if (!wanted && this.stack.length > 0) {
        this.state = SKIPPING;
        this.skipDepth = 1;
        return;
      }
      const parent = this.stack[this.stack.length - 1];
      const document = this.stack.length === 0;
      const items = array && parent !== undefined && this.stack.length === 1 && parent.key === 'items';
      const build = wanted && !document && !items;
      this.stack.push({ array, pick: wanted ? pick : undefined, out: build ? (array ? [] : {}) : undefined, key: '', items: items && wanted });
      this.state = array ? VALUE_OR_END : KEY_OR_END;
      return;
    }
    if (c === 0x22) {
      this.startString(false, pick === true);
      return;
    }
    if (isLiteral(c)) {
      this.state = IN_LITERAL;
      this.capture = pick === true;
      this.raw = this.capture ? text[i]! : '';
      return;
    }
    this.fail(i, 'a value expected');
  }

  private startString(isKey: boolean, capture: boolean): void {
    this.state = IN_STRING;
    this.isKey = isKey;
    this.capture = capture;
    this.escaped = false;
    this.sawEscape = false;
    this.raw = capture ? '"' : '';
  }

  /** Reads a string's text from `i`; returns where reading goes on. */
  private inString(text: string, i: number): number {
    const n = text.length;
    let j = i;
    if (this.escaped) {
      this.escaped = false;
      j++;
    }
    for (;;) {
      const quote = text.indexOf('"', j);
      // The next backslash is looked for once per piece of text, not once per string.
      if (this.slashAt === UNKNOWN || (this.slashAt !== -1 && this.slashAt < j)) this.slashAt = text.indexOf('\\', j);
      const slash = this.slashAt;
      if (slash !== -1 && (quote === -1 || slash < quote)) {
        this.sawEscape = true;
        if (slash + 1 >= n) {
          this.escaped = true;
          if (this.capture) this.raw += text.slice(i);
          return n;
        }
        j = slash + 2;
        continue;
      }
      if (quote === -1) {
        if (this.capture) this.raw += text.slice(i);
        return n;
      }
      if (!this.capture) this.endString(undefined, i);
      // A string whole in this piece with no escape (nearly all): its text needs no decoding.
      else if (this.raw.length === 1 && !this.sawEscape) this.endString(undefined, i, text.slice(i, quote));
      else this.endString(this.raw + text.slice(i, quote + 1), i);
      return quote + 1;
    }
  }

  /** A string ended: `raw` with its quotes and escapes, or `plain`, its text as it is. */
  private endString(raw: string | undefined, i: number, plain?: string): void {
    this.raw = '';
    let value: string | undefined;
    if (plain !== undefined) {
      // A key is only looked up (V8 copies it if it becomes a property name) and a string under
      // 13 characters is copied by slice(); a longer one is copied off the piece it is a slice of.
      value = this.isKey || plain.length < 13 ? plain : (JSON.parse(`"${plain}"`) as string);
    } else if (raw !== undefined) {
      if (!this.sawEscape && (this.isKey || raw.length < 15)) value = raw.slice(1, -1);
      else {
        try {
          value = JSON.parse(raw) as string;
        } catch {
          this.fail(i, 'a bad string');
        }
      }
    }
    if (this.skippingString) {
      this.skippingString = false;
      this.state = SKIPPING;
      return;
    }
    if (this.isKey) {
      this.stack[this.stack.length - 1]!.key = value ?? '';
      this.state = COLON;
      return;
    }
    if (raw !== undefined || plain !== undefined) this.deliver(value);
    this.afterValue();
  }

  private endLiteral(): void {
    if (this.capture) {
      let value: unknown;
      try {
        value = JSON.parse(this.raw);
      } catch {
        throw new ListPickError(`not JSON at character ${this.offset}: a bad literal ${JSON.stringify(this.raw.slice(0, 20))}`);
      }
      this.raw = '';
      this.deliver(value);
    }
    this.afterValue();
  }

  private close(i: number, array: boolean): void {
    const frame = this.stack.pop()!;
    if (frame.array !== array) this.fail(i, 'a container closed by the wrong bracket');
    if (frame.out !== undefined) this.deliver(frame.out);
    this.afterValue();
  }

  /** A picked value, complete: into its container, or to onItem when it is an item. */
  private deliver(value: unknown): void {
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) return;
    if (parent.items) this.onItem(value as T);
    else if (Array.isArray(parent.out)) parent.out.push(value);
    else if (parent.out !== undefined) parent.out[parent.key] = value;
  }

  private afterValue(): void {
    this.state = this.stack.length === 0 ? DONE : COMMA_OR_END;
  }
}
