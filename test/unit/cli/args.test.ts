import { describe, expect, it, test } from 'vitest';
import { flagHelp, parseFlags, UsageError, type FlagSpec } from '../../../src/cli/args.js';

const SPECS: FlagSpec[] = [
  { name: 'namespace', short: 'n', value: { name: 'NS' }, help: 'namespace' },
  { name: 'all-namespaces', short: 'A', help: 'all' },
  { name: 'follow', short: 'f', help: 'follow' },
  { name: 'sim', value: { name: 'SCENARIO', optional: true, fallback: 'default', accepts: (n) => !n.startsWith('-') && n !== 'get' }, help: 'sim' },
  { name: 'kubeconfig-out', aliases: ['out'], value: { name: 'PATH' }, help: 'where\nsecond line' },
];

describe('parseFlags', () => {
  test.each<[string[], Record<string, string | boolean>, string[]]>([
    [['get', 'pods'], {}, ['get', 'pods']],
    [['-n', 'shop'], { namespace: 'shop' }, []],
    [['-nshop'], { namespace: 'shop' }, []],
    [['-n=shop'], { namespace: 'shop' }, []],
    [['--namespace=shop', 'x'], { namespace: 'shop' }, ['x']],
    [['--namespace', '-weird'], { namespace: '-weird' }, []],
    [['-Af'], { 'all-namespaces': true, follow: true }, []],
    [['-An', 'shop'], { 'all-namespaces': true, namespace: 'shop' }, []],
    [['--follow=false'], { follow: false }, []],
    [['--sim'], { sim: 'default' }, []],
    [['--sim', 'batch'], { sim: 'batch' }, []],
    [['--sim', 'get', 'pods'], { sim: 'default' }, ['get', 'pods']],
    [['--sim', '-A'], { sim: 'default', 'all-namespaces': true }, []],
    [['--sim='], { sim: '' }, []],
    [['--out', 'p'], { 'kubeconfig-out': 'p' }, []],
    [['-n', 'a', '-n', 'b'], { namespace: 'b' }, []],
    [['--', '-n', 'x'], {}, ['-n', 'x']],
    [['-'], {}, ['-']],
  ])('%j', (argv, flags, positionals) => {
    const parsed = parseFlags(argv, SPECS);
    expect(Object.fromEntries(parsed.flags)).toEqual(flags);
    expect(parsed.positionals).toEqual(positionals);
  });

  test.each<[string[], string]>([
    [['--nope'], 'unknown flag "--nope"'],
    [['-x'], 'unknown flag "-x" in "-x"'],
    [['-Ax'], 'unknown flag "-x" in "-Ax"'],
    [['-n'], 'flag -n needs a value (NS)'],
    [['--namespace'], 'flag --namespace needs a value (NS)'],
    [['--follow=yes'], 'flag --follow is a switch: it takes true or false, got "yes"'],
  ])('%j is refused', (argv, message) => {
    expect(() => parseFlags(argv, SPECS)).toThrow(new UsageError(message));
  });
});

describe('flagHelp', () => {
  it('one aligned line per flag, from the same specs the parser reads', () => {
    expect(flagHelp(SPECS)).toBe(
      [
        '  -n, --namespace NS         namespace',
        '  -A, --all-namespaces       all',
        '  -f, --follow               follow',
        '      --sim [SCENARIO]       sim',
        '      --kubeconfig-out PATH  where',
        '                             second line',
      ].join('\n'),
    );
  });
});
