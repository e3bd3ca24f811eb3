// What well-known images print when they run their own command (no `command`/`args` in the
// spec): the nginx and mysql docker-library entrypoints, and stress. The texts are the
// images' own (docker-entrypoint.sh and the daemons' start-up lines); versions come from the
// tag, with the newest patch release for a `major.minor` tag.
import type { Container, Pod, Probe } from '../../kube/types.js';
import type { ContainerBehaviour } from '../behaviour/containerBehaviour.js';
import { probePasses, type ProbeSchedule } from '../behaviour/probeSchedule.js';
import { imageBaseName } from '../behaviour/specDefaults.js';
import { FixedLines, PeriodicLines, type LineSource, type LineText, type LogStream, type TimedLine } from './lineSource.js';
import { NGINX_INDEX_HTML, nginxErrorPage, nginxVersion } from '../inside/servers/nginxPages.js';
import { mysqldTime, nginxErrorTime, nginxLocalTime, rfc3339Seconds } from './timeFormat.js';

export interface ImageOutput {
  sources: LineSource[];
  /** Lines written when the process exits on its own. */
  exitLines: { stream: LogStream; text: LineText }[];
}

const MYSQL_PASSWORD_ENV = new Set(['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD']);
const MYSQL_LATEST: Record<string, string> = { '5.7': '5.7.44-1.el7', '8.0': '8.0.43-1.el9', '8.4': '8.4.6-1.el9', '9': '9.4.0-1.el9' };
/** The sim nodes' CPUs (src/sim/nodes.ts): nginx's `worker_processes auto` starts one worker each. */
const NODE_CPUS = 4;

