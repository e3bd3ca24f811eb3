// Writes that once crashed or polluted `sim serve` (issue 12, items 2 and 3): bodies whose
// fields have the wrong JSON type are refused as the apiserver's decoder refuses them, and
// patch paths through __proto__ reach no prototype. After each, the server still serves and
// simulated time still runs.
import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './helpers/serverHarness.js';
import { httpsCall, statusOf } from './helpers/httpsCall.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const POD = '/api/v1/namespaces/default/pods';

async function firstPod(x: Harness): Promise<string> {
  const list = JSON.parse((await httpsCall(x, POD)).body) as { items: { metadata: { name: string } }[] };
  return list.items[0]!.metadata.name;
}

/** The server answers and simulated time runs (timers fire without throwing). */
async function stillServing(x: Harness): Promise<void> {
  x.clock.advance(60_000);
  expect((await httpsCall(x, '/healthz', { token: null })).code).toBe(200);
  expect((await httpsCall(x, POD)).code).toBe(200);
}

describe('object shapes are decoded as the apiserver decodes them', () => {
  it('a merge patch that turns spec.containers into an object is a 422 on "patch", and the simulator lives on', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const name = await firstPod(h);
    const r = await httpsCall(h, `${POD}/${name}`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: '{"spec":{"containers":{"a":1}}}' });
    expect(r.code).toBe(422);
    const s = statusOf(r);
    expect(s.reason).toBe('Invalid');
    expect(s.message).toMatch(/^ "" is invalid: patch: Invalid value: ".*": json: cannot unmarshal object into Go struct field PodSpec\.spec\.containers of type \[\]v1\.Container$/);
    expect(s.details?.causes?.[0]?.field).toBe('patch');
    await stillServing(h);
  });

  it('a strategic merge patch that does not decode quotes the patch as Go prints it', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const name = await firstPod(h);
    const r = await httpsCall(h, `${POD}/${name}`, { method: 'PATCH', contentType: 'application/strategic-merge-patch+json', body: '{"spec":{"nodeName":5,"containers":[{"name":"nginx"}]}}' });
    expect(r.code).toBe(422);
    expect(statusOf(r).message).toBe(' "" is invalid: patch: Invalid value: "map[spec:map[containers:[map[name:nginx]] nodeName:5]]": json: cannot unmarshal number into Go struct field PodSpec.spec.nodeName of type string');
    await stillServing(h);
  });

  it.each([
    ['initContainers as an object', '{"spec":{"initContainers":{"a":1}}}', 'PodSpec.spec.initContainers of type []v1.Container'],
    ['ownerReferences as a string', '{"metadata":{"ownerReferences":"x"}}', 'ObjectMeta.metadata.ownerReferences of type []v1.OwnerReference'],
    ['a label as a number', '{"metadata":{"labels":{"a":5}}}', 'ObjectMeta.metadata.labels of type string'],
    ['nodeName as a number', '{"spec":{"nodeName":5}}', 'PodSpec.spec.nodeName of type string'],
  ])('merge patch with %s is refused', async (_what, body, tail) => {
    h = await Harness.start({ scenario: 'nginx' });
    const name = await firstPod(h);
    const r = await httpsCall(h, `${POD}/${name}`, { method: 'PATCH', contentType: 'application/merge-patch+json', body });
    expect(r.code).toBe(422);
    expect(statusOf(r).message).toContain(`json: cannot unmarshal`);
    expect(statusOf(r).message.endsWith(tail)).toBe(true);
    await stillServing(h);
  });

  it('status.conditions as a string through the status subresource is refused', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const name = await firstPod(h);
    const r = await httpsCall(h, `${POD}/${name}/status`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: '{"status":{"conditions":"x"}}' });
    expect(r.code).toBe(422);
    expect(statusOf(r).message).toMatch(/PodStatus\.status\.conditions of type \[\]v1\.PodCondition$/);
    await stillServing(h);
  });

  it('containerPort: "notanumber" in a create is the decoder\'s 400', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const body = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 'notanumber' }] }] },
    });
    const r = await httpsCall(h, POD, { method: 'POST', body });
    expect(r.code).toBe(400);
    expect(statusOf(r).reason).toBe('BadRequest');
    expect(statusOf(r).message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    );
    await stillServing(h);
  });

  it('kubectl create with containerPort: notanumber is refused with the apiserver\'s words', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const yaml = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports:\n    - containerPort: notanumber\n';
    const r = await h.kubectl(['create', '-f', '-', '--validate=false'], yaml);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    );
  });
});

