// The simulated shell's grammar: a line is pipelines joined by `;`, `&&`, `||`; a pipeline is
// commands joined by `|`; a command is words (single and double quotes, backslash, `$VAR`,
// `${VAR}`, `$?`) and redirections (`> F`, `>> F`, `< F`, `2> F`, `2>&1`), or a subshell
// `( LIST )` with its own redirections. No globbing, no `$(…)`, no `{ …; }` groups, no control
// flow (if/while/for): those are reported as not supported.
//
// Parameters are expanded as sh expands them: per pipeline, right before it runs (parseLineRaw
// keeps them as references, expandCommand fills them in), so `false; echo $?` prints 1 and
// `X=1; echo $X` prints 1.

/** A piece of a word: literal text, or a parameter (`$X`, `${X}`, `$?`) to expand, within double quotes or not. */
export type WordPart = string | { readonly name: string; readonly quoted: boolean };
/** A word as written: expanding it gives zero or more fields (an unquoted parameter splits at whitespace). */
export type Word = readonly WordPart[];

export interface RedirectOf<T> {
  readonly fd: 0 | 1 | 2;
  readonly op: '>' | '>>' | '<' | '>&';
  readonly target: T;
}

export interface CommandOf<T> {
  readonly words: T[];
  readonly redirects: RedirectOf<T>[];
  /** `( LIST )`: the list runs in a subshell (words is then empty). */
  readonly subshell?: PipelineOf<T>[];
}

export interface PipelineOf<T> {
  readonly commands: CommandOf<T>[];
  /** How it joins the previous pipeline. */
  readonly join: ';' | '&&' | '||';
}

/** A command as written, its parameters not yet expanded. */
export type RawCommand = CommandOf<Word>;
export type RawPipeline = PipelineOf<Word>;
export type Redirect = RedirectOf<string>;
/** A command as it runs: its words expanded; a subshell's list is expanded command by command as it runs. */
export interface SimpleCommand {
  readonly words: string[];
  /** How many of the leading words are NAME=value assignments (recognised as written, before expansion). */
  readonly assignments?: number;
  readonly redirects: Redirect[];
  readonly subshell?: RawPipeline[];
}
/** A line expanded all at once (parseLine). */
export type Pipeline = PipelineOf<string>;

export class ParseError extends Error {}

type Token = { t: 'word'; v: Word } | { t: 'op'; v: string };

/** The word's text when it has no parameters (keywords and fd numbers are recognised only then). */
function literal(word: Word): string | undefined {
  return word.every((p) => typeof p === 'string') ? word.join('') : undefined;
}

function tokenize(line: string): Token[] {
  const out: Token[] = [];
  let parts: WordPart[] = [];
  let has = false;
  const add = (text: string): void => {
    const last = parts.length - 1;
    if (last >= 0 && typeof parts[last] === 'string') parts[last] = (parts[last] as string) + text;
    else parts.push(text);
  };
  const flush = (): void => {
    if (has) out.push({ t: 'word', v: parts });
    parts = [];
    has = false;
  };
  /** The parameter at `$` (line[i]), or undefined when what follows is no name (the `$` is then literal). */
  const variable = (i: number): [string | undefined, number] => {
    const rest = line.slice(i + 1);
    const m = /^\{([A-Za-z_][A-Za-z0-9_]*)\}|^([A-Za-z_][A-Za-z0-9_]*|\?|\$|#)/.exec(rest);
    if (!m) return [undefined, i];
    return [m[1] ?? m[2]!, i + m[0].length];
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\') {
      add(line[i + 1] ?? '');
      has = true;
      i++;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ParseError('unterminated quoted string');
      add(line.slice(i + 1, end));
      has = true;
      i = end;
    } else if (ch === '"') {
      has = true;
      add('');
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const c = line[j]!;
        if (c === '\\' && /["\\$`]/.test(line[j + 1] ?? '')) {
          add(line[++j]!);
        } else if (c === '$') {
          const [name, end] = variable(j);
          if (name === undefined) add('$');
          else parts.push({ name, quoted: true });
          j = end;
        } else add(c);
      }
      if (j >= line.length) throw new ParseError('unterminated quoted string');
      i = j;
    } else if (ch === '$') {
      if (line[i + 1] === '(') throw new ParseError('command substitution is not supported');
      const [name, end] = variable(i);
      if (name === undefined) {
        add('$');
        has = true;
      } else {
        // Unquoted: the value splits into fields at whitespace when it is expanded (an empty one makes none).
        parts.push({ name, quoted: false });
        has = true;
      }
      i = end;
    } else if (ch === '`') {
      throw new ParseError('command substitution is not supported');
    } else if (ch === '#' && !has) {
      break;
    } else if (/\s/.test(ch)) {
      flush();
    } else if (ch === '(' || ch === ')') {
      flush();
      out.push({ t: 'op', v: ch });
    } else if (ch === ';' || ch === '|' || ch === '&') {
      flush();
      const two = line.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        out.push({ t: 'op', v: two });
        i++;
      } else if (ch === '&') {
        throw new ParseError('background jobs (&) are not supported');
      } else out.push({ t: 'op', v: ch });
    } else if (ch === '>' || ch === '<') {
      const text = has ? literal(parts) : undefined;
      const fd = text !== undefined && /^[012]$/.test(text) ? text : undefined;
      if (fd !== undefined) {
        parts = [];
        has = false;
      } else flush();
      let op: string = ch;
      if (ch === '>' && line[i + 1] === '>') {
        op = '>>';
        i++;
      } else if (ch === '>' && line[i + 1] === '&') {
        op = '>&';
        i++;
      }
      out.push({ t: 'op', v: `${fd ?? (ch === '<' ? '0' : '1')}${op}` });
    } else {
      add(ch);
      has = true;
    }
  }
  flush();
  return out;
}