function tagOf(image: string): string {
  const last = image.split('@')[0]!.slice(image.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon < 0 ? 'latest' : last.slice(colon + 1);
}

function at(atMs: number, text: LineText): TimedLine {
  return { atMs, text };
}

/** The status an httpGet probe gets while its schedule fails: the one in `probe-message`, else 500. */
export function probeFailStatus(b: ContainerBehaviour): number {
  return Number(/statuscode: (\d{3})/.exec(b.probeMessage ?? '')?.[1] ?? 500);
}

interface ProbeRequests {
  probe: Probe;
  schedule: ProbeSchedule;
  /** The first request, ms after the start. */
  fromMs: number;
  /** How many are sent (Infinity: until the run ends). */
  count: number;
}

function periodMs(p: Probe): number {
  return (p.periodSeconds || 10) * 1000;
}

/**
 * The kubelet's httpGet probes of this container, scheduled as src/sim/kubelet/probes.ts does:
 * ticks at start + initialDelaySeconds + k × periodSeconds; a startup probe runs until its
 * first success (or until failureThreshold failures kill the container), and liveness and
 * readiness begin at their first tick at or after that success.
 */
function probeRequests(c: Container, b: ContainerBehaviour): ProbeRequests[] {
  const out: ProbeRequests[] = [];
  let othersFrom = 0;
  const startup = c.startupProbe;
  if (startup) {
    const first = (startup.initialDelaySeconds ?? 0) * 1000;
    const threshold = startup.failureThreshold || 3;
    let k = 0;
    while (k < threshold && !probePasses(b.startup, first + k * periodMs(startup))) k++;
    // No success before the threshold: the kubelet kills the container, the others never start.
    othersFrom = k < threshold ? first + k * periodMs(startup) : Infinity;
    if (startup.httpGet) out.push({ probe: startup, schedule: b.startup, fromMs: first, count: k < threshold ? k + 1 : threshold });
  }
  for (const [probe, schedule] of [
    [c.livenessProbe, b.liveness],
    [c.readinessProbe, b.readiness],
  ] as const) {
    if (!probe?.httpGet || !Number.isFinite(othersFrom)) continue;
    const first = (probe.initialDelaySeconds ?? 0) * 1000;
    const fromMs = othersFrom > first ? first + Math.ceil((othersFrom - first) / periodMs(probe)) * periodMs(probe) : first;
    out.push({ probe, schedule, fromMs, count: Infinity });
  }
  return out;
}

function nginx(pod: Pod, c: Container, b: ContainerBehaviour): ImageOutput {
  const version = nginxVersion(tagOf(c.image ?? ''));
  const alpine = /alpine/.test(tagOf(c.image ?? ''));
  const entry = (s: string): TimedLine => at(0, () => s);
  const stdout = [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
  ].map(entry);
  const notice = (s: string): TimedLine => at(0, (_ctx, t) => `${nginxErrorTime(t)} [notice] 1#1: ${s}`);
  const stderr = [
    'using the "epoll" event method',
    `nginx/${version}`,
    alpine ? 'built by gcc 14.2.0 (Alpine 14.2.0) ' : 'built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) ',
    'OS: Linux 6.8.0-60-generic',
    'getrlimit(RLIMIT_NOFILE): 1048576:1048576',
    'start worker processes',
    ...Array.from({ length: NODE_CPUS }, (_, i) => `start worker process ${29 + i}`),
  ].map(notice);
  const sources: LineSource[] = [new FixedLines('stdout', stdout), new FixedLines('stderr', stderr)];
  const remote = pod.status?.hostIP ?? pod.status?.hostIPs?.[0]?.ip ?? '10.0.0.1';
  const failStatus = probeFailStatus(b);
  for (const { probe, schedule, fromMs, count } of probeRequests(c, b)) {
    const path = probe.httpGet!.path || '/';
    const line: LineText = (ctx, t) => {
      const pass = probePasses(schedule, t - ctx.startMs);
      const status = pass ? 200 : failStatus;
      const bytes = pass ? Buffer.byteLength(NGINX_INDEX_HTML) : Buffer.byteLength(nginxErrorPage(status, version));
      return `${remote} - - [${nginxLocalTime(t)}] "GET ${path} HTTP/1.1" ${status} ${bytes} "-" "kube-probe/1.33" "-"`;
    };
    sources.push(new PeriodicLines('stdout', fromMs, periodMs(probe), count, line));
  }
  return { sources, exitLines: [] };
}

function mysqlVersion(tag: string): string {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(tag);
  if (!m) return MYSQL_LATEST['9']!;
  if (m[3] !== undefined) return `${m[1]}.${m[2]}.${m[3]}-1.el9`;
  return MYSQL_LATEST[m[2] === undefined ? m[1]! : `${m[1]}.${m[2]}`] ?? MYSQL_LATEST['9']!;
}

function mysql(c: Container): ImageOutput {
  const version = mysqlVersion(tagOf(c.image ?? ''));
  const note = (s: string): TimedLine => at(0, (_ctx, t) => `${rfc3339Seconds(t)} [Note] [Entrypoint]: ${s}`);
  const notes = [`Entrypoint script for MySQL Server ${version} started.`, "Switching to dedicated user 'mysql'", `Entrypoint script for MySQL Server ${version} started.`].map(note);
  const hasPassword = (c.env ?? []).some((e) => MYSQL_PASSWORD_ENV.has(e.name));
  if (!hasPassword) {
    // docker-entrypoint.sh's docker_verify_minimum_env: mysql_error prints one message whose
    // continuation lines start with a tab, to stderr, and exits 1.
    const error = [
      'Database is uninitialized and password option is not specified',
      '\tYou need to specify one of the following as an environment variable:',
      '\t- MYSQL_ROOT_PASSWORD',
      '\t- MYSQL_ALLOW_EMPTY_PASSWORD',
      '\t- MYSQL_RANDOM_ROOT_PASSWORD',
    ];
    return {
      sources: [new FixedLines('stdout', notes)],
      exitLines: error.map((s, i) => ({ stream: 'stderr' as const, text: i === 0 ? (_ctx, t) => `${rfc3339Seconds(t)} [ERROR] [Entrypoint]: ${s}` : () => s })),
    };
  }
  const server = version.replace(/-.*$/, '');
  const ready = at(0, (_ctx, t) => `${mysqldTime(t)} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${server}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`);
  return { sources: [new FixedLines('stdout', notes), new FixedLines('stderr', [ready])], exitLines: [] };
}

function stress(c: Container): ImageOutput {
  const args = [...(c.command ?? []), ...(c.args ?? [])];
  const count = (flags: string[]): number => {
    const i = args.findIndex((a) => flags.includes(a));
    return i < 0 ? 0 : Number(args[i + 1] ?? 0) || 0;
  };
  const text = `stress: info: [1] dispatching hogs: ${count(['--cpu', '-c'])} cpu, ${count(['--io', '-i'])} io, ${count(['--vm', '-m'])} vm, ${count(['--hdd', '-d'])} hdd`;
  return { sources: [new FixedLines('stdout', [at(0, () => text)])], exitLines: [] };
}

/** The output of an image that runs its own entrypoint, or undefined when the simulator does not know it. */
export function imageOutput(pod: Pod, c: Container, b: ContainerBehaviour): ImageOutput | undefined {
  const base = imageBaseName(c.image ?? '');
  const words = [...(c.command ?? []), ...(c.args ?? [])];
  if (base === 'stress' || words[0] === 'stress') return stress(c);
  if (words.length > 0 && !(base === 'nginx' && words[0] === 'nginx')) return undefined;
  if (base === 'nginx') return nginx(pod, c, b);
  if (base === 'mysql') return mysql(c);
  return undefined;
}
