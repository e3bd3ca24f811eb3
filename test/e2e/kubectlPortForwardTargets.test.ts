// kubectl port-forward svc/x and deploy/x against sim serve: kubectl resolves them to a pod
// itself (a Service's port to its target port by name), then forwards to that pod's port; the
// simulated nginx answers through the forward.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { closeStartedHarnesses, Harness, kubectlAvailable, waitFor } from './helpers/serverHarness.js';

afterEach(closeStartedHarnesses);

function get(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.runIf(kubectlAvailable()).sequential('kubectl port-forward to a Service and a Deployment', () => {
  it.each([['svc/web'], ['deploy/web'], ['service/web-nodeport']])('%s reaches nginx in one of its pods', async (target) => {
    const h = await Harness.start({ scenario: 'services', settleMs: 60_000 });
    const pf = h.stream(['port-forward', target, ':80']);
    await waitFor('the forward', () => pf.lines.some((l) => l.startsWith('Forwarding from 127.0.0.1:')) || pf.exited, 20_000);
    expect(pf.stderr).toBe('');
    const port = Number(/127\.0\.0\.1:(\d+) -> 80$/.exec(pf.lines.find((l) => l.startsWith('Forwarding from 127.0.0.1:'))!)![1]);
    expect(await get(port)).toContain('<title>Welcome to nginx!</title>');
    pf.stop();
  });
});
