// The one argument parser of every podscope command: flags are data (name, short form,
// whether they take a value, help text), so parsing and the --help text cannot disagree.

export interface FlagSpec {
  /** Long name without the dashes: `kubeconfig` is `--kubeconfig`. */
  name: string;
  /** One-letter form: `n` is `-n`. */
  short?: string;
  /** Other long names that mean the same flag. */
  aliases?: readonly string[];
  /**
   * What the flag takes: nothing (a switch; `--x=true|false` also accepted), a value (the next
   * argument or `--x=V`), or an optional value (`--x=V`, or the next argument when `accepts` it,
   * else `fallback`).
   */
  value?: { name: string } | { name: string; optional: true; fallback: string; accepts(next: string): boolean };
  help: string;
}

export interface ParsedArgs {
  /** By long name: the value given, or true for a switch that is on. */
  flags: Map<string, string | boolean>;
  positionals: string[];
}

export class UsageError extends Error {
  override name = 'UsageError';
}

function lookup(specs: readonly FlagSpec[]): { long: Map<string, FlagSpec>; short: Map<string, FlagSpec> } {
  const long = new Map<string, FlagSpec>();
  const short = new Map<string, FlagSpec>();
  for (const s of specs) {
    long.set(s.name, s);
    for (const a of s.aliases ?? []) long.set(a, s);
    if (s.short !== undefined) short.set(s.short, s);
  }
  return { long, short };
}

function switchValue(spec: FlagSpec, text: string): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new UsageError(`flag --${spec.name} is a switch: it takes true or false, got "${text}"`);
}

/** Parses `argv` against `specs`; anything not a flag is a positional; `--` ends the flags. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const { long, short } = lookup(specs);
  const flags = new Map<string, string | boolean>();
  const positionals: string[] = [];
  let i = 0;
  /** The flag's value: inline (`=V` or `-nV`), else the next argument. */
  const take = (spec: FlagSpec, shown: string, inline: string | undefined): void => {
    const v = spec.value;
    if (v === undefined) {
      flags.set(spec.name, inline === undefined ? true : switchValue(spec, inline));
      return;
    }
    if (inline !== undefined) {
      flags.set(spec.name, inline);
      return;
    }
    const next = argv[i + 1];
    if ('optional' in v) {
      if (next !== undefined && v.accepts(next)) {
        flags.set(spec.name, next);
        i++;
      } else flags.set(spec.name, v.fallback);
      return;
    }
    if (next === undefined) throw new UsageError(`flag ${shown} needs a value (${v.name})`);
    flags.set(spec.name, next);
    i++;
  };
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      const spec = long.get(name);
      if (spec === undefined) throw new UsageError(`unknown flag "--${name}"`);
      take(spec, `--${name}`, eq > 0 ? arg.slice(eq + 1) : undefined);
    } else if (arg.startsWith('-') && arg.length > 1) {
      // -A, -Af (switches together), -n NS, -nNS, -n=NS
      for (let j = 1; j < arg.length; j++) {
        const spec = short.get(arg[j]!);
        if (spec === undefined) throw new UsageError(`unknown flag "-${arg[j]}" in "${arg}"`);
        const rest = arg.slice(j + 1);
        if (spec.value !== undefined) {
          take(spec, `-${arg[j]}`, rest === '' ? undefined : rest.replace(/^=/, ''));
          break;
        }
        if (rest.startsWith('=')) {
          take(spec, `-${arg[j]}`, rest.slice(1));
          break;
        }
        flags.set(spec.name, true);
      }
    } else positionals.push(arg);
  }
  return { flags, positionals };
}

/** The flag's string value, undefined when not given. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Whether a switch is on. */
export function switchFlag(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}

/** The `Flags:` lines of a help text, aligned, one per flag, in the order given. */
export function flagHelp(specs: readonly FlagSpec[]): string {
  const left = specs.map((s) => {
    const shortPart = s.short === undefined ? '    ' : `-${s.short}, `;
    const value = s.value === undefined ? '' : 'optional' in s.value ? ` [${s.value.name}]` : ` ${s.value.name}`;
    return `  ${shortPart}--${s.name}${value}`;
  });
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return specs
    .map((s, k) => {
      const [first, ...more] = s.help.split('\n');
      const pad = ' '.repeat(width);
      return [`${left[k]!.padEnd(width)}${first}`, ...more.map((m) => `${pad}${m}`)].join('\n');
    })
    .join('\n');
}
