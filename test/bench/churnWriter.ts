// The churn bench's writer: real API writes through `sim serve`'s HTTPS API at a fixed rate,
// each a JSON merge patch of one pod's annotation CHURN_SEQ_ANNOTATION = its sequence number,
// so every write is a MODIFIED event on every pods watch and the TUI can tell which write it
// has drawn (src/cli/deltaLog.ts). Kept-alive sockets, a bounded number of writes in flight:
// a write due while they are all out is counted as skipped, never queued, so the rate the
// server took is what `sent` says, not what was asked.
import { Agent, request } from 'node:https';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CHURN_SEQ_ANNOTATION } from '../../src/cli/deltaLog.js';

export interface Target {
  namespace: string;
  name: string;
}

/** One write: its sequence number, when it was sent and when the server answered (epoch ms). */
export interface WriteRecord {
  seq: number;
  sentMs: number;
  ackMs?: number;
  failed?: string;
}

interface Endpoint {
  host: string;
  port: number;
  token: string;
  ca?: Buffer;
}

function endpointOf(kubeconfigPath: string): Endpoint {
  const doc = parse(readFileSync(kubeconfigPath, 'utf8')) as {
    clusters: { cluster: { server: string; 'certificate-authority-data'?: string } }[];
    users: { user: { token: string } }[];
  };
  const cluster = doc.clusters[0]!.cluster;
  const url = new URL(cluster.server);
  if (url.protocol !== 'https:') throw new Error(`churn writer: expected an https server, got ${cluster.server}`);
  const caData = cluster['certificate-authority-data'];
  return { host: url.hostname, port: Number(url.port || 443), token: doc.users[0]!.user.token, ca: caData ? Buffer.from(caData, 'base64') : undefined };
}

const now = (): number => performance.timeOrigin + performance.now();

export class ChurnWriter {
  private readonly endpoint: Endpoint;
  private readonly agent: Agent;
  private inFlight = 0;
  private nextSeq = 1;
  readonly records: WriteRecord[] = [];
  skipped = 0;

  constructor(
    kubeconfigPath: string,
    private readonly targets: Target[],
    private readonly maxInFlight = 64,
  ) {
    if (targets.length === 0) throw new Error('churn writer: no pods to write to');
    this.endpoint = endpointOf(kubeconfigPath);
    this.agent = new Agent({ keepAlive: true, maxSockets: maxInFlight, ca: this.endpoint.ca, rejectUnauthorized: this.endpoint.ca !== undefined });
  }

  /** Writes at `perSecond` for `ms`, as many as are due every few milliseconds; resolves once every write has answered. */
  async run(perSecond: number, ms: number): Promise<WriteRecord[]> {
    const first = this.records.length;
    const t0 = performance.now();
    let due = 0;
    await new Promise<void>((done) => {
      const tick = setInterval(() => {
        const elapsed = performance.now() - t0;
        const want = Math.floor((Math.min(elapsed, ms) / 1000) * perSecond);
        for (; due < want; due++) {
          if (this.inFlight >= this.maxInFlight) this.skipped++;
          else this.write();
        }
        if (elapsed >= ms) {
          clearInterval(tick);
          done();
        }
      }, 2);
    });
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 5));
    return this.records.slice(first);
  }

  close(): void {
    this.agent.destroy();
  }

  private write(): void {
    const seq = this.nextSeq++;
    const target = this.targets[seq % this.targets.length]!;
    const body = JSON.stringify({ metadata: { annotations: { [CHURN_SEQ_ANNOTATION]: String(seq) } } });
    const record: WriteRecord = { seq, sentMs: now() };
    this.records.push(record);
    this.inFlight++;
    let settled = false;
    const settle = (failure?: string): void => {
      if (settled) return;
      settled = true;
      if (failure === undefined) record.ackMs = now();
      else record.failed = failure;
      this.inFlight--;
    };
    const req = request(
      {
        host: this.endpoint.host,
        port: this.endpoint.port,
        method: 'PATCH',
        path: `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/pods/${encodeURIComponent(target.name)}`,
        agent: this.agent,
        headers: { Authorization: `Bearer ${this.endpoint.token}`, 'Content-Type': 'application/merge-patch+json', Accept: 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => settle(res.statusCode === 200 ? undefined : `HTTP ${res.statusCode}`));
        res.on('error', (err) => settle(err.message));
      },
    );
    req.on('error', (err) => settle(err.message));
    req.end(body);
  }
}
