// The simulated shell's commands, each answering from the model (see README "Inside a
// container"). Error texts follow the image's userland: busybox for busybox/alpine images,
// GNU coreutils otherwise.
import type { ContainerInside, InsideDeps } from '../container.js';
import { FsError, joinPath, splitPath, type Node } from '../fs/tree.js';
import { dial, resolveHost } from '../network.js';
import { ConnectionRefused } from '../types.js';
import { request } from 'node:http';
import { readTar, TarError, writeTar, type TarEntry } from './tar.js';
import { strftime } from '../../logs/timeFormat.js';

export interface IO {
  readonly stdin: Buffer | undefined;
  out(data: string | Buffer): void;
  err(data: string): void;
}

export interface ShellContext {
  readonly deps: InsideDeps;
  readonly c: ContainerInside;
  cwd: string[];
  vars: Map<string, string>;
  /** Processes of this exec (for ps and the PIDs they show). */
  readonly pid: number;
  /** Sleeps on the simulated clock; rejects when the session is killed. */
  sleep(ms: number): Promise<void>;
  /** `exit N` was run. */
  exitWith(code: number): void;
  /** Signals a process of the pod; false when there is no such process. */
  signal(pid: number, sig: 'TERM' | 'KILL' | 'INT' | 'HUP' | 'QUIT'): boolean;
  processes(): { pid: number; user: string; command: string }[];
}

export type Command = (ctx: ShellContext, args: string[], io: IO) => number | Promise<number>;

const busybox = (ctx: ShellContext): boolean => ctx.c.image.userland === 'busybox';

function fsText(err: unknown): string {
  if (err instanceof FsError) return err.text;
  throw err;
}

const pathOf = (ctx: ShellContext, p: string): string[] => splitPath(p, joinPath(ctx.cwd));

