// The server's pure parts: path routing, Accept negotiation, PATCH semantics, minted TLS.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { negotiate, parseIncludeObject } from '../../src/sim/server/negotiate.js';
import { applyPatch } from '../../src/sim/server/patch.js';
import { parseRoute } from '../../src/sim/server/routes.js';
import { mintTls } from '../../src/sim/server/tls.js';

describe('parseRoute', () => {
  it('maps API paths to kinds, namespaces, names and subresources', () => {
    expect(parseRoute('/api/v1/pods')).toEqual({ type: 'resource', kind: 'Pod', watchPrefix: false });
    expect(parseRoute('/api/v1/namespaces/shop/pods/cart/status')).toEqual({ type: 'resource', kind: 'Pod', namespace: 'shop', name: 'cart', subresource: 'status', watchPrefix: false });
    expect(parseRoute('/api/v1/namespaces/shop')).toEqual({ type: 'resource', kind: 'Namespace', name: 'shop', watchPrefix: false });
    expect(parseRoute('/api/v1/namespaces/shop/status')).toEqual({ type: 'resource', kind: 'Namespace', name: 'shop', subresource: 'status', watchPrefix: false });
    expect(parseRoute('/apis/apps/v1/watch/namespaces/default/deployments/web')).toEqual({ type: 'resource', kind: 'Deployment', namespace: 'default', name: 'web', watchPrefix: true });
    expect(parseRoute('/apis/apps/v1/namespaces/default/deployments/web/scale')).toMatchObject({ kind: 'Deployment', subresource: 'scale' });
    expect(parseRoute('/apis/batch/v1/namespaces/default/jobs/hello/scale')).toEqual({ type: 'notFound' });
    expect(parseRoute('/api/v1/pods/x')).toEqual({ type: 'notFound' });
    expect(parseRoute('/api/v1/namespaces/a/nodes')).toEqual({ type: 'notFound' });
    expect(parseRoute('/apis/extensions/v1beta1')).toEqual({ type: 'notFound' });
    expect(parseRoute('/api/v2/pods')).toEqual({ type: 'notFound' });
    expect(parseRoute('/apis/batch')).toEqual({ type: 'groupVersions', group: 'batch' });
    expect(parseRoute('/openapi/v3/apis/apps/v1')).toEqual({ type: 'openapi', path: 'apis/apps/v1' });
    expect(parseRoute('/livez')).toEqual({ type: 'health', check: 'livez' });
  });
});

describe('negotiate', () => {
  it('prefers the first acceptable type, Tables only where allowed, 406 otherwise', () => {
    const kubectl = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
    expect(negotiate(kubectl, true)).toEqual({ type: 'table', version: 'v1' });
    expect(negotiate(kubectl, false)).toEqual({ type: 'json' });
    expect(negotiate('application/json;as=Table;v=v1beta1;g=meta.k8s.io', true)).toEqual({ type: 'table', version: 'v1beta1' });
    expect(negotiate('application/vnd.kubernetes.protobuf, */*', true)).toEqual({ type: 'json' });
    expect(negotiate(undefined, true)).toEqual({ type: 'json' });
    expect(() => negotiate('application/vnd.kubernetes.protobuf', true)).toThrow(/only the following media types are accepted/);
    expect(() => negotiate('application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io', true)).toThrow(/406|only the following/);
    expect(parseIncludeObject(null)).toBe('Metadata');
    expect(() => parseIncludeObject('All')).toThrow('includeObject: Unsupported value: "All": supported values: "Metadata", "None", "Object"');
  });
});

describe('applyPatch', () => {
  const pod = {
    metadata: { name: 'p', labels: { a: '1', b: '2' }, finalizers: ['x'] },
    spec: {
      containers: [
        { name: 'app', image: 'v1', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] },
        { name: 'side', image: 's1' },
      ],
    },
  };

  it('merge patch replaces lists and deletes nulls', () => {
    expect(applyPatch('application/merge-patch+json', pod, { metadata: { labels: { a: null, c: '3' } }, spec: { containers: [{ name: 'only' }] } })).toEqual({
      metadata: { name: 'p', labels: { b: '2', c: '3' }, finalizers: ['x'] },
      spec: { containers: [{ name: 'only' }] },
    });
  });

  it('strategic merge patch merges lists by their merge key and honours $patch', () => {
    const out = applyPatch('application/strategic-merge-patch+json', pod, {
      metadata: { finalizers: ['y'] },
      spec: {
        '$setElementOrder/containers': [{ name: 'app' }, { name: 'side' }],
        containers: [
          { name: 'app', image: 'v2', env: [{ name: 'B', value: '2' }] },
          { name: 'side', $patch: 'delete' },
          { name: 'new', image: 'n1' },
        ],
      },
    });
    expect(out).toEqual({
      metadata: { name: 'p', labels: { a: '1', b: '2' }, finalizers: ['x', 'y'] },
      spec: {
        containers: [
          { name: 'app', image: 'v2', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80 }] },
          { name: 'new', image: 'n1' },
        ],
      },
    });
  });

  it('JSON patch applies operations in order and fails on a missing path', () => {
    expect(applyPatch('application/json-patch+json', pod, [
      { op: 'replace', path: '/spec/containers/0/image', value: 'v3' },
      { op: 'remove', path: '/metadata/labels/a' },
      { op: 'add', path: '/metadata/labels/x~1y', value: 'z' },
      { op: 'test', path: '/metadata/name', value: 'p' },
    ])).toMatchObject({ metadata: { labels: { b: '2', 'x/y': 'z' } }, spec: { containers: [{ image: 'v3' }, { image: 's1' }] } });
    expect(pod.spec.containers[0]!.image).toBe('v1');
    expect(() => applyPatch('application/json-patch+json', pod, [{ op: 'remove', path: '/spec/nothing' }])).toThrow('path /spec/nothing does not exist');
  });
});

describe('mintTls', () => {
  it('signs a serving certificate for the hosts with a fresh CA', () => {
    const material = mintTls(['127.0.0.1', 'localhost', '::1']);
    const ca = new X509Certificate(material.caPem);
    const cert = new X509Certificate(material.certPem);
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost, IP Address:0:0:0:0:0:0:0:1');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkPrivateKey(createPrivateKey(material.keyPem))).toBe(true);
    const other = new X509Certificate(mintTls(['127.0.0.1']).caPem);
    expect(cert.checkIssued(other)).toBe(false);
  });
});
