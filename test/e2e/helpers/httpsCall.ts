// One HTTPS request to a Harness's server, answered as code, headers and body text.
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { TOKEN, tls, type Harness } from './serverHarness.js';

export interface Reply {
  code: number;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface CallOptions {
  method?: string;
  /** null: no Authorization header. */
  token?: string | null;
  body?: string;
  contentType?: string;
}

export function httpsCall(h: Harness, path: string, c: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (c.token !== null) headers.authorization = `Bearer ${c.token ?? TOKEN}`;
  if (c.body !== undefined) {
    headers['content-type'] = c.contentType ?? 'application/json';
    headers['content-length'] = String(Buffer.byteLength(c.body));
  }
  return new Promise((resolve, reject) => {
    const req = httpsRequest(new URL(path, h.server.url), { method: c.method ?? 'GET', headers, ca: tls().caPem }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ code: res.statusCode!, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(c.body);
  });
}

/** The Status body of an error reply. */
export function statusOf(r: Reply): { code: number; reason: string; message: string; details?: { causes?: { field?: string; message: string }[] } } {
  return JSON.parse(r.body) as ReturnType<typeof statusOf>;
}
