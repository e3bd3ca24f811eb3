// The headless commands (`get pods`, `describe KIND`, `why pod`, `events`, `logs`, `timeline`): checked, then run against
// the chosen cluster, printed as kubectl prints them.
import { kindNamed } from '../kube/catalog/index.js';
import type { CliIo } from './io.js';
import type { CliOptions } from './options.js';
import { openSource, scopeOf } from './source.js';
import { usageError } from './usage.js';
import { ApiError } from '../kube/apiError.js';
import { errorText } from '../kube/errorText.js';
import { SelectorError } from '../kube/selectorError.js';
import { KubeRequestError } from '../source/kube/errors.js';

/** How long a headless one-shot lets the in-process simulator run before printing (simulated ms). */
const HEADLESS_SETTLE_MS = 30_000;

const OUTPUTS = ['table', 'wide', 'json', 'yaml'] as const;
type Output = (typeof OUTPUTS)[number];
const isOutput = (s: string): s is Output => (OUTPUTS as readonly string[]).includes(s);

/** `logs NAME` or `logs pod/NAME`: the pod's name; undefined for anything else. */
function logsPodName(first: string | undefined, rest: readonly string[]): string | undefined {
  if (first === undefined || rest.length > 0) return undefined;
  const slash = first.indexOf('/');
  if (slash < 0) return first;
  return kindNamed(first.slice(0, slash)) === 'Pod' && slash < first.length - 1 ? first.slice(slash + 1) : undefined;
}

export async function runHeadless(opts: CliOptions, io: CliIo): Promise<number> {
  const [cmd, kind, ...names] = opts.positionals;
  const isPods = (k: string | undefined): boolean => k !== undefined && kindNamed(k) === 'Pod';
  if (cmd === 'get' && !isPods(kind)) return usageError(io, `get: only "pods" is supported, got "${kind ?? ''}"`);
  const describeKind = cmd === 'describe' && kind !== undefined ? kindNamed(kind) : undefined;
  if (cmd === 'describe' && (describeKind === undefined || names.length !== 1)) return usageError(io, 'describe: usage: podscope describe KIND NAME [-n NS] (KIND: pod, deployment, replicaset, …)');
  if (cmd === 'timeline' && (!isPods(kind) || names.length !== 1)) return usageError(io, 'timeline: usage: podscope timeline pod NAME [-n NS] [--follow]');
  if (cmd === 'why' && (!isPods(kind) || names.length !== 1)) return usageError(io, 'why: usage: podscope why pod NAME [-n NS]');
  if (cmd === 'events' && kind !== undefined) return usageError(io, `events: unexpected argument "${kind}"`);
  const logPod = cmd === 'logs' ? logsPodName(kind, names) : undefined;
  if (cmd === 'logs' && logPod === undefined) return usageError(io, 'logs: usage: podscope logs POD [-c C] [-f] [-p] [--tail N] [--since D] [--timestamps] [--all-containers] [--prefix] [-n NS]');
  const output = opts.output ?? 'table';
  if (cmd === 'get' && !isOutput(output)) return usageError(io, `unknown output format "${output}"`);
  const opened = await openSource(opts, io, opts.follow ? undefined : HEADLESS_SETTLE_MS, true);
  if (typeof opened === 'number') return opened;
  try {
    const ns = scopeOf(opts, opened.source);
    if (cmd === 'get') {
      const { getPods } = await import('./getPods.js');
      return await getPods(opened.source, { namespace: ns, output: isOutput(output) ? output : 'table', labelSelector: opts.selector, names }, io);
    }
    if (cmd === 'describe') {
      const { describeCommand } = await import('./describeCommand.js');
      return await describeCommand(opened.source, describeKind!, ns ?? 'default', names[0]!, io);
    }
    if (cmd === 'why') {
      const { whyCommand } = await import('./why.js');
      return await whyCommand(opened.source, ns ?? 'default', names[0]!, io);
    }
    if (cmd === 'logs') {
      const { logsCommand } = await import('./logs.js');
      const until = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      const namespace = opts.namespace ?? opened.source.defaultNamespace();
      const { container, follow, previous, tail, since, timestamps, allContainers, prefix } = opts;
      return await logsCommand(opened.source, { namespace, pod: logPod!, container, follow, previous, tail, since, timestamps, allContainers, prefix, until }, io);
    }
    if (cmd === 'timeline') {
      const { timelineCommand } = await import('./timeline.js');
      const until = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      return await timelineCommand(opened.source, { namespace: opts.namespace ?? opened.source.defaultNamespace(), pod: names[0]!, follow: opts.follow, until }, io);
    }
    const { eventsCommand } = await import('./events.js');
    const until = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    return await eventsCommand(opened.source, { namespace: ns, forObject: opts.for, follow: opts.follow, until }, io);
  } catch (err) {
    const said = userError(err, opts);
    if (said === undefined) throw err;
    io.stderr.write(`podscope: ${said}\n`);
    return 1;
  } finally {
    opened.close();
  }
}

/**
 * A failure that is the user's input or the cluster's answer, not a bug in podscope: in
 * plain words (a selector typo names the selector). Undefined for anything else.
 */
function userError(err: unknown, opts: CliOptions): string | undefined {
  const code = err instanceof KubeRequestError ? err.code : err instanceof ApiError ? err.code : undefined;
  const isSelector = err instanceof SelectorError || (opts.selector !== undefined && code === 400);
  if (isSelector) return `invalid label selector "${opts.selector ?? ''}": ${errorText(err)}`;
  if (err instanceof KubeRequestError || err instanceof ApiError) return errorText(err);
  return undefined;
}
