// The simulated shell's grammar: a line is pipelines joined by `;`, `&&`, `||`; a pipeline is
// commands joined by `|`; a command is words (single and double quotes, backslash, `$VAR`,
// `${VAR}`, `$?`) and redirections (`> F`, `>> F`, `< F`, `2> F`, `2>&1`), or a subshell
// `( LIST )` with its own redirections. No globbing, no `$(…)`, no `{ …; }` groups, no control
// flow (if/while/for): those are reported as not supported.

export interface Redirect {
  readonly fd: 0 | 1 | 2;
  readonly op: '>' | '>>' | '<' | '>&';
  readonly target: string;
}

export interface SimpleCommand {
  readonly words: string[];
  readonly redirects: Redirect[];
  /** `( LIST )`: the list runs in a subshell (words is then empty). */
  readonly subshell?: Pipeline[];
}

export interface Pipeline {
  readonly commands: SimpleCommand[];
  /** How it joins the previous pipeline. */
  readonly join: ';' | '&&' | '||';
}

export class ParseError extends Error {}

type Token = { t: 'word'; v: string } | { t: 'op'; v: string };

function tokenize(line: string, vars: (name: string) => string): Token[] {
  const out: Token[] = [];
  let cur = '';
  let has = false;
  const flush = (): void => {
    if (has) out.push({ t: 'word', v: cur });
    cur = '';
    has = false;
  };
  const variable = (i: number): [string, number] => {
    const rest = line.slice(i + 1);
    const m = /^\{([A-Za-z_][A-Za-z0-9_]*)\}|^([A-Za-z_][A-Za-z0-9_]*|\?|\$|#)/.exec(rest);
    if (!m) return ['$', i];
    return [vars(m[1] ?? m[2]!), i + m[0].length];
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\') {
      cur += line[i + 1] ?? '';
      has = true;
      i++;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ParseError('unterminated quoted string');
      cur += line.slice(i + 1, end);
      has = true;
      i = end;
    } else if (ch === '"') {
      has = true;
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const c = line[j]!;
        if (c === '\\' && /["\\$`]/.test(line[j + 1] ?? '')) {
          cur += line[++j];
        } else if (c === '$') {
          const [v, end] = variable(j);
          cur += v;
          j = end;
        } else cur += c;
      }
      if (j >= line.length) throw new ParseError('unterminated quoted string');
      i = j;
    } else if (ch === '$') {
      if (line[i + 1] === '(') throw new ParseError('command substitution is not supported');
      const [v, end] = variable(i);
      // Unquoted: the value splits into words at whitespace.
      const parts = v.split(/[ \t\n]+/);
      parts.forEach((part, k) => {
        if (k > 0) flush();
        cur += part;
        if (part !== '') has = true;
      });
      if (end === i) has = true;
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
      const fd = has && /^[012]$/.test(cur) ? cur : undefined;
      if (fd !== undefined) {
        cur = '';
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
      cur += ch;
      has = true;
    }
  }
  flush();
  return out;
}

export function parseLine(line: string, vars: (name: string) => string): Pipeline[] {
  const tokens = tokenize(line, vars);
  const [pipelines, end] = parseList(tokens, 0, false);
  if (end < tokens.length) throw new ParseError("syntax error: unexpected \")\"");
  return pipelines;
}

/** A list up to the end of the tokens, or (inside a subshell) up to its `)`; returns where it stopped. */
function parseList(tokens: Token[], start: number, inSubshell: boolean): [Pipeline[], number] {
  const pipelines: Pipeline[] = [];
  let join: Pipeline['join'] = ';';
  let commands: SimpleCommand[] = [];
  let cmd: { words: string[]; redirects: Redirect[]; subshell?: Pipeline[] } = { words: [], redirects: [] };
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
      if (cmd.subshell) throw new ParseError(`syntax error: unexpected word \`${tok.v}'`);
      if (cmd.words.length === 0 && /^(if|then|else|fi|while|until|for|do|done|case|esac|function|\{|\})$/.test(tok.v)) throw new ParseError(`${tok.v}: ${tok.v === '{' || tok.v === '}' ? 'command groups' : 'control flow'} is not supported`);
      cmd.words.push(tok.v);
      continue;
    }
    const m = /^([012])(>>|>&|>|<)$/.exec(tok.v);
    if (m) {
      const target = tokens[i + 1];
      if (!target || target.t !== 'word') throw new ParseError('syntax error: unexpected redirection');
      cmd.redirects.push({ fd: Number(m[1]) as 0 | 1 | 2, op: m[2] as Redirect['op'], target: target.v });
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
      join = tok.v as Pipeline['join'];
    }
  }
  if (!empty()) endCommand();
  if (commands.length > 0) pipelines.push({ commands, join });
  else if (join !== ';') throw new ParseError('syntax error: unexpected end of line');
  return [pipelines, i];
}
