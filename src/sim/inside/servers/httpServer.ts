// The simulated servers' HTTP: a real node http.Server per connection (its parser, keep-alive
// and framing), fed a Duplex; the answers come from the container's files and the behaviour
// annotations, stamped with the simulated clock.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { probePasses } from '../../behaviour/probeSchedule.js';
import { probeFailStatus } from '../../logs/images.js';
import type { Clock } from '../../clock.js';
import type { ContainerInside } from '../container.js';
import { joinPath, splitPath, type Node } from '../fs/tree.js';
import type { PortListener } from './listeners.js';
import { nginxErrorPage } from './nginxPages.js';

const PYTHON3_VERSION = '3.12.11';
const PYTHON2_VERSION = '2.7.18';

const TYPES: Record<string, string> = {
  html: 'text/html',
  htm: 'text/html',
  txt: 'text/plain',
  css: 'text/css',
  js: 'application/javascript',
  json: 'application/json',
  png: 'image/png',
  jpg: 'image/jpeg',
  svg: 'image/svg+xml',
};

const typeOf = (name: string, fallback: string): string => TYPES[name.slice(name.lastIndexOf('.') + 1).toLowerCase()] ?? fallback;
const httpDate = (ms: number): string => new Date(ms).toUTCString();

function send(res: ServerResponse, req: IncomingMessage, status: number, headers: [string, string][], body: Buffer | string): void {
  const data = typeof body === 'string' ? Buffer.from(body) : body;
  res.statusCode = status;
  for (const [k, v] of headers) res.setHeader(k, v);
  res.setHeader('Content-Length', String(data.length));
  res.end(req.method === 'HEAD' ? undefined : data);
}

/** The probes asking `path` all pass now (true when none asks it), else the failing status. */
function probeVerdict(l: PortListener, path: string, c: ContainerInside, now: number): number | undefined {
  const types = l.probes.get(path);
  const b = c.behaviour;
  if (!types || !b) return undefined;
  const pass = types.every((t) => probePasses(b[t], now - c.startedMs));
  return pass ? undefined : probeFailStatus(b);
}

function lookup(c: ContainerInside, names: string[]): Node | undefined {
  try {
    return c.fs.stat(names);
  } catch {
    return undefined;
  }
}

function nginx(l: PortListener, c: ContainerInside, req: IncomingMessage, res: ServerResponse, now: number): void {
  const version = c.image.nginxVersion ?? '';
  const base: [string, string][] = [
    ['Server', `nginx/${version}`],
    ['Date', httpDate(now)],
  ];
  const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
  const error = (status: number): void => send(res, req, status, [...base, ['Content-Type', 'text/html']], nginxErrorPage(status, version));
  const failing = probeVerdict(l, path, c, now);
  if (failing !== undefined) return error(failing);
  if (req.method !== 'GET' && req.method !== 'HEAD') return error(405);
  let names = [...splitPath('/usr/share/nginx/html'), ...splitPath(path)];
  let node = lookup(c, names);
  if (node?.kind === 'dir') {
    if (!path.endsWith('/')) {
      res.setHeader('Location', `http://${req.headers.host ?? 'localhost'}${path}/`);
      return send(res, req, 301, [...base, ['Content-Type', 'text/html']], nginxErrorPage(301, version));
    }
    names = [...names, 'index.html'];
    node = lookup(c, names);
    if (!node) return error(403);
  }
  if (!node || node.kind !== 'file') return error(404);
  const mtime = Math.floor(node.mtimeMs / 1000);
  send(
    res,
    req,
    200,
    [...base, ['Content-Type', typeOf(names[names.length - 1]!, 'application/octet-stream')], ['Last-Modified', httpDate(mtime * 1000)], ['ETag', `"${mtime.toString(16)}-${node.data.length.toString(16)}"`], ['Accept-Ranges', 'bytes']],
    node.data,
  );
}

const htmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function python(l: PortListener & { server: { kind: 'python'; dir: string; version: 2 | 3 } }, c: ContainerInside, req: IncomingMessage, res: ServerResponse, now: number): void {
  const { dir, version } = l.server;
  const server = version === 3 ? `SimpleHTTP/0.6 Python/${PYTHON3_VERSION}` : `SimpleHTTP/0.6 Python/${PYTHON2_VERSION}`;
  const base: [string, string][] = [
    ['Server', server],
    ['Date', httpDate(now)],
  ];
  const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
  const error = (status: number, message: string, explain: string): void => {
    const page =
      '<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n' +
      `        <p>Error code: ${status}</p>\n        <p>Message: ${message}.</p>\n        <p>Error code explanation: ${status} - ${explain}.</p>\n    </body>\n</html>\n`;
    send(res, req, status, [...base, ['Connection', 'close'], ['Content-Type', 'text/html;charset=utf-8']], page);
  };
  const failing = probeVerdict(l, path, c, now);
  if (failing !== undefined) return error(failing, 'Probe failed', 'The simulated probe schedule fails now');
  if (req.method !== 'GET' && req.method !== 'HEAD') return error(501, `Unsupported method ('${req.method}')`, 'Server does not support this operation');
  const names = [...splitPath(dir), ...splitPath(path)];
  const node = lookup(c, names);
  if (!node) return error(404, 'File not found', 'Nothing matches the given URI');
  if (node.kind === 'dir') {
    if (!path.endsWith('/')) {
      res.setHeader('Location', `${path}/`);
      return send(res, req, 301, base, '');
    }
    const index = lookup(c, [...names, 'index.html']);
    if (index?.kind === 'file') return file(index, 'index.html');
    const entries = [...node.entries.entries()].sort(([a], [b]) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    const title = `Directory listing for ${htmlEscape(path)}`;
    let page = `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n<h1>${title}</h1>\n<hr>\n<ul>\n`;
    for (const [name, n] of entries) {
      const shown = n.kind === 'dir' ? `${name}/` : name;
      page += `<li><a href="${encodeURI(shown)}">${htmlEscape(shown)}</a></li>\n`;
    }
    page += '</ul>\n<hr>\n</body>\n</html>\n';
    return send(res, req, 200, [...base, ['Content-type', 'text/html; charset=utf-8']], page);
  }
  return file(node, names[names.length - 1]!);

  function file(n: Node, name: string): void {
    if (n.kind !== 'file') return;
    send(res, req, 200, [...base, ['Content-type', typeOf(name, 'application/octet-stream')], ['Last-modified', httpDate(Math.floor(n.mtimeMs / 1000) * 1000)]], n.data);
  }
}

function app(l: PortListener, c: ContainerInside, req: IncomingMessage, res: ServerResponse, now: number): void {
  const path = (req.url ?? '/').split('?')[0]!;
  const base: [string, string][] = [['Date', httpDate(now)]];
  if (l.probes.has(path)) {
    const failing = probeVerdict(l, path, c, now);
    return send(res, req, failing ?? 200, [...base, ['Content-Type', 'text/plain; charset=utf-8']], '');
  }
  send(res, req, 501, [...base, ['Content-Type', 'text/plain; charset=utf-8']], `podscope simulator: what ${c.spec.image ?? 'this image'} serves on ${joinPath(splitPath(path))} is not modelled (container ${c.spec.name})\n`);
}

/** Serves one connection on the port. */
export function serveConnection(l: PortListener, clock: Clock, socket: Duplex): void {
  const server = createServer((req, res) => {
    res.sendDate = false;
    const now = clock.now();
    const s = l.server;
    try {
      if (s.kind === 'nginx') nginx(l, s.c, req, res, now);
      else if (s.kind === 'python') python(l as PortListener & { server: typeof s }, s.c, req, res, now);
      else app(l, s.c, req, res, now);
    } catch (err) {
      send(res, req, 500, [], `podscope simulator: ${(err as Error).message}\n`);
    }
  });
  server.keepAliveTimeout = 0;
  server.emit('connection', socket);
}
