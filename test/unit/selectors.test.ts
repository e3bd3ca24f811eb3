import { describe, expect, it } from 'vitest';
import {
  SelectorError,
  escapeFieldValue,
  eventFieldValue,
  genericFieldValue,
  labelSelectorFromSpec,
  parseFieldSelector,
  parseLabelSelector,
  podFieldValue,
  validateFieldSelector,
} from '../../src/kube/selectors.js';
import type { Event, Pod } from '../../src/kube/types.js';

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

describe('parseFieldSelector', () => {
  it.each([
    ['', []],
    [',', []],
    ['=', []],
    ['metadata.name=foo', [{ field: 'metadata.name', op: '=', value: 'foo' }]],
    ['metadata.name==foo', [{ field: 'metadata.name', op: '=', value: 'foo' }]],
    ['status.phase!=Running', [{ field: 'status.phase', op: '!=', value: 'Running' }]],
    ['spec.nodeName=', [{ field: 'spec.nodeName', op: '=', value: '' }]],
    [
      'b=1,a=2,',
      [
        { field: 'a', op: '=', value: '2' },
        { field: 'b', op: '=', value: '1' },
      ],
    ],
    ['metadata.name=a\\,b', [{ field: 'metadata.name', op: '=', value: 'a,b' }]],
    ['x=a\\=b\\\\c', [{ field: 'x', op: '=', value: 'a=b\\c' }]],
    ['x = y', [{ field: 'x ', op: '=', value: ' y' }]],
  ])('%j → %j', (text, requirements) => {
    const sel = parseFieldSelector(text);
    expect(sel.requirements).toEqual(requirements);
    expect(sel.empty).toBe(requirements.length === 0);
  });

  it('prints values escaped again', () => {
    expect(parseFieldSelector('x=a\\,b,a!=c\\=d').toString()).toBe('a!=c\\=d,x=a\\,b');
    expect(escapeFieldValue('a\\b,c=d')).toBe('a\\\\b\\,c\\=d');
  });

  it.each([
    ['foo', "invalid selector: 'foo'; can't understand 'foo'"],
    ['a=b,foo', "invalid selector: 'a=b,foo'; can't understand 'foo'"],
    ['x in (a)', "invalid selector: 'x in (a)'; can't understand 'x in (a)'"],
    ['x=a=b', 'invalid field selector: unescaped character in value: 61'],
    ['x=a\\b', 'invalid field selector: invalid escape sequence: \\b'],
    ['x=a\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('%j → %s', (text, message) => {
    expect(() => parseFieldSelector(text)).toThrow(new SelectorError(message));
  });

  it('matches with = and !=, reading a missing field as ""', () => {
    const fields: Record<string, string> = { 'metadata.name': 'web-1', 'status.phase': 'Running' };
    const get = (f: string): string | undefined => fields[f];
    expect(parseFieldSelector('metadata.name=web-1').matches(get)).toBe(true);
    expect(parseFieldSelector('metadata.name=web-2').matches(get)).toBe(false);
    expect(parseFieldSelector('status.phase!=Running').matches(get)).toBe(false);
    expect(parseFieldSelector('status.phase!=Pending,metadata.name=web-1').matches(get)).toBe(true);
    expect(parseFieldSelector('spec.nodeName=').matches(get)).toBe(true);
    expect(parseFieldSelector('spec.nodeName!=').matches(get)).toBe(false);
  });
});

describe('selectable fields', () => {
  const pod: Pod = {
    metadata: { name: 'web-1', namespace: 'shop' },
    spec: {
      containers: [],
      nodeName: 'node-a',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'default',
    },
    status: { phase: 'Running', podIP: '10.0.0.9', podIPs: [{ ip: '10.0.0.1' }], nominatedNodeName: 'node-b' },
  };

  it.each([
    ['metadata.name', 'web-1'],
    ['metadata.namespace', 'shop'],
    ['spec.nodeName', 'node-a'],
    ['spec.host', 'node-a'],
    ['spec.restartPolicy', 'Always'],
    ['spec.schedulerName', 'default-scheduler'],
    ['spec.serviceAccountName', 'default'],
    ['spec.hostNetwork', 'false'],
    ['status.phase', 'Running'],
    ['status.podIP', '10.0.0.1'],
    ['status.podIPs', ''],
    ['status.nominatedNodeName', 'node-b'],
    ['metadata.labels', undefined],
    ['spec.containers', undefined],
  ])('pod %s → %j', (field, value) => {
    expect(podFieldValue(pod, field)).toBe(value);
  });

  it('pod fields of an empty pod read as ""', () => {
    expect(podFieldValue({}, 'spec.nodeName')).toBe('');
    expect(podFieldValue({}, 'status.podIP')).toBe('');
    expect(podFieldValue({ spec: { containers: [], hostNetwork: true } }, 'spec.hostNetwork')).toBe('true');
  });

  const ev: Event = {
    metadata: { name: 'web-1.17f', namespace: 'shop' },
    involvedObject: {
      kind: 'Pod',
      namespace: 'shop',
      name: 'web-1',
      uid: 'u-1',
      apiVersion: 'v1',
      resourceVersion: '42',
      fieldPath: 'spec.containers{app}',
    },
    reason: 'Started',
    type: 'Normal',
    source: { component: 'kubelet', host: 'node-a' },
    reportingComponent: 'kubelet-rc',
  };

  it.each([
    ['metadata.name', 'web-1.17f'],
    ['metadata.namespace', 'shop'],
    ['involvedObject.kind', 'Pod'],
    ['involvedObject.namespace', 'shop'],
    ['involvedObject.name', 'web-1'],
    ['involvedObject.uid', 'u-1'],
    ['involvedObject.apiVersion', 'v1'],
    ['involvedObject.resourceVersion', '42'],
    ['involvedObject.fieldPath', 'spec.containers{app}'],
    ['reason', 'Started'],
    ['reportingComponent', 'kubelet-rc'],
    ['source', 'kubelet'],
    ['type', 'Normal'],
    ['message', undefined],
  ])('event %s → %j', (field, value) => {
    expect(eventFieldValue(ev, field)).toBe(value);
  });

  it('event source falls back to reportingComponent', () => {
    const scheduler: Event = { metadata: {}, involvedObject: {}, reportingComponent: 'default-scheduler' };
    expect(eventFieldValue(scheduler, 'source')).toBe('default-scheduler');
  });

  it('generic kinds select on name and namespace only', () => {
    const obj = { kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };
    expect(genericFieldValue(obj, 'metadata.name')).toBe('web');
    expect(genericFieldValue(obj, 'metadata.namespace')).toBe('shop');
    expect(genericFieldValue(obj, 'spec.replicas')).toBeUndefined();
  });
});

describe('validateFieldSelector', () => {
  const podGet = (f: string): string | undefined => podFieldValue({}, f);
  it('accepts selectable fields', () => {
    expect(() => validateFieldSelector('Pod', parseFieldSelector('spec.nodeName=a,status.phase!=Failed'), podGet)).not.toThrow();
  });
  it.each([
    ['Pod', 'metadata.labels=x', 'field label not supported: metadata.labels'],
    ['Event', 'message=x', 'field label not supported: message'],
    ['Deployment', 'spec.replicas=1', '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ])('%s %s → %s', (kind, text, message) => {
    const get =
      kind === 'Pod'
        ? podGet
        : kind === 'Event'
          ? (f: string) => eventFieldValue({ metadata: {}, involvedObject: {} }, f)
          : (f: string) => genericFieldValue({}, f);
    expect(() => validateFieldSelector(kind, parseFieldSelector(text), get)).toThrow(new SelectorError(message));
  });
});
