// ValidatePodUpdate through the simulator's one update path (SimApi.update with the real
// admission). Each `err` is the substring upstream's own table expects
// (k/k pkg/apis/core/validation/validation_test.go, TestValidatePodUpdate, 1.33); '' = accepted.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/kube/apiError.js';
import type { Pod, PodSpec } from '../../../src/kube/types.js';
import { createAdmission } from '../../../src/sim/admission/index.js';
import { SimApi } from '../../../src/sim/api.js';
import { ManualClock } from '../../../src/sim/clock.js';
import { Random } from '../../../src/sim/random.js';
import { Store } from '../../../src/sim/store.js';
import { specDiff } from '../../../src/sim/admission/specDiff.js';

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const random = new Random(7);
  const store = new Store(clock, random, { freezeObjects: true });
  const api = new SimApi(store, clock, random, createAdmission());
  api.create('Namespace', { metadata: { name: 'default' } });
  return { api, store };
}

type Tweak = (spec: PodSpec, pod: Pod) => void;
const base: Tweak = () => {};

interface Case {
  test: string;
  old: Tweak;
  next: Tweak;
  err: string;
}

const container = (image: string, name = 'container') => ({ name, image });

const CASES: Case[] = [
  { test: 'nothing', old: base, next: base, err: '' },
  { test: 'labels', old: (_s, p) => (p.metadata!.labels = { bar: 'foo' }), next: (_s, p) => (p.metadata!.labels = { foo: 'bar' }), err: '' },
  { test: 'annotations', old: (_s, p) => (p.metadata!.annotations = { bar: 'foo' }), next: (_s, p) => (p.metadata!.annotations = { foo: 'bar' }), err: '' },
  { test: 'mirror pod annotation added', old: base, next: (_s, p) => (p.metadata!.annotations = { 'kubernetes.io/config.mirror': 'x' }), err: 'may not add mirror pod annotation' },
  {
    test: 'less containers',
    old: (s) => (s.containers = [container('foo:V1', 'foo'), container('bar:V1', 'bar')]),
    next: (s) => (s.containers = [{ ...s.containers[0]!, image: 'foo:V2' }]),
    err: 'may not add or remove containers',
  },
  {
    test: 'more containers',
    old: (s) => (s.containers = [container('foo:V1', 'foo')]),
    next: (s) => (s.containers = [{ ...s.containers[0]!, image: 'foo:V2' }, container('bar:V2', 'bar')]),
    err: 'may not add or remove containers',
  },
  { test: 'image change', old: (s) => (s.containers = [container('foo:V2')]), next: (s) => (s.containers[0]!.image = 'foo:V1'), err: '' },
  { test: 'image change to empty', old: (s) => (s.containers = [container('foo:V2')]), next: (s) => (s.containers[0]!.image = ''), err: 'spec.containers[0].image' },
  {
    test: 'ephemeralContainer changes are not allowed via normal pod update',
    old: base,
    next: (s) => (s.ephemeralContainers = [{ name: 'ephemeral', image: 'busybox' }]),
    err: 'Forbidden: pod updates may not change fields other than',
  },
  { test: 'activeDeadlineSeconds no change, set', old: (s) => (s.activeDeadlineSeconds = 30), next: (s) => (s.activeDeadlineSeconds = 30), err: '' },
  { test: 'activeDeadlineSeconds change to positive from nil', old: base, next: (s) => (s.activeDeadlineSeconds = 30), err: '' },
  { test: 'activeDeadlineSeconds change to smaller positive', old: (s) => (s.activeDeadlineSeconds = 31), next: (s) => (s.activeDeadlineSeconds = 30), err: '' },
  { test: 'activeDeadlineSeconds change to larger positive', old: (s) => (s.activeDeadlineSeconds = 30), next: (s) => (s.activeDeadlineSeconds = 31), err: 'spec.activeDeadlineSeconds' },
  { test: 'activeDeadlineSeconds change to negative from nil', old: base, next: (s) => (s.activeDeadlineSeconds = -30), err: 'spec.activeDeadlineSeconds' },
  { test: 'activeDeadlineSeconds change to nil from positive', old: (s) => (s.activeDeadlineSeconds = 30), next: (s) => delete s.activeDeadlineSeconds, err: 'spec.activeDeadlineSeconds' },
  {
    test: 'cpu limit change',
    old: (s) => (s.containers = [{ ...container('img'), resources: { limits: { cpu: '100m' } } }]),
    next: (s) => (s.containers[0]!.resources = { limits: { cpu: '200m' }, requests: { cpu: '100m' } }),
    err: 'spec: Forbidden: pod updates may not change fields',
  },
  {
    test: 'port change',
    old: (s) => (s.containers = [{ ...container('img'), ports: [{ hostPort: 8000, containerPort: 80 }] }]),
    next: (s) => (s.containers[0]!.ports![0]!.hostPort = 8080),
    err: 'spec: Forbidden: pod updates may not change fields',
  },
  {
    test: 'existing toleration value modified in pod spec updates',
    old: (s) => (s.tolerations = [{ key: 'key1', value: 'value1' }]),
    next: (s) => (s.tolerations = s.tolerations!.map((t) => (t.key === 'key1' ? { ...t, value: 'value2' } : t))),
    err: 'spec.tolerations: Forbidden',
  },
  {
    test: 'modified tolerationSeconds in existing toleration value in pod spec updates',
    old: (s) => (s.tolerations = [{ key: 'key1', value: 'value1', operator: 'Equal', effect: 'NoExecute', tolerationSeconds: 20 }]),
    next: (s) => (s.tolerations = s.tolerations!.map((t) => (t.key === 'key1' ? { ...t, tolerationSeconds: 10 } : t))),
    err: '',
  },
  {
    test: 'toleration added',
    old: (s) => (s.tolerations = [{ key: 'key1', value: 'value1' }]),
    next: (s) => (s.tolerations = [...s.tolerations!, { key: 'key2', operator: 'Exists' }]),
    err: '',
  },
  {
    test: 'scheduling gate added (validateOnlyDeletedSchedulingGates)',
    old: (s) => (s.schedulingGates = [{ name: 'a' }]),
    next: (s) => (s.schedulingGates = [{ name: 'a' }, { name: 'b' }]),
    err: "spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'b'",
  },
  { test: 'scheduling gate removed', old: (s) => (s.schedulingGates = [{ name: 'a' }]), next: (s) => delete s.schedulingGates, err: '' },
  { test: 'restartPolicy change', old: base, next: (s) => (s.restartPolicy = 'Never'), err: 'spec: Forbidden: pod updates may not change fields other than' },
];

