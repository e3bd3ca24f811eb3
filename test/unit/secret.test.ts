// Secret and ServiceAccount as the catalog serves them: printers, stringData merged into data
// on every write, base64 decoding, validation per type, and the default ServiceAccount the
// serviceaccounts controller keeps in every namespace.
import { describe, expect, it } from 'vitest';
import { CATALOG, kindNamed } from '../../src/kube/catalog/index.js';
import { tableFor } from '../../src/kube/tables/index.js';
import type { Secret } from '../../src/kube/types.js';
import { createAdmission } from '../../src/sim/admission/index.js';
import { base64ErrorAt } from '../../src/sim/admission/shapes.js';
import { SimApi } from '../../src/sim/api.js';
import { ManualClock } from '../../src/sim/clock.js';
import { Simulator } from '../../src/sim/engine.js';
import { Random } from '../../src/sim/random.js';
import { Store } from '../../src/sim/store.js';

function freshApi(): SimApi {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const random = new Random(7);
  const api = new SimApi(new Store(clock, random, { freezeObjects: true }), clock, random, createAdmission());
  api.create('Namespace', { metadata: { name: 'default' } });
  return api;
}

function errorMessage(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

const T0 = '2026-01-01T00:00:00Z';

describe('the Secret and ServiceAccount catalog entries', () => {
  it('serve secrets (no short name) and serviceaccounts/sa in the core group', () => {
    expect([CATALOG.Secret.resource, CATALOG.Secret.shortNames, CATALOG.Secret.namespaced]).toEqual(['secrets', [], true]);
    expect([CATALOG.ServiceAccount.resource, CATALOG.ServiceAccount.shortNames]).toEqual(['serviceaccounts', ['sa']]);
    expect(['secret', 'secrets', 'sa', 'serviceaccount'].map(kindNamed)).toEqual(['Secret', 'Secret', 'ServiceAccount', 'ServiceAccount']);
    expect(CATALOG.Secret.selectableFields({ type: 'kubernetes.io/tls' }, 'type')).toBe('kubernetes.io/tls');
  });

  it('print NAME, TYPE, DATA, AGE and NAME, SECRETS, AGE', () => {
    const now = Date.UTC(2026, 0, 1, 0, 2);
    const s: Secret = { metadata: { name: 'db', creationTimestamp: T0 }, type: 'Opaque', data: { user: 'YQ==', pass: 'Yg==' } };
    const t = tableFor('Secret', [s], now, 'None');
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Type', 'Data', 'Age']);
    expect(t.rows.map((r) => r.cells)).toEqual([['db', 'Opaque', 2, '2m']]);
    const sa = tableFor('ServiceAccount', [{ metadata: { name: 'default', creationTimestamp: T0 } }], now, 'None');
    expect(sa.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Secrets', 'Age']);
    expect(sa.rows.map((r) => r.cells)).toEqual([['default', 0, '2m']]);
  });
});

describe('Secret writes', () => {
  it('merge stringData into data (base64, overwriting) and default the type to Opaque; stringData is never stored', () => {
    const api = freshApi();
    const s = api.create('Secret', { metadata: { name: 'db', namespace: 'default' }, data: { user: 'b2xk', keep: 'aw==' }, stringData: { user: 'admin' } });
    expect(s.data).toEqual({ user: 'YWRtaW4=', keep: 'aw==' });
    expect(s.type).toBe('Opaque');
    expect('stringData' in s).toBe(false);
    const updated = api.update('Secret', { ...s, stringData: { pass: 's3cret' } });
    expect(updated.data).toEqual({ user: 'YWRtaW4=', keep: 'aw==', pass: 'czNjcmV0' });
    expect('stringData' in updated).toBe(false);
  });

  it('refuse data that is not base64 with the decoder 400', () => {
    const api = freshApi();
    expect(errorMessage(() => api.create('Secret', { metadata: { name: 'bad', namespace: 'default' }, data: { k: 'not base64!' } }))).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3',
    );
  });

  it.each<[string, number | undefined]>([
    ['', undefined],
    ['YWRtaW4=', undefined],
    ['YQ==', undefined],
    ['YWJj', undefined],
    ['YWJ\nj', undefined],
    ['a b', 1],
    ['YWJjZ', 4],
    ['YQ=', 3],
    ['Y===', 1],
    ['YQ==YQ==', 4],
  ])('base64 %j stops at %s', (s, at) => {
    expect(base64ErrorAt(s)).toBe(at);
  });

  it.each<[string, Secret, string]>([
    ['tls without its keys', { type: 'kubernetes.io/tls', data: {} }, 'Secret "s" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]'],
    ['basic-auth with neither key', { type: 'kubernetes.io/basic-auth' }, 'Secret "s" is invalid: [data[username]: Required value, data[password]: Required value]'],
    ['ssh-auth without its key', { type: 'kubernetes.io/ssh-auth' }, 'Secret "s" is invalid: data[ssh-privatekey]: Required value'],
    ['dockerconfigjson without its key', { type: 'kubernetes.io/dockerconfigjson' }, 'Secret "s" is invalid: data[.dockerconfigjson]: Required value'],
    [
      'a service-account-token without its account',
      { type: 'kubernetes.io/service-account-token' },
      'Secret "s" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value',
    ],
    [
      'a bad key',
      { stringData: { 'a b': 'x' } },
      `Secret "s" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    ],
  ])('refuse %s', (_what, body, message) => {
    const api = freshApi();
    expect(errorMessage(() => api.create('Secret', { ...body, metadata: { name: 's', namespace: 'default' } }))).toBe(message);
  });

  it('keep type, and data once immutable', () => {
    const api = freshApi();
    const s = api.create('Secret', { metadata: { name: 's', namespace: 'default' }, immutable: true, stringData: { a: 'b' } });
    expect(errorMessage(() => api.update('Secret', { ...s, type: 'kubernetes.io/basic-auth', stringData: { username: 'x' } }))).toBe(
      'Secret "s" is invalid: [type: Invalid value: "kubernetes.io/basic-auth": field is immutable, data: Forbidden: field is immutable when `immutable` is set]',
    );
  });
});

describe('the serviceaccounts controller', () => {
  it('gives every namespace a default ServiceAccount and makes it again when deleted', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const sim = new Simulator({ clock });
    sim.api.create('Namespace', { metadata: { name: 'default' } });
    sim.start();
    sim.api.create('Namespace', { metadata: { name: 'shop' } });
    clock.advance(0);
    // kube-node-lease is the apiserver's own namespace (the kubelets' leases): it gets one too, as on a real cluster.
    expect([...sim.store.all('ServiceAccount')].map((sa) => `${sa.metadata?.namespace}/${sa.metadata?.name}`).sort()).toEqual(['default/default', 'kube-node-lease/default', 'shop/default']);
    const uid = sim.store.get('ServiceAccount', 'shop', 'default')?.metadata?.uid;
    sim.api.delete('ServiceAccount', 'shop', 'default');
    clock.advance(0);
    const again = sim.store.get('ServiceAccount', 'shop', 'default');
    expect(again?.metadata?.uid).toBeDefined();
    expect(again?.metadata?.uid).not.toBe(uid);
    sim.stop();
  });
});

describe('the root-ca-cert-publisher', () => {
  it('puts kube-root-ca.crt in every namespace, and puts it back when deleted or changed', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const sim = new Simulator({ clock, rootCaPem: 'PEM' });
    sim.start();
    sim.api.create('Namespace', { metadata: { name: 'shop' } });
    const cm = () => sim.store.get('ConfigMap', 'shop', 'kube-root-ca.crt');
    expect(cm()?.data).toEqual({ 'ca.crt': 'PEM' });
    expect(cm()?.metadata?.annotations?.['kubernetes.io/description']).toMatch(/^Contains a CA bundle/);
    sim.api.update('ConfigMap', { ...cm()!, data: { 'ca.crt': 'tampered' } });
    expect(cm()?.data).toEqual({ 'ca.crt': 'PEM' });
    sim.api.delete('ConfigMap', 'shop', 'kube-root-ca.crt');
    expect(cm()?.data).toEqual({ 'ca.crt': 'PEM' });
    sim.stop();
  });
});
