// ConfigMap as the catalog serves it: the printer, validation on create and update, and
// scenarios that declare one.
import { describe, expect, it } from 'vitest';
import { CATALOG, kindNamed } from '../../src/kube/catalog/index.js';
import { tableFor } from '../../src/kube/tables/index.js';
import type { ConfigMap } from '../../src/kube/types.js';
import { configMapKeyErrors } from '../../src/kube/validation.js';
import { createAdmission } from '../../src/sim/admission/index.js';
import { SimApi } from '../../src/sim/api.js';
import { ManualClock } from '../../src/sim/clock.js';
import { Random } from '../../src/sim/random.js';
import { applyScenario, parseScenario } from '../../src/sim/scenario/index.js';
import { Store } from '../../src/sim/store.js';

function freshApi(): SimApi {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const random = new Random(7);
  const api = new SimApi(new Store(clock, random, { freezeObjects: true }), clock, random, createAdmission());
  api.create('Namespace', { metadata: { name: 'default' } });
  return api;
}

function invalidMessage(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected a 422');
}

describe('the ConfigMap catalog entry', () => {
  it('is served as configmaps/cm in the core group, namespaced, without status or generation', () => {
    const e = CATALOG.ConfigMap;
    expect([e.group, e.version, e.resource, e.listKind, e.namespaced, e.shortNames]).toEqual(['', 'v1', 'configmaps', 'ConfigMapList', true, ['cm']]);
    expect(e.subresources).toEqual({ status: false, scale: false });
    expect(e.hasGeneration).toBe(false);
    expect(['cm', 'configmap', 'configmaps'].map(kindNamed)).toEqual(['ConfigMap', 'ConfigMap', 'ConfigMap']);
  });

  it('prints NAME, DATA (data and binaryData keys together), AGE', () => {
    const cm: ConfigMap = { metadata: { name: 'x', creationTimestamp: '2026-01-01T00:00:00Z' }, data: { a: '1', b: '2' }, binaryData: { c: 'Mw==' } };
    const t = tableFor('ConfigMap', [cm, { metadata: { name: 'empty', creationTimestamp: '2026-01-01T00:00:00Z' } }], Date.UTC(2026, 0, 1, 0, 5), 'None');
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Data', 'Age']);
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['x', 3, '5m'],
      ['empty', 0, '5m'],
    ]);
  });
});

describe('IsConfigMapKey', () => {
  it.each<[string, string[]]>([
    ['app.properties', []],
    ['KEY_NAME-1', []],
    ['.', ["must not be '.'"]],
    ['..', ["must not be '..'"]],
    ['..data', ["must not start with '..'"]],
    ['a b', ["a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"]],
    ['k'.repeat(254), ['must be no more than 253 characters']],
  ])('%j → %j', (key, errs) => {
    expect(configMapKeyErrors(key)).toEqual(errs);
  });
});

describe('ConfigMap validation', () => {
  it('rejects bad keys and keys in both data and binaryData, with the apiserver 422', () => {
    const api = freshApi();
    const message = invalidMessage(() => api.create('ConfigMap', { metadata: { name: 'bad', namespace: 'default' }, data: { 'a b': '1', k: 'v' }, binaryData: { k: 'dg==' } }));
    expect(message).toBe(
      `ConfigMap "bad" is invalid: [data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+'), data[k]: Invalid value: "k": duplicate of key present in binaryData]`,
    );
  });

  it('refuses values over 1 MiB in total', () => {
    const api = freshApi();
    const message = invalidMessage(() => api.create('ConfigMap', { metadata: { name: 'big', namespace: 'default' }, data: { a: 'x'.repeat(600_000), b: 'y'.repeat(600_000) } }));
    expect(message).toBe('ConfigMap "big" is invalid: : Too long: may not be more than 1048576 bytes');
  });

  it('lets an immutable ConfigMap change only its metadata', () => {
    const api = freshApi();
    const cm = api.create('ConfigMap', { metadata: { name: 'frozen', namespace: 'default' }, immutable: true, data: { a: 'b' } });
    const relabelled = api.update('ConfigMap', { ...cm, metadata: { ...cm.metadata, labels: { tier: 'web' } } });
    expect(relabelled.metadata?.labels).toEqual({ tier: 'web' });
    expect(invalidMessage(() => api.update('ConfigMap', { ...relabelled, immutable: false, data: { a: 'c' } }))).toBe(
      'ConfigMap "frozen" is invalid: [immutable: Forbidden: field is immutable when `immutable` is set, data: Forbidden: field is immutable when `immutable` is set]',
    );
    expect(api.store.get('ConfigMap', 'default', 'frozen')?.data).toEqual({ a: 'b' });
  });
});

describe('scenarios', () => {
  it('accept a ConfigMap and create it in its namespace', () => {
    const api = freshApi();
    applyScenario(api, parseScenario('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n', 'cm.yaml'));
    expect(api.store.get('ConfigMap', 'default', 'settings')?.data).toEqual({ mode: 'fast' });
  });
});
