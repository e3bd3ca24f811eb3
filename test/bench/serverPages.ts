// What a page of `kubectl get pods -A` costs the server: the same requests kubectl makes
// (pages of 500 rendered as a Table) over one kept-alive connection, each timed from request
// to last byte, without kubectl's own client-side throttle (client-go's default 5 requests a
// second after a burst of 10, which alone makes a 200-page listing last ~40 s).
import { Agent, get } from 'node:https';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

interface SimKubeconfig {
  clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
  users: { user: { token: string } }[];
}

export interface ServerPages {
  serverPages: number;
  serverListMs: number;
  serverPageP50Ms: number;
  serverPageP95Ms: number;
  serverPageMaxMs: number;
}

/** Lists every pod in pages of `limit` from the `sim serve` a kubeconfig points at. */
export async function serverPages(kubeconfig: string, limit = 500): Promise<ServerPages> {
  const config = parse(readFileSync(kubeconfig, 'utf8')) as SimKubeconfig;
  const { server, 'certificate-authority-data': caData } = config.clusters[0]!.cluster;
  const agent = new Agent({ keepAlive: true, ca: Buffer.from(caData, 'base64') });
  const headers = { Authorization: `Bearer ${config.users[0]!.user.token}`, Accept: TABLE };
  const fetchPage = (path: string): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      get(`${server}${path}`, { agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      }).on('error', reject);
    });
  const pages: number[] = [];
  const t0 = performance.now();
  try {
    let next: string | undefined = '';
    while (next !== undefined) {
      const t = performance.now();
      const page = await fetchPage(`/api/v1/pods?limit=${limit}${next ? `&continue=${encodeURIComponent(next)}` : ''}`);
      pages.push(performance.now() - t);
      if (page.status !== 200) throw new Error(`bench: page ${pages.length} of the pod list: HTTP ${page.status}: ${page.body.slice(0, 300)}`);
      next = (JSON.parse(page.body) as { metadata: { continue?: string } }).metadata.continue || undefined;
    }
  } finally {
    agent.destroy();
  }
  const sorted = [...pages].sort((a, b) => a - b);
  const at = (p: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! * 10) / 10;
  return { serverPages: pages.length, serverListMs: Math.round(performance.now() - t0), serverPageP50Ms: at(0.5), serverPageP95Ms: at(0.95), serverPageMaxMs: at(1) };
}