function makePod(tweak: Tweak): Pod {
  const pod: Pod = { metadata: { name: 'foo', namespace: 'default' }, spec: { containers: [container('img')] } };
  tweak(pod.spec!, pod);
  return pod;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
    return '';
  } catch (err) {
    if (err instanceof ApiError) return err.message;
    throw err;
  }
}

describe('ValidatePodUpdate (upstream TestValidatePodUpdate cases)', () => {
  it.each(CASES)('$test', ({ old, next, err }) => {
    const { api } = setup();
    const created = api.create('Pod', makePod(old));
    const body = structuredClone(created) as Pod;
    next(body.spec!, body);
    const message = errorOf(() => api.update('Pod', body));
    if (err === '') expect(message).toBe('');
    else expect(message).toContain(err);
  });

  it('answers 422 Invalid with the upstream list of updatable fields and a diff', () => {
    const { api } = setup();
    const created = api.create('Pod', makePod(base));
    let caught: unknown;
    try {
      const body = structuredClone(created) as Pod;
      body.spec!.restartPolicy = 'Never';
      api.update('Pod', body);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ApiError);
    const e = caught as ApiError;
    expect(e.code).toBe(422);
    expect(e.message).toContain(
      'Pod "foo" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n  core.PodSpec{\n',
    );
    expect(e.message).toContain('- \tRestartPolicy: "Always",\n+ \tRestartPolicy: "Never",\n');
  });

  it('refuses a changed uid as immutable and ignores a changed creationTimestamp, as BeforeUpdate does', () => {
    const { api } = setup();
    const created = api.create('Pod', makePod(base));
    expect(errorOf(() => api.update('Pod', { ...created, metadata: { ...created.metadata, uid: 'other' } }))).toBe(
      'Pod "foo" is invalid: metadata.uid: Invalid value: "other": field is immutable',
    );
    const kept = api.update('Pod', { ...created, metadata: { ...created.metadata, creationTimestamp: '2020-01-01T00:00:00Z', generation: 0 } });
    expect(kept.metadata?.creationTimestamp).toBe(created.metadata?.creationTimestamp);
    expect(kept.metadata?.generation).toBe(created.metadata?.generation);
  });

  it('forbids new finalizers on a deleting object with the upstream wording (422)', () => {
    const { api } = setup();
    const created = api.create('Pod', { ...makePod(base), metadata: { name: 'foo', namespace: 'default', finalizers: ['example.com/a'] } });
    const held = api.delete('Pod', 'default', 'foo').object;
    expect(created.metadata?.finalizers).toEqual(['example.com/a']);
    expect(errorOf(() => api.update('Pod', { ...held, metadata: { ...held.metadata, finalizers: ['example.com/a', 'example.com/b'] } }))).toBe(
      'Pod "foo" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/b"}',
    );
  });
});

describe('specDiff', () => {
  it('prints the cmp.Diff shape: header, changed fields as -/+, identical runs elided', () => {
    const old = { containers: [{ name: 'c', image: 'a', ports: [{ containerPort: 80 }] }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' };
    const next = { containers: [{ name: 'c', image: 'a', ports: [{ containerPort: 81 }] }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' };
    expect(specDiff(old, next)).toBe(
      [
        '  core.PodSpec{',
        '  \tContainers: []core.Container{',
        '  \t\t{',
        '  \t\t\t... // 2 identical fields',
        '  \t\t\tPorts: {',
        '  \t\t\t\t{',
        '- \t\t\t\t\tContainerPort: 80,',
        '+ \t\t\t\t\tContainerPort: 81,',
        '  \t\t\t\t},',
        '  \t\t\t},',
        '  \t\t},',
        '  \t},',
        '  \t... // 2 identical fields',
        '  }',
        '',
      ].join('\n'),
    );
    expect(specDiff(old, old)).toBe('');
  });
});
