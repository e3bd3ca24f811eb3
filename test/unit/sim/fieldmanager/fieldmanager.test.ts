// The field manager's pure parts, table-driven: FieldsV1 both ways, path strings, the fields
// an object sets, and ownership across updates and applies (conflicts, force, removal).
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src/kube/apiError.js';
import type { KubeObject } from '../../../../src/kube/types.js';
import { FieldSet, pathString, type FieldPath } from '../../../../src/sim/fieldmanager/fieldPath.js';
import { managerName, recordApply, recordUpdate, type Actor } from '../../../../src/sim/fieldmanager/managedFields.js';
import { compare, fieldSetOf } from '../../../../src/sim/fieldmanager/objectFields.js';
import { mergePatch } from '../../../../src/sim/server/patch.js';

const f = (field: string) => ({ field });

describe('FieldSet and FieldsV1', () => {
  it.each<[string, FieldPath[], unknown]>([
    ['one leaf', [[f('spec'), f('replicas')]], { 'f:spec': { 'f:replicas': {} } }],
    [
      'a keyed item owned itself and through fields',
      [[f('spec'), f('containers'), { key: { name: 'a' } }], [f('spec'), f('containers'), { key: { name: 'a' } }, f('image')]],
      { 'f:spec': { 'f:containers': { 'k:{"name":"a"}': { '.': {}, 'f:image': {} } } } },
    ],
    ['a set item', [[f('metadata'), f('finalizers'), { value: 'x' }]], { 'f:metadata': { 'f:finalizers': { 'v:"x"': {} } } }],
  ])('%s', (_what, paths, want) => {
    const set = FieldSet.of(paths);
    expect(set.toFieldsV1()).toEqual(want);
    expect(FieldSet.fromFieldsV1(want).sorted().map(pathString)).toEqual(set.sorted().map(pathString));
  });

  it.each<[FieldPath, string]>([
    [[f('spec'), f('replicas')], '.spec.replicas'],
    [[f('spec'), f('containers'), { key: { name: 'nginx' } }, f('image')], '.spec.containers[name="nginx"].image'],
    [[f('ports'), { key: { protocol: 'TCP', containerPort: 80 } }], '.ports[containerPort=80,protocol="TCP"]'],
    [[f('metadata'), f('finalizers'), { value: 'x' }], '.metadata.finalizers[="x"]'],
  ])('pathString %j is %s', (path, want) => {
    expect(pathString(path)).toBe(want);
  });
});

describe('fields of an object', () => {
  it('leaves out what no manager may own, and status for the main resource', () => {
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', uid: 'u', resourceVersion: '1', labels: { a: 'b' } }, data: { k: 'v' }, status: { s: 1 } };
    expect(fieldSetOf(obj).sorted().map(pathString)).toEqual(['.data.k', '.metadata.labels.a']);
    expect(fieldSetOf(obj, 'status').sorted().map(pathString)).toEqual(['.status.s']);
  });

  it('treats unkeyed lists as atomic and empty objects as leaves', () => {
    expect(fieldSetOf({ spec: { args: ['a', 'b'], securityContext: {} } }).sorted().map(pathString)).toEqual(['.spec.args', '.spec.securityContext']);
  });

  it('compares by value: added and modified paths, and removed ones', () => {
    const { changed, removed } = compare({ spec: { a: 1, b: 2 } }, { spec: { a: 1, b: 3, c: 4 } });
    expect(changed.sorted().map(pathString)).toEqual(['.spec.b', '.spec.c']);
    expect(compare({ spec: { a: 1, b: 2 } }, { spec: { a: 1 } }).removed.sorted().map(pathString)).toEqual(['.spec.b']);
    expect(removed.size).toBe(0);
  });
});

const actor = (manager: string): Actor => ({ manager, apiVersion: 'v1', now: '2026-01-01T00:00:00Z' });
const merge = (live: KubeObject, applied: KubeObject): KubeObject => mergePatch(live as never, applied as never) as KubeObject;
const owners = (obj: KubeObject) => obj.metadata!.managedFields!.map((e) => `${e.manager}/${e.operation}:${FieldSet.fromFieldsV1(e.fieldsV1).sorted().map(pathString).join(',')}`);

describe('ownership', () => {
  const base = { metadata: { name: 'x' }, data: { a: '1', b: '2' } };

  it('an apply owns what it applied; another apply of a different value conflicts; force takes it', () => {
    const one = recordApply(undefined, base, actor('one'), false, merge);
    expect(owners(one)).toEqual(['one/Apply:.data.a,.data.b']);
    const other = { metadata: { name: 'x' }, data: { a: '9' } };
    let err: unknown;
    try {
      recordApply(one, other, actor('two'), false, merge);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(409);
    expect((err as ApiError).message).toBe('Apply failed with 1 conflict: conflict with "one": .data.a');
    const forced = recordApply(one, other, actor('two'), true, merge);
    expect(owners(forced)).toEqual(['one/Apply:.data.b', 'two/Apply:.data.a']);
  });

  it('an update takes the fields it changes and nobody keeps removed ones', () => {
    const one = recordApply(undefined, base, actor('one'), false, merge);
    // "one" loses .data.a to the editor and .data.b to its removal, and so its entry.
    const edited = recordUpdate(one, { ...one, data: { a: '5' } } as KubeObject, actor('editor'));
    expect(owners(edited)).toEqual(['editor/Update:.data.a']);
  });

  it('an apply that leaves out a field it alone owned removes it', () => {
    const one = recordApply(undefined, base, actor('one'), false, merge);
    const next = recordApply(one, { metadata: { name: 'x' }, data: { a: '1' } } as KubeObject, actor('one'), false, merge) as unknown as typeof base;
    expect(next.data).toEqual({ a: '1' });
  });

  it.each([
    ['kubectl-edit', 'kubectl/v1.33.1 (linux/amd64) kubernetes/abc', 'kubectl-edit'],
    [null, 'kubectl/v1.33.1 (linux/amd64) kubernetes/abc', 'kubectl'],
    [null, 'OpenAPI-Generator/31.0.0/python', 'OpenAPI-Generator'],
    [null, undefined, ''],
  ])('manager from fieldManager %j and user agent %j is %j', (fm, ua, want) => {
    expect(managerName(fm, ua)).toBe(want);
  });
});
