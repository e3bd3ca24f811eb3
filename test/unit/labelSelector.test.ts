import { describe, expect, it } from 'vitest';
import { labelSelectorFromSpec, parseLabelSelector } from '../../src/kube/labels/selector.js';
import { SelectorError } from '../../src/kube/selectorError.js';

type Labels = Record<string, string> | undefined;

describe('parseLabelSelector: matching', () => {
  const cases: [string, Labels, boolean][] = [
    ['', undefined, true],
    ['', { a: 'b' }, true],
    ['app=web', { app: 'web' }, true],
    ['app=web', { app: 'db' }, false],
    ['app=web', undefined, false],
    ['app==web', { app: 'web' }, true],
    ['app!=web', { app: 'db' }, true],
    ['app!=web', {}, true],
    ['app!=web', { app: 'web' }, false],
    ['env in (prod, qa)', { env: 'qa' }, true],
    ['env in (prod,qa)', { env: 'dev' }, false],
    ['env in (prod,qa)', {}, false],
    ['env notin (prod)', { env: 'qa' }, true],
    ['env notin (prod)', {}, true],
    ['env notin (prod)', { env: 'prod' }, false],
    ['app', { app: '' }, true],
    ['app', { other: 'x' }, false],
    ['!app', { other: 'x' }, true],
    ['!app', { app: 'x' }, false],
    ['replicas>3', { replicas: '5' }, true],
    ['replicas>3', { replicas: '3' }, false],
    ['replicas>3', { replicas: 'many' }, false],
    ['replicas>3', {}, false],
    ['replicas<3', { replicas: '2' }, true],
    ['replicas<3', { replicas: '3' }, false],
    ['x in (foo,,baz)', { x: '' }, true],
    ['x in ()', { x: '' }, true],
    ['x=', { x: '' }, true],
    ['x=', { x: 'y' }, false],
    ['app=web,tier=front', { app: 'web', tier: 'front' }, true],
    ['app=web,tier=front', { app: 'web', tier: 'back' }, false],
    ['app=web, !canary', { app: 'web', canary: 'true' }, false],
    ['in in (in)', { in: 'in' }, true],
    ['toString', { toString: 'x' }, true],
    ['constructor', {}, false],
  ];
  it.each(cases)('%j on %j → %s', (text, labels, expected) => {
    expect(parseLabelSelector(text).matches(labels)).toBe(expected);
  });
});

describe('parseLabelSelector: canonical string and emptiness', () => {
  it.each([
    ['', ''],
    ['  ', ''],
    ['app=web', 'app=web'],
    ['app == web', 'app==web'],
    ['b=1,a=2', 'a=2,b=1'],
    ['env in (qa,prod,qa)', 'env in (prod,qa)'],
    ['x in (foo,,baz)', 'x in (,baz,foo)'],
    ['x notin ()', 'x notin ()'],
    ['!a,b', '!a,b'],
    ['n>10,m<2', 'm<2,n>10'],
    ['example.com/role=db', 'example.com/role=db'],
  ])('%j → %j', (text, canonical) => {
    const sel = parseLabelSelector(text);
    expect(sel.toString()).toBe(canonical);
    expect(sel.empty).toBe(canonical === '');
  });

  it('exposes the requirements with set values sorted', () => {
    expect(parseLabelSelector('env in (qa,prod),!x').requirements).toEqual([
      { key: 'env', operator: 'in', values: ['prod', 'qa'] },
      { key: 'x', operator: '!', values: [] },
    ]);
  });
});

