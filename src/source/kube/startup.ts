// The start-up choice: no kubeconfig anywhere → the simulator; a kubeconfig that is broken,
// unreachable or refusing us → a StartupError the CLI prints (one paragraph, no stack) before
// exiting non-zero. Never a silent fallback.
import { parseGoDuration } from '../../kube/goDuration.js';
import type { ClusterSource } from '../types.js';
import { describeFailure } from './errors.js';
import { KubeconfigError, loadKubeconfig, locateKubeconfig, resolveContext, userSecrets, type ResolvedContext } from './kubeconfig.js';
import { scrubSecrets } from '../../kube/scrubSecrets.js';
import { KubeSource, type KubeSourceOptions } from './kubeSource.js';

export class StartupError extends Error {
  override name = 'StartupError';

  constructor(
    message: string,
    readonly file: string,
    readonly reason: string,
    readonly context?: string,
  ) {
    super(message);
  }
}

export interface StartupOptions {
  kubeconfig?: string;
  context?: string;
  /** -n: the namespace the start-up check lists pods in (default: the context's). */
  namespace?: string;
  /** -A: the start-up check lists pods across all namespaces. */
  allNamespaces?: boolean;
  env: NodeJS.ProcessEnv;
  homedir: string;
  /** --request-timeout, in milliseconds. */
  requestTimeoutMs?: number;
  /** Passed to the source (tests: short back-offs, immediate batches). */
  source?: KubeSourceOptions;
  /**
   * Hears of the cluster's source as soon as its start-up requests are sent, before their
   * answers (the TUI starts its pods watch and loads its modules meanwhile). A failed check
   * closes that source again, watches and all.
   */
  onConnecting?: (source: ClusterSource) => void;
}

export type StartupChoice = { kind: 'simulator'; reason: string } | { kind: 'kube'; source: ClusterSource };

const HINTS: Partial<Record<string, string>> = {
  unreachable: 'Is the cluster running, and is the server address in the kubeconfig right?',
  tls: "Check the cluster's certificate-authority(-data) in the kubeconfig.",
  unauthorized: "Check the user's token, token file, client certificate or exec plugin in the kubeconfig.",
  credentials: "Check the user's exec plugin or auth-provider in the kubeconfig (kubectl uses the same).",
  forbidden: 'Ask for list access to pods, or choose another namespace with -n.',
  timeout: 'The server may be overloaded or behind a slow network; --request-timeout sets how long to wait.',
};

/**
 * kubectl's --request-timeout: "0" (no timeout), a bare integer (seconds), or a Go-style
 * duration such as "30s", "1m30s", "500ms". Returns milliseconds; throws on anything else.
 */
export function parseRequestTimeout(text: string): number {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const ms = t === '' ? undefined : parseGoDuration(t);
  if (ms === undefined) throw new Error(`invalid --request-timeout "${text}": use a duration such as 30s, 1m or 0 for none`);
  return ms;
}

export async function resolveStartup(opts: StartupOptions): Promise<StartupChoice> {
  let context: ResolvedContext;
  try {
    const location = locateKubeconfig({ kubeconfig: opts.kubeconfig, env: opts.env, homedir: opts.homedir });
    if (location === undefined) {
      return { kind: 'simulator', reason: 'no kubeconfig found (no --kubeconfig, KUBECONFIG unset, no ~/.kube/config)' };
    }
    context = resolveContext(loadKubeconfig(location.paths), opts.context);
  } catch (err) {
    if (err instanceof KubeconfigError) {
      const ctx = err.context ? `, context "${err.context}"` : '';
      throw new StartupError(`podscope: cannot use kubeconfig ${err.file}${ctx}: ${err.reason}.`, err.file, err.reason, err.context);
    }
    throw err;
  }
  const files = context.files.join(', ');
  const where = `kubeconfig ${files}, context "${context.name}" (server ${context.server})`;
  let source: KubeSource | undefined;
  try {
    // The version and a one-pod LIST (kubectl's own first request: it proves the credentials
    // and list access in the scope) go out together; the version's failure is said first.
    const opened = await KubeSource.open(context, { ...opts.source, requestTimeoutMs: opts.requestTimeoutMs ?? opts.source?.requestTimeoutMs });
    source = opened.source;
    const namespace = opts.allNamespaces ? undefined : (opts.namespace ?? context.namespace);
    const listed = source.kubeClient.list('Pod', { namespace, limit: 1 });
    opts.onConnecting?.(source);
    const [version, check] = await Promise.allSettled([opened.version, listed]);
    if (version.status === 'rejected') throw version.reason;
    if (check.status === 'rejected') throw check.reason;
    return { kind: 'kube', source };
  } catch (err) {
    source?.close();
    const secrets = userSecrets(context.merged, context.userName);
    if (err instanceof KubeconfigError) {
      const reason = scrubSecrets(err.reason, secrets);
      throw new StartupError(`podscope: cannot use kubeconfig ${err.file}, context "${context.name}": ${reason}.`, err.file, reason, context.name);
    }
    const failure = describeFailure(err, context.server);
    const hint = HINTS[failure.kind];
    const reason = scrubSecrets(failure.message, secrets);
    throw new StartupError(`podscope: cannot use ${where}: ${reason}.${hint ? ` ${hint}` : ''}`, files, reason, context.name);
  }
}
