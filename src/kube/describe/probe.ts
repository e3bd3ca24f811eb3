// DescribeProbe (kubectl 1.33): the action, then "delay=… timeout=… period=… #success=… #failure=…".
import type { Probe } from '../types.js';

// Go's url.URL path escaping (encodePath): unreserved characters and $&+,/:;=@ stay as they are.
const PATH_SAFE = /[A-Za-z0-9\-_.~$&+,/:;=@]/;
const UTF8 = new TextEncoder();

function escapePath(path: string): string {
  let out = '';
  for (const ch of path) {
    if (PATH_SAFE.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of UTF8.encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** IntOrString.String(); an unset one is the integer 0. */
function intOrString(v: number | string | undefined | null): string {
  return v === undefined || v === null ? '0' : String(v);
}

/** net.JoinHostPort: IPv6 literals get brackets. */
function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** url.URL{Scheme, Host, Path}.String(). */
function httpGetUrl(scheme: string, host: string, path: string): string {
  let out = scheme ? `${scheme}:` : '';
  if (scheme || host) out += `//${host}`;
  const escaped = escapePath(path);
  if (escaped && escaped[0] !== '/' && host) out += '/';
  return out + escaped;
}

export function describeProbe(probe: Probe): string {
  const attrs =
    `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s ` +
    `period=${probe.periodSeconds ?? 0}s #success=${probe.successThreshold ?? 0} ` +
    `#failure=${probe.failureThreshold ?? 0}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attrs}`;
  if (probe.httpGet) {
    const h = probe.httpGet;
    const port = intOrString(h.port);
    const host = port.length > 0 ? joinHostPort(h.host ?? '', port) : (h.host ?? '');
    return `http-get ${httpGetUrl((h.scheme ?? '').toLowerCase(), host, h.path ?? '')} ${attrs}`;
  }
  if (probe.tcpSocket) {
    const t = probe.tcpSocket;
    return `tcp-socket ${t.host ?? ''}:${intOrString(t.port)} ${attrs}`;
  }
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port ?? 0} ${probe.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}
