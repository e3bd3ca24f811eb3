// The apiserver's limits, hit on purpose against `sim serve` (issue 12, items 6, 7 and 15):
// annotation and object sizes, the watch history in bytes, held connections and idle
// sockets, and what unauthenticated clients may learn. Sockets go to 127.0.0.1 only and
// are bounded in number.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Harness, waitFor } from './helpers/serverHarness.js';
import { httpsCall, statusOf } from './helpers/httpsCall.js';

let h: Harness | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await h?.close();
  h = undefined;
});

const POD = '/api/v1/namespaces/default/pods';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';

async function firstName(x: Harness, path: string): Promise<string> {
  return (JSON.parse((await httpsCall(x, path)).body) as { items: { metadata: { name: string } }[] }).items[0]!.metadata.name;
}

function openIdle(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', () => {});
    s.once('error', reject);
    sockets.push(s);
  });
}

describe('size limits', () => {
  it('annotations over 256 KiB in all are refused on create and on patch', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const big = 'x'.repeat(200 * 1024);
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'big', annotations: { a: big, b: big } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const created = await httpsCall(h, POD, { method: 'POST', body });
    expect(created.code).toBe(422);
    expect(statusOf(created).message).toBe('Pod "big" is invalid: metadata.annotations: Too long: must have at most 262144 bytes');

    const name = await firstName(h, POD);
    const first = await httpsCall(h, `${POD}/${name}`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: JSON.stringify({ metadata: { annotations: { a: big } } }) });
    expect(first.code).toBe(200);
    // The second patch is small, but the total would pass the limit: the growth by repeated patches.
    const second = await httpsCall(h, `${POD}/${name}`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: JSON.stringify({ metadata: { annotations: { b: big } } }) });
    expect(second.code).toBe(422);
    expect(statusOf(second).message).toBe(`Pod "${name}" is invalid: metadata.annotations: Too long: must have at most 262144 bytes`);
  });

  it('a body over 3 MiB, and a patch that would make an object over 3 MiB, are 413 RequestEntityTooLarge', async () => {
    h = await Harness.start({ scenario: 'deployment' });
    const tooBig = await httpsCall(h, POD, { method: 'POST', body: `{"a":"${'x'.repeat(3 * 1024 * 1024)}"}` });
    expect(tooBig.code).toBe(413);
    expect(statusOf(tooBig)).toMatchObject({ reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728' });

    const name = await firstName(h, DEPLOY);
    const args = (n: number): string => JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'web', args: [String(n).repeat(2 * 1024 * 1024)] }] } } } });
    const grow = async (n: number): Promise<number> =>
      (await httpsCall(h!, `${DEPLOY}/${name}`, { method: 'PATCH', contentType: 'application/strategic-merge-patch+json', body: args(n) })).code;
    expect(await grow(1)).toBe(200);
    const containers = JSON.parse((await httpsCall(h, `${DEPLOY}/${name}`)).body).spec.template.spec.containers as { name: string }[];
    expect(containers.map((c) => c.name)).toContain('web');
    const patchBody = JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'web', env: [{ name: 'BIG', value: 'y'.repeat(2 * 1024 * 1024) }] }] } } } });
    const r = await httpsCall(h, `${DEPLOY}/${name}`, { method: 'PATCH', contentType: 'application/strategic-merge-patch+json', body: patchBody });
    expect(r.code).toBe(413);
    expect(statusOf(r).message).toBe('Request entity too large: limit is 3145728');
    expect((await httpsCall(h, '/healthz', { token: null })).code).toBe(200);
  });

  it('the watch history is bounded in bytes: a watch from a version pushed out by large objects gets 410', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const name = await firstName(h, POD);
    const before = (JSON.parse((await httpsCall(h, POD)).body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    // 64 MiB per kind: 300 versions of a pod with 250 KB of annotations pass it.
    const value = 'v'.repeat(250 * 1000);
    for (let i = 0; i < 300; i++) h.sim.api.update('Pod', { ...h.sim.store.get('Pod', 'default', name)!, metadata: { ...h.sim.store.get('Pod', 'default', name)!.metadata, annotations: { big: `${i}${value}` } } });
    const w = await httpsCall(h, `${POD}?watch=true&resourceVersion=${before}&timeoutSeconds=1`);
    const ev = JSON.parse(w.body.split('\n')[0]!) as { type: string; object: { code: number; message: string } };
    expect(ev.type).toBe('ERROR');
    expect(ev.object.code).toBe(410);
    expect(ev.object.message).toMatch(new RegExp(`^too old resource version: ${before} \\(\\d+\\)$`));
  });
});

describe('connections', () => {
  it('sheds the oldest idle connection for a new one, so /healthz answers past the cap', async () => {
    h = await Harness.start({ scenario: 'nginx', server: { connections: { maxConnections: 20, firstRequestTimeoutMs: 60_000 } } });
    for (let i = 0; i < 60; i++) await openIdle(h.server.port);
    await waitFor('the server to hold at most 20', () => h!.server.connections.open <= 20);
    for (let i = 0; i < 5; i++) expect((await httpsCall(h, '/healthz', { token: null })).code).toBe(200);
    expect((await httpsCall(h, POD)).code).toBe(200);
    expect(h.server.connections.open).toBeLessThanOrEqual(20);
    expect(h.server.connections.shed).toBeGreaterThanOrEqual(40);
  });

  it('closes a connection that sends no request in time, and one that never finishes its TLS handshake', async () => {
    h = await Harness.start({ scenario: 'nginx', server: { connections: { firstRequestTimeoutMs: 200 } } });
    const s = await openIdle(h.server.port);
    let closed = false;
    s.on('close', () => (closed = true));
    await waitFor('the idle socket to be closed', () => closed, 5_000);
    expect((await httpsCall(h, '/healthz', { token: null })).code).toBe(200);
  });

  it('unauthenticated answers carry no simulator facts (the scenario may be a path)', async () => {
    h = await Harness.start({ scenario: 'nginx', server: { advertiseClock: { scenario: '/home/someone/scenarios/secret.yaml' } } });
    for (const path of ['/healthz', '/api', POD]) {
      const r = await httpsCall(h, path, { token: null });
      expect(JSON.stringify(r.headers), path).not.toContain('secret.yaml');
      expect(r.headers['x-podscope-sim-clock'], path).toBeUndefined();
    }
    const authed = await httpsCall(h, POD);
    expect(authed.headers['x-podscope-sim-clock']).toContain('scenario=');
    expect(authed.headers['x-podscope-sim-first-version']).toBe('0');
  });
});
