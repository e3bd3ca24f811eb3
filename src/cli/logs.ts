// `podscope logs POD [-c C] [-f] [-p] [--tail N] [--since D] [--timestamps] [--all-containers]
// [--prefix] [-n NS]`, printed as `kubectl logs` prints it: the kubelet's bytes as they come,
// kubectl's "Defaulted container" note on stderr, and its `error: …` lines on a refusal.
import { parseGoDuration } from '../kube/goDuration.js';
import type { Pod } from '../kube/types.js';
import type { LogEnd, LogRequest, SourceLogLine } from '../source/logTypes.js';
import type { ClusterSource } from '../source/types.js';
import type { CliIo } from './io.js';

export interface LogsOptions {
  namespace: string;
  pod: string;
  container?: string;
  follow: boolean;
  previous: boolean;
  tail?: string;
  since?: string;
  timestamps: boolean;
  allContainers: boolean;
  prefix: boolean;
  /** Resolves when a follow should end (SIGINT); default never. */
  until?: Promise<void>;
}

/** A command line kubectl refuses before it asks the server, in kubectl's words; `usage` when kubectl points at its help. */
export class LogsFlagError extends Error {
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
  }
}

/** --tail and --since as kubectl reads and checks them (pkg/cmd/logs, Validate). */
export function logRequestBase(opts: Pick<LogsOptions, 'tail' | 'since' | 'follow' | 'previous' | 'timestamps'>): Omit<LogRequest, 'container'> {
  const base: Omit<LogRequest, 'container'> = {};
  if (opts.follow) base.follow = true;
  if (opts.previous) base.previous = true;
  if (opts.timestamps) base.timestamps = true;
  if (opts.tail !== undefined) {
    if (!/^[+-]?\d+$/.test(opts.tail)) throw new LogsFlagError(`invalid argument "${opts.tail}" for "--tail" flag: strconv.ParseInt: parsing "${opts.tail}": invalid syntax`, true);
    const n = Number(opts.tail);
    if (n < -1) throw new LogsFlagError('--tail must be greater than or equal to -1');
    if (n >= 0) base.tailLines = n;
  }
  if (opts.since !== undefined) {
    const negative = opts.since.trim().startsWith('-');
    const ms = parseGoDuration(negative ? opts.since.trim().slice(1) : opts.since);
    if (ms === undefined) throw new LogsFlagError(`invalid argument "${opts.since}" for "--since" flag: time: invalid duration "${opts.since}"`, true);
    if (negative && ms > 0) throw new LogsFlagError('--since must be greater than 0');
    // kubectl rounds to whole seconds; zero means "not set".
    const seconds = Math.round(ms / 1000);
    if (seconds > 0) base.sinceSeconds = seconds;
  }
  return base;
}

/** kubectl's list of a pod's containers in its "Defaulted container" note. */
function allContainerNames(pod: Pod): string {
  const s = pod.spec;
  return [
    ...(s?.containers ?? []).map((c) => c.name),
    ...(s?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(s?.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

/** The container kubectl reads when none is named, and the note it prints when it had to choose. */
function defaultContainer(pod: Pod): { name: string | undefined; note?: string } {
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  if (annotated && all.some((c) => c.name === annotated)) return { name: annotated };
  const containers = pod.spec?.containers ?? [];
  if (containers.length === 0) return { name: undefined };
  const name = containers[0]!.name;
  const several = containers.length > 1 || (pod.spec?.initContainers?.length ?? 0) > 0 || (pod.spec?.ephemeralContainers?.length ?? 0) > 0;
  return several ? { name, note: `Defaulted container "${name}" out of: ${allContainerNames(pod)}\n` } : { name };
}

function lineBytes(l: SourceLogLine, prefix: string): string {
  return `${prefix}${l.time !== undefined ? `${l.time} ` : ''}${l.text}${l.partial ? '' : '\n'}`;
}

function readOne(source: ClusterSource, opts: LogsOptions, request: LogRequest, prefix: string, io: CliIo): { done: Promise<LogEnd>; stop(): void } {
  let stop = (): void => undefined;
  const done = new Promise<LogEnd>((resolve) => {
    const sub = source.logs(opts.namespace, opts.pod, request, {
      lines: (batch) => {
        let out = '';
        for (const l of batch) out += lineBytes(l, prefix);
        io.stdout.write(out);
      },
      end: resolve,
    });
    stop = () => {
      sub.stop();
      resolve({ kind: 'done' });
    };
  });
  return { done, stop: () => stop() };
}

export async function logsCommand(source: ClusterSource, opts: LogsOptions, io: CliIo): Promise<number> {
  let base: Omit<LogRequest, 'container'>;
  try {
    base = logRequestBase(opts);
  } catch (err) {
    const usage = err instanceof LogsFlagError && err.usage ? "See 'podscope --help' for usage.\n" : '';
    io.stderr.write(`error: ${(err as Error).message}\n${usage}`);
    return 1;
  }
  const pod = await source.getPod(opts.namespace, opts.pod);
  if (!pod) {
    io.stderr.write(`error: error from server (NotFound): pods "${opts.pod}" not found in namespace "${opts.namespace}"\n`);
    return 1;
  }
  let containers: string[];
  if (opts.allContainers) {
    const s = pod.spec;
    containers = [...(s?.initContainers ?? []), ...(s?.containers ?? []), ...(s?.ephemeralContainers ?? [])].map((c) => c.name);
  } else if (opts.container !== undefined) {
    // kubectl checks the name against the spec itself before it asks the server.
    const s = pod.spec;
    const known = [...(s?.containers ?? []), ...(s?.initContainers ?? []), ...(s?.ephemeralContainers ?? [])].some((c) => c.name === opts.container);
    if (!known) {
      io.stderr.write(`error: container ${opts.container} is not valid for pod ${opts.pod}\n`);
      return 1;
    }
    containers = [opts.container];
  } else {
    const d = defaultContainer(pod);
    if (d.note) io.stderr.write(d.note);
    containers = d.name === undefined ? [] : [d.name];
  }
  const prefixOf = (c: string): string => (opts.prefix ? `[pod/${opts.pod}/${c}] ` : '');
  const fail = (end: LogEnd): number => {
    if (end.kind === 'done') return 0;
    // A refusal from the server, as kubectl words a Status error; anything else is kubectl's plain error.
    io.stderr.write(end.reason ? `Error from server (${end.reason}): ${end.message}\n` : `error: ${end.message}\n`);
    return 1;
  };
  if (containers.length === 0) containers = [''];
  if (opts.follow && containers.length > 1) {
    // As kubectl: several followed containers are read at once, lines written as they come.
    const reads = containers.map((c) => readOne(source, opts, { ...base, container: c }, prefixOf(c), io));
    const until = opts.until?.then(() => reads.forEach((r) => r.stop()));
    void until;
    const ends = await Promise.all(reads.map((r) => r.done));
    const bad = ends.find((e) => e.kind === 'error');
    return bad ? fail(bad) : 0;
  }
  for (const c of containers) {
    const read = readOne(source, opts, { ...base, container: c }, prefixOf(c), io);
    void opts.until?.then(() => read.stop());
    const end = await read.done;
    if (end.kind === 'error') return fail(end);
  }
  return 0;
}