function userName(ctx: ShellContext, uid: number): string | undefined {
  try {
    const passwd = ctx.c.fs.readFile(['etc', 'passwd']).toString('utf8');
    for (const line of passwd.split('\n')) {
      const f = line.split(':');
      if (f.length > 2 && Number(f[2]) === uid) return f[0];
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function modeString(n: Node): string {
  const m = n.mode;
  const t = n.kind === 'dir' ? 'd' : '-';
  const bits = ['r', 'w', 'x'];
  let s = '';
  for (let i = 8; i >= 0; i--) s += m & (1 << i) ? bits[(8 - i) % 3] : '-';
  if (m & 0o1000) s = s.slice(0, 8) + (m & 1 ? 't' : 'T');
  return t + s;
}

const cat: Command = (ctx, args, io) => {
  const files = args.filter((a) => a !== '--');
  if (files.length === 0 || (files.length === 1 && files[0] === '-')) {
    if (io.stdin) io.out(io.stdin);
    return 0;
  }
  let status = 0;
  for (const f of files) {
    try {
      io.out(ctx.c.fs.readFile(pathOf(ctx, f)));
    } catch (err) {
      const text = fsText(err);
      io.err(busybox(ctx) ? `cat: can't open '${f}': ${text}\n` : `cat: ${f}: ${text}\n`);
      status = 1;
    }
  }
  return status;
};

function lsDate(ms: number, now: number): string {
  const recent = now - ms < 182 * 86_400_000;
  return strftime(recent ? '%b %e %H:%M' : '%b %e  %Y', ms);
}

const ls: Command = (ctx, args, io) => {
  let long = false;
  let all = false;
  let onePer = false;
  const paths: string[] = [];
  for (const a of args) {
    if (a.startsWith('-') && a.length > 1) {
      for (const f of a.slice(1)) {
        if (f === 'l') long = true;
        else if (f === 'a') all = true;
        else if (f === '1') onePer = true;
        else if (f !== 'h' && f !== 'A') {
          io.err(busybox(ctx) ? `ls: unrecognized option: ${f}\n` : `ls: invalid option -- '${f}'\n`);
          return 2;
        }
      }
    } else paths.push(a);
  }
  if (paths.length === 0) paths.push('.');
  let status = 0;
  const now = ctx.deps.clock.now();
  const line = (name: string, n: Node): string => {
    if (!long) return name;
    const size = n.kind === 'file' ? n.data.length : 4096;
    // File owners are not modelled: everything shows as root's.
    return `${modeString(n)} ${n.kind === 'dir' ? 2 : 1} root     root     ${String(size).padStart(6)} ${lsDate(n.mtimeMs, now)} ${name}`;
  };
  paths.forEach((p, i) => {
    try {
      const names = pathOf(ctx, p);
      const node = ctx.c.fs.stat(names);
      if (!node) throw new FsError('No such file or directory');
      if (node.kind === 'file') {
        io.out(line(p, node) + '\n');
        return;
      }
      if (paths.length > 1) io.out(`${i > 0 ? '\n' : ''}${p}:\n`);
      let entries = ctx.c.fs.list(names);
      if (!all) entries = entries.filter(([n]) => !n.startsWith('.'));
      const rows: string[] = [];
      if (all) rows.push(line('.', node), line('..', node));
      for (const [name, n] of entries) rows.push(line(name, n));
      if (long) io.out(`total ${entries.length * 4}\n`);
      if (rows.length > 0) io.out((long || onePer ? rows.join('\n') : rows.join('  ')) + '\n');
    } catch (err) {
      const text = fsText(err);
      io.err(busybox(ctx) ? `ls: ${p}: ${text}\n` : `ls: cannot access '${p}': ${text}\n`);
      status = busybox(ctx) ? 1 : 2;
    }
  });
  return status;
};

const echo: Command = (_ctx, args, io) => {
  let newline = true;
  let words = args;
  while (words[0] !== undefined && /^-[neE]+$/.test(words[0])) {
    if (words[0].includes('n')) newline = false;
    words = words.slice(1);
  }
  io.out(words.join(' ') + (newline ? '\n' : ''));
  return 0;
};

const touch: Command = (ctx, args, io) => {
  let status = 0;
  for (const f of args.filter((a) => !a.startsWith('-'))) {
    try {
      ctx.c.fs.touch(pathOf(ctx, f));
    } catch (err) {
      const text = fsText(err);
      io.err(busybox(ctx) ? `touch: ${f}: ${text}\n` : `touch: cannot touch '${f}': ${text}\n`);
      status = 1;
    }
  }
  return status;
};

const rm: Command = (ctx, args, io) => {
  const flags = args.filter((a) => a.startsWith('-')).join('');
  const recursive = /[rR]/.test(flags);
  const force = flags.includes('f');
  let status = 0;
  for (const f of args.filter((a) => !a.startsWith('-'))) {
    try {
      const names = pathOf(ctx, f);
      if (!ctx.c.fs.stat(names)) {
        if (force) continue;
        throw new FsError('No such file or directory');
      }
      ctx.c.fs.remove(names, recursive);
    } catch (err) {
      const text = fsText(err);
      io.err(busybox(ctx) ? `rm: can't remove '${f}': ${text}\n` : `rm: cannot remove '${f}': ${text}\n`);
      status = 1;
    }
  }
  return status;
};

const mkdir: Command = (ctx, args, io) => {
  const parents = args.some((a) => a === '-p');
  let status = 0;
  for (const d of args.filter((a) => !a.startsWith('-'))) {
    try {
      ctx.c.fs.mkdir(pathOf(ctx, d), parents);
    } catch (err) {
      const text = fsText(err);
      io.err(busybox(ctx) ? `mkdir: can't create directory '${d}': ${text}\n` : `mkdir: cannot create directory '${d}': ${text}\n`);
      status = 1;
    }
  }
  return status;
};

const cd: Command = (ctx, args, io) => {
  const target = args[0] ?? ctx.vars.get('HOME') ?? '/';
  const names = pathOf(ctx, target);
  let node: Node | undefined;
  try {
    node = ctx.c.fs.stat(names);
  } catch {
    node = undefined;
  }
  if (!node || node.kind !== 'dir') {
    const why = node ? 'Not a directory' : 'No such file or directory';
    io.err(busybox(ctx) ? `sh: cd: can't cd to ${target}: ${why}\n` : `cd: ${target}: ${why}\n`);
    return busybox(ctx) ? 2 : 1;
  }
  ctx.cwd = names;
  ctx.vars.set('PWD', joinPath(names));
  return 0;
};

function envText(ctx: ShellContext): string {
  return [...ctx.vars.entries()].map(([k, v]) => `${k}=${v}\n`).join('');
}

const env: Command = (ctx, _args, io) => {
  io.out(envText(ctx));
  return 0;
};

const printenv: Command = (ctx, args, io) => {
  if (args.length === 0) return env(ctx, args, io);
  let status = 0;
  for (const a of args) {
    const v = ctx.vars.get(a);
    if (v === undefined) status = 1;
    else io.out(v + '\n');
  }
  return status;
};

const hostname: Command = (ctx, args, io) => {
  if (args[0] === '-i' || args[0] === '-I') io.out(ctx.c.podIP + (args[0] === '-I' ? ' ' : '') + '\n');
  else io.out(ctx.c.hostname + '\n');
  return 0;
};

const id: Command = (ctx, args, io) => {
  const u = ctx.c.uid;
  const g = ctx.c.gid;
  const uname = userName(ctx, u);
  const gname = g === 0 ? 'root' : userName(ctx, g);
  const fmt = (n: number, name: string | undefined): string => (name ? `${n}(${name})` : String(n));
  if (args[0] === '-u') io.out(`${u}\n`);
  else if (args[0] === '-g') io.out(`${g}\n`);
  else if (args[0] === '-un') io.out(`${uname ?? u}\n`);
  else io.out(`uid=${fmt(u, uname)} gid=${fmt(g, gname)} groups=${fmt(g, gname)}\n`);
  return 0;
};

const whoami: Command = (ctx, _args, io) => {
  const name = userName(ctx, ctx.c.uid);
  if (!name) {
    io.err(busybox(ctx) ? `whoami: unknown uid ${ctx.c.uid}\n` : `whoami: cannot find name for user ID ${ctx.c.uid}\n`);
    return 1;
  }
  io.out(name + '\n');
  return 0;
};

const pwd: Command = (ctx, _args, io) => {
  io.out(joinPath(ctx.cwd) + '\n');
  return 0;
};

const uname: Command = (ctx, args, io) => {
  const all = args.includes('-a');
  if (all) io.out(`Linux ${ctx.c.hostname} 6.8.0-60-generic #63-Ubuntu SMP PREEMPT_DYNAMIC Tue Apr 15 19:04:15 UTC 2025 x86_64${busybox(ctx) ? '' : ' GNU/Linux'}\n`);
  else if (args.includes('-r')) io.out('6.8.0-60-generic\n');
  else if (args.includes('-n')) io.out(ctx.c.hostname + '\n');
  else io.out('Linux\n');
  return 0;
};

const date: Command = (ctx, args, io) => {
  const fmt = args.find((a) => a.startsWith('+'));
  io.out(strftime(fmt ? fmt.slice(1) : '%a %b %e %H:%M:%S %Z %Y', ctx.deps.clock.now()) + '\n');
  return 0;
};

const sleep: Command = async (ctx, args, io) => {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(args[0] ?? '');
  if (!m) {
    io.err(busybox(ctx) ? `sleep: invalid number '${args[0] ?? ''}'\n` : `sleep: invalid time interval '${args[0] ?? ''}'\n`);
    return 1;
  }
  await ctx.sleep(Number(m[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]!]!);
  return 0;
};

const ps: Command = (ctx, _args, io) => {
  io.out('PID   USER     TIME  COMMAND\n');
  for (const p of ctx.processes()) io.out(`${String(p.pid).padStart(5)} ${p.user.padEnd(8)}  0:00 ${p.command}\n`);
  return 0;
};

const SIGNALS: Record<string, 'TERM' | 'KILL' | 'INT' | 'HUP' | 'QUIT'> = { '9': 'KILL', KILL: 'KILL', '15': 'TERM', TERM: 'TERM', '2': 'INT', INT: 'INT', '1': 'HUP', HUP: 'HUP', '3': 'QUIT', QUIT: 'QUIT' };

const kill: Command = (ctx, args, io) => {
  let sig: 'TERM' | 'KILL' | 'INT' | 'HUP' | 'QUIT' = 'TERM';
  const pids: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-s') sig = SIGNALS[(args[++i] ?? '').replace(/^SIG/, '')] ?? sig;
    else if (a.startsWith('-')) {
      const s = SIGNALS[a.slice(1).replace(/^SIG/, '')];
      if (!s) {
        io.err(`sh: kill: bad signal name '${a.slice(1)}'\n`);
        return 1;
      }
      sig = s;
    } else pids.push(a);
  }
  let status = 0;
  for (const p of pids) {
    if (!/^\d+$/.test(p) || !ctx.signal(Number(p), sig)) {
      io.err(busybox(ctx) ? `sh: can't kill pid ${p}: No such process\n` : `sh: kill: (${p}) - No such process\n`);
      status = 1;
    }
  }
  return status;
};

const ipAddr: Command = (ctx, args, io) => {
  if (args[0] !== 'addr' && args[0] !== 'a' && args[0] !== 'address') {
    io.err(`ip: only "ip addr" is simulated\n`);
    return 1;
  }
  const ip = ctx.c.podIP;
  io.out(
    '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n' +
      '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n' +
      '    inet 127.0.0.1/8 scope host lo\n' +
      '       valid_lft forever preferred_lft forever\n' +
      '2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP\n' +
      `    link/ether ${macOf(ip)} brd ff:ff:ff:ff:ff:ff\n` +
      `    inet ${ip}/24 brd ${ip.split('.').slice(0, 3).join('.')}.255 scope global eth0\n` +
      '       valid_lft forever preferred_lft forever\n',
  );
  return 0;
};

function macOf(ip: string): string {
  return ['0a', '58', ...ip.split('.').map((n) => Number(n).toString(16).padStart(2, '0'))].join(':');
}

const test: Command = (ctx, args, io) => {
  const a = args[args.length - 1] === ']' ? args.slice(0, -1) : args;
  if (a.length === 2 && /^-[defrwxs]$/.test(a[0]!)) {
    let node: Node | undefined;
    try {
      node = ctx.c.fs.stat(pathOf(ctx, a[1]!));
    } catch {
      node = undefined;
    }
    const op = a[0]!;
    if (op === '-d') return node?.kind === 'dir' ? 0 : 1;
    if (op === '-f') return node?.kind === 'file' ? 0 : 1;
    if (op === '-s') return node?.kind === 'file' && node.data.length > 0 ? 0 : 1;
    return node ? 0 : 1;
  }
  if (a.length === 3 && (a[1] === '=' || a[1] === '==')) return a[0] === a[2] ? 0 : 1;
  if (a.length === 3 && a[1] === '!=') return a[0] !== a[2] ? 0 : 1;
  if (a.length === 2 && a[0] === '-n') return a[1] !== '' ? 0 : 1;
  if (a.length === 2 && a[0] === '-z') return a[1] === '' ? 0 : 1;
  if (a.length === 1) return a[0] !== '' ? 0 : 1;
  if (a.length === 0) return 1;
  io.err(`sh: test: only -d/-e/-f/-s/-n/-z and = / != are simulated\n`);
  return 2;
};

// ---- network -----------------------------------------------------------------------------

interface Fetched {
  status: number;
  statusText: string;
  headers: string;
  body: Buffer;
}

class FetchError extends Error {
  constructor(
    readonly kind: 'resolve' | 'connect',
    readonly host: string,
    readonly port: number,
  ) {
    super(kind);
  }
}

function parseUrl(raw: string): { host: string; port: number; path: string; scheme: string } | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/.exec(raw);
  if (!m) return undefined;
  const scheme = m[1] ?? 'http';
  return { scheme, host: m[2]!, port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' };
}

function fetchOnce(ctx: ShellContext, url: { host: string; port: number; path: string }, method: string, userAgent: string): Promise<Fetched> {
  const r = resolveHost(ctx.deps, ctx.c, url.host);
  if (!r.ok) return Promise.reject(new FetchError('resolve', url.host, url.port));
  let socket;
  try {
    socket = dial(ctx.deps, ctx.c, r.ip, url.port);
  } catch (err) {
    if (err instanceof ConnectionRefused) return Promise.reject(new FetchError('connect', url.host, url.port));
    return Promise.reject(err);
  }
  return new Promise((resolve, reject) => {
    const hostHeader = url.port === 80 ? url.host : `${url.host}:${url.port}`;
    const req = request({ createConnection: () => socket, method, path: url.path, headers: { Host: hostHeader, 'User-Agent': userAgent, Accept: '*/*' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let headers = `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}\r\n`;
        for (let i = 0; i < res.rawHeaders.length; i += 2) headers += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`;
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: headers + '\r\n', body: Buffer.concat(chunks) });
        socket.destroy();
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const curl: Command = async (ctx, args, io) => {
  let silent = false;
  let showErrors = false;
  let include = false;
  let head = false;
  let fail = false;
  let output: string | undefined;
  let method = 'GET';
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-o' || a === '--output') output = args[++i];
    else if (a === '-X' || a === '--request') method = args[++i] ?? 'GET';
    else if (a === '-m' || a === '--max-time' || a === '--connect-timeout' || a === '-H' || a === '--header' || a === '-w') i++;
    else if (a === '--silent') silent = true;
    else if (a === '--include') include = true;
    else if (a === '--head') head = true;
    else if (a === '--fail') fail = true;
    else if (/^-[sSiIfLvk]+$/.test(a)) {
      if (a.includes('s')) silent = true;
      if (a.includes('S')) showErrors = true;
      if (a.includes('i')) include = true;
      if (a.includes('I')) head = true;
      if (a.includes('f')) fail = true;
    } else if (a.startsWith('-')) {
      io.err(`curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
      return 2;
    } else url = a;
  }
  const quiet = silent && !showErrors;
  if (!url) {
    io.err("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const u = parseUrl(url);
  if (!u || u.scheme === 'https') {
    if (!quiet) io.err(u ? `curl: (7) Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server\n` : `curl: (3) URL rejected: Malformed input to a URL function\n`);
    return u ? 7 : 3;
  }
  try {
    const res = await fetchOnce(ctx, u, head ? 'HEAD' : method, 'curl/7.88.1');
    if (fail && res.status >= 400) {
      if (!quiet) io.err(`curl: (22) The requested URL returned error: ${res.status}\n`);
      return 22;
    }
    const text = Buffer.concat([include || head ? Buffer.from(res.headers) : Buffer.alloc(0), head ? Buffer.alloc(0) : res.body]);
    if (output) {
      try {
        ctx.c.fs.writeFile(pathOf(ctx, output), text);
      } catch (err) {
        if (!quiet) io.err(`curl: (23) Failure writing output to destination\n`);
        fsText(err);
        return 23;
      }
    } else io.out(text);
    return 0;
  } catch (err) {
    if (!(err instanceof FetchError)) throw err;
    if (err.kind === 'resolve') {
      if (!quiet) io.err(`curl: (6) Could not resolve host: ${err.host}\n`);
      return 6;
    }
    if (!quiet) io.err(`curl: (7) Failed to connect to ${err.host} port ${err.port} after 0 ms: Couldn't connect to server\n`);
    return 7;
  }
};

const wget: Command = async (ctx, args, io) => {
  let quiet = false;
  let output: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-O') output = args[++i];
    else if (a.startsWith('-O') && a.length > 2) output = a.slice(2);
    else if (a === '-qO' || a === '-qO-') {
      quiet = true;
      output = a === '-qO-' ? '-' : args[++i];
    } else if (a === '-q') quiet = true;
    else if (a === '-T' || a === '--timeout') i++;
    else if (a.startsWith('-')) {
      io.err(`wget: unrecognized option: ${a.replace(/^-+/, '')}\n`);
      return 1;
    } else url = a;
  }
  const u = url ? parseUrl(url) : undefined;
  if (!u) {
    io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [-O FILE] URL...\n');
    return 1;
  }
  try {
    const r = resolveHost(ctx.deps, ctx.c, u.host);
    if (!quiet && r.ok) io.err(`Connecting to ${u.host}${u.port === 80 ? '' : `:${u.port}`} (${r.ip}:${u.port})\n`);
    const res = await fetchOnce(ctx, u, 'GET', 'Wget');
    if (res.status >= 400) {
      io.err(`wget: server returned error: HTTP/1.1 ${res.status} ${res.statusText}\n`);
      return 1;
    }
    const dest = output ?? (u.path.split('/').pop() || 'index.html');
    if (dest === '-') io.out(res.body);
    else {
      try {
        ctx.c.fs.writeFile(pathOf(ctx, dest), res.body);
      } catch (err) {
        io.err(`wget: can't open '${dest}': ${fsText(err)}\n`);
        return 1;
      }
      if (!quiet) io.err(`saving to '${dest}'\n${dest.padEnd(20)} 100% |********************************| ${res.body.length}  0:00:00 ETA\n'${dest}' saved\n`);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof FetchError)) throw err;
    if (err.kind === 'resolve') io.err(`wget: bad address '${err.host}'\n`);
    else io.err(`wget: can't connect to remote host: Connection refused\n`);
    return 1;
  }
};

// ---- tar (kubectl cp) ------------------------------------------------------------------

function collect(ctx: ShellContext, names: string[], as: string, out: TarEntry[]): void {
  const node = ctx.c.fs.stat(names);
  if (!node) throw new FsError('No such file or directory');
  if (node.kind === 'file') {
    out.push({ name: as, kind: 'file', mode: node.mode, mtimeMs: node.mtimeMs, data: node.data });
    return;
  }
  out.push({ name: as, kind: 'dir', mode: node.mode, mtimeMs: node.mtimeMs, data: Buffer.alloc(0) });
  for (const [child] of ctx.c.fs.list(names)) collect(ctx, [...names, child], `${as}/${child}`, out);
}

const tar: Command = (ctx, args, io) => {
  let mode: 'c' | 'x' | 't' | undefined;
  let file: string | undefined;
  let dir: string | undefined;
  const paths: string[] = [];
  const words = [...args];
  if (words[0] && !words[0].startsWith('-') && /^[cxtvfmpzo]+$/.test(words[0])) words[0] = '-' + words[0];
  for (let i = 0; i < words.length; i++) {
    const a = words[i]!;
    if (a === '-C' || a === '--directory') dir = words[++i];
    else if (a === '--no-same-permissions' || a === '--no-same-owner' || a === '--warning=no-timestamp') continue;
    else if (/^-[cxtvfmpo]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 'c' || f === 'x' || f === 't') mode = f;
        else if (f === 'f') file = words[++i];
      }
    } else if (a.startsWith('-')) {
      io.err(`tar: unrecognized option '${a}'\n`);
      return 2;
    } else paths.push(a);
  }
  if (!mode) {
    io.err("tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\n");
    return 2;
  }
  if (file !== '-') {
    io.err('tar: only the archive on stdin/stdout (-f -) is simulated\n');
    return 2;
  }
  const base = dir ? pathOf(ctx, dir) : ctx.cwd;
  if (mode === 'c') {
    const entries: TarEntry[] = [];
    let status = 0;
    let warned = false;
    for (const p of paths) {
      let name = p;
      if (name.startsWith('/')) {
        if (!warned) io.err("tar: Removing leading `/' from member names\n");
        warned = true;
        name = name.replace(/^\/+/, '');
      }
      try {
        collect(ctx, splitPath(p, joinPath(base)), name.replace(/\/+$/, '') || '.', entries);
      } catch (err) {
        io.err(`tar: ${p}: Cannot stat: ${fsText(err)}\n`);
        status = 2;
      }
    }
    if (status !== 0) io.err('tar: Exiting with failure status due to previous errors\n');
    io.out(writeTar(entries));
    return status;
  }
  let entries: TarEntry[];
  try {
    entries = readTar(io.stdin ?? Buffer.alloc(0));
  } catch (err) {
    if (!(err instanceof TarError)) throw err;
    io.err(`tar: ${err.message}\ntar: Exiting with failure status due to previous errors\n`);
    return 2;
  }
  if (mode === 't') {
    for (const e of entries) io.out(e.name + '\n');
    return 0;
  }
  let status = 0;
  for (const e of entries) {
    const names = [...base, ...splitPath(e.name)];
    try {
      if (e.kind === 'dir') ctx.c.fs.mkdir(names, true);
      else {
        ctx.c.fs.mkdir(names.slice(0, -1), true);
        ctx.c.fs.writeFile(names, e.data, false, e.mode || 0o644);
      }
    } catch (err) {
      io.err(`tar: ${e.name}: Cannot open: ${fsText(err)}\n`);
      status = 2;
    }
  }
  return status;
};

/**
 * busybox's clear writes home + erase-below whatever the terminal; ncurses' clear (Debian images)
 * looks TERM up in terminfo and writes xterm's clear then E3 (the scrollback).
 */
const clear: Command = (ctx, _args, io) => {
  if (busybox(ctx)) {
    io.out('\x1b[H\x1b[J');
    return 0;
  }
  const term = ctx.vars.get('TERM');
  if (term === undefined || term === '') {
    io.err('TERM environment variable not set.\n');
    return 1;
  }
  if (term === 'dumb') return 0;
  if (!/^(xterm|screen|tmux|vt100|linux)/.test(term)) {
    io.err(`'${term}': unknown terminal type.\n`);
    return 1;
  }
  io.out('\x1b[H\x1b[2J\x1b[3J');
  return 0;
};

export const COMMANDS: Record<string, Command> = {
  clear,
  cat,
  ls,
  echo,
  touch,
  rm,
  mkdir,
  cd,
  pwd,
  env,
  printenv,
  hostname,
  id,
  whoami,
  uname,
  date,
  sleep,
  ps,
  kill,
  ip: ipAddr,
  test,
  '[': test,
  curl,
  wget,
  tar,
  true: () => 0,
  false: () => 1,
};

/** Commands that need the image to ship them. */
export const IMAGE_TOOLS = new Set(['curl', 'wget']);
