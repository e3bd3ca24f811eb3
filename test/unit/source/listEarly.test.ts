// A paged LIST asks for its next page as soon as the page's continue token has arrived (the
// list's metadata comes before its items), not once the whole page is in and parsed: against
// a real HTTP server here that holds back a page's items until the next page is asked for.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/kube/types.js';
import { createKubeClient } from '../../../src/source/kube/client.js';
import { Informer } from '../../../src/source/kube/informer.js';
import { loadKubeconfig, resolveContext } from '../../../src/source/kube/kubeconfig.js';
import { writeFakeKubeconfig } from '../../helpers/fakeKubeconfig.js';

const pod = (name: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: name, resourceVersion: '7' } });
const PAGES = 4;

let dir: string;
let server: Server;
let port: number;
/** What the server saw and did, in order. */
let log: string[];
const stops: (() => void)[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-list-early-'));
  log = [];
  // Page i (0-based) of PAGES, one pod each; its metadata goes out at once, its items only
  // once page i+1 has been asked for (the last page's at once). A client that waits for a
  // whole page before asking for the next never gets one.
  const asked = new Map<number, () => void>();
  const waitFor = (page: number): Promise<void> => (log.some((l) => l === `asked ${page}`) ? Promise.resolve() : new Promise((r) => asked.set(page, r)));
  server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (url.searchParams.get('watch') === 'true') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      return; // a quiet watch
    }
    const page = Number(url.searchParams.get('continue') ?? '0');
    log.push(`asked ${page}`);
    asked.get(page)?.();
    const last = page === PAGES - 1;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const meta = last ? { resourceVersion: '7' } : { resourceVersion: '7', continue: String(page + 1), remainingItemCount: PAGES - page - 1 };
    res.write(`{"kind":"PodList","apiVersion":"v1","metadata":${JSON.stringify(meta)},"items":[`);
    void (last ? Promise.resolve() : waitFor(page + 1)).then(() => {
      log.push(`items ${page}`);
      res.end(`${JSON.stringify(pod(`p${page}`))}]}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

function kubeconfig(): string {
  return writeFakeKubeconfig(dir, port, { namespace: 'default' });
}

describe('paged LIST', () => {
  it('asks for the next page once its continue token is in, while the page is still arriving', async () => {
    const client = await createKubeClient(resolveContext(loadKubeconfig([kubeconfig()])));
    stops.push(() => client.close?.());
    const names: string[] = [];
    const informer = new Informer<Pod>({
      client,
      kind: 'Pod',
      scope: { namespace: 'default' },
      onBatch: (batch) => {
        for (const d of batch) {
          if (d.type === 'RESET') names.push(...d.objects.map((p) => p.metadata!.name!));
          else names.push(d.object.metadata!.name!);
        }
      },
      pageSize: 1,
      schedule: (fn) => setImmediate(fn),
      watchTimeoutSeconds: () => 300,
    });
    informer.start();
    stops.push(() => informer.stop());
    const deadline = Date.now() + 5_000;
    while (!informer.hasSynced && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(informer.hasSynced, `the list did not finish; the server saw: ${log.join(', ')}`).toBe(true);
    // Each page was asked for before the one before it had sent its items, and never more than one ahead.
    expect(log).toEqual(['asked 0', 'asked 1', 'items 0', 'asked 2', 'items 1', 'asked 3', 'items 2', 'items 3']);
    expect(names).toEqual(['p0', 'p1', 'p2', 'p3']);
  });
});