/** The line's pipelines as written: parameters are expanded when each pipeline runs (expandCommand). */
export function parseLineRaw(line: string): RawPipeline[] {
  const tokens = tokenize(line);
  const [pipelines, end] = parseList(tokens, 0, false);
  if (end < tokens.length) throw new ParseError("syntax error: unexpected \")\"");
  return pipelines;
}

/** The line's pipelines with every parameter expanded now (what a line gives when nothing in it changes them). */
export function parseLine(line: string, vars: (name: string) => string): Pipeline[] {
  const expandList = (list: RawPipeline[]): Pipeline[] =>
    list.map((p) => ({
      join: p.join,
      commands: p.commands.map((c) => {
        const { words, redirects } = expandCommand(c, vars);
        return c.subshell ? { words, redirects, subshell: expandList(c.subshell) } : { words, redirects };
      }),
    }));
  return expandList(parseLineRaw(line));
}

/** A word's fields: quoted parameters are kept whole, an unquoted one splits at whitespace (empty: no field). */
export function expandWord(word: Word, vars: (name: string) => string): string[] {
  const fields: string[] = [];
  let cur = '';
  let has = false;
  for (const part of word) {
    if (typeof part === 'string') {
      cur += part;
      has = true;
    } else if (part.quoted) {
      cur += vars(part.name);
      has = true;
    } else {
      vars(part.name)
        .split(/[ \t\n]+/)
        .forEach((piece, k) => {
          if (k > 0) {
            if (has) fields.push(cur);
            cur = '';
            has = false;
          }
          cur += piece;
          if (piece !== '') has = true;
        });
    }
  }
  if (has) fields.push(cur);
  return fields;
}

/** A command's words and redirection targets, expanded now; a subshell's list stays as written. */
export function expandCommand(cmd: RawCommand, vars: (name: string) => string): SimpleCommand {
  const words: string[] = [];
  let assignments = 0;
  for (const w of cmd.words) {
    // Leading NAME=value words are assignments, recognised as written; their value is not split.
    if (words.length === assignments && typeof w[0] === 'string' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0])) {
      words.push(w.map((p) => (typeof p === 'string' ? p : vars(p.name))).join(''));
      assignments++;
    } else words.push(...expandWord(w, vars));
  }
  return {
    words,
    assignments,
    redirects: cmd.redirects.map((r) => ({ fd: r.fd, op: r.op, target: expandWord(r.target, vars).join(' ') })),
    ...(cmd.subshell ? { subshell: cmd.subshell } : {}),
  };
}

/** A list up to the end of the tokens, or (inside a subshell) up to its `)`; returns where it stopped. */
function parseList(tokens: Token[], start: number, inSubshell: boolean): [RawPipeline[], number] {
  const pipelines: RawPipeline[] = [];
  let join: RawPipeline['join'] = ';';
  let commands: RawCommand[] = [];
  let cmd: { words: Word[]; redirects: RedirectOf<Word>[]; subshell?: RawPipeline[] } = { words: [], redirects: [] };
  const empty = (): boolean => cmd.words.length === 0 && cmd.redirects.length === 0 && !cmd.subshell;
  const endCommand = (): void => {
    if (empty()) throw new ParseError('syntax error: unexpected end of command');
    commands.push(cmd);
    cmd = { words: [], redirects: [] };
  };
  let i = start;
  for (; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.t === 'word') {
      const text = literal(tok.v);
      if (cmd.subshell) throw new ParseError(`syntax error: unexpected word \`${text ?? tok.v.map((p) => (typeof p === 'string' ? p : `$${p.name}`)).join('')}'`);
      if (cmd.words.length === 0 && text !== undefined && /^(if|then|else|fi|while|until|for|do|done|case|esac|function|\{|\})$/.test(text)) throw new ParseError(`${text}: ${text === '{' || text === '}' ? 'command groups' : 'control flow'} is not supported`);
      cmd.words.push(tok.v);
      continue;
    }
    const m = /^([012])(>>|>&|>|<)$/.exec(tok.v);
    if (m) {
      const target = tokens[i + 1];
      if (!target || target.t !== 'word') throw new ParseError('syntax error: unexpected redirection');
      cmd.redirects.push({ fd: Number(m[1]) as 0 | 1 | 2, op: m[2] as RedirectOf<Word>['op'], target: target.v });
      i++;
    } else if (tok.v === '(') {
      if (!empty()) throw new ParseError('syntax error: unexpected "("');
      const [inner, close] = parseList(tokens, i + 1, true);
      if (tokens[close]?.v !== ')') throw new ParseError('syntax error: unexpected end of file (expecting ")")');
      if (inner.length === 0) throw new ParseError('syntax error: unexpected ")"');
      cmd.subshell = inner;
      i = close;
    } else if (tok.v === ')') {
      if (!inSubshell) throw new ParseError('syntax error: unexpected ")"');
      break;
    } else if (tok.v === '|') {
      endCommand();
    } else {
      if (empty() && commands.length === 0) {
        if (tok.v === ';') continue;
        throw new ParseError(`syntax error near unexpected token \`${tok.v}'`);
      }
      endCommand();
      pipelines.push({ commands, join });
      commands = [];
      join = tok.v as RawPipeline['join'];
    }
  }
  if (!empty()) endCommand();
  if (commands.length > 0) pipelines.push({ commands, join });
  else if (join !== ';') throw new ParseError('syntax error: unexpected end of line');
  return [pipelines, i];
}
