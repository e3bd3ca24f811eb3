// A restarted `sim serve` never resumes a watch from a version it did not issue (issue 12,
// item 1). Versions keep growing across restarts on one state folder, as etcd's revisions
// do across apiserver restarts, so every version the earlier run issued is below the new
// history and a watch from one gets 410 Expired: the client relists instead of resuming
// into a different cluster's history.
import { readFileSync, statSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectLive, scratchPerTest, serveInProcess, type Served } from './helpers/liveSource.js';
import { waitFor } from './helpers/serverHarness.js';

const scratch = scratchPerTest('podscope-incarnation-');

function get(served: Served, state: string, path: string): Promise<{ code: number; body: string; headers: Record<string, unknown> }> {
  const token = readFileSync(join(state, 'token'), 'utf8').trim();
  const ca = readFileSync(join(state, 'ca.crt'), 'utf8');
  return new Promise((resolve, reject) => {
    const req = httpsRequest(new URL(path, served.url), { headers: { authorization: `Bearer ${token}` }, ca }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => {
        body += d.toString();
        // A watch that was accepted streams on; its first line is enough.
        if (res.statusCode === 200 && path.includes('watch=true') && body.includes('\n')) res.destroy();
      });
      const done = (): void => resolve({ code: res.statusCode!, body, headers: res.headers });
      res.on('end', done);
      res.on('close', done);
    });
    req.on('error', reject);
    req.end();
  });
}

describe.sequential('sim serve incarnations', () => {
  it('starts above every version the last run could have issued, and answers 410 for those', async () => {
    const kubeconfig = join(scratch.dir, 'kc');
    const state = `${kubeconfig}.d`;
    const first = await serve(['--scenario', 'deployment', '--kubeconfig-out', kubeconfig]);
    // Enough writes that the old run's versions pass where a fresh store would start again.
    for (let i = 0; i < 50; i++) first.sim.api.create('Namespace', { metadata: { name: `ns-${i}` } });
    const held = Number(first.sim.store.resourceVersion);
    const reserved = Number(readFileSync(join(state, 'resource-version'), 'utf8'));
    expect(reserved).toBeGreaterThanOrEqual(held);
    expect((statSync(join(state, 'resource-version')).mode & 0o777).toString(8)).toBe('600');
    expect(await first.stop()).toBe(0);

    const second = await serve(['--scenario', 'deployment', '--kubeconfig-out', kubeconfig]);
    expect(second.sim.store.startResourceVersion).toBe(reserved);
    // Even after as many writes as the first run made, the new versions stay above the old ones.
    for (let i = 0; i < 50; i++) second.sim.api.create('Namespace', { metadata: { name: `ns-${i}` } });
    const pods = JSON.parse((await get(second, state, '/api/v1/namespaces/default/pods')).body) as { metadata: { resourceVersion: string } };
    expect(Number(pods.metadata.resourceVersion)).toBeGreaterThan(reserved);

    const watch = await get(second, state, `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${held}`);
    expect(watch.code).toBe(200);
    // The apiserver answers a watch from a compacted version with a 410 ERROR event in the stream.
    const ev = JSON.parse(watch.body.split('\n')[0]!) as { type: string; object: { code: number; reason: string; message: string } };
    expect(ev.type).toBe('ERROR');
    expect(ev.object.code).toBe(410);
    expect(ev.object.reason).toBe('Expired');
    expect(ev.object.message).toMatch(new RegExp(`^too old resource version: ${held} \\(\\d+\\)$`));
  });

  it('a live source holding the first run\'s versions relists into the second run\'s pods (no ghosts)', async () => {
    const kubeconfig = join(scratch.dir, 'kc');
    const first = await serve(['--scenario', 'deployment', '--kubeconfig-out', kubeconfig]);
    const source = await connectLive(kubeconfig, scratch);
    const names = new Set<string>();
    source.watchPods({ namespace: 'default' }, (batch) => {
      for (const d of batch) {
        if (d.type === 'RESET') {
          names.clear();
          for (const p of d.objects) names.add(p.metadata!.name!);
        } else if (d.type === 'DELETED') names.delete(d.object.metadata!.name!);
        else names.add(d.object.metadata!.name!);
      }
    });
    await waitFor('the first list', () => source.live && names.size === 3);
    for (let i = 0; i < 30; i++) first.sim.api.create('Namespace', { metadata: { name: `ns-${i}` } });
    expect(await first.stop()).toBe(0);
    const second = await serve(['--scenario', 'nginx', '--kubeconfig-out', kubeconfig]);
    for (let i = 0; i < 60; i++) second.sim.api.create('Namespace', { metadata: { name: `ns-${i}` } });
    await waitFor('the second run\'s pods only', () => source.live && [...names].join() === 'nginx');
  });
});

function serve(args: string[]): Promise<Served> {
  return serveInProcess(args, scratch);
}