const VALUE_RULE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_RULE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('parseLabelSelector: errors (apimachinery wording)', () => {
  it.each([
    ['app=web,', "found '', expected: identifier after ','"],
    [',app', "found ',', expected: !, identifier, or 'end of string'"],
    ['(', "found '(', expected: !, identifier, or 'end of string'"],
    ['app web', 'unable to parse requirement: found \'web\', expected: in, notin, =, ==, !=, gt, lt'],
    ['a=b=c', "found '=', expected: ',' or 'end of string'"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['a=(b)', "unable to parse requirement: found '(', expected: identifier"],
    ['env in prod', "unable to parse requirement: found 'prod' expected: '('"],
    ['env in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['env in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ['env in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['x>abc', 'unable to parse requirement: values[0]: Invalid value: "abc": for \'Gt\', \'Lt\' operators, the value must be an integer'],
    ['x>99999999999999999999', 'unable to parse requirement: values[0]: Invalid value: "99999999999999999999": for \'Gt\', \'Lt\' operators, the value must be an integer'],
    ['x>-1', `unable to parse requirement: values[0][x]: Invalid value: "-1": ${VALUE_RULE}`],
    [
      'x>-abc',
      `unable to parse requirement: [values[0]: Invalid value: "-abc": for 'Gt', 'Lt' operators, the value must be an integer, values[0][x]: Invalid value: "-abc": ${VALUE_RULE}]`,
    ],
    ['app=-web', `unable to parse requirement: values[0][app]: Invalid value: "-web": ${VALUE_RULE}`],
    [`a=${'v'.repeat(64)}`, `unable to parse requirement: values[0][a]: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`],
    ['Foo_=x', `unable to parse requirement: <nil>: Invalid value: "Foo_": name part ${NAME_RULE}`],
    ['!-x', `unable to parse requirement: <nil>: Invalid value: "-x": name part ${NAME_RULE}`],
    [
      'a/b/c',
      `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name ${NAME_RULE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
    ['/x', 'unable to parse requirement: <nil>: Invalid value: "/x": prefix part must be non-empty'],
    [
      'Example.com/x',
      "unable to parse requirement: <nil>: Invalid value: \"Example.com/x\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ],
    [`${'k'.repeat(64)}`, `unable to parse requirement: <nil>: Invalid value: "${'k'.repeat(64)}": name part must be no more than 63 characters`],
  ])('%j', (text, message) => {
    let caught: unknown;
    try {
      parseLabelSelector(text);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SelectorError);
    expect((caught as Error).message).toBe(message);
  });
});

describe('labelSelectorFromSpec (LabelSelectorAsSelector)', () => {
  it('undefined and empty selectors match everything', () => {
    expect(labelSelectorFromSpec(undefined).matches({ a: 'b' })).toBe(true);
    expect(labelSelectorFromSpec(undefined).empty).toBe(true);
    expect(labelSelectorFromSpec({}).matches(undefined)).toBe(true);
    expect(labelSelectorFromSpec({ matchLabels: {}, matchExpressions: [] }).empty).toBe(true);
  });

  it('combines matchLabels and every expression operator', () => {
    const sel = labelSelectorFromSpec({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['b', 'a'] },
        { key: 'env', operator: 'NotIn', values: ['prod'] },
        { key: 'team', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    });
    expect(sel.toString()).toBe('app=web,env notin (prod),!legacy,team,tier in (a,b)');
    expect(sel.matches({ app: 'web', tier: 'a', team: 'x' })).toBe(true);
    expect(sel.matches({ app: 'web', tier: 'a', team: 'x', env: 'prod' })).toBe(false);
    expect(sel.matches({ app: 'web', tier: 'c', team: 'x' })).toBe(false);
    expect(sel.matches({ app: 'web', tier: 'a' })).toBe(false);
    expect(sel.matches({ app: 'web', tier: 'a', team: 'x', legacy: '1' })).toBe(false);
  });

  it.each([
    [{ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }, '"Bogus" is not a valid label selector operator'],
    [
      { matchExpressions: [{ key: 'a', operator: 'In' }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x', 'y'] }] },
      'values: Invalid value: []string{"x", "y"}: values set must be empty for exists and does not exist',
    ],
    [{ matchLabels: { 'bad key': 'x' } }, `key: Invalid value: "bad key": name part ${NAME_RULE}`],
  ])('%j → %s', (spec, message) => {
    expect(() => labelSelectorFromSpec(spec)).toThrow(new SelectorError(message));
  });
});

