// The `sim.podscope.dev/logs` annotation: its syntax, its refusals, and a malformed value as a
// scenario error on the line of the value at fault.
import { describe, expect, test } from 'vitest';
import { readLogScript, type LogScript } from '../../../../src/sim/logs/index.js';
import { isLogScriptProblem, logScriptProblemText } from '../../../../src/sim/logs/script.js';
import { parseScenario, ScenarioError } from '../../../../src/sim/scenario/index.js';

function ok(value: string): LogScript {
  const s = readLogScript(value);
  if (isLogScriptProblem(s)) throw new Error(logScriptProblemText(s));
  return s;
}

function refused(value: string): string {
  const s = readLogScript(value);
  if (!isLogScriptProblem(s)) throw new Error(`accepted ${JSON.stringify(value)}`);
  return logScriptProblemText(s);
}

describe('readLogScript', () => {
  test.each<[string, object]>([
    ['at 1s: hi', { kind: 'at', atMs: 1000, stream: 'stdout' }],
    ['at 1m30s stderr: warn', { kind: 'at', atMs: 90_000, stream: 'stderr' }],
    ['every 500ms: x', { kind: 'every', periodMs: 500, fromMs: 0, untilMs: Infinity }],
    ['every 1s from 5s until 10s: x', { kind: 'every', periodMs: 1000, fromMs: 5000, untilMs: 10_000 }],
    ['every 1s until 10s from 5s: x', { kind: 'every', periodMs: 1000, fromMs: 5000, untilMs: 10_000 }],
    ['rate 1000/s: x', { kind: 'every', periodMs: 1, fromMs: 0 }],
    ['rate 4/s from 1s stderr: x', { kind: 'every', periodMs: 250, fromMs: 1000, stream: 'stderr' }],
    ['burst 200 at 30s: x', { kind: 'burst', count: 200, atMs: 30_000 }],
    ['exit: bye', { kind: 'exit', stream: 'stdout' }],
    ['exit stderr: bye', { kind: 'exit', stream: 'stderr' }],
    ['at 0s:', { kind: 'at', atMs: 0 }],
  ])('%s', (value, want) => {
    expect(ok(value).clauses[0]).toMatchObject(want);
  });

  test('text: verbatim after ": ", or a JSON string; comments and blank lines skipped; replace', () => {
    const s = ok('# a comment\n\nat 0s: a: b  {{c}}\nat 0s: "  indented\\tx"\nreplace\n');
    expect(s.replace).toBe(true);
    const ctx = { namespace: 'n', pod: 'p', container: 'c', startMs: 0, restarts: 0 };
    expect(s.clauses.map((c) => c.text(ctx, 0, 1))).toEqual(['a: b  {c}', '  indented\tx']);
  });

  test.each<[string, string]>([
    ['', 'line 1 (""): has no clauses (e.g. "every 1s: tick {n}")'],
    ['hello', 'line 1 ("hello"): expected "at <duration>:", "every <duration>:", "rate <N>/s:", "burst <N> at <duration>:", "exit:" or "replace", then the text'],
    ['at soon: x', 'line 1 ("at soon: x"): at "soon" is not a Go duration such as 500ms, 10s or 1m30s'],
    ['at 1s: ok\nevery 0s: x', 'line 2 ("every 0s: x"): "every" needs a period longer than 0s (a burst writes lines at one instant)'],
    ['rate 0/s: x', 'line 1 ("rate 0/s: x"): rate "0" is not a whole number from 1 to 100000'],
    ['rate 1000000/s: x', 'line 1 ("rate 1000000/s: x"): rate "1000000" is not a whole number from 1 to 100000'],
    ['burst 1.5 at 1s: x', 'line 1 ("burst 1.5 at 1s: x"): burst "1.5" is not a whole number from 1 to 1000000'],
    ['every 1s from 10s until 5s: x', 'line 1 ("every 1s from 10s until 5s: x"): "until" must come after "from"'],
    ['every 1s from 1s from 2s: x', 'line 1 ("every 1s from 1s from 2s: x"): "from" is given twice'],
    ['at 1s: {nope}', 'line 1 ("at 1s: {nope}"): unknown placeholder {nope} (known: {n} {date} {time} {pod} {namespace} {container} {restarts}; {{ and }} for braces)'],
    ['at 1s: a } b', 'line 1 ("at 1s: a } b"): a lone "}" (write }} for a brace)'],
    ['at 1s: "open', 'line 1 ("at 1s: \\"open"): "open is not a complete double-quoted string (JSON escapes: \\" \\t \\\\)'],
    ['at 1s stdout stderr: x', 'line 1 ("at 1s stdout stderr: x"): expected "at <duration>:", "every <duration>:", "rate <N>/s:", "burst <N> at <duration>:", "exit:" or "replace", then the text'],
  ])('refuses %j', (value, want) => {
    expect(refused(value)).toBe(want);
  });
});

describe('a malformed logs annotation in a scenario', () => {
  const yaml = (value: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    sim.podscope.dev/logs.app: ${value}
spec:
  containers:
    - name: app
      image: busybox
`;

  function error(text: string): ScenarioError {
    try {
      parseScenario(text, 'bad.yaml');
    } catch (err) {
      if (err instanceof ScenarioError) return err;
      throw err;
    }
    throw new Error('parsed');
  }

  test('a block value points at the line of the value at fault', () => {
    const err = error(yaml('|\n      at 0s: fine\n      every soon: not fine'));
    expect(err.message).toBe(
      'bad.yaml:8:7: annotation sim.podscope.dev/logs.app: line 2 ("every soon: not fine"): every "soon" is not a Go duration such as 500ms, 10s or 1m30s',
    );
  });

  test('a one-line value points at the value', () => {
    const err = error(yaml('"burst x at 1s: y"'));
    expect(err.message).toMatch(/^bad\.yaml:6:32: annotation sim\.podscope\.dev\/logs\.app: line 1 \("burst x at 1s: y"\): burst "x" is not a whole number/);
  });

  test('a well-formed script loads', () => {
    expect(parseScenario(yaml('|\n      at 0s: hi {pod}\n      exit: bye'), 'ok.yaml').objects).toHaveLength(1);
  });
});