describe('patches never reach a prototype', () => {
  it('a JSON patch to /__proto__/polluted is refused and pollutes nothing', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const name = await firstPod(h);
    for (const path of ['/__proto__/polluted', '/metadata/__proto__/polluted', '/__proto__/initContainers']) {
      const r = await httpsCall(h, `${POD}/${name}`, {
        method: 'PATCH',
        contentType: 'application/json-patch+json',
        body: JSON.stringify([{ op: 'add', path, value: 'yes' }]),
      });
      expect(r.code, path).toBe(422);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).initContainers).toBeUndefined();
    await stillServing(h);
  });

  it.each(['application/merge-patch+json', 'application/strategic-merge-patch+json'])('a %s body with a __proto__ key is a strict-decoding 400', async (type) => {
    h = await Harness.start({ scenario: 'nginx' });
    const name = await firstPod(h);
    const r = await httpsCall(h, `${POD}/${name}`, { method: 'PATCH', contentType: type, body: '{"metadata":{"__proto__":{"polluted":"yes"}}}' });
    expect(r.code).toBe(400);
    expect(statusOf(r).message).toBe('strict decoding error: unknown field "metadata.__proto__"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await stillServing(h);
  });

  it('"constructor" and "prototype" stay ordinary label keys', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const name = await firstPod(h);
    const r = await httpsCall(h, `${POD}/${name}`, {
      method: 'PATCH',
      contentType: 'application/strategic-merge-patch+json',
      body: '{"metadata":{"labels":{"constructor":"a","prototype":"b"}}}',
    });
    expect(r.code).toBe(200);
    const pod = JSON.parse(r.body) as { metadata: { labels: Record<string, string> } };
    expect(pod.metadata.labels.constructor).toBe('a');
    expect(pod.metadata.labels.prototype).toBe('b');
    const j = await httpsCall(h, `${POD}/${name}`, {
      method: 'PATCH',
      contentType: 'application/json-patch+json',
      body: JSON.stringify([{ op: 'replace', path: '/metadata/labels/constructor', value: 'c' }]),
    });
    expect(j.code).toBe(200);
    expect((JSON.parse(j.body) as typeof pod).metadata.labels.constructor).toBe('c');
  });
});

describe('inputs that used to answer 500', () => {
  const job = (spec: unknown): string => JSON.stringify({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec });
  it.each([
    ['a port that is null', POD, JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [null] }] } }), 422],
    ['a Job without a template', '/apis/batch/v1/namespaces/default/jobs', job({}), 422],
    ['a Job whose template is null', '/apis/batch/v1/namespaces/default/jobs', job({ template: null }), 422],
  ])('%s is a 4xx', async (_what, path, body, code) => {
    h = await Harness.start({ scenario: 'nginx' });
    const r = await httpsCall(h, path, { method: 'POST', body });
    expect(r.code, r.body).toBe(code);
    expect(statusOf(r).reason).toBe('Invalid');
    await stillServing(h);
  });

  it('a body nested deeper than the decoder allows is a 400, not a stack overflow', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const deep = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","annotations":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`;
    const r = await httpsCall(h, POD, { method: 'POST', body: deep });
    expect(r.code).toBe(400);
    expect(statusOf(r).message).toBe('json: exceeded max depth');
    await stillServing(h);
  });

  it('the namespaces the apiserver protects cannot be deleted, and namespaces have no deletecollection', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    for (const name of ['default', 'kube-system', 'kube-public']) {
      const r = await httpsCall(h, `/api/v1/namespaces/${name}`, { method: 'DELETE' });
      expect(r.code).toBe(403);
      expect(statusOf(r).message).toBe(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
    }
    expect((await httpsCall(h, '/api/v1/namespaces', { method: 'DELETE' })).code).toBe(405);
    expect(h.sim.store.get('Namespace', undefined, 'default')).toBeDefined();
    await stillServing(h);
  });
});
